"""Where corridormap finds its data, its npm packages and its build cache.

* ``data_dir()``: files authored in this repository (curated places, reference
  catalogues, example specs).  In a source checkout this is ``<repo>/data``; a wheel
  carries the same files as ``corridormap/_data``.
* ``node_modules()``: npm packages installed by ``npm ci`` at the repository root
  (Natural Earth boundaries from ``world-atlas``, Leaflet assets for ``--offline``).
  ``CORRIDORMAP_NODE_MODULES`` overrides it.
* ``cache_dir()``: indexes built from package data on first use
  (``CORRIDORMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/corridormap``).
"""

from __future__ import annotations

import os
from pathlib import Path

from corridormap.errors import DataError

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_DIR = _PACKAGE_DIR.parent.parent


def data_dir() -> Path:
    """Directory of the data files authored in this project."""
    bundled = _PACKAGE_DIR / "_data"
    if bundled.is_dir():
        return bundled
    return _REPO_DIR / "data"


def node_modules() -> Path:
    """Directory holding the npm packages corridormap reads.

    Raises
    ------
    DataError
        If no ``node_modules`` directory can be found.
    """
    override = os.environ.get("CORRIDORMAP_NODE_MODULES")
    candidates = [Path(override)] if override else []
    candidates += [_PACKAGE_DIR / "_node_modules", _REPO_DIR / "node_modules"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise DataError(
        "npm packages not found: run `npm ci` in the corridormap checkout "
        "or set CORRIDORMAP_NODE_MODULES"
    )


def npm_file(package: str, relative: str) -> Path:
    """Path of one file inside an installed npm package.

    Raises
    ------
    DataError
        If the package or file is missing.
    """
    path = node_modules() / package / relative
    if not path.is_file():
        raise DataError(f"npm file missing: {package}/{relative} (run `npm ci`)")
    return path


def cache_dir() -> Path:
    """Directory for indexes built from package data; created if needed."""
    override = os.environ.get("CORRIDORMAP_CACHE_DIR")
    if override:
        base = Path(override)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = (Path(xdg) if xdg else Path.home() / ".cache") / "corridormap"
    base.mkdir(parents=True, exist_ok=True)
    return base
