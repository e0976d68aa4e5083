"""Settings in one place: defaults < config file (TOML) < environment (FACTDESK_*) < CLI flags.

The config file is ``$FACTDESK_CONFIG`` or ``<user config dir>/factdesk/config.toml``. Settings come
in sections, one per part of the program; every section maps to a model below, and unknown keys are
refused so a typo never goes unnoticed. This is also the only module that reads environment
variables.

Example::

    db = "~/news/evidence.db"          # the evidence store: a SQLite path or a postgresql:// URL

    [sources]
    use = ["auto"]                     # auto | local | all | names: see docs/sources.md

    [sources.wikipedia]                # one table per source: its own settings
    lang = "de"

    [sources.feeds]
    urls = ["https://example.org/rss.xml"]

    [claims]
    min_checkworthiness = 0.5          # verifiable claims below it are reported, not checked

    [verify]
    stance = "cascade"

    [listen]
    voice = "espeak"

    [http]
    timeout_s = 8

Top-level keys of earlier versions (``sources = [...]``, ``sources_config``, ``source_urls``,
``feeds``, ``deadline_s``, ``cache_ttl_s``, ``retrieve_k``, ``embedder``, ``models_dir``,
``stance``, ``cross_top_k``, ``max_input_bytes``, ``voice`` and ``server.speaker``) are still read,
each with a one-line deprecation warning naming its new place.
"""

from __future__ import annotations

import logging
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from factdesk import __version__
from factdesk.errors import ConfigError

APP = "factdesk"

log = logging.getLogger(__name__)


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
    #: the largest article read (a file, stdin, a download, an upload)
    max_input_bytes: int = 20 * 1024 * 1024


#: ``[sources] network_probe``: where ``auto`` looks for the network (a TCP connection, nothing sent)
DEFAULT_NETWORK_PROBE = "en.wikipedia.org:443"


class SourcesConfig(BaseModel):
    """``[sources]``: which evidence sources a check asks, and how. Each source's own settings are a
    table of their own, ``[sources.<name>]`` (see :class:`factdesk.evidence.sources.SourceSettings`)."""

    model_config = ConfigDict(extra="allow")

    #: "auto": the store plus every free live source when the network answers (Google Fact Check only
    #: with a key); "local": the store only; "all": every live source; or names (local, wikipedia, …)
    use: list[str] = Field(default_factory=lambda: ["auto"])
    #: pages always fetched as evidence (besides the links the article cites), whatever ``use`` says
    #: (the feeds to read are ``[sources.feeds] urls``)
    urls: list[str] = Field(default_factory=list)
    #: the whole live-source stage of one check
    deadline_s: float = Field(default=30.0, gt=0)
    #: how long answers the sources accepted are kept (0: nothing is cached)
    cache_ttl_s: float = Field(default=24 * 3600, ge=0)
    #: ``host:port`` that ``auto`` connects to (nothing is sent) to learn whether the network answers
    network_probe: str = Field(default_factory=lambda: os.environ.get("FACTDESK_NETWORK_PROBE") or DEFAULT_NETWORK_PROBE)
    network_probe_timeout_s: float = Field(default=1.0, gt=0, le=5)
    #: how long the answer is remembered (in the process and in a small file beside the HTTP cache)
    network_probe_ttl_s: float = Field(default=120.0, ge=0)

    @model_validator(mode="after")
    def _tables_only(self) -> "SourcesConfig":
        for key, value in (self.model_extra or {}).items():
            if not isinstance(value, dict):
                raise ValueError(f"unknown setting {key!r} (a source's settings go in a table: [sources.{key}])")
        return self

    def settings_for(self, name: str) -> dict[str, Any]:
        """The ``[sources.<name>]`` table (empty when the config has none)."""
        return dict((self.model_extra or {}).get(name) or {})

    def tables(self) -> list[str]:
        """The source names that have a ``[sources.<name>]`` table."""
        return sorted(self.model_extra or {})


class ClaimsConfig(_Section):
    #: verifiable claims scoring below this check-worthiness are reported unchecked (None: all are checked)
    min_checkworthiness: float | None = Field(default=None, ge=0.0, le=1.0)


class EvidenceConfig(_Section):
    #: candidate passages retrieved from the store per claim
    retrieve_k: int = Field(default=20, ge=1)


class ModelsConfig(_Section):
    #: a folder of models that replace the shipped ones: ``<dir>/<model>/`` (checkworthy, stance,
    #: stance-cross, verdict, analyse, embedder) wins over the packaged copy where it exists
    dir: str | None = None
    #: sentence embeddings: "minilm" (int8 ONNX), "minilm-fp32" (float32 ONNX) or "minilm-torch"
    embedder: str = "minilm"


class VerifyConfig(_Section):
    #: "cascade": the embedding head on every passage, then the cross-encoder on each claim's most
    #: relevant ones; "head": the head alone
    stance: Literal["cascade", "head"] = "cascade"
    #: cascade: passages per claim the cross-encoder reads
    cross_top_k: int = Field(default=4, ge=0, le=20)


class ListenConfig(_Section):
    #: the speaker that reads articles aloud ("piper", "espeak"); None: the first one installed
    voice: str | None = None


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
    #: whether the article page starts synthesising in the background when first viewed, so Listen
    #: starts at once (the voice is ``[listen] voice``)
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


#: keys of earlier versions → (section, key) where they live now
MOVED_KEYS: dict[str, tuple[str, str]] = {
    "source_urls": ("sources", "urls"),
    "deadline_s": ("sources", "deadline_s"),
    "cache_ttl_s": ("sources", "cache_ttl_s"),
    "min_checkworthiness": ("claims", "min_checkworthiness"),
    "retrieve_k": ("evidence", "retrieve_k"),
    "embedder": ("models", "embedder"),
    "models_dir": ("models", "dir"),
    "stance": ("verify", "stance"),
    "cross_top_k": ("verify", "cross_top_k"),
    "max_input_bytes": ("ingest", "max_input_bytes"),
    "voice": ("listen", "voice"),
}


