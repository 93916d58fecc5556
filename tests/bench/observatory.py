"""Our responses scored by the MDN HTTP Observatory's published rules, worked out here: the
service cannot reach this machine, and the test machines have no internet.

Rules from mdn/mdn-http-observatory (src/analyzer/tests/*.js, src/grader/charts.js and
src/scanner/index.js at commit 94042bb, 2026-08-20): start at 100, add each test's modifier;
bonuses count only if the score without them is at least 90; grade from the score rounded down
to a multiple of 5 (100 or more is A+). The service scans a site's front page; we score every
kind of answer (page, JSON, asset, worker, error), since a visitor may land on any of them.

Two set-ups, each a real `tiltakstrapp serve`:
- "deployed": the public address is https (TILTAKSTRAPP_PUBLIC_URL), TLS ends at a proxy in
  front that redirects http to https on the same host. The redirect and the certificate are
  the proxy's; they are assumed, and marked so. Everything else is our own headers.
- "here": plain HTTP on 127.0.0.1, as it runs on this machine. No HTTPS, so no HSTS and no
  redirect: those two tests fail, which is what the Observatory would say of any plain-HTTP site.

Run: .venv/bin/python -m tests.bench.observatory [--base URL [--https]]
"""

import argparse
import os
import re
import sys
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tests import server_process

Result = tuple[str, int]  # (expectation, modifier)
SIX_MONTHS = 15_768_000
BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
UNSAFE = BROAD | {"'unsafe-inline'", "data:"}
HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")
GRADES = {100: "A+", 95: "A", 90: "A", 85: "A-", 80: "B+", 75: "B", 70: "B", 65: "B-", 60: "C+", 55: "C", 50: "C"}
GRADES |= {45: "C-", 40: "D+", 35: "D", 30: "D", 25: "D-"}
CORS_ORIGIN = "https://http-observatory.security.mozilla.org"


@dataclass
class Response:
    """One answer: status, headers (lower-case names, repeated ones kept) and body."""

    status: int
    headers: list[tuple[str, str]]
    body: str
    meta: dict[str, list[str]] = field(default_factory=dict)  # <meta http-equiv> values

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key == name]

    def first(self, name: str) -> str | None:
        values = self.all(name)
        return values[0] if values else None

    @property
    def html(self) -> bool:
        return (self.first("content-type") or "").split(";")[0].strip() in {"text/html", "application/xhtml+xml"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("http-equiv") and values.get("content") is not None:
            self.meta.setdefault(str(values["http-equiv"]).lower(), []).append(str(values["content"]))
        elif tag == "script":
            self.scripts.append(values)


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> Response:
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            status, raw, body = answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        status, raw, body = error.code, error.headers, error.read()
    response = Response(status, [(k.lower(), v) for k, v in raw.items()], body.decode("utf-8", "replace"))
    if response.html:
        tags = _Tags()
        tags.feed(response.body)
        response.meta = tags.meta
    return response


def parse_csp(policies: list[str]) -> dict[str, set[str]] | None:
    """Directive → sources of the first policy; None if it cannot be parsed (a repeated directive)."""
    csp: dict[str, set[str]] = {}
    for index, policy in enumerate(policies):
        seen: set[str] = set()
        for entry in policy.split(";"):
            directive, *sources = entry.strip().split() or [""]
            directive = directive.lower()
            if not directive:
                continue
            if directive in seen and directive not in {"report-uri", "report-to"}:
                return None
            seen.add(directive)
            if index == 0:
                csp[directive] = {source.lower() for source in sources} or {"'none'"}
    return csp


def test_csp(response: Response, https: bool) -> tuple[Result, dict[str, set[str]]]:
    header = [p.strip() for value in response.all("content-security-policy") for p in value.split(",")]
    meta = [p.strip() for value in response.meta.get("content-security-policy", []) for p in value.split(",")]
    if not header and not meta:
        if response.first("content-security-policy-report-only"):
            return ("csp-not-implemented-but-reporting-enabled", -25), {}
        return ("csp-not-implemented", -25), {}
    csp = parse_csp(header + meta)
    if csp is None:
        return ("csp-header-invalid", -25), {}
    default = csp.get("default-src")
    script = set(csp.get("script-src") or default or {"*"})
    style = set(csp.get("style-src") or default or {"*"})
    objects = csp.get("object-src") or default or {"*"}
    for sources in (script, style):
        if any(source.startswith(HASHES) for source in sources):
            sources.discard("'unsafe-inline'")
    passive_names = {"img-src", "media-src"}
    active = [s for d, v in csp.items() if d not in passive_names | {"script-src"} for s in v] + list(script)
    passive = [s for d in passive_names for s in (csp.get(d) or default or set())]

    def insecure(sources: list[str]) -> bool:
        return any(source.startswith(("http:", "ftp:")) for source in sources)

    checks: list[tuple[bool, Result]] = [
        (bool(script & UNSAFE) or bool(objects & BROAD), ("csp-implemented-with-unsafe-inline", -20)),
        (https and insecure(active), ("csp-implemented-with-insecure-scheme", -20)),
        ("'unsafe-eval'" in script | style, ("csp-implemented-with-unsafe-eval", -10)),
        (https and insecure(passive), ("csp-implemented-with-insecure-scheme-in-passive-content-only", -10)),
        (bool(style & UNSAFE), ("csp-implemented-with-unsafe-inline-in-style-src-only", 0)),
        (default == {"'none'"}, ("csp-implemented-with-no-unsafe-default-src-none", 10)),
    ]
    header_only = parse_csp(header) or {}
    return next((result for failed, result in checks if failed), ("csp-implemented-with-no-unsafe", 5)), header_only


def test_cookies(response: Response, hsts_passes: bool) -> Result:
    cookies = response.all("set-cookie")
    if not cookies:
        return ("cookies-not-found", 0)
    worst: Result = ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    for cookie in cookies:
        name, flags = cookie.split("=", 1)[0].lower(), cookie.lower()
        secure, session = "; secure" in flags, any(word in name for word in ("login", "sess"))
        if session and not secure and not hsts_passes:
            return ("cookies-session-without-secure-flag", -40)
        if session and "httponly" not in flags:
            worst = min(worst, ("cookies-session-without-httponly-flag", -30), key=lambda r: r[1])
        if not secure:
            missing = ("cookies-without-secure-flag-but-protected-by-hsts", -5) if hsts_passes else None
            worst = min(worst, missing or ("cookies-without-secure-flag", -20), key=lambda r: r[1])
        if "samesite=" not in flags and worst[1] > 0:
            worst = ("cookies-secure-with-httponly-sessions", 0)
    return worst


def test_hsts(response: Response, https: bool) -> Result:
    if not https:
        return ("hsts-not-implemented-no-https", -20)
    header = response.first("strict-transport-security")
    if header is None:
        return ("hsts-not-implemented", -20)
    match = re.search(r"max-age=(\d+)", header.lower())
    if "," in header or not match:
        return ("hsts-header-invalid", -20)
    if int(match.group(1)) < SIX_MONTHS:
        return ("hsts-implemented-max-age-less-than-six-months", -10)
    return ("hsts-implemented-max-age-at-least-six-months", 0)


def test_referrer(response: Response) -> Result:
    good = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    bad = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}
    values = response.all("referrer-policy") + response.meta.get("referrer-policy", [])
    if not values:
        return ("referrer-policy-not-implemented", 0)
    known = [p.strip().lower() for p in ", ".join(values).split(",") if p.strip().lower() in good | bad]
    if known and known[-1] in good:
        return ("referrer-policy-private", 5)
    return ("referrer-policy-unsafe", -5) if known else ("referrer-policy-header-invalid", -5)


