"""Organisations and campuses are created and changed through forms that reject bad data with
translated messages naming the field, and never half-save."""

from __future__ import annotations

import pytest

from puente.core.models import AuditAction, AuditEvent, Campus, Organisation, Subdivision

pytestmark = pytest.mark.django_db

VALID = {
    "code": "pe-nuevo",
    "name_0": "Instituto Nuevo",
    "name_1": "Institut nouveau",
    "name_2": "New Institute",
    "kind": "tvet_institution",
    "institution_type": "IESTP",
    "country": "PE",
    "city": "Cusco",
}


def test_an_administrator_adds_an_organisation_in_three_languages(world, login):
    response = login(world.root).post("/es/organisations/new/", VALID)
    assert response.status_code == 302
    organisation = Organisation.objects.get(code="pe-nuevo")
    assert dict(organisation.name) == {"es": "Instituto Nuevo", "fr": "Institut nouveau", "en": "New Institute"}
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="core.organisation").exists()


def test_an_administrator_changes_an_organisation(world, login):
    data = {**VALID, "code": "pe-andino", "name_0": "Instituto Andino del Sur"}
    response = login(world.root).post("/es/organisations/pe-andino/edit/", data)
    assert response.status_code == 302
    world.andino.refresh_from_db()
    assert world.andino.name["es"] == "Instituto Andino del Sur"
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="core.organisation")
    assert "name" in event.fields


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("es", ["El campo «Nombre» es obligatorio.", "Código:"]),
        ("fr", ["Le champ «\u00a0Nom\u00a0» est obligatoire.", "Code\u00a0:"]),
    ],
)
def test_errors_name_the_field_in_the_users_language(world, login, language, expected):
    data = {**VALID, "name_0": "", "name_1": "", "name_2": "", "code": "no valid code!"}
    response = login(world.root).post(f"/{language}/organisations/new/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    for text in expected:
        assert text in page
    assert 'href="#id_name_0"' in page and 'href="#id_code"' in page
    assert 'aria-invalid="true"' in page
    assert not Organisation.objects.filter(city="Cusco").exists()


def test_the_spanish_name_is_required_even_when_others_are_given(world, login):
    data = {**VALID, "name_0": ""}
    response = login(world.root).post("/es/organisations/new/", data)
    assert response.status_code == 200
    assert not Organisation.objects.filter(code="pe-nuevo").exists()


def test_a_subdivision_must_be_in_the_chosen_country(world, login):
    Subdivision.objects.create(code="CO-ANT", country=world.co, name="Antioquia")
    response = login(world.root).post("/en/organisations/new/", {**VALID, "subdivision": "CO-ANT"})
    assert response.status_code == 200
    assert "This subdivision is not in the chosen country." in response.content.decode()
    assert not Organisation.objects.filter(code="pe-nuevo").exists()


def test_only_institutions_have_an_institution_type(world, login):
    response = login(world.root).post("/en/organisations/new/", {**VALID, "kind": "employer"})
    assert "Only TVET institutions and universities have an institution type." in response.content.decode()


def test_an_organisation_cannot_be_its_own_unit(world, login):
    unit = Organisation.objects.create(
        code="pe-andino-ube", name={"es": "UBE"}, kind="institutional_unit", parent=world.andino
    )
    data = {**VALID, "code": "pe-andino", "parent": unit.pk}
    response = login(world.root).post("/en/organisations/pe-andino/edit/", data)
    assert "An organisation cannot be part of one of its own units." in response.content.decode()


def test_a_campus_is_added_and_names_are_unique_per_organisation(world, login):
    client = login(world.root)
    assert (
        client.post("/es/organisations/pe-andino/campuses/new/", {"name": "Sede Central", "city": "Puno"}).status_code
        == 302
    )
    assert Campus.objects.filter(organisation=world.andino, name="Sede Central").exists()
    response = client.post("/fr/organisations/pe-andino/campuses/new/", {"name": "sede central"})
    assert response.status_code == 200
    assert "Cette organisation a déjà un campus de ce nom." in response.content.decode()
    assert Campus.objects.filter(organisation=world.andino).count() == 1


def test_a_campus_subdivision_must_be_in_the_organisations_country(world, login):
    Subdivision.objects.create(code="CO-ANT", country=world.co, name="Antioquia")
    response = login(world.root).post(
        "/en/organisations/pe-andino/campuses/new/", {"name": "Norte", "subdivision": "CO-ANT"}
    )
    assert response.status_code == 200
    assert not Campus.objects.exists()


def test_staff_cannot_post_to_the_registry(world, login):
    response = login(world.alice).post("/es/organisations/new/", VALID)
    assert response.status_code == 403
    assert not Organisation.objects.filter(code="pe-nuevo").exists()
