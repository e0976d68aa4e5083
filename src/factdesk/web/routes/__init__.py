"""The web app's routers: ``api`` (the REST API), ``pages`` (the HTML pages) and ``errors`` (the
exception handlers, installed on the app)."""

from factdesk.web.routes import api, errors, pages

__all__ = ["api", "errors", "pages"]
