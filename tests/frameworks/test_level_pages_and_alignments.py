"""Every framework level has a public page; the alignments a credential carries point to it and
read in one language."""

import pytest
from django.utils import translation

from puente.frameworks import services

SITE = "https://puente.example.org"


@pytest.fixture
def cook(demo):
    return services.qualification_by_identifier("CL:CL-TUR-COC-3")


def test_a_national_level_page_is_public(demo, client):
    response = client.get("/es/qualifications/frameworks/cl-mctp/1/levels/3/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "MCTP nivel 3" in body
    assert 'href="/es/qualifications/frameworks/mrc-ap/1/levels/4/"' in body  # its regional level
    assert 'href="/es/qualifications/CL/CL-TUR-COC-3/"' in body  # a qualification placed at it


def test_a_regional_level_page_lists_the_national_levels_and_qualifications_referenced_to_it(demo, client):
    body = client.get("/en/qualifications/frameworks/mrc-ap/1/levels/4/").content.decode()
    assert 'href="/en/qualifications/frameworks/cl-mctp/1/levels/3/"' in body
    assert 'href="/en/qualifications/CL/CL-TUR-COC-3/"' in body


def test_the_framework_page_links_each_level(demo, client):
    body = client.get("/es/qualifications/frameworks/cl-mctp/1/").content.decode()
    assert 'href="/es/qualifications/frameworks/cl-mctp/1/levels/5/"' in body


def test_levels_of_a_draft_framework_are_hidden_from_the_public(demo, client, world):
    url = "/es/qualifications/frameworks/mx-mmc/0.9/levels/1/"
    assert client.get(url).status_code == 404
    client.force_login(world.mia)
    assert client.get(url).status_code == 200


def test_an_unknown_level_is_not_found(demo, client):
    assert client.get("/es/qualifications/frameworks/cl-mctp/1/levels/9/").status_code == 404


def test_level_alignments_point_to_the_public_level_pages(cook, client, settings):
    settings.SITE_URL = SITE + "/"
    levels = [a for a in services.alignments_of(cook, language="fr") if a["targetType"].endswith("FrameworkLevel")]
    assert [a["targetUrl"] for a in levels[:2]] == [
        f"{SITE}/fr/qualifications/frameworks/cl-mctp/1/levels/3/",
        f"{SITE}/fr/qualifications/frameworks/mrc-ap/1/levels/4/",
    ]
    for alignment in levels:
        assert client.get(alignment["targetUrl"].removeprefix(SITE)).status_code == 200
    assert services.level_url(cook.level, language="en") == f"{SITE}/en/qualifications/frameworks/cl-mctp/1/levels/3/"


def test_alignments_read_in_the_language_asked_for(cook):
    french = services.alignments_of(cook, language="fr")
    spanish = services.alignments_of(cook, language="es")
    assert (french[0]["targetName"], french[0]["targetFramework"]) == (
        "MCTP niveau 3",
        "Cadre de qualifications technico-professionnel",
    )
    assert (spanish[0]["targetName"], spanish[0]["targetFramework"]) == (
        "MCTP nivel 3",
        "Marco de Cualificaciones Técnico-Profesional",
    )
    assert french[1]["matchType"] == spanish[1]["matchType"]
    assert translation.get_language() == "en"  # the caller's language is left as it was


def test_alignments_default_to_the_active_language(cook):
    with translation.override("fr"):
        assert services.alignments_of(cook)[0]["targetName"] == "MCTP niveau 3"
    assert services.alignments_of(cook)[0]["targetName"] == "MCTP level 3"


@pytest.mark.parametrize(("asked", "used"), [("es-PE", "es"), ("fr-CA", "fr"), ("de", "es")])
def test_a_regional_variant_or_another_language_falls_back_to_a_language_of_the_site(cook, asked, used):
    url = services.alignments_of(cook, language=asked)[0]["targetUrl"]
    assert f"/{used}/qualifications/frameworks/cl-mctp/1/levels/3/" in url
