"""Registrars register and edit qualifications through pages, with the same service as the API:
errors are translated, name their field, and nothing is saved half-way."""

import pytest

from puente.frameworks import services
from puente.frameworks.models import LearningOutcome, Qualification
from tests.permissions import assert_page_access

COOK = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e"
SKILL = "http://data.europa.eu/esco/skill/f3934441-4bff-4076-9945-e6c51a01c467"
UNKNOWN = "http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000"


def _post(**over):
    """A filled-in registration form, as the browser sends it (one input per language)."""
    data = {
        "country": "PE",
        "code": "PE-NEW-1",
        "kind": "qualification",
        "title_0": "Ayudante de cocina",
        "title_1": "Aide de cuisine",
        "title_2": "Kitchen assistant",
        "level": "pe-mncp@1/2",
        "isced_field": "1013",
        "sector": "tourism",
        "occupations": COOK,
        "pathways": ["formal", "recognition"],
        "volume_hours": "300",
        "status": "active",
        "outcomes-TOTAL_FORMS": "3",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-domain": "skills",
        "outcomes-0-text_0": "Prepara alimentos sencillos.",
        "outcomes-0-skills": SKILL,
        "outcomes-1-domain": "knowledge",
        "outcomes-2-domain": "autonomy",
    }
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def as_user(client):
    def _as(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _as


def test_the_register_page_is_for_registrars(demo, world, rita, as_user):
    assert_page_access(
        as_user,
        "/es/qualifications/register/",
        allowed=[rita, world.mia, world.root],
        denied=[world.alice, world.bob, world.sam, world.eve, world.tina],
    )


def test_the_edit_page_is_for_registrars_of_the_qualifications_country(demo, world, rita, as_user):
    assert_page_access(
        as_user,
        "/es/qualifications/PE/PE-IEST-COC-4/edit/",
        allowed=[rita, world.mia, world.root],
        denied=[world.alice, world.sam, world.eve],
    )
    # mia is a ministry analyst in Peru: Colombia's qualifications are not hers to change.
    assert_page_access(as_user, "/es/qualifications/CO/CO-SENA-COC-4/edit/", allowed=[rita], denied=[world.mia])


def test_a_ministry_analyst_registers_a_qualification_of_her_country(demo, world, client):
    client.force_login(world.mia)
    response = client.post("/es/qualifications/register/", _post())
    assert response.status_code == 302 and response["Location"] == "/es/qualifications/PE/PE-NEW-1/"
    q = Qualification.objects.get(country_id="PE", code="PE-NEW-1")
    assert q.title == {"es": "Ayudante de cocina", "fr": "Aide de cuisine", "en": "Kitchen assistant"}
    assert q.level.key == "pe-mncp@1/2" and q.regional_level == 2
    assert q.pathways == ["formal", "recognition"] and [o.uri for o in q.occupations.all()] == [COOK]
    assert [(o.domain, [s.uri for s in o.skills.all()]) for o in q.outcomes.all()] == [("skills", [SKILL])]
    assert "PE-NEW-1" in [r.code for r in services.search_qualifications("ayudante de cocina")]


def test_she_is_not_offered_another_country(demo, world, client):
    client.force_login(world.mia)
    response = client.post("/es/qualifications/register/", _post(country="CO", level="co-mnc@1/3"))
    assert response.status_code == 200
    assert not Qualification.objects.filter(code="PE-NEW-1").exists()


def test_errors_name_their_field_in_the_page_language_and_nothing_is_saved(demo, rita, client):
    client.force_login(rita)
    before = Qualification.objects.count(), LearningOutcome.objects.count()
    response = client.post(
        "/es/qualifications/register/",
        _post(occupations=f"{COOK}\n{UNKNOWN}", level="co-mnc@1/3", **{"outcomes-0-text_0": ""}),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="error-summary"' in body
    assert "Ocupaciones (ESCO): URI de ESCO desconocido" in body and UNKNOWN in body
    assert "Nivel del marco: MNC v1 no es un marco de Perú." in body
    assert "Resultado de aprendizaje 1 — Resultado de aprendizaje: " in body
    assert 'aria-invalid="true"' in body
    assert (Qualification.objects.count(), LearningOutcome.objects.count()) == before


def test_a_qualification_needs_a_level_unless_it_is_a_micro_credential(demo, rita, client):
    client.force_login(rita)
    response = client.post("/en/qualifications/register/", _post(level=""))
    assert "Framework level: A qualification needs a level" in response.content.decode()
    response = client.post("/en/qualifications/register/", _post(level="", kind="micro_credential", code="PE-MC-9"))
    assert response.status_code == 302
    assert Qualification.objects.get(code="PE-MC-9").level is None


def test_editing_keeps_what_the_form_does_not_show(demo, rita, client):
    client.force_login(rita)
    page = client.get("/es/qualifications/PE/PE-IEST-COC-4/edit/").content.decode()
    assert 'value="PE-IEST-COC-4"' in page and "Técnico/a en Cocina" in page
    assert 'value="pe-mncp@1/4" selected' in page
    before = services.qualification_by_identifier("PE:PE-IEST-COC-4")
    outcomes = list(before.outcomes.values_list("domain", "text"))
    data = _post(code="PE-IEST-COC-4", level="pe-mncp@1/4", title_0="Técnico/a en Cocina peruana", occupations=COOK)
    data.update({"outcomes-TOTAL_FORMS": str(len(outcomes) + 1), "outcomes-INITIAL_FORMS": str(len(outcomes))})
    for i, (domain, text) in enumerate(outcomes):
        data.update({f"outcomes-{i}-domain": domain, f"outcomes-{i}-text_0": text["es"]})
    data[f"outcomes-{len(outcomes)}-domain"] = "skills"
    response = client.post("/es/qualifications/PE/PE-IEST-COC-4/edit/", data)
    assert response.status_code == 302
    after = services.qualification_by_identifier("PE:PE-IEST-COC-4")
    assert after.pk == before.pk and after.title["es"] == "Técnico/a en Cocina peruana"
    assert after.illustrative and after.outcomes.count() == len(outcomes)


def test_the_edit_form_cannot_move_a_qualification_to_another_code(demo, rita, client):
    client.force_login(rita)
    data = _post(code="PE-OTHER-1", level="pe-mncp@1/4")
    client.post("/es/qualifications/PE/PE-IEST-COC-4/edit/", data)
    assert not Qualification.objects.filter(code="PE-OTHER-1").exists()


def test_registrars_see_the_links(demo, world, rita, client):
    client.force_login(world.mia)
    assert "/es/qualifications/register/" in client.get("/es/qualifications/").content.decode()
    assert (
        "/es/qualifications/PE/PE-IEST-COC-4/edit/"
        in client.get("/es/qualifications/PE/PE-IEST-COC-4/").content.decode()
    )
    assert "/edit/" not in client.get("/es/qualifications/CO/CO-SENA-COC-4/").content.decode()
    client.logout()
    assert "/es/qualifications/register/" not in client.get("/es/qualifications/").content.decode()
