"""Write docs/hardening.md: the inputs tried, faults injected and outcomes pinned by the
hardening tests, collected from the tests themselves.

Usage::

    python scripts/hardening_table.py           # rewrite docs/hardening.md
    python scripts/hardening_table.py --check   # exit 1 if it is out of date

Every test function in ``tests/test_hardening_*.py`` carries a docstring with an
``input:`` or ``fault:`` line and an ``outcome:`` line (each may continue on the
following lines).  The cases of ``pytest.mark.parametrize`` (their ``id=``) are listed
too.  The modules are read with :mod:`ast`, not imported, so the script needs none of
the test dependencies; a test without the lines is an error.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
OUTPUT = ROOT / "docs" / "hardening.md"
_FIELD = re.compile(r"^(input|fault|outcome):\s*(.*)$")
#: Section heading per module, in this order; modules not listed come last.
TOPICS = {
    "test_hardening_inputs": "Inputs (files, directories, encodings, JSONL, URLs)",
    "test_hardening_output": "Output files and interrupts",
    "test_hardening_geocoders": "Online geocoders (loopback fake service)",
    "test_hardening_hostile": "Hostile text on the map",
    "test_hardening_properties": "Properties over arbitrary input (Hypothesis)",
    "test_hardening_docs": "This table",
}


@dataclass(frozen=True)
class Row:
    """One test: what it feeds in or breaks, its cases and what it pins."""

    module: str
    test: str
    kind: str
    trigger: str
    cases: tuple[str, ...]
    outcome: str
    runs: int


def fields(docstring: str) -> dict[str, str]:
    """The ``input:``/``fault:``/``outcome:`` fields of a docstring, lines joined."""
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in docstring.splitlines():
        stripped = line.strip()
        match = _FIELD.match(stripped)
        if match:
            current = found.setdefault(match.group(1), [])
            current.append(match.group(2))
        elif current is not None and stripped:
            current.append(stripped)
        else:
            current = None
    return {key: " ".join(parts).strip() for key, parts in found.items()}


def _param_ids(node: ast.expr, constants: dict[str, ast.expr]) -> list[str]:
    if isinstance(node, ast.Name) and node.id in constants:
        node = constants[node.id]
    if not isinstance(node, ast.List | ast.Tuple):
        return []
    ids = []
    for item in node.elts:
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            ids.append(item.value)
        elif isinstance(item, ast.Call):
            for keyword in item.keywords:
                if keyword.arg == "id" and isinstance(keyword.value, ast.Constant):
                    ids.append(str(keyword.value.value))
    return ids


def cases(func: ast.FunctionDef, constants: dict[str, ast.expr]) -> list[list[str]]:
    """``id=`` of each ``pytest.param`` (or the plain string values) in the test's
    parametrize decorators."""
    found: list[list[str]] = []
    for decorator in func.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr == "parametrize"
            and len(decorator.args) >= 2
        ):
            found.append(_param_ids(decorator.args[1], constants))
    return found


def collect(folder: Path = TESTS) -> tuple[list[Row], list[str]]:
    """Rows of every hardening test, and the problems (tests without the lines)."""
    rows: list[Row] = []
    problems: list[str] = []
    order = {name: k for k, name in enumerate(TOPICS)}
    paths = sorted(
        folder.glob("test_hardening_*.py"), key=lambda p: (order.get(p.stem, len(order)), p.stem)
    )
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        constants = {
            target.id: node.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in tree.body:
            if not (isinstance(node, ast.FunctionDef) and node.name.startswith("test_")):
                continue
            found = fields(ast.get_docstring(node) or "")
            kind = "input" if "input" in found else "fault"
            if kind not in found or "outcome" not in found:
                problems.append(
                    f"{path.name}::{node.name}: docstring needs an 'input:' or 'fault:' "
                    "line and an 'outcome:' line"
                )
                continue
            groups = cases(node, constants)
            runs = 1
            for group in groups:
                runs *= max(1, len(group))
            ids = tuple(case for group in groups for case in group)
            rows.append(Row(path.stem, node.name, kind, found[kind], ids, found["outcome"], runs))
    return rows, problems


def _cell(text: str) -> str:
    """Plain text as a table cell: pipes escaped, angle brackets shown, not parsed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def render(rows: list[Row]) -> str:
    """The Markdown page."""
    lines = [
        "# Hardening: inputs tried, faults injected, outcomes",
        "",
        "<!-- Generated by scripts/hardening_table.py from the docstrings of",
        "     tests/test_hardening_*.py; do not edit by hand. -->",
        "",
        "Each row is one test (parametrized cases listed by id).  Exit codes of the CLI:",
        "0 done (warnings, one line each, on stderr), 1 an operating-system error writing",
        "output, 2 a problem with an input, spec or service, 128 + N killed by signal N",
        "(130 Ctrl-C, 143 SIGTERM).  See SECURITY.md for what corridormap trusts.",
        f"{len(rows)} tests, {sum(r.runs for r in rows)} runs with their parameters.",
    ]
    module = None
    for row in rows:
        if row.module != module:
            module = row.module
            lines += [
                "",
                f"## {TOPICS.get(module, module)}",
                "",
                f"From `tests/{module}.py`.",
                "",
                "| input or fault | cases | outcome | test |",
                "|---|---|---|---|",
            ]
        trigger = f"{row.kind}: {row.trigger}" if row.kind == "fault" else row.trigger
        case_list = ", ".join(f"`{c}`" for c in row.cases)
        lines.append(f"| {_cell(trigger)} | {case_list} | {_cell(row.outcome)} | `{row.test}` |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the page is stale")
    args = parser.parse_args(argv)
    rows, problems = collect()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    page = render(rows)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != page:
            print(f"{OUTPUT.relative_to(ROOT)} is out of date: run {__file__}", file=sys.stderr)
            return 1
        return 0
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(page, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(rows)} tests)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
