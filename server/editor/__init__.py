"""The editorial side, /redaksjon: municipal staff keep the content true (issue 15).

Accounts and sessions (`accounts`, `auth`), the items an editor can change (`items`), drafts,
review, publishing and history (`workflow`), and the pages (`routes`, templates beside them).
The public side never reads this package's data: it serves the catalogue built from what was
published.
"""
