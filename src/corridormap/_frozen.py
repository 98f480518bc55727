"""Frozen dataclass instances made from their instance dictionary, without ``__init__``.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (its own
``__setattr__`` refuses), about a microsecond for the nine fields of a place.  The
geoparser makes a place and a candidate for every gazetteer entry of every new name, a
mention for every name it finds and a copy of each when it is resolved; the functions
here set the instance dictionary whole instead, three to five times faster.  They are
meant for the classes of :mod:`corridormap.model`, which have no ``__post_init__`` to
skip.  :mod:`corridormap.model` re-exports :func:`construct` and :func:`evolve`; this
module is compiled with the geoparser's hot modules (:mod:`corridormap._native`), so
that the calls from them are C calls.
"""

from __future__ import annotations

from typing import Any, Final, TypeVar

__all__ = ["construct", "evolve", "from_state"]

_T = TypeVar("_T")

_new_instance: Final = object.__new__
# A frozen dataclass refuses setattr; object's own sets the instance dictionary whole.
_set_attribute: Final = object.__setattr__


def from_state(cls: type[_T], state: dict[str, Any]) -> _T:
    """An instance of the frozen dataclass ``cls`` whose instance dictionary is ``state``.

    ``state`` is adopted, not copied, and not checked: it must map every field of
    ``cls`` by name (the callers' tests compare what they build with ``cls(...)``).
    Use :func:`construct` where the fields come from elsewhere.

    Parameters
    ----------
    cls : type
        A frozen dataclass without ``__post_init__``.
    state : dict
        Field name to value, every field; the caller must not use it afterwards.

    Returns
    -------
    cls
    """
    new = _new_instance(cls)
    _set_attribute(new, "__dict__", state)
    return new


def construct(cls: type[_T], **fields: Any) -> _T:
    """An instance of the frozen dataclass ``cls`` from every one of its fields, by name.

    :func:`from_state` with the field names checked: about three times faster than
    ``cls(**fields)``.

    Raises
    ------
    TypeError
        If a field is missing or unknown.
    """
    names = cls.__dataclass_fields__.keys()  # type: ignore[attr-defined]
    if fields.keys() != names:
        missing, unknown = sorted(names - fields.keys()), sorted(fields.keys() - names)
        raise TypeError(f"{cls.__name__}: fields missing {missing}, unknown {unknown}")
    return from_state(cls, fields)


def evolve(obj: _T, **changes: Any) -> _T:
    """A copy of the frozen dataclass ``obj`` with ``changes``: :func:`dataclasses.replace`
    without re-running ``__init__``.

    Raises
    ------
    TypeError
        If a changed field is not a field of ``obj``.
    """
    fields = obj.__dataclass_fields__  # type: ignore[attr-defined]
    for name in changes:
        if name not in fields:
            raise TypeError(f"{type(obj).__name__} has no field {name!r}")
    state = dict(obj.__dict__)
    state.update(changes)
    return from_state(type(obj), state)
