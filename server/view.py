"""What the templates need beyond the content: plain labels, dates and glossary links.

Labels live here, not in templates, so every page words the same thing the same way and tests
can import them. They are written in Norwegian, the source language, and marked with `N_` for
the interface catalogues (web/locale); the helpers take the language's `Interface` (Norwegian
when none is given). `register(env)` puts the helpers into the Jinja environment, and
`language_helpers` gives each language's environment its own (server/i18n/templates.py).
"""

import datetime
import functools
import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from babel.dates import format_date
from babel.lists import format_list
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from server.catalogue import Catalogue, MunicipalityIndex
from server.content.model import Access, Audience, DecidedBy, GlossaryTerm, Kind, Measure, Municipality, Step
from server.i18n.content import shown_lang
from server.i18n.interface import N_, Interface, interface
from server.i18n.languages import SITE_LANGUAGES, SOURCE, prefix

NB = interface(SOURCE)


ACCESS_LABELS = {
    Access.OPEN: N_("Åpent for alle"),
    Access.CONTACT: N_("Ta kontakt selv"),
    Access.REFERRAL: N_("Trenger henvisning"),
    Access.APPLICATION: N_("Du må søke"),
    Access.DECIDED: N_("Ikke noe du søker om"),
}
ACCESS_EXPLANATIONS = {
    Access.OPEN: N_("Tilbudet er åpent for alle. Du trenger ikke søke eller ha en henvisning."),
    Access.CONTACT: N_("Du tar kontakt selv. Du trenger ikke søke eller ha en henvisning."),
    Access.REFERRAL: N_("Du trenger en henvisning. Det betyr at for eksempel fastlegen ber tjenesten om å hjelpe deg."),
    Access.APPLICATION: N_("Du må søke. Kommunen gjør et vedtak, det vil si en skriftlig avgjørelse om hva du får."),
    Access.DECIDED: N_("Dette er ikke noe du søker om. Det blir bestemt for barnet og familien."),
}
# What is decided for a family, by whom, in plain words (issue 14: never «Du må søke»).
DECIDED_LABELS = {
    DecidedBy.BARNEVERNET: N_("Barnevernet bestemmer"),
    DecidedBy.NEMNDA: N_("Nemnda bestemmer"),
    DecidedBy.PPT: N_("PPT vurderer"),
}
DECIDED_EXPLANATIONS = {
    DecidedBy.BARNEVERNET: N_(
        "Dette er ikke noe du søker om. Barnevernet bestemmer det i et vedtak, helst sammen med familien. "
        "Barnet har rett til å si hva det mener."
    ),
    DecidedBy.NEMNDA: N_(
        "Dette er ikke noe du søker om. Barneverns- og helsenemnda bestemmer det. "
        "Foreldrene har rett til advokat, og det koster dem ingenting."
    ),
    DecidedBy.PPT: N_(
        "Dette er ikke noe du søker om. PPT (pedagogisk-psykologisk tjeneste) vurderer hva barnet trenger. "
        "Så bestemmer kommunen i et vedtak."
    ),
}
AUDIENCE_LABELS = {
    Audience.BARN: N_("barn"),
    Audience.UNGDOM: N_("ungdom"),
    Audience.FORELDRE: N_("foreldre"),
    Audience.GRAVIDE: N_("gravide"),
    Audience.ANSATTE: N_("ansatte som jobber med barn"),
    Audience.SYSTEM: N_("kommunens eget arbeid"),
}
MONTHS = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
]
# Under the ways to get in touch when a measure has no number or address of its own: the
# municipality's web site and the national routes above it are the next step (issue 17).
NO_OWN_CONTACT = N_(
    "Vi har ikke eget nummer til dette tilbudet. Du kan også spørre helsestasjonen, skolen eller fastlegen."
)


# Every badge a script may need to show (search results, the saved list): each way to get help,
# and what is decided by each decider. (access, words, decided_by value or "").
BADGE_VARIANTS = [(access, ACCESS_LABELS[access], "") for access in Access if access != Access.DECIDED] + [
    (Access.DECIDED, label, decider.value) for decider, label in DECIDED_LABELS.items()
]


