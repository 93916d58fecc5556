"""Usage counts with nothing personal: numbers per day and page, never people.

Counted: page views (a page the server sends, 200 or 304), «Var denne siden nyttig?» Ja and
Nei, and searches with and without a result. Not counted, and never stored or sent: search words,
addresses, user agents, cookies or any other identifier. Pages a person opens from the copy on
their device are not counted (the server never hears of them). `/om` says the same in plain words.
"""
