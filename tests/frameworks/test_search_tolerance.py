"""Public search by Spanish title tolerates accents, gender forms and typos, and needs no login."""

import pytest

from puente.frameworks import services


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cocinera", "CL-TUR-COC-3"),
        ("COCINERO", "CL-TUR-COC-3"),
        ("cosinero", "CL-TUR-COC-3"),  # typo
        ("guia de turismo", "CL-TUR-GUI-3"),  # no accent
        ("guía", "PE-IEST-GUI-5"),
        ("recepcionista de hotel", "CL-TUR-REC-3"),
        ("resepcionista", "CO-SENA-REC-4"),  # typo
        ("camarero/a", "CL-TUR-GAR-2"),  # through the ESCO occupation's labels
        ("camarera", "PE-IEST-MOZ-3"),
        ("moza", "PE-IEST-MOZ-3"),
        ("mesera", "CO-SENA-MES-3"),
        ("técnica en cocina", "PE-IEST-COC-4"),
        ("metalurgia", "PE-HDE-MET-5"),
    ],
)
def test_it_finds_the_qualification(demo, query, expected):
    codes = [q.code for q in services.search_qualifications(query)]
    assert expected in codes[:6], codes


def test_country_filter(demo):
    results = services.search_qualifications("cocinero", country="MX")
    assert results and {q.country_id for q in results} == {"MX"}


def test_nonsense_finds_nothing(demo):
    assert services.search_qualifications("zzzxqw") == []


def test_the_index_follows_changes(demo):
    assert services.search_qualifications("cocinero")
    q = services.qualification_by_identifier("CL:CL-TUR-COC-3")
    q.title = {"es": "Panadero artesanal"}
    q.save()
    found = {r.code: r for r in services.search_qualifications("panadera")}
    assert found["CL-TUR-COC-3"].title["es"] == "Panadero artesanal"


def test_the_public_page_works_anonymously(demo, client):
    response = client.get("/es/qualifications/?q=cocinera")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Cocinero/a" in body and "MRC-AP" in body


def test_the_page_returns_only_results_to_htmx(demo, client):
    response = client.get("/es/qualifications/?q=guia", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.content.decode()


def test_the_detail_page_shows_decided_equivalences_before_suggestions(demo, client):
    body = client.get("/es/qualifications/CL/CL-TUR-COC-3/").content.decode()
    peru = body.index('id="country-PE"')
    decided = body.index("tag--equivalent", peru)
    suggestion = body.find("tag--suggested", peru)
    assert suggestion == -1 or decided < suggestion
    assert "Técnico/a en Cocina" in body


@pytest.mark.parametrize("status", ["draft", "withdrawn"])
def test_drafts_and_withdrawn_qualifications_are_not_found(demo, status):
    q = services.qualification_by_identifier("CL:CL-TUR-COC-3")
    assert "CL-TUR-COC-3" in [r.code for r in services.search_qualifications("cocinero")]
    q.status = status
    q.save(update_fields=["status"])
    assert "CL-TUR-COC-3" not in [r.code for r in services.search_qualifications("cocinero")]


def test_results_show_the_current_level_and_country_labels(demo):
    from puente.core.models import Country
    from puente.frameworks.models import Framework

    found = {r.code: r for r in services.search_qualifications("cocinero")}
    assert found["CL-TUR-COC-3"].level == "MCTP 3" and found["CL-TUR-COC-3"].country == "Chile"
    framework = Framework.objects.get(code="cl-mctp", version="1")
    framework.acronym = "MCTP-CL"
    framework.save(update_fields=["acronym"])
    found = {r.code: r for r in services.search_qualifications("cocinero")}
    assert found["CL-TUR-COC-3"].level == "MCTP-CL 3"
    chile = Country.objects.get(code="CL")
    chile.name = {**chile.name, "en": "Republic of Chile"}
    chile.save()
    assert {r.code: r for r in services.search_qualifications("cocinero")}[
        "CL-TUR-COC-3"
    ].country == "Republic of Chile"


def test_other_processes_learn_of_a_deletion_once_it_is_committed(demo, django_capture_on_commit_callbacks):
    from puente.frameworks import search
    from puente.frameworks.models import Qualification

    before = search._stamp()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Qualification.objects.filter(code__in=["CL-TUR-COC-3", "CL-TUR-GUI-3"]).delete()
    assert len(callbacks) == 1  # one signal to the other processes for the whole deletion
    assert search._stamp() != before
    assert "CL-TUR-COC-3" not in [r.code for r in services.search_qualifications("cocinero")]