def test_sri(response: Response, https: bool) -> Result:
    if not response.html:
        return ("sri-not-implemented-response-not-html", 0)
    tags = _Tags()
    tags.feed(response.body)
    sources = [(str(s["src"]), s.get("integrity")) for s in tags.scripts if s.get("src")]
    if not tags.scripts:
        return ("sri-not-implemented-but-no-scripts-loaded", 0)
    foreign = [(src, sri) for src, sri in sources if src.startswith("//") or re.match(r"https?://", src)]
    if any(not src.startswith("https://") for src, _ in foreign):
        return ("sri-not-implemented-and-external-scripts-not-loaded-securely", -50)
    if any(not sri for _, sri in foreign):
        return ("sri-not-implemented-but-external-scripts-loaded-securely", -5)
    if foreign:
        return ("sri-implemented-and-external-scripts-loaded-securely", 5)
    if https and sources and all(sri for _, sri in sources):
        return ("sri-implemented-and-all-scripts-loaded-securely", 5)
    return ("sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0)


def test_token(response: Response, name: str, results: dict[str, Result], missing: Result) -> Result:
    values = response.all(name)
    if not values:
        return missing
    if len(values) > 1:
        return (f"{name}-header-invalid", -5)
    return results.get(values[0].split(";")[0].strip().lower(), (f"{name}-header-invalid", -5))


def test_frames(response: Response, header_csp: dict[str, set[str]]) -> Result:
    if "frame-ancestors" in header_csp:
        return ("x-frame-options-implemented-via-csp", 5)
    value = (response.first("x-frame-options") or "").strip().lower()
    if not value:
        return ("x-frame-options-not-implemented", -20)
    if value in {"deny", "sameorigin"}:
        return ("x-frame-options-sameorigin-or-deny", 5)
    if value.startswith("allow-from"):
        return ("x-frame-options-allow-from-origin", 0)
    return ("x-frame-options-header-invalid", -20)


def test_cors(preflight: Response) -> Result:
    allowed = (preflight.first("access-control-allow-origin") or "").strip().lower()
    if not allowed:
        return ("cross-origin-resource-sharing-not-implemented", 0)
    if allowed == "*":
        return ("cross-origin-resource-sharing-implemented-with-public-access", 0)
    credentials = (preflight.first("access-control-allow-credentials") or "").strip().lower() == "true"
    if allowed == CORS_ORIGIN and credentials:
        return ("cross-origin-resource-sharing-implemented-with-universal-access", -50)
    return ("cross-origin-resource-sharing-implemented-with-restricted-access", 0)


def test_redirection(base: str, https: bool) -> Result:
    if https:
        return ("redirection-to-https (assumed: the TLS proxy's job)", 0)
    answer = fetch(base + "/")
    return ("redirection-missing", -20) if answer.status < 300 else ("redirection-not-to-https", -20)


COEP = {"require-corp": ("coep-require-corp", 10), "credentialless": ("coep-credentialless", 10)}
COOP = {
    "same-origin": ("coop-same-origin", 10),
    "same-origin-allow-popups": ("coop-same-origin-allow-popups", 10),
    "noopener-allow-popups": ("coop-noopener-allow-popups", 10),
    "unsafe-none": ("coop-unsafe-none", 0),
}
CORP = {
    "same-origin": ("corp-same-origin", 10),
    "same-site": ("corp-same-site", 10),
    "cross-origin": ("corp-cross-origin", 0),
}


def evaluate(response: Response, preflight: Response, redirection: Result, https: bool) -> dict[str, Result]:
    """Every Observatory test on one answer (and its CORS preflight), by test name."""
    csp, header_csp = test_csp(response, https)
    hsts = test_hsts(response, https)
    nosniff = (response.first("x-content-type-options") or "").strip().lower() == "nosniff"
    return {
        "content-security-policy": csp,
        "cookies": test_cookies(response, hsts[1] == 0 and https),
        "cross-origin-embedder-policy": test_token(
            response, "cross-origin-embedder-policy", COEP, ("coep-not-implemented", 0)
        ),
        "cross-origin-opener-policy": test_token(
            response, "cross-origin-opener-policy", COOP, ("coop-not-implemented", 0)
        ),
        "cross-origin-resource-sharing": test_cors(preflight),
        "redirection": redirection,
        "referrer-policy": test_referrer(response),
        "strict-transport-security": hsts,
        "subresource-integrity": test_sri(response, https),
        "x-content-type-options": ("x-content-type-options-nosniff", 0)
        if nosniff
        else ("x-content-type-options-not-implemented", -5),
        "x-frame-options": test_frames(response, header_csp),
        "cross-origin-resource-policy": test_token(
            response, "cross-origin-resource-policy", CORP, ("corp-not-implemented", 0)
        ),
    }


def grade(results: dict[str, Result]) -> tuple[int, str]:
    """Score and grade: bonuses count only when the score without them is at least 90."""
    uncurved = 100 + sum(modifier for _, modifier in results.values() if modifier < 0)
    total = 100 + sum(modifier for _, modifier in results.values()) if uncurved >= 90 else uncurved
    total = max(total, 0)
    return total, GRADES.get(min(total - total % 5, 100), "F")


def score(url: str, base: str, https: bool) -> tuple[dict[str, Result], int, str]:
    preflight = fetch(url, "OPTIONS", {"Origin": CORS_ORIGIN, "Access-Control-Request-Method": "GET"})
    results = evaluate(fetch(url), preflight, test_redirection(base, https), https)
    return (results, *grade(results))


def report(title: str, base: str, https: bool) -> int:
    """Print every kind of answer's score; return the front page's."""
    css = re.search(r'href="(/static/css/[^"]+)"', fetch(base + "/").body)
    kinds = {
        "front page /": "/",
        "measure page": "/elverum",
        "JSON": "/api/v1/municipalities",
        "asset": css.group(1) if css else "/manifest.webmanifest",
        "service worker": "/sw.js",
        "404 page": "/finnes-ikke",
    }
    print(f"\n== {title}: {base} ({'https at the proxy' if https else 'plain http'})")
    front = 0
    for kind, path in kinds.items():
        results, total, grade = score(base + path, base, https)
        front = front or total
        print(f"  {kind:<15} {total:>4}  {grade:<3} {path}")
        if kind == "front page /" or total != front:
            for test, (expectation, modifier) in results.items():
                print(f"      {modifier:+4d}  {test}: {expectation}")
    return front


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", help="a running server to score, e.g. http://127.0.0.1:8000")
    parser.add_argument("--https", action="store_true", help="with --base: it is reached over https")
    args = parser.parse_args()
    if args.base:
        report("given server", args.base.rstrip("/"), args.https or args.base.startswith("https://"))
        return 0
    with tempfile.TemporaryDirectory() as temporary:
        for title, public_url, https in (
            ("deployed", "https://tiltak.example", True),
            ("here", "", False),
        ):
            os.environ["TILTAKSTRAPP_PUBLIC_URL"] = public_url
            process, base = server_process.start(Path(temporary) / title)
            try:
                report(title, base, https)
            finally:
                server_process.stop(process)
    return 0


if __name__ == "__main__":
    sys.exit(main())
