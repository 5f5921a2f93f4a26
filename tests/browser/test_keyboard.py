"""Keyboard only: the first Tab reaches the skip link, and following it focuses <main>."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("path", "user"), [("/es/", None), ("/es/dashboard/", "bienestar.hde")])
def test_the_skip_link_is_the_first_tab_stop_and_focuses_main(open_page, path, user):
    page = open_page(user=user)
    page.goto(path)
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#main"], focused
    assert page.locator(".skip-link").is_visible(), "the skip link must become visible when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_the_login_form_works_with_the_keyboard_alone(open_page):
    page = open_page()
    page.goto("/es/login/")
    page.focus("#id_username")
    page.keyboard.type("coordinador.hde")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "id_password"
    page.keyboard.type("puente-demo-2026")
    page.keyboard.press("Enter")
    page.wait_for_url("**/es/dashboard/")
