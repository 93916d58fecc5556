"""One Jinja environment per language, behind Litestar's template engine.

A template named `en:pages/measure.html` renders in English: `{% trans %}`, `_()` and the
language's helpers (`p`, the address prefix; labels and dates from server/view.py) are globals
of that language's environment, so every macro speaks it too, also one imported without the
page's context. A name without a language (`pages/measure.html`, the editor's pages) renders in
Norwegian, the source language, whose words are the message ids themselves.

Each environment is made on first use, after the app has registered its filters and globals
(they are copied), with its own template cache: a compiled template belongs to one environment.
"""

import functools
from collections.abc import Callable
from pathlib import Path

from babel.lists import format_list
from jinja2 import Environment, TemplateNotFound
from jinja2 import Template as JinjaTemplate
from litestar.exceptions import TemplateNotFoundException
from litestar.plugins.jinja import JinjaTemplateEngine
from markupsafe import Markup, escape

from server import finder
from server.content.model import Municipality
from server.i18n import links
from server.i18n.content import MISSING, STALE
from server.i18n.interface import Interface, interface
from server.i18n.languages import SITE_LANGUAGES, SOURCE, prefix
from server.situations.local import LocalSituation
from server.view import in_its_language

I18N = "jinja2.ext.i18n"
Hook = Callable[[Environment, Interface], None]
TEMPLATES = Path(__file__).resolve().parent / "templates"
# Open Graph's locale of each language (a link preview in SMS, e-mail or Teams).
OG_LOCALES = {"nb": "nb_NO", "en": "en_GB", "uk": "uk_UA", "ar": "ar_AR", "pl": "pl_PL"}


def template_name(code: str, name: str) -> str:
    """The name that renders template `name` in language `code`."""
    return name if code == SOURCE else f"{code}:{name}"


class LanguageTemplates(JinjaTemplateEngine):
    """Litestar's Jinja engine, with an environment per language."""

    def __init__(self, directory: Path | list[Path] | None = None, engine_instance: Environment | None = None) -> None:
        super().__init__(directory, engine_instance)
        self.engine.add_extension(I18N)
        # Whitespace inside {% trans %} is made plain, so a message reads the same however the
        # template wraps it (babel.cfg extracts with the same setting).
        self.engine.policies["ext.i18n.trimmed"] = True
        self.hooks: list[Hook] = []
        self._environments: dict[str, Environment] = {}

    def on_language(self, hook: Hook) -> None:
        """Run `hook(environment, interface)` for every language's environment (Norwegian too)."""
        self.hooks.append(hook)

    def environment(self, code: str) -> Environment:
        found = self._environments.get(code)
        if found is not None:
            return found
        words = interface(code)
        if code == SOURCE:
            found = self.engine
        else:
            base = self.engine
            found = Environment(
                loader=base.loader,
                autoescape=base.autoescape,
                trim_blocks=base.trim_blocks,
                lstrip_blocks=base.lstrip_blocks,
                extensions=[I18N],
            )
            found.filters.update(base.filters)
            found.tests.update(base.tests)
            found.globals.update(base.globals)
            found.policies.update(base.policies)
        found.install_gettext_translations(words.translations, newstyle=True)  # type: ignore[attr-defined]
        for hook in self.hooks:
            hook(found, words)
        self._environments[code] = found
        return found

    def get_template(self, template_name: str) -> JinjaTemplate:
        code, colon, name = template_name.partition(":")
        if not colon or code not in SITE_LANGUAGES:
            code, name = SOURCE, template_name
        try:
            return self.environment(code).get_template(name)
        except TemplateNotFound as error:
            raise TemplateNotFoundException(template_name=template_name) from error


def page_helpers(base_url: str) -> Hook:
    """What base.html needs in each language: the direction of its script, the hreflang links and
    the switch for a page's Norwegian address, the scripts' words, and notes on fallbacks."""

    def install(env: Environment, words: Interface) -> None:
        env.globals.update(
            direction=SITE_LANGUAGES[words.code].direction,
            og_locale=OG_LOCALES[words.code],
            language_alternates=functools.partial(links.alternates, base_url=base_url),
            language_switch=functools.partial(links.switch, words=words),
            language_words=functools.partial(links.words_block, words),
            fallback_note=functools.partial(fallback_note, words=words),
            norwegian=functools.partial(norwegian, words=words),
            headline=functools.partial(finder.headline, words=words),
            suggested=functools.partial(suggested, words=words),
            other_situations=functools.partial(other_situations, words=words),
        )

    return install


def norwegian(text: str, words: Interface) -> Markup:
    """A text that is Norwegian on every page (an official name, a plan's title): marked as such
    on a page in another language."""
    if words.code == SOURCE:
        return escape(text)
    return Markup('<span lang="nb">{}</span>').format(text)


def _either(links: list[Markup], words: Interface) -> Markup:
    """«A, B eller C», in the language's way (js/search.js: Intl.ListFormat, the same CLDR rules)."""
    if words.code != SOURCE:
        return Markup(format_list([str(link) for link in links], style="or", locale=words.code))
    if len(links) > 1:
        return Markup(", ").join(links[:-1]) + Markup(" eller ") + links[-1]
    return Markup("").join(links)


def suggested(found: "finder.Findings", municipality: Municipality, words: Interface) -> Markup:
    """«Mente du A, B eller C?»: each close spelling as a link to its search."""
    here = prefix(words.code)
    links = [
        Markup('<a class="tt-finder__go" href="{}">{}</a>').format(here + found.address(municipality.slug, word), word)
        for word in found.suggestions
    ]
    return _either(links, words)


def other_situations(situations: list[LocalSituation], municipality: Municipality, words: Interface) -> Markup:
    """«Gjelder det heller: A, B?»: the other situations the words name, as links."""
    here = f"{prefix(words.code)}/{municipality.slug}/situasjon/"
    links = [
        Markup('<a href="{}">{}</a>').format(here + local.slug, in_its_language(local.situation.title))
        for local in situations
    ]
    return _either(links, words)


def fallback_note(text: object, words: Interface) -> Markup:
    """A plain note after a text shown in Norwegian because its translation is missing or stale
    ("" for any other text): the reader knows why, and never reads an old translation."""
    reason = getattr(text, "reason", None)
    if reason == MISSING:
        note = words.gettext("Denne teksten er ikke oversatt ennå, så du ser den på norsk.")
    elif reason == STALE:
        note = words.gettext(
            "Den norske teksten er endret, og oversettelsen er ikke oppdatert ennå, så du ser den på norsk."
        )
    else:
        return Markup("")
    return Markup(' <span class="tt-fallback">{}</span>').format(note)