def norwegian_date(date: datetime.date) -> str:
    """22. november 2026."""
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"


def long_date(date: datetime.date, words: Interface = NB) -> str:
    """The date as the language writes it in running text: 22. november 2026, November 22, 2026."""
    return norwegian_date(date) if words.code == SOURCE else format_date(date, format="long", locale=words.code)


def join_words(words: Iterable[str], say: Interface = NB) -> str:
    """barn, ungdom og foreldre (each language's own way: «a, b, and c», «a وb وc»)."""
    items = list(words)
    if say.code != SOURCE and items:
        return format_list(items, locale=say.code)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"


def age_text(age_from: int | None, age_to: int | None, words: Interface = NB) -> str:
    """The age range in words, or "" when the plan gives none."""
    if age_from is not None and age_to is not None:
        if age_from == age_to:
            return words.ngettext("%(num)d år", "%(num)d år", age_from) % {"num": age_from}
        return words.gettext("fra %(from)d til %(to)d år") % {"from": age_from, "to": age_to}
    if age_from is not None:
        return words.gettext("fra %(from)d år") % {"from": age_from}
    if age_to is not None:
        return words.gettext("opp til %(to)d år") % {"to": age_to}
    return ""


def audience_text(measure: Measure, words: Interface = NB) -> str:
    """Who a measure is for, as the start of a sentence: "Barn og foreldre, fra 6 til 16 år".
    Staff come last: «Ansatte som jobber med barn og foreldre» reads as staff only (issue 17)."""
    ordered = sorted(measure.audience, key=lambda item: item == Audience.ANSATTE)
    text = join_words((words.gettext(AUDIENCE_LABELS[item]) for item in ordered), words)
    ages = age_text(measure.age_from, measure.age_to, words)
    text = f"{text}, {ages}" if ages else text
    return text[:1].upper() + text[1:]


def is_system(measure: Measure) -> bool:
    """Work the municipality does itself, kept apart from what families use."""
    return measure.kind == Kind.SYSTEM


def family_groups(step: Step) -> list[tuple[str, list[Measure]]]:
    """The step's groups with only the help families can use; empty groups left out."""
    groups = [(group.name, [m for m in group.measures if m.kind == Kind.SERVICE]) for group in step.groups]
    return [(name, measures) for name, measures in groups if measures]


def system_measures(step: Step) -> list[Measure]:
    """The step's measures that describe how the municipality works."""
    return [measure for group in step.groups for measure in group.measures if is_system(measure)]


def plan_measures(step: Step) -> list[Measure]:
    """What the municipality is working on (a plan's goal, not help anyone can use today)."""
    return [measure for group in step.groups for measure in group.measures if measure.kind == Kind.PLAN]


def step_accesses(step: Step) -> list[tuple[Access, int]]:
    """How people get the help on a step, from its measures: each way and how many use it, in
    the order of the ladder (open first). A step's badge summarises its measures, so it cannot
    say «Ta kontakt selv» while some of them need an application (issue 17)."""
    counts = {access: 0 for access in Access}
    for _, measures in family_groups(step):
        for measure in measures:
            counts[measure.access] += 1
    return [(access, count) for access, count in counts.items() if count]


def badge_label(measure: Measure, words: Interface = NB) -> str:
    """The access badge's words for a measure: who decides, for what no one applies for."""
    if measure.access == Access.DECIDED and measure.decided_by is not None:
        return words.gettext(DECIDED_LABELS[measure.decided_by])
    return words.gettext(ACCESS_LABELS[measure.access])


def access_text(measure: Measure, words: Interface = NB) -> str:
    """How to get the help, in plain sentences, for the measure page."""
    if measure.access == Access.DECIDED and measure.decided_by is not None:
        return words.gettext(DECIDED_EXPLANATIONS[measure.decided_by])
    return words.gettext(ACCESS_EXPLANATIONS[measure.access])


def also_text(steps: Iterable[int], words: Interface = NB) -> str:
    """Where else a search result's service is: "Også på trinn 3 og 5" (js/search.js says the same)."""
    return words.gettext("Også på trinn %(steps)s") % {"steps": join_words((str(step) for step in steps), words)}


