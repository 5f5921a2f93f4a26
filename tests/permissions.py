"""One helper for every view's with- and without-permission test (STYLE.md §5).

``assert_page_access(client_for, url, allowed=[...], denied=[...])`` logs each persona in and
checks that allowed ones get 200 and denied ones get 403, 404 or a redirect to the login page
— never the page. Anonymous visitors are always checked as denied for non-public pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

DENIED_STATUSES = {302, 403, 404}


def assert_page_access(
    client_factory: Callable[[Any], Any],
    url: str,
    *,
    allowed: Iterable[Any] = (),
    denied: Iterable[Any] = (),
    anonymous_denied: bool = True,
    must_not_contain: str | None = None,
) -> None:
    for user in allowed:
        response = client_factory(user).get(url)
        assert response.status_code == 200, f"{user} should see {url}, got {response.status_code}"
    for user in denied:
        response = client_factory(user).get(url)
        assert response.status_code in DENIED_STATUSES, f"{user} must not see {url}, got {response.status_code}"
        if must_not_contain:
            assert must_not_contain not in response.content.decode(), f"{user} saw {must_not_contain!r} at {url}"
    if anonymous_denied:
        response = client_factory(None).get(url)
        assert response.status_code in DENIED_STATUSES, f"anonymous must not see {url}, got {response.status_code}"
