"""The parts of a page that name the same page in every language: the hreflang links in <head>
(complete and reciprocal: every page exists in every language, so every page names all five and
x-default, the Norwegian) and the language switch, each language in its own name.

Both depend only on the page's Norwegian address and its language, so an offline pack sends
each page without them, and the service worker puts them back from one template per pack
(`PackChrome`): written into each of the ~200 pages of a pack they would add ~10 KB brotli to
the copy a first visit downloads (measured on Elverum's pack), against its 150 KB budget.
"""

import json
import re
from dataclasses import dataclass

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from server.i18n.interface import Interface
from server.i18n.languages import SITE_LANGUAGES, SOURCE, localized

PATH = "{path}"
"""Where the worker puts a page's Norwegian address in a pack's templates."""
ALTERNATES_MARK = "<!--tt-alternates-->"
SWITCH_MARK = "<!--tt-languages-->"
WORDS_MARK = "<!--tt-words-->"
NORWEGIAN_MARK = "<!--tt-norwegian-description-->"
# A measure's description in Norwegian, beside the English, on a page in a language that does
# not translate descriptions (Ukrainian, Arabic, Polish).
NORWEGIAN_DESCRIPTION = re.compile(
    r'(?<=<details class="tt-details tt-choice__item" data-lang="nb">\n).*?(?=\n *</details>)', re.S
)
# A globe: the sign for «language» people know without reading the word.
GLOBE = (
    '<svg class="tt-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
    '<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18"/></svg>'
)


def alternates(path: str, base_url: str) -> Markup:
    """The page in every language, for search engines: one `<link rel="alternate">` per
    language and x-default (the Norwegian, the source)."""
    links = [
        Markup('<link rel="alternate" hreflang="{}" href="{}">').format(code, base_url + localized(path, code))
        for code in SITE_LANGUAGES
    ]
    links.append(Markup('<link rel="alternate" hreflang="x-default" href="{}">').format(base_url + path))
    return Markup("\n").join(links)


def switch(path: str, words: Interface) -> Markup:
    """The language switch: a disclosure (works without JavaScript) with a plain link to the same
    page in each language, in that language's own name; js/main.js remembers the choice
    on the device. The summary says «Language» in English too, for whoever cannot read the page."""
    label = escape(words.gettext("Språk"))
    if words.code != "en":
        label += Markup(' <span lang="en">· Language</span>')
    items = []
    for code, language in SITE_LANGUAGES.items():
        current = Markup(' aria-current="true"') if code == words.code else Markup("")
        direction = Markup(' dir="rtl"') if language.direction == "rtl" else Markup("")
        items.append(
            Markup('<li><a class="tt-languages__link" href="{}" hreflang="{}" lang="{}"{}{}>{}</a></li>').format(
                localized(path, code), code, code, direction, current, language.own_name
            )
        )
    return Markup(
        '<details class="tt-languages">'
        '<summary class="tt-languages__summary">{}<span>{}</span></summary>'
        '<ul class="tt-languages__list">{}</ul></details>'
    ).format(Markup(GLOBE), label, Markup("").join(items))


def words_block(words: Interface) -> Markup:
    """The scripts' words for a page in another language than Norwegian (js/main.js reads it), as a JSON
    data block: no script runs from it, so the CSP allows it. As UTF-8, not \\u escapes (half the
    bytes in Ukrainian and Arabic); <, >, & and ' are escaped, so it stays data. "" in Norwegian."""
    if not words.script_words:
        return Markup("")
    data = htmlsafe_json_dumps(words.script_words, dumps=json.dumps, ensure_ascii=False, sort_keys=True)
    return Markup('<script type="application/json" id="tt-words">{}</script>').format(data)


