"""Spanish by default; French and English one click away, with the URL prefix and <html lang>."""

from __future__ import annotations


def _switch_to(page, code: str) -> None:
    page.locator(f"nav.language-switch a[hreflang={code}]").click()
    page.wait_for_load_state()


def test_the_language_switch_goes_es_fr_en_and_keeps_the_page(open_page):
    page = open_page()
    page.goto("/es/projects/")
    assert page.locator("html").get_attribute("lang") == "es"

    _switch_to(page, "fr")
    assert "/fr/projects/" in page.url
    assert page.locator("html").get_attribute("lang") == "fr"

    _switch_to(page, "en")
    assert "/en/projects/" in page.url
    assert page.locator("html").get_attribute("lang") == "en"
    current = page.locator("nav.language-switch a[aria-current]")
    assert current.get_attribute("hreflang") == "en"


def test_the_root_url_lands_in_spanish(open_page):
    page = open_page(locale="es-PE")
    page.goto("/")
    assert "/es/" in page.url
    assert page.locator("html").get_attribute("lang") == "es"
