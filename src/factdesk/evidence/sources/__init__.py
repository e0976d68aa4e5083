"""Real-time sources: Wikipedia, prior fact-checks (ClaimReview), GDELT, RSS/Atom, any URL — and the
prior fact-checks imported into the store, matched offline.

The runner lives in :mod:`.collect`, the polite HTTP client in :mod:`.client`, the per-host limits
shared by a process in :mod:`.limits`, robots.txt in :mod:`.robots`; each connector in its own
module registers itself by name (:func:`register_source`).

>>> from factdesk.config import load_config
>>> [s.name for s in build_sources(load_config(sources={"use": ["wikipedia", "gdelt"]}))]
['wikipedia', 'gdelt']
"""

from factdesk.evidence.sources import claimreview, feeds, gdelt, web, wikipedia  # noqa: F401  (registration)
from factdesk.evidence.sources.base import SOURCE_REGISTRY, Source, SourceSettings, register_source
from factdesk.evidence.sources.collect import LiveEvidence, build_sources, collect_live, source_names, source_settings

__all__ = [
    "LiveEvidence",
    "SOURCE_REGISTRY",
    "Source",
    "SourceSettings",
    "build_sources",
    "collect_live",
    "register_source",
    "source_names",
    "source_settings",
]
