"""Who sees which page and route: public search and reports, analysts' workbench, API writes."""

import pytest

from puente.frameworks import services
from tests.permissions import assert_page_access

PUBLIC = [
    "/es/qualifications/",
    "/fr/qualifications/?q=cocinero",
    "/en/qualifications/CL/CL-TUR-COC-3/",
    "/es/qualifications/frameworks/",
    "/es/qualifications/frameworks/mrc-ap/1/",
    "/es/qualifications/frameworks/co-mnc/1/",
    "/es/qualifications/frameworks/co-mnc/1/referencing/mrc-ap/",
    "/es/qualifications/sectors/tourism/",
    "/es/qualifications/reports/",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_need_no_login(demo, client, url):
    assert client.get(url).status_code == 200


def test_drafts_are_hidden_from_the_public(demo, client, world):
    assert client.get("/es/qualifications/frameworks/mx-mmc/0.9/").status_code == 404
    assert client.get("/es/qualifications/frameworks/cl-mctp/1/referencing/mrc-ap/").status_code == 404
    client.force_login(world.mia)
    assert client.get("/es/qualifications/frameworks/mx-mmc/0.9/").status_code == 200


def test_the_workbench_is_for_aggregate_roles(demo, client, world, rita):
    def as_user(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    assert_page_access(
        as_user,
        "/es/qualifications/correlation/?sector=tourism&countries=CL&countries=PE",
        allowed=[rita, world.mia, world.root],
        denied=[world.sam, world.eve],
    )


def test_the_workbench_offers_decision_forms_only_to_deciders(demo, client, world, rita):
    url = "/es/qualifications/correlation/?sector=tourism&countries=CL&countries=PE"
    client.force_login(world.mia)
    assert "correlation/decide/" not in client.get(url).content.decode()
    client.force_login(rita)
    assert "correlation/decide/" in client.get(url).content.decode()


def test_api_search_and_suggestions_are_public(demo, api):
    client = api()
    found = client.get("/api/v1/qualifications/", {"q": "cocinera"}).json()
    assert found["results"][0]["identifier"] in {"CL:CL-TUR-COC-3", "MX:MX-EC-COC-3"}
    pk = services.qualification_by_identifier("CL:CL-TUR-COC-3").pk
    suggestions = client.get(f"/api/v1/qualifications/{pk}/suggestions/").json()
    assert suggestions["PE"][0]["identifier"] == "PE:PE-IEST-COC-4"
    assert client.get(f"/api/v1/qualifications/{pk}/alignments/").status_code == 200
    assert client.get("/api/v1/frameworks/").status_code == 200
    assert client.get("/api/v1/correlations/", {"qualification": "CL:CL-TUR-COC-3"}).json()["count"] == 1


def test_api_decisions_need_a_regional_analyst(demo, api, world, rita):
    body = {"source": "CL:CL-TUR-GUI-3", "target": "PE:PE-IEST-GUI-5", "decision": "equivalent"}
    assert api().post("/api/v1/correlations/", body, format="json").status_code in (401, 403)
    assert api(world.mia).post("/api/v1/correlations/", body, format="json").status_code == 403
    response = api(rita).post("/api/v1/correlations/", body, format="json")
    assert response.status_code == 201 and response.json()["decided_by_label"] == "rita"
    bad = {**body, "target": "CL:CL-TUR-COC-3"}
    response = api(rita).post("/api/v1/correlations/", bad, format="json")
    assert response.status_code == 400


def test_api_registration_reports_bad_input(demo, api, rita):
    response = api(rita).post(
        "/api/v1/qualifications/", {"country": "PE", "code": "X-1", "title": {"es": "Prueba"}}, format="json"
    )
    assert response.status_code == 400 and "level" in response.json()