def count_text(count: int, words: Interface = NB) -> str:
    """The number of measures in words; "tilbud" is the same in singular and plural."""
    return words.ngettext("%(num)d tilbud", "%(num)d tilbud", count) % {"num": count}


def has_own_contact(measure: Measure) -> bool:
    """Whether the measure has a number, e-mail or web address of its own."""
    contact = measure.contact
    return bool(contact.phone or contact.email or contact.web)


def source_title(municipality: Municipality, document: str) -> str:
    """The title of a plan document by its file name, or the file name when unlisted."""
    return next((source.title for source in municipality.sources if source.document == document), document)


def neighbours(index: MunicipalityIndex, step: Step) -> tuple[Step | None, Step | None]:
    """The steps before and after this one."""
    return index.step(step.number - 1), index.step(step.number + 1)


class TermMarker:
    """Links the first use of each glossary term in a text to its entry in /ordliste.

    Abbreviations (all capitals, e.g. PPT, COS-P) are linked wherever they appear, and match
    only as written. Ordinary words in the glossary (helsestasjon, vedtak) are linked only where
    the text's measure lists them in `terms`: linking every "helsestasjon" on a page is noise.
    """

    def __init__(self, glossary: Mapping[str, GlossaryTerm], language: str = SOURCE) -> None:
        self.prefix = prefix(language)  # links go to the glossary in the page's language
        self.words = interface(language)
        self.by_form: dict[str, GlossaryTerm] = {}
        forms: list[str] = []
        for term in glossary.values():
            for form in (term.term, *term.aliases):
                key = form if form.isupper() else form.casefold()
                if form and key not in self.by_form:
                    self.by_form[key] = term
                    forms.append(form)
        # Longest first, so "COS-P" wins over a shorter form at the same place.
        forms.sort(key=len, reverse=True)
        parts = [re.escape(f) if f.isupper() else f"(?i:{re.escape(f)})" for f in forms]
        alternatives = "|".join(parts) or "(?!)"
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w])")

    def term_for(self, found: str) -> GlossaryTerm | None:
        return self.by_form.get(found) or self.by_form.get(found.casefold())

    def mark(self, text: str, skip: str = "", words: Collection[str] = ()) -> Markup:
        """The text, escaped, with the first use of each abbreviation and of each glossary
        word in `words` (slugs) linked; `skip` is a slug never to link (the entry itself)."""
        seen = {skip}
        out: list[str] = []
        last = 0
        for match in self.pattern.finditer(text):
            found = match.group(0)
            term = self.term_for(found)
            if term is None or term.slug in seen or not (found.isupper() or term.link_everywhere or term.slug in words):
                continue
            seen.add(term.slug)
            out.append(escape(text[last : match.start()]))
            out.append(self._link(term, found))
            last = match.end()
        out.append(escape(text[last:]))
        return Markup("".join(out))

    def card_note(self, *texts: str) -> str:
        """One plain line that explains each abbreviation in a card's title and summary, e.g.
        "PPT betyr pedagogisk-psykologisk tjeneste." A card is one big link, so it cannot link
        to the glossary as a page's text does; "" when there is nothing to explain."""
        text = " ".join(texts)
        folded = text.casefold()
        notes: dict[str, str] = {}
        for match in self.pattern.finditer(text):
            found = match.group(0)
            term = self.term_for(found)
            if term is None or not found.isupper() or found in notes:
                continue
            if term.expansion and term.expansion.casefold() in folded:
                continue  # already spelled out
            if term.expansion:
                meaning = {"term": found, "meaning": in_sentence(term.expansion)}
                notes[found] = self.words.gettext("%(term)s betyr %(meaning)s.") % meaning
            else:
                notes[found] = f"{found}: {first_sentence(term.explanation)}"
        return " ".join(notes.values())

    def _link(self, term: GlossaryTerm, shown: str) -> Markup:
        inner = escape(shown)
        if term.expansion:
            inner = Markup('<abbr title="{}">{}</abbr>').format(term.expansion, shown)
        return Markup('<a class="tt-term" href="{}/ordliste#{}">{}</a>').format(self.prefix, term.slug, inner)


