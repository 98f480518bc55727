"""Compile the geoparser's hot modules with mypyc into ``src/corridormap/_compiled/``.

    python scripts/build_native.py          # build (about a minute on two cores)
    python scripts/build_native.py --clean  # remove the build: pure Python again

The sources are copied to a temporary directory and compiled there, so no build
artefact lands in the tree except the finished extension modules and their stamp,
which replace any earlier build in one rename.  ``corridormap._native`` explains when
the build is used.  Needs mypy (it ships mypyc), setuptools and a C compiler; the
setup script runs this and carries on in pure Python if it fails.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "corridormap"
sys.path.insert(0, str(ROOT / "src"))

from corridormap import _native  # noqa: E402  (the checkout's, not an installed copy)

# Run in the temporary source tree: mypycify names each module by its path there.
SETUP = """
import sys
from setuptools import setup
from mypyc.build import mypycify

modules = sys.argv[1:]
sys.argv[1:] = ["build_ext", "--build-lib", "out", "--build-temp", "tmp"]
setup(
    name="corridormap-native",
    ext_modules=mypycify(modules, group_name="corridormap._hot", opt_level="3"),
)
"""

MYPY_INI = """
[mypy]
python_version = 3.11
ignore_missing_imports = True
"""


def build() -> None:
    """Compile :data:`corridormap._native.MODULES` and install them with their stamp."""
    with tempfile.TemporaryDirectory(prefix="corridormap-native-") as tmp:
        work = Path(tmp)
        shutil.copytree(PACKAGE, work / "corridormap", ignore=shutil.ignore_patterns(
            "_compiled*", "__pycache__", "*.so"))  # fmt: skip
        (work / "setup_native.py").write_text(SETUP, encoding="utf-8")
        # mypyc type-checks what the modules import; untyped libraries are Any here
        # as in the project's own mypy run (pyproject.toml, not readable by setuptools).
        (work / "mypy.ini").write_text(MYPY_INI, encoding="utf-8")
        modules = [f"corridormap/{name}" for name in _native.MODULES]
        proc = subprocess.run(
            [sys.executable, "setup_native.py", *modules],
            cwd=work, capture_output=True, text=True, check=False,
        )  # fmt: skip
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
            sys.exit("build_native: mypyc build failed (the pure-Python modules stay in use)")
        out = work / "out" / "corridormap"
        built = sorted(path.relative_to(out) for path in out.rglob("*.so"))
        staged = Path(tempfile.mkdtemp(prefix="_compiled.", dir=PACKAGE))
        for path in built:
            # A subpackage's modules go to the subfolder its __path__ names.
            (staged / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(out / path, staged / path)
        # The stamp describes the sources that were compiled (the copies in the build).
        stamp = _native.stamp(work / "corridormap")
        (staged / _native.STAMP_NAME).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    clean(keep=staged)
    staged.rename(_native.COMPILED_DIR)
    names = ", ".join(str(path) for path in built)
    print(f"build_native: {len(built)} extension modules in {_native.COMPILED_DIR}: {names}")


def clean(keep: Path | None = None) -> None:
    """Remove the compiled build and any half-finished one (except ``keep``)."""
    for path in PACKAGE.glob("_compiled*"):
        if path.is_dir() and path != keep:
            shutil.rmtree(path)


def main() -> None:
    """Build, or with ``--clean`` remove, the compiled modules."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clean", action="store_true", help="remove the build")
    if ap.parse_args().clean:
        clean()
    else:
        build()


if __name__ == "__main__":
    main()
