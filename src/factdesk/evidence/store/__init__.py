"""Placeholder package; see the issue that builds it."""
