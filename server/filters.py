"""Search filters: age group, who it is for, topic and "uten søknad". A plain GET form, so the
state lives in the URL; the browser applies the same rules (web/static/js/search-engine.js)."""

from dataclasses import dataclass

from server.catalogue import Placed
from server.content.model import Access, Audience
from server.i18n.interface import N_

AGE_GROUPS: dict[str, tuple[int, int]] = {"0-5": (0, 5), "6-12": (6, 12), "13-17": (13, 17), "18-25": (18, 25)}
AGE_LABELS = {"0-5": N_("0–5 år"), "6-12": N_("6–12 år"), "13-17": N_("13–17 år"), "18-25": N_("18–25 år")}
AUDIENCE_GROUPS: dict[str, frozenset[Audience]] = {
    "barn-og-unge": frozenset({Audience.BARN, Audience.UNGDOM}),
    "foreldre": frozenset({Audience.FORELDRE}),
    "gravide": frozenset({Audience.GRAVIDE}),
    "ansatte": frozenset({Audience.ANSATTE}),
}
AUDIENCE_LABELS = {
    "barn-og-unge": N_("Barn og unge"),
    "foreldre": N_("Foreldre"),
    "gravide": N_("Gravide"),
    "ansatte": N_("Ansatte"),
}
OPEN_ACCESS = frozenset({Access.OPEN, Access.CONTACT})


@dataclass(frozen=True)
class Filters:
    """The filters a person chose; unknown values are ignored rather than refused."""

    age: str = ""
    audience: str = ""
    topic: str = ""
    open_access: bool = False

    @classmethod
    def parse(cls, age: str, audience: str, topic: str, open_access: str, topics: set[str]) -> "Filters":
        return cls(
            age=age if age in AGE_GROUPS else "",
            audience=audience if audience in AUDIENCE_GROUPS else "",
            topic=topic if topic in topics else "",
            open_access=open_access in {"1", "on", "ja", "true"},
        )

    @property
    def active(self) -> bool:
        return bool(self.age or self.audience or self.topic or self.open_access)

    def accepts(self, placed: Placed) -> bool:
        """Whether a measure passes every chosen filter. A measure with no age limit fits every age."""
        measure = placed.measure
        if self.age:
            low, high = AGE_GROUPS[self.age]
            from_, to = measure.age_from or 0, 30 if measure.age_to is None else measure.age_to
            if to < low or from_ > high:
                return False
        if self.audience and not AUDIENCE_GROUPS[self.audience] & set(measure.audience):
            return False
        if self.topic and self.topic not in measure.topics:
            return False
        return not (self.open_access and measure.access not in OPEN_ACCESS)
