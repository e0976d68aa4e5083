"""robots.txt as RFC 9309 says, parsed by protego: what a page fetch may ask of a host.

- **Rules**: the group of the most specific user agent (``factdesk``, else ``*``), and within it
  the most specific (longest) matching rule, ``Allow`` winning a tie; ``*`` and ``$`` in paths
  (RFC 9309 2.2.2, 2.2.3). protego implements these; ``urllib.robotparser`` does not (it takes
  the first matching rule and reads ``*`` literally).
- **Status** (2.3.1): 2xx → the rules; 4xx ("unavailable", 401 and 403 included) → everything is
  allowed; 5xx or no answer ("unreachable") → nothing is allowed, for now (not cached).
- **Size** (2.5): the first 512 KiB are parsed; a longer file is cut there, never refused.
- **Redirects** (2.3.1.2): the robots.txt request follows redirects (5 hops); a *page* that
  redirects to another host is checked against that host's robots.txt before the hop is asked.

>>> rules = RobotsRules.from_answer(200, "User-agent: *\\nAllow: /\\nDisallow: /search\\nDisallow: /*?")
>>> [rules.allows(u) for u in ("https://x.org/a", "https://x.org/search", "https://x.org/a?b=1")]
[True, False, False]
>>> RobotsRules.from_answer(403, "").allows("https://x.org/anything")
True
"""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

ROBOTS_AGENT = "factdesk"
#: RFC 9309 2.5: "a parsing limit that MUST be at least 500 kibibytes"
ROBOTS_MAX_BYTES = 512 * 1024


@dataclass
class RobotsRules:
    """The outcome of one host's robots.txt."""

    status: int
    parser: Protego | None = None
    allow_all: bool = False
    disallow_all: bool = False

    @classmethod
    def from_answer(cls, status: int, text: str) -> "RobotsRules":
        if 200 <= status < 300:
            return cls(status, parser=Protego.parse(text))
        if 400 <= status < 500:
            return cls(status, allow_all=True)
        return cls(status, disallow_all=True)

    @classmethod
    def unreachable(cls) -> "RobotsRules":
        return cls(0, disallow_all=True)

    def allows(self, url: str, agent: str = ROBOTS_AGENT) -> bool:
        if self.allow_all:
            return True
        if self.disallow_all or self.parser is None:
            return False
        return self.parser.can_fetch(url, agent)

    def crawl_delay(self, agent: str = ROBOTS_AGENT) -> float | None:
        """The (non-standard, widely used) ``Crawl-delay`` of the agent's group, if any."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay else None