@dataclass(frozen=True)
class PackChrome:
    """How a pack in one language sends its pages without the parts above, and how the worker
    puts them back: a page's text `mark` becomes `template` with {path} its Norwegian address."""

    prefix: str
    alternates: str
    switch: str
    words: str
    norwegian_description: str
    """In Ukrainian, Arabic and Polish: what the copy has in place of a measure's Norwegian
    description when it has the English one (see `strip`); "" in Norwegian and English."""
    reading: re.Pattern[str] | None
    """In Ukrainian, Arabic and Polish: «How we have read the plan», which is in English (or
    Norwegian) there; the copy links the page in that language instead (see `strip`)."""

    @classmethod
    def build(cls, words: Interface, base_url: str) -> "PackChrome":
        return cls(
            localized("", words.code),
            str(alternates(PATH, base_url)),
            str(switch(PATH, words)),
            str(words_block(words)),
            "" if SITE_LANGUAGES[words.code].full else str(norwegian_on_its_page(words)),
            None if SITE_LANGUAGES[words.code].full else reading_note(words),
        )

    def strip(self, body: str, path: str, words: Interface, base_url: str) -> str:
        """The page at `path` (in this pack's language) without its hreflang links, its switch
        and its scripts' words."""
        here = path[len(self.prefix) :] or "/"
        body = body.replace(str(alternates(here, base_url)), ALTERNATES_MARK, 1)
        body = body.replace(str(switch(here, words)), SWITCH_MARK, 1)
        if self.norwegian_description and 'data-lang="en" open>' in body:
            # Both descriptions would be a third of the copy's measure pages (~11 KB brotli in
            # Ukrainian, over its budget): the copy has the English, and the Norwegian one is a
            # link to the Norwegian page, as the note at the top of the page has it.
            body = NORWEGIAN_DESCRIPTION.sub(NORWEGIAN_MARK, body, count=1)
        if self.reading is not None:
            # ~4 KB more of English in a Ukrainian copy: how we read a plan, for the curious
            # and for staff, is one tap away on the English (or Norwegian) page.
            body = self.reading.sub(lambda found: found[1] + READING_MARKS[found[2]], body, count=1)
        return body.replace(self.words, WORDS_MARK, 1) if self.words else body

    def templates(self) -> dict[str, str]:
        """What the worker writes in place of each mark (service-worker/sw.js `storePack`)."""
        marks = {ALTERNATES_MARK: self.alternates, SWITCH_MARK: self.switch}
        if self.norwegian_description:
            marks[NORWEGIAN_MARK] = self.norwegian_description
        if self.reading is not None:
            for code, mark in READING_MARKS.items():
                language = SITE_LANGUAGES[code]
                link = Markup('<a href="{}" hreflang="{}" lang="{}">{}</a>')
                marks[mark] = str(link.format(localized(PATH, code), code, code, language.own_name))
        return {**marks, WORDS_MARK: self.words} if self.words else marks


READING_MARKS = {code: f"<!--tt-reading-{code}-->" for code in ("en", SOURCE)}


def reading_note(words: Interface) -> re.Pattern[str]:
    """A measure's «How we have read the plan» in English or Norwegian, in a language that does
    not translate it: the label (group 1) and the language of the note (group 2)."""
    # As Jinja's i18n writes it: the message itself as markup, only the note escaped.
    label = re.escape(words.gettext("Slik har vi lest det: %(note)s").split("%(note)s")[0])
    return re.compile(rf'(<p>{label})<span lang="(en|nb)">[^<]*</span>(?=</p>)')


def norwegian_on_its_page(words: Interface) -> Markup:
    """A measure's Norwegian description in an offline copy in Ukrainian, Arabic or Polish: the
    choice's summary, and a link to the Norwegian page, where the description is."""
    return Markup(
        '      <summary class="tt-details__summary" lang="nb">{}</summary>\n'
        '      <div class="tt-details__body"><p><a href="{}" hreflang="nb">{}</a></p></div>'
    ).format(SITE_LANGUAGES[SOURCE].own_name, PATH, words.gettext("Les siden på norsk"))


def norwegian_link(path: str) -> str:
    """The address of the Norwegian page a translated page translates."""
    return localized(path, SOURCE)
