"""Pages render in the language of their URL prefix; Spanish is the default."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "skip_link", "menu"),
    [
        ("es", "Saltar al contenido principal", "Menú principal"),
        ("fr", "Aller au contenu principal", "Menu principal"),
        ("en", "Skip to main content", "Main menu"),
    ],
)
def test_each_language_prefix_renders_in_its_language(client, prefix, skip_link, menu):
    page = client.get(f"/{prefix}/").content.decode()
    assert f'<html lang="{prefix}"' in page
    assert skip_link in page
    assert f'aria-label="{menu}"' in page


def test_the_root_redirects_to_spanish(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="")
    assert response.status_code == 302 and response["Location"].startswith("/es/")


def test_the_language_switch_keeps_the_page(client):
    page = client.get("/fr/organisations/").content.decode()
    assert 'href="/es/organisations/"' in page and 'href="/en/organisations/"' in page
    assert 'aria-current="true">FR' in page


@pytest.mark.parametrize(
    ("prefix", "text"), [("es", "Organizaciones"), ("fr", "Organisations"), ("en", "Organisations")]
)
def test_the_menu_marks_the_current_page(client, prefix, text):
    page = client.get(f"/{prefix}/organisations/").content.decode()
    assert f'href="/{prefix}/organisations/" aria-current="page">{text}</a>' in page


@pytest.mark.parametrize(("prefix", "number"), [("es", "1\u00a0234"), ("fr", "1\u00a0234"), ("en", "1,234")])
def test_numbers_are_written_the_local_way(world, client, prefix, number):
    from tests.factories import OrganisationFactory

    for i in range(3):
        OrganisationFactory(code=f"x-{i}", country=world.pe)
    from django.template import Context, Template
    from django.utils import translation

    with translation.override(prefix):
        assert Template("{% load l10n %}{{ n|localize }}").render(Context({"n": 1234})) == number
