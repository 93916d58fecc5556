"""Settings: one frozen Struct; the only place that reads the environment."""

import os
from pathlib import Path

import msgspec

from server.assets import STATIC
from server.content.loader import BUNDLED_CONTENT

ENV_PREFIX = "TILTAKSTRAPP_"


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """How one instance of the app runs."""

    data_dir: Path = Path("data")
    """Folder of the TinyDB store file (`tiltakstrapp.json`). Back it up by copying the file."""

    content_dir: Path = BUNDLED_CONTENT
    """Folder of the YAML content imported on start when it has changed."""

    static_dir: Path = STATIC
    """Folder of the CSS, JavaScript and icons, fingerprinted at start. Tests point it at a changed
    copy to serve a new release of the assets."""

    host: str = "127.0.0.1"
    """Address `tiltakstrapp serve` listens on."""

    port: int = 8000
    """Port `tiltakstrapp serve` listens on."""

    allowed_hosts: tuple[str, ...] = ("*",)
    """Host names the app answers to; set them in production (e.g. `tiltak.elverum.kommune.no`)."""

    workers: int = 1
    """Server worker processes; see the README for why one is the default on two cores."""

    public_url: str = ""
    """The site's address as the public reaches it, e.g. `https://tiltak.elverum.kommune.no`;
    used in the sitemap, canonical links and shared links. Empty: `http://{host}:{port}`."""

    security_contact: str = ""
    """Where to report a security problem (`mailto:` or `https:`), for `/.well-known/security.txt`.
    Empty: the about page's section on reporting problems."""

    export_dir: Path | None = None
    """Where each publish also writes the static export (swapped in whole), for a web host or
    CDN that serves the public site while this server runs only the editor. None: no export."""

    prerender: bool = True
    """Render and compress every page at start and after each publish. Off for a server that
    runs only the editor while the public site is the static export (`TILTAKSTRAPP_PRERENDER=0`):
    it then renders pages when they are asked for, and the export renders its own."""

    feedback: bool = True
    """«Er noe feil?» on measure and situation pages (reports go to this server's data folder).
    Off where the public reads a static export that cannot receive a form (`TILTAKSTRAPP_FEEDBACK=0`);
    the CLI export leaves it out by itself."""

    feedback_per_minute: int = 10
    """How many feedback posts one client address may send a minute (counted in memory only)."""

    count_usage: bool = True
    """Count page views and searches as numbers per day (server/usage); `TILTAKSTRAPP_COUNT_USAGE=0`
    turns it off."""

    debug: bool = False
    """Show tracebacks in error responses. Never in production."""

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Settings from `TILTAKSTRAPP_*` environment variables, then explicit overrides."""
        values: dict[str, object] = {}
        env = os.environ
        if f"{ENV_PREFIX}DATA_DIR" in env:
            values["data_dir"] = Path(env[f"{ENV_PREFIX}DATA_DIR"])
        if f"{ENV_PREFIX}CONTENT_DIR" in env:
            values["content_dir"] = Path(env[f"{ENV_PREFIX}CONTENT_DIR"])
        if env.get(f"{ENV_PREFIX}EXPORT_DIR"):
            values["export_dir"] = Path(env[f"{ENV_PREFIX}EXPORT_DIR"])
        if f"{ENV_PREFIX}STATIC_DIR" in env:
            values["static_dir"] = Path(env[f"{ENV_PREFIX}STATIC_DIR"])
        if f"{ENV_PREFIX}HOST" in env:
            values["host"] = env[f"{ENV_PREFIX}HOST"]
        if f"{ENV_PREFIX}PORT" in env:
            values["port"] = int(env[f"{ENV_PREFIX}PORT"])
        if f"{ENV_PREFIX}WORKERS" in env:
            values["workers"] = int(env[f"{ENV_PREFIX}WORKERS"])
        if f"{ENV_PREFIX}ALLOWED_HOSTS" in env:
            hosts = env[f"{ENV_PREFIX}ALLOWED_HOSTS"].split(",")
            values["allowed_hosts"] = tuple(host.strip() for host in hosts if host.strip())
        for name in ("public_url", "security_contact"):
            if f"{ENV_PREFIX}{name.upper()}" in env:
                values[name] = env[f"{ENV_PREFIX}{name.upper()}"]
        if env.get(f"{ENV_PREFIX}PRERENDER", "") in {"0", "false", "no"}:
            values["prerender"] = False
        for name in ("feedback", "count_usage"):
            if env.get(f"{ENV_PREFIX}{name.upper()}", "") in {"0", "false", "no"}:
                values[name] = False
        if f"{ENV_PREFIX}FEEDBACK_PER_MINUTE" in env:
            values["feedback_per_minute"] = int(env[f"{ENV_PREFIX}FEEDBACK_PER_MINUTE"])
        if env.get(f"{ENV_PREFIX}DEBUG", "") in {"1", "true", "yes"}:
            values["debug"] = True
        values.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**values)  # type: ignore[arg-type]

    def to_env(self) -> dict[str, str]:
        """The same settings as environment variables, for server worker processes."""
        return {
            f"{ENV_PREFIX}DATA_DIR": str(self.data_dir),
            f"{ENV_PREFIX}CONTENT_DIR": str(self.content_dir),
            f"{ENV_PREFIX}STATIC_DIR": str(self.static_dir),
            f"{ENV_PREFIX}HOST": self.host,
            f"{ENV_PREFIX}PORT": str(self.port),
            f"{ENV_PREFIX}WORKERS": str(self.workers),
            f"{ENV_PREFIX}ALLOWED_HOSTS": ",".join(self.allowed_hosts),
            f"{ENV_PREFIX}PUBLIC_URL": self.public_url,
            f"{ENV_PREFIX}SECURITY_CONTACT": self.security_contact,
            f"{ENV_PREFIX}DEBUG": "1" if self.debug else "0",
            f"{ENV_PREFIX}EXPORT_DIR": str(self.export_dir or ""),
            f"{ENV_PREFIX}PRERENDER": "1" if self.prerender else "0",
            f"{ENV_PREFIX}FEEDBACK": "1" if self.feedback else "0",
            f"{ENV_PREFIX}FEEDBACK_PER_MINUTE": str(self.feedback_per_minute),
            f"{ENV_PREFIX}COUNT_USAGE": "1" if self.count_usage else "0",
        }

    @property
    def base_url(self) -> str:
        """The public address without a trailing slash."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")
