"""``factdesk serve``: the web app and REST API on one host and port.

    factdesk serve --host 127.0.0.1 --port 8000 --db ~/news/evidence.db
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

__all__ = ["serve"]


def serve(
    host: Annotated[Optional[str], typer.Option("--host", help="Address to listen on (default 127.0.0.1).")] = None,
    port: Annotated[Optional[int], typer.Option("--port", help="Port (default 8000).", min=0, max=65535)] = None,
    db: Annotated[Optional[str], typer.Option("--db", help="Evidence store: SQLite path or postgresql:// URL.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file (TOML).")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", help="Checks run at the same time.", min=1)] = None,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level.")] = "info",
) -> None:
    """Serve the web app (paste, upload or link an article; read it checked; listen) and the REST API."""
    import uvicorn

    from factdesk.config import load_config
    from factdesk.web.app import create_app

    from factdesk.commands.common import require_store

    cfg = load_config(config, db=db)
    require_store(cfg.db, "serve")
    updates = {k: v for k, v in {"host": host, "port": port, "workers": workers}.items() if v is not None}
    if updates:
        cfg.server = cfg.server.model_copy(update=updates)
    web_app = create_app(cfg)
    typer.echo(f"factdesk serving on http://{cfg.server.host}:{cfg.server.port} (store: {cfg.db})", err=True)
    uvicorn.run(web_app, host=cfg.server.host, port=cfg.server.port, log_level=log_level,
                proxy_headers=False, server_header=False, timeout_graceful_shutdown=5)
