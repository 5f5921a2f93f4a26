"""Every page of pages.PAGES loads cleanly and passes axe-core with 0 serious/critical violations."""

from __future__ import annotations

import pytest

from .axe import axe_violations, blocking, describe
from .pages import PAGES, Page


def _counts(message) -> bool:
    """Every console error counts (the favicon is served, so even the browser's probe must succeed)."""
    return message.type == "error"


@pytest.mark.parametrize("target", PAGES, ids=[p.id for p in PAGES])
def test_the_page_loads_and_passes_axe(open_page, live_server_url, target: Page):
    page = open_page(user=target.user)
    console_errors: list[str] = []
    failed: list[str] = []
    page.on("console", lambda message: console_errors.append(message.text) if _counts(message) else None)
    page.on(
        "response",
        lambda response: (
            failed.append(f"{response.status} {response.url}")
            if response.status >= 400 and response.url.startswith(live_server_url)
            else None
        ),
    )

    response = page.goto(target.path)
    assert response is not None
    assert response.status < 400, f"{target.path} answered {response.status}"
    if target.follow:
        link = page.locator(target.follow).first
        assert link.count(), f"no link matches {target.follow!r} on {target.path}"
        link.click()
        page.wait_for_load_state()
    page.wait_for_load_state("networkidle")

    assert not failed, f"requests failed on {page.url}: {failed}"
    assert not console_errors, f"console errors on {page.url}: {console_errors}"
    if target.axe:
        violations = blocking(axe_violations(page))
        assert not violations, f"axe found serious/critical violations on {page.url}:\n{describe(violations)}"
