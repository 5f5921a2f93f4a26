"""House rule: no raw SQL outside ``puente/lib``.

Raw SQL bypasses the scoping of ``visible_to`` and the audit signals, and ties code to one
database engine. The few places that need it (bulk COPY, engine-specific search) live in
``lib/`` behind a function that tests run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from pathlib import Path

import puente

SRC = Path(puente.__file__).resolve().parent
ALLOWED = SRC / "lib"
RAW_SQL = re.compile(r"\.raw\(|\bcursor\(|\bRawSQL\b|\.extra\(")


def raw_sql_outside_lib() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if ALLOWED in path.parents:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if RAW_SQL.search(code):
                found.append(f"{path.relative_to(SRC.parent)}:{number}: {line.strip()}")
    return found


def test_no_raw_sql_outside_lib():
    found = raw_sql_outside_lib()
    assert not found, "Raw SQL belongs in puente/lib (see docs/development.md):\n" + "\n".join(found)


def test_the_rule_spots_each_kind_of_raw_sql():
    for line in ("Student.objects.raw('select 1')", "with connection.cursor() as c:", "annotate(x=RawSQL('1', []))"):
        assert RAW_SQL.search(line), line
    assert not RAW_SQL.search("draw(cursor_position)")
