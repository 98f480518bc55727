"""corridormap's exceptions, all rooted in :class:`CorridormapError`.

Each also subclasses the builtin it refines, so callers that only know Python's own
exceptions still catch them.  The CLI turns any :class:`CorridormapError` into one line
on stderr and exit code 2; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class CorridormapError(Exception):
    """Base of every error corridormap raises on purpose."""


class InputError(CorridormapError, ValueError):
    """An input cannot be read: missing, binary, empty, badly encoded or malformed."""


class SpecError(CorridormapError, ValueError):
    """A corridor spec file is invalid; the message names file, line and field."""


class GeocoderError(CorridormapError, RuntimeError):
    """A geocoding backend failed (network, quota, malformed answer)."""


class GeocoderRateLimited(GeocoderError):  # noqa: N818 - geopy's name for it
    """The service answered 429; ``retry_after`` carries its advice in seconds."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class UnknownGeocoderError(CorridormapError, ValueError):
    """A geocoder name that is not registered; the message lists the valid ones."""


class DataError(CorridormapError, RuntimeError):
    """Bundled or installed data is missing or unreadable (e.g. npm packages not installed)."""


class RoutingError(CorridormapError, RuntimeError):
    """No route could be drawn between a corridor's waypoints."""
