"""Screenshots of the demo for the README: ``PUENTE_SCREENSHOTS=docs/img make browser-test``.

Skipped unless PUENTE_SCREENSHOTS names a folder. Add a line to SHOTS when a module lands.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# (file name, page, demo user or None, link to follow from that page or None). Spanish: the
# product's default language and the one most of its users read.
SHOTS = [
    ("home", "/es/", None, None),
    ("dashboard-officer", "/es/dashboard/", "bienestar.hde", None),
    ("dashboard-ministry", "/es/dashboard/", "analista.minedu", None),
    ("project", "/es/projects/B07/", None, None),
    ("tutor-week", "/es/students/week/", "tutora.hde", None),
    ("case", "/es/students/cases/", "bienestar.hde", "main table a[href*='/students/cases/']"),
    ("model-card", "/es/alerts/", "bienestar.hde", "main a[href*='/alerts/releases/']"),
    ("outcomes", "/es/students/outcomes/", "bienestar.hde", None),
    ("services-map", "/es/services/", None, None),
    ("organisation", "/es/organisations/PE-IESTP-HDE/", None, None),
    ("qualification-search", "/es/qualifications/?q=cocinera", None, None),
    ("qualification", "/es/qualifications/?q=cocinera", None, "main a[href*='/qualifications/PE/']"),
    ("correlation-report", "/es/qualifications/reports/", "analista.ap", "main a[href*='/qualifications/reports/']"),
    ("credential", "/es/credentials/", "bienestar.hde", "main table a[href*='/credentials/']"),
]


@pytest.mark.skipif(not os.environ.get("PUENTE_SCREENSHOTS"), reason="set PUENTE_SCREENSHOTS=folder to take them")
@pytest.mark.parametrize(("name", "path", "user", "follow"), SHOTS, ids=[s[0] for s in SHOTS])
def test_take_a_screenshot(open_page, name, path, user, follow):
    folder = Path(os.environ["PUENTE_SCREENSHOTS"])
    folder.mkdir(parents=True, exist_ok=True)
    page = open_page(user=user, viewport={"width": 1280, "height": 800}, locale="es-ES")
    page.goto(path)
    page.wait_for_load_state("networkidle")
    if follow:
        page.locator(follow).first.click()
        page.wait_for_load_state("networkidle")
    page.screenshot(path=str(folder / f"{name}.png"), full_page=False)
