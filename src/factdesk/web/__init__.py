"""The web app and REST API (``factdesk serve``): ``create_app(config)`` builds the FastAPI app.

``app.py`` assembles it; ``routes/`` holds the API, the pages and the error handlers; ``state.py``
what they share (runtime, jobs, audio, templates); ``checks.py`` starting a check from a request;
``inputs.py``, ``jobs.py``, ``audio.py`` and ``security.py`` the input models, the job queue, the
audio cache and the guard rails.
"""

from factdesk.web.app import create_app

__all__ = ["create_app"]
