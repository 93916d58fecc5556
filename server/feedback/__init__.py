"""«Er noe feil?»: the public tells us when a page is wrong, with nothing that identifies them.

A plain POST form on every measure and situation page (no JavaScript, no cookie): «Var denne
siden nyttig? Ja / Nei», and a report with a reason and at most 1,000 characters of text. The
server checks the Origin, drops posts that fill the honeypot field, limits posts per client
address in memory, removes e-mail addresses, phone numbers and fødselsnummer from the text, and
appends the report to a file in the data folder with only the page and the time. Staff see the
reports per municipality in the editor; `tiltakstrapp feedback list|done` shows them too.
"""
