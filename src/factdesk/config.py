"""Settings in one place: defaults < config file (TOML) < environment (FACTDESK_*) < CLI flags.

The config file is ``$FACTDESK_CONFIG`` or ``<user config dir>/factdesk/config.toml``. Every
section maps to a model below; unknown keys are refused so a typo never goes unnoticed.

Example::

    db = "~/news/evidence.db"
    sources = ["local", "wikipedia"]

    [http]
    timeout_s = 8

    [sources_config.wikipedia]
    base_url = "https://en.wikipedia.org/w/api.php"
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from factdesk import __version__
from factdesk.errors import ConfigError

APP = "factdesk"


def default_data_dir() -> Path:
    return Path(os.environ.get("FACTDESK_DATA_DIR") or platformdirs.user_data_dir(APP))


def shared_data_dir() -> Path:
    """The public benchmark sets: ``$FACTDESK_SHARED_DATA``, else ``<repo>/../shared/data`` beside a checkout."""
    env = os.environ.get("FACTDESK_SHARED_DATA")
    if env:
        return Path(env)
    return (Path(__file__).resolve().parents[2].parent / "shared" / "data").resolve()


def default_db() -> str:
    return str(default_data_dir() / "factdesk.db")


#: bind addresses that mean "every interface"
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", "", "[::]"})


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


#: where factdesk lives: the default contact in the User-Agent
PROJECT_URL = "https://github.com/factdesk/factdesk"


class HttpConfig(_Section):
    #: how the operator of this installation can be reached (a URL or ``mailto:`` address); it goes into
    #: the User-Agent, as Wikimedia's User-Agent policy asks. Default: the project's address.
    contact: str | None = None
    #: None: ``factdesk/<version> (<contact>; fact-checking bot) httpx/<version>``
    user_agent: str | None = None
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 10.0
    #: wall-clock cap on one fetch, all redirect hops and the body included (a slow drip cannot hold it)
    total_timeout_s: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    #: Allow loopback/private/link-local targets (SSRF guard off for these). Tests allow 127.0.0.1.
    allow_private: bool = False
    allowed_hosts: list[str] = Field(default_factory=list, description="hosts/IPs allowed even if private")
    respect_robots: bool = True

    def model_post_init(self, __context: Any) -> None:
        if not self.user_agent:
            import httpx

            contact = " ".join((self.contact or PROJECT_URL).split())
            self.user_agent = f"factdesk/{__version__} ({contact}; fact-checking bot) httpx/{httpx.__version__}"


class IngestConfig(_Section):
    #: render pages in a browser (Playwright + chromium): "never"; "auto" — when the static HTML has
    #: no article body or holds a comment widget that loads by script; "always" (URLs only)
    render: Literal["never", "auto", "always"] = "auto"
    #: the browser: Debian's chromium (Playwright never downloads one)
    chromium: str = "/usr/bin/chromium"


class ServerConfig(_Section):
    host: str = "127.0.0.1"
    port: int = 8000
    api_token: str | None = None
    max_body_bytes: int = 5 * 1024 * 1024
    rate_limit_per_minute: int = 60
    cors_origins: list[str] = Field(default_factory=list)
    #: background check workers (each runs one pipeline at a time) and how many checks may wait
    workers: int = Field(default=1, ge=1, le=32)
    max_queued_jobs: int = Field(default=32, ge=1)
    #: where synthesised audio is cached (default: ``audio/`` next to the SQLite store)
    audio_dir: str | None = None
    #: speaker for Listen ("piper", "espeak"; default: the first available) and whether the article
    #: page starts synthesising in the background when first viewed, so Listen starts at once
    speaker: str | None = None
    prefetch_audio: bool = True
    #: the address readers use (``https://factdesk.example.org``), the base of every absolute link
    #: the server publishes (ClaimReview ``url``s, the page's JSON-LD). Default: the bind address.
    public_url: str | None = None
    #: ``Host`` header values the server answers (others get 400, which stops DNS rebinding): names
    #: or addresses, ``*.example.org`` for subdomains, ``*`` for any. Default: the bind address,
    #: localhost and the loopback addresses, the host of ``public_url``; on a wildcard bind
    #: (0.0.0.0, ::) any IP address too (a rebinding page can only reach the server by a name).
    allowed_hosts: list[str] = Field(default_factory=list)

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        from urllib.parse import urlsplit

        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise ValueError("must be an http(s) URL with a host and no query or fragment, "
                             "e.g. https://factdesk.example.org")
        return value.strip().rstrip("/")

    def base_url(self) -> str:
        """Where the server's pages live: ``public_url``, else ``http://`` + the bind address."""
        if self.public_url:
            return self.public_url
        host = self.host if self.host not in WILDCARD_HOSTS else "127.0.0.1"
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    def host_allowed(self, host_header: str) -> bool:
        """Whether a request's ``Host`` header names this server (see ``allowed_hosts``)."""
        import ipaddress
        from urllib.parse import urlsplit

        name = host_header.strip().lower()
        if name.startswith("["):  # [::1]:8000
            name = name[1:].split("]", 1)[0]
        elif name.count(":") == 1:
            name = name.rsplit(":", 1)[0]
        name = name.rstrip(".")
        if not name:
            return False
        allowed = [h.strip().lower().rstrip(".").strip("[]") for h in self.allowed_hosts if h.strip()]
        if not allowed:
            allowed = ["localhost", "127.0.0.1", "::1"]
            if self.host not in WILDCARD_HOSTS:
                allowed.append(self.host.lower().strip("[]"))
            if self.public_url:
                allowed.append((urlsplit(self.public_url).hostname or "").lower())
            if self.host in WILDCARD_HOSTS:
                try:
                    ipaddress.ip_address(name)
                    return True
                except ValueError:
                    pass
        for pattern in allowed:
            if pattern == "*" or pattern == name:
                return True
            if pattern.startswith("*.") and name.endswith(pattern[1:]):
                return True
        return False


