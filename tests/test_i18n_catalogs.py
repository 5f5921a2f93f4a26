"""Every translation catalogue of every app is complete in Spanish and French: no empty and no
fuzzy msgstr, the same named placeholders as the source, and a compiled .mo that matches.

This holds every engineer's catalogue to the same rule (docs/development.md, "Translated UI").
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

SRC = Path(__file__).resolve().parent.parent / "src" / "puente"
REQUIRED = ("es", "fr")
CATALOGUES = sorted(p for lang in REQUIRED for p in SRC.glob(f"**/locale/{lang}/LC_MESSAGES/*.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|\{(\w+)\}")


def _id(path: Path) -> str:
    return str(path.relative_to(SRC))


def _entries(path: Path):
    with path.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    return catalog, [m for m in catalog if m.id]


def _forms(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (value,)


def _placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text or "")}


def test_there_are_catalogues_to_check():
    assert any("core/locale" in str(p) for p in CATALOGUES)
    assert any(str(p).startswith(str(SRC / "locale")) for p in CATALOGUES), "the catalogue of base.html"


@pytest.mark.parametrize("path", CATALOGUES, ids=_id)
def test_no_message_is_left_empty_or_fuzzy(path):
    _catalog, entries = _entries(path)  # a fuzzy *header* is how makemessages writes it: allowed
    problems = []
    for message in entries:
        if "fuzzy" in message.flags:
            problems.append(f"fuzzy: {message.id!r}")
        elif any(not form for form in _forms(message.string)):
            problems.append(f"empty: {message.id!r}")
    hint = (
        "\nSpanish has three plural forms (msgstr[0] one, [1] millions, [2] other): fill all three."
        if any(p.startswith("empty: (") for p in problems)
        else ""
    )
    assert not problems, f"{_id(path)} has {len(problems)} untranslated messages:\n" + "\n".join(problems[:40]) + hint


@pytest.mark.parametrize("path", CATALOGUES, ids=_id)
def test_translations_keep_the_placeholders(path):
    _catalog, entries = _entries(path)
    problems = []
    for message in entries:
        expected = set().union(*(_placeholders(i) for i in _forms(message.id)))
        for form in _forms(message.string):
            if form and _placeholders(form) - expected:
                problems.append(f"{message.id!r} -> {form!r}")
            if form and not isinstance(message.id, tuple | list) and _placeholders(form) != expected:
                problems.append(f"{message.id!r} -> {form!r}")
    assert not problems, f"{_id(path)}: placeholders differ:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("path", CATALOGUES, ids=_id)
def test_the_compiled_catalogue_is_committed_and_up_to_date(path):
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{_id(path)} is not compiled: run compilemessages and commit the .mo"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    _catalog, entries = _entries(path)
    stale = []
    for message in entries:
        if isinstance(message.id, tuple | list) or not message.string:
            continue
        context = message.context
        found = compiled.pgettext(context, message.id) if context else compiled.gettext(message.id)
        if found != message.string:
            stale.append(message.id)
    assert not stale, f"{_id(path)}: the .mo is older than the .po ({len(stale)} messages), e.g. {stale[:5]}"
