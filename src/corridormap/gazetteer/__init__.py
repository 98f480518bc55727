"""Offline worldwide gazetteer: countries, admin-1 regions, populated places and curated
physical features and border crossings, searchable by any name in any script.

>>> from corridormap.gazetteer import Gazetteer, normalize
>>> gaz = Gazetteer.load()
>>> gaz.lookup("Pyongyang")[0].place.country_code
'KP'

:mod:`.build` turns package data into an index, :mod:`.index` reads it and
:mod:`.normalize` holds the one key normalisation (and the key's hashes) both use.
Importing this package is light: numpy only, no pandas.
"""

from __future__ import annotations

import os

from corridormap import _native

# The mypyc build of .normalize and .index, when current (see corridormap._native).
_compiled = _native.current_dir()
if _compiled is not None:
    __path__.insert(0, os.path.join(_compiled, "gazetteer"))

from corridormap.gazetteer.index import Candidate, Gazetteer  # noqa: E402
from corridormap.gazetteer.normalize import normalize  # noqa: E402

__all__ = ["Candidate", "Gazetteer", "normalize"]
