"""Which Host headers the app answers: one rule for every request, pre-rendered or not.

`TILTAKSTRAPP_ALLOWED_HOSTS` lists names (`tiltak.elverum.kommune.no`), wildcards for
sub-domains (`*.elverum.kommune.no`) or `*` for any. The port is not part of the rule, as in
Django's ALLOWED_HOSTS: a proxy on `:8443` forwards `Host: tiltak.example:8443`, and the same
name must not be refused there and answered elsewhere. We check this ourselves, before either
path, because Litestar's AllowedHostsMiddleware compares the port too and only runs for
requests that reach Litestar, so the pre-rendered fast path and the rest disagreed (issue 19).
"""

from urllib.parse import urlsplit

from server.settings import Settings


class HostRule:
    """The allowed-hosts rule of one app."""

    def __init__(self, allowed: tuple[str, ...]) -> None:
        names = [host.strip().lower().rstrip(".") for host in allowed if host.strip()]
        self.any = "*" in names
        self.exact = frozenset(name for name in names if not name.startswith("*."))
        self.suffixes = tuple(name[1:] for name in names if name.startswith("*."))  # ".example.no": not the bare name

    def allows(self, host_header: bytes | str | None) -> bool:
        """Whether a request with this Host header (port and all) may be answered."""
        if self.any:
            return True
        name = hostname(host_header)
        if not name:
            return False
        return name in self.exact or name.endswith(self.suffixes)

    def example(self, settings: Settings) -> str:
        """A host the rule allows, for rendering pages in-process: the public address's host
        if allowed, else the first name in the list ("localhost" when any host is allowed)."""
        public = urlsplit(settings.public_url).hostname or ""
        if public and self.allows(public):
            return public
        if self.exact:
            return sorted(self.exact)[0]
        if self.suffixes:
            return "www" + self.suffixes[0]
        return "localhost"


def hostname(host_header: bytes | str | None) -> str:
    """The name in a Host header: lower case, without port or trailing dot; "" if malformed."""
    if host_header is None:
        return ""
    text = host_header.decode("latin-1") if isinstance(host_header, bytes) else host_header
    text = text.strip().lower()
    if text.startswith("["):  # an IPv6 literal, [::1]:8000
        end = text.find("]")
        return text[: end + 1] if end > 0 else ""
    name, _, port = text.partition(":")
    if port and not port.isdigit():
        return ""
    return name.rstrip(".")
