"""The parts the pages of an offline pack share, sent once per pack.

The share panel and the link-preview tags (`SharePacking`):

Every measure and step page has a share panel (components/share.html) and, in its <head>, the
canonical address and Open Graph tags. Both are the same markup on every page with a few of the
page's own values in it (its address, title, summary; the SMS text, percent-encoded). Written
into each of the ~200 pages of a pack, the values break up the repeated markup that brotli
would otherwise send as one reference: the two cost 12–19 KB brotli per copy (measured on
Elverum's packs, the most in Ukrainian), against a first visit's 150 KB budget.

So a pack sends each page with a mark where they were, the markup once per kind as a template
with {url}, {title}, … where the values go, and each page's values beside it;
service-worker/sw.js `withShare` fills them in exactly as `fill` does here, so the page stored
on the device is the page the server sends, byte for byte. A page whose parts are not exactly
what the templates give is sent whole.

The head files, the header, the helpline bar, the footer and the like (`RepeatedParts`), which
are the same on every page but for the page's own address; and `unpacked`, a page put back as
the worker does it, for tests.
"""

import html
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from jinja2 import Environment
from markupsafe import escape

from server.i18n.links import PATH

PANEL_MARK = "<!--tt-share-->"
META_MARK = "<!--tt-preview-->"
FIELDS = ("url", "title", "text", "description", "qr", "kommune", "slug")
"""A page's values, in the order a pack lists them (`SharePacking.strip`)."""
PLACE = re.compile(r"\{(url|title|text|description|qr|kommune|slug|sms)\}")
ACTIONS = re.compile(
    r'<div class="tt-share__actions" data-module="share" data-url="([^"]*)" data-title="([^"]*)" data-text="([^"]*)">'
)
SAVE = re.compile(r'data-kommune="([^"]*)" data-slug="([^"]*)"')
QR = re.compile(r'<span class="tt-share__slot" data-src="([^"]*)"')
DESCRIPTION = re.compile(r'<meta property="og:description" content="([^"]*)">')


def sms_text(values: dict[str, str]) -> str:
    """The body of the «Send som SMS» link, as Jinja's `urlencode` filter writes it."""
    return quote(values["text"] + " " + values["url"], safe="/")


def fill(template: str, values: dict[str, str]) -> str:
    """A template with a page's values in it: escaped as Jinja escapes them, in one pass (a value
    that holds «{url}» is not filled in again)."""
    return PLACE.sub(lambda found: sms_text(values) if found[1] == "sms" else str(escape(values[found[1]])), template)


@dataclass
class SharePacking:
    """The share panels and preview tags of one pack's pages (one language)."""

    environment: Environment
    templates: dict[str, str] = field(default_factory=dict)

    def _template(self, key: str) -> str:
        """The markup for one kind: «meta», or a panel «p<qr><save><print>» with 1/0 for each."""
        if key not in self.templates:
            module = self.environment.get_template("components/share.html").module
            names = {name: "{" + name + "}" for name in FIELDS}
            if key == "meta":
                text = module.share_meta(names["url"], names["title"], names["description"])  # type: ignore[attr-defined]
            else:
                qr, save, printable = (flag == "1" for flag in key[1:])
                text = module.share_panel(  # type: ignore[attr-defined]
                    names["url"],
                    names["title"],
                    names["text"],
                    names["qr"] if qr else "",
                    kommune=names["kommune"] if save else "",
                    slug=names["slug"] if save else "",
                    printable=printable,
                )
            self.templates[key] = str(text).replace(sms_text({"text": "{text}", "url": "{url}"}), "{sms}")
        return self.templates[key]

    def strip(self, body: str) -> tuple[str, list[str | int] | None]:
        """The page without its share panel and preview tags, and its values; (body, None) when
        it has none, or it is not exactly what the templates give. The values: the panel's
        kind (a key of `templates`), 1 if the preview tags were taken out too, then `FIELDS`."""
        actions = ACTIONS.search(body)
        if actions is None:
            return body, None
        url, title, text = (html.unescape(value) for value in actions.groups())
        save = SAVE.search(body, actions.end(), body.find("</div>", actions.end()))
        qr = QR.search(body, actions.end())
        description = DESCRIPTION.search(body)
        values = {
            "url": url,
            "title": title,
            "text": text,
            "description": html.unescape(description[1]) if description else "",
            "qr": html.unescape(qr[1]) if qr else "",
            "kommune": html.unescape(save[1]) if save else "",
            "slug": html.unescape(save[2]) if save else "",
        }
        for printable in "10":
            kind = f"p{int(bool(qr))}{int(bool(save))}{printable}"
            panel = fill(self._template(kind), values)
            if panel in body:
                body = body.replace(panel, PANEL_MARK, 1)
                break
        else:
            return body, None
        meta = fill(self._template("meta"), values)
        with_meta = bool(description) and meta in body
        if with_meta:
            body = body.replace(meta, META_MARK, 1)
        return body, [kind, int(with_meta), *(values[name] for name in FIELDS)]


