"""corridormap: text about proposed infrastructure in, an analytical corridor map out.

The one-call API is :func:`analyze`; see :mod:`corridormap.pipeline`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from corridormap.pipeline import Result

__all__ = ["Result", "__version__", "analyze"]


def analyze(inputs: Any, **options: Any) -> Result:
    """Run the whole pipeline; see :func:`corridormap.pipeline.analyze`."""
    from corridormap.pipeline import analyze as _analyze

    return _analyze(inputs, **options)


def __getattr__(name: str) -> Any:
    if name == "Result":
        from corridormap.pipeline import Result

        return Result
    raise AttributeError(name)
