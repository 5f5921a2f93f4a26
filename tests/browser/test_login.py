"""A visitor logs in as a demo user, with one click or through the login form."""

from __future__ import annotations

import re

from .conftest import DEMO_PASSWORD, log_in_with_form


def test_a_visitor_logs_in_as_a_demo_user_with_one_click(open_page):
    page = open_page()
    page.goto("/es/")
    card = page.locator("form", has=page.locator("code", has_text=re.compile(r"^tutora\.hde$")))
    card.get_by_role("button").click()
    page.wait_for_url("**/es/dashboard/")
    assert page.locator("header .user-name").inner_text().strip() == "Carmen Apaza"


def test_a_visitor_logs_in_with_the_login_form(open_page, live_server_url):
    page = open_page()
    log_in_with_form(page, live_server_url, "bienestar.hde", DEMO_PASSWORD)
    assert page.url.endswith("/es/dashboard/")
    assert page.locator("header .user-name").inner_text().strip() == "Rosa Huamán"


def test_a_wrong_password_is_refused_with_a_message(open_page):
    page = open_page()
    page.goto("/es/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "not-the-password")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/es/login/")
    assert page.get_by_role("alert").is_visible()


def test_a_logged_in_user_logs_out(open_page):
    page = open_page(user="admin")
    page.goto("/es/dashboard/")
    page.locator("header form").get_by_role("button").click()
    page.wait_for_load_state()
    assert page.locator("header .user-name").count() == 0
