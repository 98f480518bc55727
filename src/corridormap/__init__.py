"""corridormap: text about proposed infrastructure in, an analytical corridor map out.

The one-call API is :func:`analyze`; see :mod:`corridormap.pipeline`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corridormap import _native

__version__ = "0.1.0"

# The mypyc build of the geoparser's hot modules, when it matches their source (see
# corridormap._native): its directory comes first on the package's search path.
_compiled = _native.current_dir()
if _compiled is not None:
    __path__.insert(0, _compiled)

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
