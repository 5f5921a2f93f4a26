"""Programme coordinators create and change the programmes of their own institution, with
competencies, all or nothing; errors name the field in the user's language."""

from __future__ import annotations

import pytest

from puente.core.roles import Role
from puente.programmes.models import Competency, IscedField, Programme
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def carla(world):
    """Programme coordinator at Instituto Andino."""
    return MembershipFactory(user__username="carla", organisation=world.andino, role=Role.PROGRAMME_COORDINATOR).user


def form_data(world, **overrides):
    data = {
        "code": "PE-AND-MIN",
        "institution": world.andino.pk,
        "title_0": "Técnico en minería",
        "title_1": "Technicien en mines",
        "title_2": "Mining technician",
        "kind": "programme",
        "isced_level": "5",
        "duration_hours": "2400",
        "modality": "in_person",
        "competencies-TOTAL_FORMS": "2",
        "competencies-INITIAL_FORMS": "0",
        "competencies-MIN_NUM_FORMS": "0",
        "competencies-MAX_NUM_FORMS": "200",
        "competencies-0-code": "C1",
        "competencies-0-title_0": "Operar equipos de perforación",
        "competencies-0-kind": "technical",
        "competencies-1-code": "",
        "competencies-1-title_0": "",
        "competencies-1-kind": "technical",
    }
    data.update(overrides)
    return data


def test_a_coordinator_adds_a_programme_with_competencies(world, login, carla):
    response = login(carla).post("/es/programmes/new/", form_data(world))
    assert response.status_code == 302, response.content.decode()[:2000]
    programme = Programme.objects.get(code="PE-AND-MIN")
    assert programme.institution == world.andino
    assert programme.title["fr"] == "Technicien en mines"
    assert [c.code for c in programme.competencies.all()] == ["C1"]


def test_a_coordinator_cannot_add_a_programme_to_another_institution(world, login, carla):
    response = login(carla).post("/es/programmes/new/", form_data(world, institution=world.caribe.pk))
    assert response.status_code == 200
    assert "Institución:" in response.content.decode()  # "Select a valid choice", naming the field
    assert not Programme.objects.filter(code="PE-AND-MIN").exists()


def test_a_coordinator_cannot_edit_another_institutions_programme(world, login):
    ciro = MembershipFactory(user__username="ciro", organisation=world.caribe, role=Role.PROGRAMME_COORDINATOR).user
    response = login(ciro).post("/es/programmes/PE-MEC/edit/", form_data(world, code="PE-MEC"))
    assert response.status_code == 403
    world.andino_programme.refresh_from_db()
    assert world.andino_programme.title["es"] == "Mecánica"


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("es", ["El campo «Título» es obligatorio.", "Duración (horas):"]),
        ("fr", ["Le champ «\u00a0Titre\u00a0» est obligatoire.", "Durée (heures)\u00a0:"]),
    ],
)
def test_invalid_programmes_are_refused_with_the_field_named(world, login, carla, language, texts):
    data = form_data(world, title_0="", title_1="", title_2="", duration_hours="0")
    response = login(carla).post(f"/{language}/programmes/new/", data)
    assert response.status_code == 200
    page = response.content.decode()
    for text in texts:
        assert text in page
    assert 'href="#id_title_0"' in page and 'href="#id_duration_hours"' in page
    assert not Programme.objects.filter(code="PE-AND-MIN").exists()


def test_a_bad_competency_saves_nothing(world, login, carla):
    data = form_data(world, **{"competencies-1-code": "c1", "competencies-1-title_0": "Duplicada"})
    response = login(carla).post("/en/programmes/new/", data)
    assert response.status_code == 200
    assert "Two competencies have this code." in response.content.decode()
    assert "Competency 2" in response.content.decode()
    assert not Programme.objects.filter(code="PE-AND-MIN").exists()
    assert not Competency.objects.exists()


def test_a_failure_while_saving_competencies_rolls_the_programme_back(world, login, carla, monkeypatch):
    from puente.programmes import forms

    def explode(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(forms.BaseCompetencyFormSet, "save", explode)
    with pytest.raises(RuntimeError):
        login(carla).post("/es/programmes/new/", form_data(world))
    assert not Programme.objects.filter(code="PE-AND-MIN").exists()


def test_an_esco_uri_must_point_to_esco(world, login, carla):
    data = form_data(world, **{"competencies-0-esco_uri": "https://example.org/skill/1"})
    response = login(carla).post("/en/programmes/new/", data)
    assert "An ESCO URI starts with http://data.europa.eu/esco/." in response.content.decode()


def test_a_coordinator_changes_their_programme(world, login, carla):
    IscedField.objects.create(code="07", level="broad", name={"es": "Ingeniería"})
    IscedField.objects.create(
        code="071", level="narrow", name={"es": "Ingeniería y profesiones afines"}, parent_id="07"
    )
    data = form_data(world, code="PE-MEC", isced_field="071", title_0="Mecánica de mantenimiento")
    data["competencies-TOTAL_FORMS"] = "1"
    response = login(carla).post("/es/programmes/PE-MEC/edit/", data)
    assert response.status_code == 302
    world.andino_programme.refresh_from_db()
    assert world.andino_programme.title["es"] == "Mecánica de mantenimiento"
    assert world.andino_programme.isced_field_id == "071"
