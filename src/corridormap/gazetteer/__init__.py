"""Offline worldwide gazetteer: countries, admin-1 regions, populated places and curated
physical features and border crossings, searchable by any name in any script.

>>> from corridormap.gazetteer import Gazetteer, normalize
>>> gaz = Gazetteer.load()
>>> gaz.lookup("Pyongyang")[0].place.country_code
'KP'

:mod:`.build` turns package data into an index, :mod:`.index` reads it and
:mod:`.normalize` holds the one key normalisation both use.  Importing this package is
light: numpy only, no pandas.
"""

from __future__ import annotations

from corridormap.gazetteer.index import Candidate, Gazetteer
from corridormap.gazetteer.normalize import normalize

__all__ = ["Candidate", "Gazetteer", "normalize"]
