"""The mypyc build of the hot modules: used only when current, and equal to pure Python."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corridormap import _native

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SENTENCES = ROOT / "tests" / "data" / "corridor_sentences.jsonl"


def _fake_build(tmp_path: Path) -> Path:
    """A package directory holding copies of the compiled modules' sources, a stamp and
    (empty) extension files."""
    package = tmp_path / "corridormap"
    compiled = package / "_compiled"
    compiled.mkdir(parents=True)
    suffix = str(_native.stamp(Path(_native.__file__).parent)["ext_suffix"])
    for name in _native.MODULES:
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(Path(_native.__file__).parent / name, package / name)
        extension = _native.extension_path(compiled, name, suffix)
        extension.parent.mkdir(parents=True, exist_ok=True)
        extension.touch()
    (compiled / _native.STAMP_NAME).write_text(json.dumps(_native.stamp(package)))
    return compiled


def test_current_build_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(_native.PURE_ENV, raising=False)
    compiled = _fake_build(tmp_path)
    assert _native.compiled_dir(compiled) == str(compiled)


# A top-level module and one of the gazetteer's, whose build lies in _compiled/gazetteer/.
@pytest.mark.parametrize("name", ["mentions.py", "gazetteer/normalize.py"])
def test_edited_source_falls_back_to_pure_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.delenv(_native.PURE_ENV, raising=False)
    compiled = _fake_build(tmp_path)
    source = compiled.parent / name
    source.write_text(source.read_text() + "\n# an edit after the build\n")
    assert _native.compiled_dir(compiled) is None


def test_missing_or_unreadable_stamp_means_pure_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(_native.PURE_ENV, raising=False)
    compiled = _fake_build(tmp_path)
    (compiled / _native.STAMP_NAME).write_text("{not json")
    assert _native.compiled_dir(compiled) is None
    (compiled / _native.STAMP_NAME).unlink()
    assert _native.compiled_dir(compiled) is None


@pytest.mark.parametrize("extension", ["mentions.*", "gazetteer/index.*"])
def test_a_build_missing_a_module_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extension: str
) -> None:
    monkeypatch.delenv(_native.PURE_ENV, raising=False)
    compiled = _fake_build(tmp_path)
    next(compiled.glob(extension)).unlink()
    assert _native.compiled_dir(compiled) is None


def test_environment_variable_forces_pure_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = _fake_build(tmp_path)
    monkeypatch.setenv(_native.PURE_ENV, "1")
    assert _native.compiled_dir(compiled) is None
    monkeypatch.setenv(_native.PURE_ENV, "0")
    assert _native.compiled_dir(compiled) == str(compiled)


def _places(inputs: list[Path], *, pure: bool) -> str:
    env = {k: v for k, v in os.environ.items() if k != _native.PURE_ENV}
    if pure:
        env[_native.PURE_ENV] = "1"
    code = (
        "import sys; from corridormap import _native; from corridormap.cli import main; "
        "sys.stderr.write(f'compiled={_native.active()}\\n'); "
        "main(['places', *sys.argv[1:], '--format', 'jsonl'])"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, *map(str, inputs)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert f"compiled={not pure}" in proc.stderr
    return proc.stdout


@pytest.mark.skipif(
    _native.compiled_dir() is None,
    reason="no current mypyc build (python scripts/build_native.py; setup.sh runs it)",
)
def test_compiled_and_pure_python_find_the_same_places(tmp_path: Path) -> None:
    # Every corridor sentence of the test data and both seed articles, as one corpus.
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for line in SENTENCES.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            out.write(json.dumps({"id": record["id"], "text": record["text"]}) + "\n")
    inputs = [*SEEDS, corpus]
    compiled = _places(inputs, pure=False)
    assert compiled.count("\n") >= len(SEEDS) + 100
    assert compiled == _places(inputs, pure=True)