def _move_old_keys(data: dict[str, Any]) -> list[str]:
    """Rewrite keys of earlier versions in place to their sections; returns one note per key moved."""
    notes: list[str] = []

    def section(name: str) -> dict[str, Any]:
        value = data.get(name)
        if not isinstance(value, dict):
            value = {} if value is None else value
            data[name] = value
        return value

    old_sources = data.get("sources")
    if isinstance(old_sources, (list, tuple)):
        data["sources"] = {"use": list(old_sources)}
        notes.append("'sources = [...]' is now 'use = [...]' under [sources]")
    for key, (sec, new) in MOVED_KEYS.items():
        if key in data:
            value = data.pop(key)
            target = section(sec)
            if isinstance(target, dict):
                target.setdefault(new, value)
            notes.append(f"'{key}' is now '{new}' under [{sec}]")
    if "feeds" in data:
        feeds = data.pop("feeds")
        target = section("sources")
        if isinstance(target, dict):
            table = target.setdefault("feeds", {})
            if isinstance(table, dict):
                table.setdefault("urls", feeds)
        notes.append("'feeds' is now 'urls' under [sources.feeds]")
    if "sources_config" in data:
        tables = data.pop("sources_config")
        target = section("sources")
        if isinstance(tables, dict) and isinstance(target, dict):
            for name, table in tables.items():
                target.setdefault(name, table)
        notes.append("[sources_config.<name>] is now [sources.<name>]")
    server = data.get("server")
    if isinstance(server, dict) and "speaker" in server:
        value = server.pop("speaker")
        target = section("listen")
        if isinstance(target, dict):
            target.setdefault("voice", value)
        notes.append("'speaker' under [server] is now 'voice' under [listen]")
    return notes


class Config(_Section):
    db: str = Field(default_factory=default_db, description="SQLite path or postgresql:// URL")
    sources: SourcesConfig = Field(default_factory=SourcesConfig)
    claims: ClaimsConfig = Field(default_factory=ClaimsConfig)
    evidence: EvidenceConfig = Field(default_factory=EvidenceConfig)
    models: ModelsConfig = Field(default_factory=ModelsConfig)
    verify: VerifyConfig = Field(default_factory=VerifyConfig)
    listen: ListenConfig = Field(default_factory=ListenConfig)
    ingest: IngestConfig = Field(default_factory=IngestConfig)
    http: HttpConfig = Field(default_factory=HttpConfig)
    server: ServerConfig = Field(default_factory=ServerConfig)

    @model_validator(mode="before")
    @classmethod
    def _earlier_keys(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            if isinstance(data.get("server"), dict):
                data["server"] = dict(data["server"])
            for note in _move_old_keys(data):
                log.warning("config: %s (the old key still works for now)", note)
        return data

    def source_settings(self, name: str) -> dict[str, Any]:
        """The ``[sources.<name>]`` table."""
        return self.sources.settings_for(name)

    def with_sources(self, use: list[str]) -> "Config":
        """A copy that asks ``use`` (source names) instead of ``[sources] use``."""
        return self.model_copy(update={"sources": self.sources.model_copy(update={"use": list(use)})})


def _config_path() -> Path:
    env = os.environ.get("FACTDESK_CONFIG")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


#: environment variables → where they go in the config (they win over the file)
ENVIRONMENT: dict[str, tuple[str, ...]] = {
    "FACTDESK_DB": ("db",),
    "FACTDESK_DEADLINE_S": ("sources", "deadline_s"),
    "FACTDESK_API_TOKEN": ("server", "api_token"),
    # also the default of a Config built without load_config (tests point it at a closed local port)
    "FACTDESK_NETWORK_PROBE": ("sources", "network_probe"),
    "FACTDESK_FACTCHECK_API_KEY": ("sources", "claimreview", "api_key"),
    "FACTDESK_MODELS_DIR": ("models", "dir"),
}


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        inner = data.get(key)
        if not isinstance(inner, dict):
            inner = {}
            data[key] = inner
        data = inner
    data[path[-1]] = value


def _merge(data: dict[str, Any], overrides: dict[str, Any]) -> None:
    """Deep-merge ``overrides`` into ``data``; ``None`` leaves what is there."""
    for key, value in overrides.items():
        if value is None:
            continue
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            _merge(data[key], value)
        elif isinstance(value, dict):
            data[key] = {}
            _merge(data[key], value)
        else:
            data[key] = value


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Build the configuration. ``overrides`` (from the CLI) win; ``None`` values are ignored.

    Overrides follow the sections: ``load_config(db="x.db", sources={"use": ["local"]})``.
    """
    data: dict[str, Any] = {}
    cfg_path = Path(path).expanduser() if path else _config_path()
    if path and not cfg_path.is_file():
        raise ConfigError(f"config file not found: {cfg_path}")
    if cfg_path.is_file():
        try:
            data = tomllib.loads(cfg_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {cfg_path} is not valid TOML: {exc}") from None
    data = dict(data)
    if isinstance(data.get("server"), dict):
        data["server"] = dict(data["server"])
    for note in _move_old_keys(data):
        log.warning("config: %s in %s (the old key still works for now)", note, cfg_path)
    for env, where in ENVIRONMENT.items():
        if os.environ.get(env):
            _put(data, where, os.environ[env])
    _merge(data, overrides)
    try:
        cfg = Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"invalid setting {where!r}: {first['msg']}") from None
    if "://" not in cfg.db:
        cfg.db = str(Path(cfg.db).expanduser())
    return cfg