# Parts every page of a pack has alike, but for the page's own Norwegian address (PATH).
REPEATED = {
    "head": re.compile(r'<meta name="color-scheme".*?</script>', re.S),
    "top": re.compile(r'<a class="tt-skip-link".*?</div>', re.S),
    "header": re.compile(r'<header class="tt-header">.*?</header>', re.S),
    "helpbar": re.compile(r'<aside class="tt-helpbar".*?</aside>', re.S),
    "feedback": re.compile(r'<section class="tt-feedback".*?</section>', re.S),
    "translation": re.compile(r'<div class="tt-translation" role="note">.*?\n</div>', re.S),
    "footer": re.compile(r'<footer class="tt-footer">.*?</footer>', re.S),
}


@dataclass
class RepeatedParts:
    """The files a page links in <head>, the quick exit, the header, the helpline bar, «Er noe
    feil?», the note that a page is translated and the footer: the same on (nearly) every page
    of a pack, yet ~5 KB brotli over a Ukrainian copy (each page's own text around them costs
    brotli a new reference each time). A page sends a mark for each, and the pack has each kind
    once, as chrome the worker puts back (server/i18n/links.py `PackChrome`), before the marks
    inside them (the header holds the language switch's); a page whose part is unlike the
    others' (the front page's footer) has a mark of its own kind."""

    templates: dict[str, str] = field(default_factory=dict)
    marks: dict[str, str] = field(default_factory=dict)
    """template → its mark"""

    def strip(self, body: str, here: str) -> str:
        """The page whose Norwegian address is `here`, without the parts it shares."""
        for name, pattern in REPEATED.items():
            found = pattern.search(body)
            if found is None:
                continue
            template = found[0].replace(f'href="{here}"', f'href="{PATH}"')
            mark = self.marks.setdefault(template, f"<!--tt-{name}-{len(self.marks)}-->")
            self.templates[mark] = template
            body = body[: found.start()] + mark + body[found.end() :]
        return body


def unpacked(pack: dict[str, Any], entry: list[Any]) -> str:
    """A page of a pack as the worker stores it (service-worker/sw.js `withChrome`, `withShare`):
    the chrome's templates in order, with PATH the page's Norwegian address, then the share
    panel and the preview tags from the page's values. For tests, which compare it with the page
    the server sends."""
    path, _, body, *rest = entry
    here = path[len(pack.get("prefix", "")) :] or "/"
    for mark, template in pack.get("chrome", {}).items():
        body = body.replace(mark, template.replace(PATH, here), 1)
    if rest:
        kind, with_meta, *fields = rest[0]
        values = dict(zip(FIELDS, fields, strict=True))
        body = body.replace(PANEL_MARK, fill(pack["share"][kind], values), 1)
        if with_meta:
            body = body.replace(META_MARK, fill(pack["share"]["meta"], values), 1)
    return str(body)
