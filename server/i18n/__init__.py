"""More languages (issue 18): Norwegian bokmål is the source; English, Ukrainian, Arabic and
Polish are translations of it.

- `languages`: the site's languages and their addresses (`/en/…`, `/uk/…`; Norwegian at the root).
- `interface`: the interface's words, from gettext catalogues in `web/locale` (Babel).
- `content`: the content as a language shows it, from the translation files in the store, with
  a Norwegian fallback where a translation is missing or stale (never an old text).
- `templates`: one Jinja environment per language, so `{% trans %}` and `_()` speak it.
- `links`: the language switch and the hreflang links of a page, and how an offline pack
  leaves them out and the service worker puts them back.
- `status`: what `tiltakstrapp check` and `report` say about the translations.
- `routes`: «Du har rett til tolk» (`/tolk`, and in every language).
"""
