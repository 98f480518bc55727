"""The compiled build of the geoparser's hot modules, used only while it matches the source.

Sentence splitting (:mod:`corridormap.sentences`), recognition
(:mod:`corridormap.mentions`), resolution (:mod:`corridormap.resolve`) and the
gazetteer's lookups (:mod:`corridormap.gazetteer.normalize`,
:mod:`corridormap.gazetteer.index`) run for every word of every document; they are
plain, fully typed Python, which mypyc (the compiler mypy ships, the one black and mypy
itself are built with) turns into C extension modules about a third faster.
``scripts/build_native.py`` compiles :data:`MODULES` into ``_compiled/`` beside this
file (a subpackage's modules into the subfolder of that name) and records the SHA-256 of
each source in ``_compiled/stamp.json``.

:func:`current_dir` is asked when the package and its ``gazetteer`` subpackage are
imported: the compiled directory is put first on their ``__path__`` only when every
recorded digest still matches its source, so an edited ``mentions.py`` is never shadowed
by a stale build (the pure-Python modules are used until the next build).
``CORRIDORMAP_PURE_PYTHON=1`` forces the pure-Python modules.  Both builds give the same
output (``tests/test_native_build.py``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sysconfig
from functools import cache
from pathlib import Path

#: The modules compiled, relative to the package directory.
MODULES = (
    "_frozen.py",
    "sentences.py",
    "mentions.py",
    "resolve.py",
    "gazetteer/normalize.py",
    "gazetteer/index.py",
)
#: The compiled extension modules and their stamp, beside this file.
COMPILED_DIR = Path(__file__).with_name("_compiled")
STAMP_NAME = "stamp.json"
#: Set (to anything but "" or "0") to use the pure-Python modules.
PURE_ENV = "CORRIDORMAP_PURE_PYTHON"


def source_digests(package_dir: Path) -> dict[str, str]:
    """SHA-256 of each compiled module's source in ``package_dir``, by file name."""
    return {name: hashlib.sha256((package_dir / name).read_bytes()).hexdigest() for name in MODULES}


def stamp(package_dir: Path) -> dict[str, object]:
    """The stamp a build records: the sources' digests and the interpreter's ABI."""
    return {
        "sources": source_digests(package_dir),
        "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
    }


def compiled_dir(directory: Path = COMPILED_DIR) -> str | None:
    """The compiled build's directory when it is present and current, else None.

    Parameters
    ----------
    directory : Path
        Where the build lies; its parent is the package directory whose sources it
        must match.

    Returns
    -------
    str or None
        ``str(directory)`` when :data:`PURE_ENV` is unset, the stamp is readable and
        every digest and the interpreter's extension suffix match; otherwise None.
    """
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return None
    try:
        recorded = json.loads((directory / STAMP_NAME).read_text(encoding="utf-8"))
        current = stamp(directory.parent)
    except (OSError, ValueError):
        return None
    suffix = str(current["ext_suffix"])
    # Every module's extension must be there: a half-deleted build would shadow some
    # modules and not others (and the compiled ones call each other directly).
    complete = all(extension_path(directory, name, suffix).is_file() for name in MODULES)
    return str(directory) if recorded == current and complete else None


def extension_path(directory: Path, name: str, suffix: str) -> Path:
    """Where the build puts the extension module of source ``name`` (``"a/b.py"`` ->
    ``directory/a/b<suffix>``)."""
    source = Path(name)
    return directory / source.parent / (source.stem + suffix)


@cache
def current_dir() -> str | None:
    """:func:`compiled_dir` of the installed build, asked once per process (the package
    and its subpackages must agree)."""
    return compiled_dir()


def active() -> bool:
    """Whether this process runs the compiled modules (for benchmarks and reports)."""
    import importlib

    modules = [
        importlib.import_module("corridormap." + name.removesuffix(".py").replace("/", "."))
        for name in MODULES
    ]
    return all(COMPILED_DIR in Path(module.__file__ or "").parents for module in modules)
