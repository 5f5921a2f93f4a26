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


# Django merges the catalogues of all apps into one per language; for a msgid found in several,
# the app listed first in INSTALLED_APPS wins (LOCALE_PATHS before all). Two apps translating the
# same English text differently therefore show one app's wording on the other's pages ("Retirada"
# for a male student). The same (msgctxt, msgid) must read the same everywhere; when the meaning
# differs, the strings need a context: pgettext_lazy("case status", "Open"), or
# {% translate "Open" context "case status" %} in a template.


def _app(path: Path) -> str:
    return str(path.relative_to(SRC)).split("/locale/")[0] if not path.is_relative_to(SRC / "locale") else "(project)"


def _clashes(catalogs: dict[str, list]) -> list[str]:
    """``catalogs`` maps an app to its messages; returns one line per (msgctxt, msgid) read two ways."""
    seen: dict[tuple, dict[tuple[str, ...], list[str]]] = {}
    for app, messages in sorted(catalogs.items()):
        for message in messages:
            forms = _forms(message.string)
            if not message.id or "fuzzy" in message.flags or not all(forms):
                continue
            seen.setdefault((message.context, _forms(message.id)), {}).setdefault(forms, []).append(app)
    lines = []
    for (context, msgid), readings in sorted(seen.items(), key=lambda item: (item[0][1], item[0][0] or "")):
        if len(readings) > 1:
            label = f"{msgid[0]!r}" + (f" (plural {msgid[1]!r})" if len(msgid) > 1 else "")
            label += f" [msgctxt {context!r}]" if context else ""
            variants = "; ".join(f"{' / '.join(forms)!r} in {', '.join(apps)}" for forms, apps in readings.items())
            lines.append(f"{label}: {variants}")
    return lines


def test_the_clash_check_sees_singular_plural_and_context():
    from babel.messages.catalog import Message

    a = [Message("Open", "Abierto"), Message(("%(n)s case", "%(n)s cases"), ("%(n)s caso", "%(n)s casos"))]
    b = [
        Message("Open", "Abierta"),
        Message(("%(n)s case", "%(n)s cases"), ("%(n)s expediente", "%(n)s expedientes")),
        Message("Open", "Abierta", context="vacancy status"),
        Message("Closed", "", context="vacancy status"),
        Message("Draft", "Borrador (x)", flags=["fuzzy"]),
    ]
    c = [Message("Open", "Abierta", context="survey status"), Message("Draft", "Borrador")]
    found = _clashes({"success": a, "employment": b, "surveys": c})
    assert len(found) == 2, found
    assert any(line.startswith("'Open':") and "success" in line and "employment" in line for line in found)
    assert any("plural" in line for line in found)


@pytest.mark.parametrize("language", REQUIRED)
def test_the_same_message_reads_the_same_in_every_app(language):
    catalogs = {_app(path): _entries(path)[1] for path in CATALOGUES if f"/locale/{language}/" in str(path)}
    assert len(catalogs) > 1
    clashes = _clashes(catalogs)
    assert not clashes, (
        f"{len(clashes)} messages are translated differently by two apps in {language!r}; Django shows only one "
        "of the wordings everywhere. Use one wording, or give each meaning a context (pgettext_lazy / "
        '{% translate "…" context "…" %}) and a msgctxt entry in that app\'s catalogues:\n' + "\n".join(clashes)
    )


@pytest.mark.parametrize("language", REQUIRED)
def test_users_see_our_wording_not_djangos_or_drfs(language):
    """Django's and DRF's catalogues come before ours for a message both have (e.g. "Created",
    "Filter", "All"); the project catalogue (LOCALE_PATHS) comes first of all and settles it."""
    from django.utils import translation

    wrong = []
    with translation.override(language):
        for path in CATALOGUES:
            if f"/locale/{language}/" not in str(path):
                continue
            for message in _entries(path)[1]:
                if isinstance(message.id, list | tuple) or not message.string or "fuzzy" in message.flags:
                    continue
                shown = (
                    translation.pgettext(message.context, message.id)
                    if message.context
                    else translation.gettext(message.id)
                )
                if shown != message.string:
                    wrong.append(f"{message.id!r} in {_app(path)}: ours {message.string!r}, shown {shown!r}")
    assert not wrong, "Add these to src/puente/locale (it wins over every app):\n" + "\n".join(sorted(set(wrong)))
