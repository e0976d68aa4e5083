"""``factdesk serve``: the web app and REST API on one host and port.

    factdesk serve --host 127.0.0.1 --port 8000 --db ~/news/evidence.db

The listening socket is bound before the app is built, so a port in use (or an address the
machine does not have) is one line and exit code 2, before any model starts loading.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Annotated, Optional

import typer

from factdesk.errors import FactdeskError

__all__ = ["bind_socket", "serve"]


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port`` (``port`` 0: any free port); ``FactdeskError`` if
    the address cannot be had (in use, not this machine's, not allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise FactdeskError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: TIME_WAIT is fine
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise FactdeskError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock


def serve(
    host: Annotated[Optional[str], typer.Option("--host", help="Address to listen on (default 127.0.0.1).")] = None,
    port: Annotated[Optional[int], typer.Option("--port", help="Port (default 8000).", min=0, max=65535)] = None,
    db: Annotated[Optional[str], typer.Option("--db", help="Evidence store: SQLite path or postgresql:// URL.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file (TOML).")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", help="Checks run at the same time.", min=1)] = None,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
) -> None:
    """Serve the web app (paste, upload or link an article; read it checked; listen) and the REST API."""
    from factdesk.commands.common import require_store
    from factdesk.config import load_config

    cfg = load_config(config, db=db)
    require_store(cfg.db, "serve")
    updates = {k: v for k, v in {"host": host, "port": port, "workers": workers}.items() if v is not None}
    if updates:
        cfg.server = cfg.server.model_copy(update=updates)
    sock = bind_socket(cfg.server.host, cfg.server.port)  # before the web app is even imported

    import uvicorn

    from factdesk.web.app import create_app

    bound_port = sock.getsockname()[1]
    if bound_port != cfg.server.port:  # --port 0: the links the app builds name the real port
        cfg.server = cfg.server.model_copy(update={"port": bound_port})
    try:
        web_app = create_app(cfg)
        server = uvicorn.Server(uvicorn.Config(web_app, log_level=log_level, proxy_headers=False,
                                               server_header=False, timeout_graceful_shutdown=5))
        typer.echo(f"factdesk serving on {cfg.server.base_url()} (store: {cfg.db})", err=True)
        server.run(sockets=[sock])
    finally:
        sock.close()
