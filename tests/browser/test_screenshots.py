"""Screenshots of the demo for the README: ``PUENTE_SCREENSHOTS=docs/img make browser-test``.

Skipped unless PUENTE_SCREENSHOTS names a folder. Add a line to SHOTS when a module lands.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHOTS = [
    ("home", "/en/", None),
    ("dashboard-officer", "/en/dashboard/", "bienestar.hde"),
    ("dashboard-ministry", "/en/dashboard/", "analista.minedu"),
    ("project", "/en/projects/B07/", None),
    ("tutor-week", "/en/students/week/", "tutora.hde"),
    ("services-map", "/en/services/", None),
    ("organisation", "/en/organisations/PE-IESTP-HDE/", None),
]


@pytest.mark.skipif(not os.environ.get("PUENTE_SCREENSHOTS"), reason="set PUENTE_SCREENSHOTS=folder to take them")
@pytest.mark.parametrize(("name", "path", "user"), SHOTS, ids=[s[0] for s in SHOTS])
def test_take_a_screenshot(open_page, name, path, user):
    folder = Path(os.environ["PUENTE_SCREENSHOTS"])
    folder.mkdir(parents=True, exist_ok=True)
    page = open_page(user=user, viewport={"width": 1280, "height": 800})
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)
