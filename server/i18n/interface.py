"""The interface's words in each language: gettext catalogues in `web/locale/<lang>/LC_MESSAGES/
messages.po`, made and kept up to date with Babel (the README has the commands).

The catalogues are compiled here, in memory, when the app starts (Babel's own `write_mo`, as
`pybabel compile` does; fuzzy entries are left out as it leaves them out): the `.po` file is the
only source, so no compiled file can be forgotten or go stale, and a fresh clone runs as it is.
Norwegian is the source language: its words are the message ids themselves.

Scripts get their words from the page (`links.words_block`): only the messages found in
`web/static/js`, in the page's language, so no page carries every language's words.
"""

import functools
import gettext
import io
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from server.i18n.languages import SITE_LANGUAGES, SOURCE

LOCALES = Path(__file__).resolve().parents[2] / "web" / "locale"
DOMAIN = "messages"
# A catalogue no person has checked says so in its Last-Translator header; the pages say so too.
MACHINE = "machine translation"
# Numbers to find, for each plural category of a language (CLDR), one number in it.
SAMPLES = range(0, 200)


def N_(message: str) -> str:  # gettext's name for "translate later"
    """Marks a message for the catalogues (`pybabel extract`); it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Interface:
    """One language's interface words."""

    code: str
    translations: gettext.NullTranslations
    script_words: dict[str, str | dict[str, str]]
    """The scripts' messages: id → text, or for a plural id → {CLDR category: text}."""
    machine: bool
    """Translated by machine and not checked by a person yet."""

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)


def catalogue_path(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def interface(code: str) -> Interface:
    """The interface in a language, compiled from its catalogue once per process."""
    if code == SOURCE or code not in SITE_LANGUAGES:
        return Interface(SOURCE, gettext.NullTranslations(), {}, machine=False)
    with catalogue_path(code).open("rb") as file:
        catalogue = read_po(file, locale=code, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    translations = Translations(compiled, domain=DOMAIN)
    words: dict[str, str | dict[str, str]] = {}
    for message in catalogue:
        if not message.id or message.fuzzy or not any(place.endswith(".js") for place, _ in message.locations):
            continue
        if isinstance(message.id, (tuple, list)):
            words[message.id[0]] = _plural_forms(translations, code, message.id[0], message.id[1])
        elif message.string and isinstance(message.id, str):
            words[message.id] = translations.gettext(message.id)
    machine = MACHINE in (catalogue.last_translator or "")
    return Interface(code, translations, words, machine)


def _plural_forms(translations: Translations, code: str, singular: str, plural: str) -> dict[str, str]:
    """The forms of a plural message by CLDR category, the categories `Intl.PluralRules` gives in
    the browser: the text gettext picks for a number of each category."""
    rule = Locale.parse(code).plural_form
    forms: dict[str, str] = {}
    for number in SAMPLES:
        forms.setdefault(rule(number), translations.ngettext(singular, plural, number))
    forms.setdefault("other", translations.ngettext(singular, plural, 5))
    return forms