def in_sentence(expansion: str) -> str:
    """An expansion inside a sentence: "Skolefritidsordning" → "skolefritidsordning", while a
    name with more capitals ("Circle of Security – Parenting") stays as it is."""
    if any(word[:1].isupper() for word in expansion.split()[1:]):
        return expansion
    return expansion[:1].lower() + expansion[1:]


def first_sentence(text: str) -> str:
    """The text up to and including its first full stop (or all of it)."""
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def term_marker(catalogue: Catalogue) -> TermMarker:
    """The catalogue's marker, built once per publish."""
    marker: TermMarker | None = catalogue.cache.get("term-marker")
    if marker is None:
        marker = catalogue.cache["term-marker"] = TermMarker(catalogue.glossary, catalogue.language)
    return marker


@pass_context
def explain_terms(context: Context, text: str, skip: str = "", words: Collection[str] = ()) -> Markup:
    """Jinja filter: `{{ text | explain_terms }}`; pages get `terms` (a TermMarker) in context."""
    marker: TermMarker | None = context.get("terms")
    html = in_its_language(text, marker.mark(text, skip, words) if marker else escape(text))
    return numbers_left_to_right(html) if context.get("direction") == "rtl" else html


def in_its_language(text: str, html: Markup | None = None) -> Markup:
    """A text as HTML; one that is not in the page's language (a Norwegian fallback, an English
    description on a Ukrainian page) says which it is in, so a screen reader speaks it right
    (WCAG 3.1.2, language of parts)."""
    html = escape(text) if html is None else html
    lang = shown_lang(text)
    return Markup('<span lang="{}">{}</span>').format(lang, html) if lang else html


# A number written in groups («116 111», «62 43 30 00»). In right-to-left text the groups would
# be shown in the opposite order (Unicode bidi rule N1: the space between two numbers takes the
# paragraph's direction), so «116 111» would read «111 116»: a wrong number to call.
GROUPED_NUMBER = re.compile(r"(?<![\w])\d+(?:[ \u00a0]\d+)+(?![\w])")


def numbers_left_to_right(html: Markup) -> Markup:
    """On a right-to-left page, each grouped number kept left to right as one piece."""
    return Markup(GROUPED_NUMBER.sub(lambda match: f'<span dir="ltr">{match.group(0)}</span>', str(html)))


def register(env: Environment) -> None:
    """Make the helpers that speak no language available to every template."""
    env.filters.update(explain_terms=explain_terms, shown=in_its_language)
    env.globals["in_its_language"] = in_its_language
    env.globals.update(
        accesses=list(Access),  # every access badge, for templates that scripts fill in (search)
        family_groups=family_groups,
        system_measures=system_measures,
        plan_measures=plan_measures,
        step_accesses=step_accesses,
        is_system=is_system,
        source_title=source_title,
        has_own_contact=has_own_contact,
    )


def language_helpers(env: Environment, words: Interface) -> None:
    """The helpers that speak, in the language of `env` (server/i18n/templates.py)."""
    say = words.gettext

    def bound(function: Any) -> Any:
        return functools.partial(function, words=words)

    rtl = SITE_LANGUAGES[words.code].direction == "rtl"

    def shown(text: str) -> Markup:
        html = in_its_language(text)
        return numbers_left_to_right(html) if rtl else html

    def ltr(text: str) -> Markup:
        """A number or address kept left to right on a right-to-left page."""
        return Markup('<span dir="ltr">{}</span>').format(text) if rtl else escape(text)

    env.filters.update(
        norwegian_date=bound(long_date), long_date=bound(long_date), audience_text=bound(audience_text), shown=shown
    )
    env.globals["ltr"] = ltr
    env.globals.update(
        lang=words.code,
        p=prefix(words.code),  # in front of every address of the site: "" or "/en"
        access_label=lambda access: say(ACCESS_LABELS[access]),
        badge_variants=[(access, say(label), decided) for access, label, decided in BADGE_VARIANTS],
        access_explanation=lambda access: say(ACCESS_EXPLANATIONS[access]),
        age_text=bound(age_text),
        count_text=bound(count_text),
        also_text=bound(also_text),
        badge_label=bound(badge_label),
        access_text=bound(access_text),
        NO_OWN_CONTACT=say(NO_OWN_CONTACT),
    )