class Config(_Section):
    db: str = Field(default_factory=default_db, description="SQLite path or postgresql:// URL")
    sources: list[str] = Field(default_factory=lambda: ["local"])
    source_urls: list[str] = Field(default_factory=list)
    feeds: list[str] = Field(default_factory=list)
    sources_config: dict[str, dict[str, Any]] = Field(default_factory=dict)
    deadline_s: float = 30.0
    cache_ttl_s: float = 24 * 3600
    retrieve_k: int = 20
    embedder: str = Field(default="minilm", description="minilm (onnxruntime) or minilm-torch")
    stance: Literal["cascade", "head"] = Field(default="cascade", description="verify: 'cascade' (the embedding head on every passage, "
                        "then the cross-encoder on each claim's most relevant ones) or 'head' (the head alone)")
    cross_top_k: int = Field(default=4, ge=0, le=20, description="cascade: passages per claim the cross-encoder reads")
    min_checkworthiness: float | None = Field(default=None, ge=0.0, le=1.0, description="claims: verifiable "
                                              "claims scoring below this are reported unchecked (None: all are checked)")
    max_input_bytes: int = 20 * 1024 * 1024
    models_dir: str | None = Field(default=None, description="override the directory of trained artefacts")
    voice: str | None = Field(default=None, description="listen: speaker name (piper, espeak); None = first installed")
    http: HttpConfig = Field(default_factory=HttpConfig)
    ingest: IngestConfig = Field(default_factory=IngestConfig)
    server: ServerConfig = Field(default_factory=ServerConfig)

    def source_settings(self, name: str) -> dict[str, Any]:
        return dict(self.sources_config.get(name, {}))


def _config_path() -> Path:
    env = os.environ.get("FACTDESK_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


_ENV_SCALARS = {
    "FACTDESK_DB": "db",
    "FACTDESK_DEADLINE_S": "deadline_s",
}


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Build the configuration. ``overrides`` (from the CLI) win; ``None`` values are ignored."""
    data: dict[str, Any] = {}
    cfg_path = Path(path).expanduser() if path else _config_path()
    if path and not cfg_path.is_file():
        raise ConfigError(f"config file not found: {cfg_path}")
    if cfg_path.is_file():
        try:
            data = tomllib.loads(cfg_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {cfg_path} is not valid TOML: {exc}") from None
    for env, key in _ENV_SCALARS.items():
        if os.environ.get(env):
            data[key] = os.environ[env]
    if os.environ.get("FACTDESK_API_TOKEN"):
        data.setdefault("server", {})["api_token"] = os.environ["FACTDESK_API_TOKEN"]
    for key, value in overrides.items():
        if value is not None:
            data[key] = value
    try:
        cfg = Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"invalid setting {where!r}: {first['msg']}") from None
    if "://" not in cfg.db:
        cfg.db = str(Path(cfg.db).expanduser())
    return cfg
