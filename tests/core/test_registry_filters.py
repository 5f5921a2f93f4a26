"""The registry lists filter by the fields people look for."""

from __future__ import annotations

import pytest

from puente.core.models import Project, Sector, Theme
from puente.programmes.models import IscedField
from tests.factories import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(world):
    mining = Sector.objects.create(code="mining", name={"es": "Minería", "fr": "Mines"})
    tourism = Sector.objects.create(code="tourism", name={"es": "Turismo"})
    theme = Theme.objects.create(number=3, title={"es": "Formación por competencias"})
    b05 = Project.objects.create(
        code="B05",
        component="B",
        kind="institutional_partnership",
        title={"es": "Minería sostenible", "fr": "Mines durables"},
        country=world.pe,
    )
    b05.sectors.add(mining)
    b05.themes.add(theme)
    Project.objects.create(code="A08", component="A", kind="technical_assistance", title={"es": "Diálogo regional"})
    IscedField.objects.create(code="07", level="broad", name={"es": "Ingeniería"})
    IscedField.objects.create(code="072", level="narrow", name={"es": "Industria y producción"}, parent_id="07")
    IscedField.objects.create(code="0724", level="detailed", name={"es": "Minería y extracción"}, parent_id="072")
    IscedField.objects.create(code="10", level="broad", name={"es": "Servicios"})
    IscedField.objects.create(code="1015", level="detailed", name={"es": "Viajes y turismo"})
    ProgrammeFactory(
        code="PE-MIN",
        institution=world.andino,
        title={"es": "Técnico en Minería"},
        sector=mining,
        isced_level=5,
        isced_field_id="0724",
    )
    ProgrammeFactory(
        code="CO-TUR",
        institution=world.caribe,
        title={"es": "Guianza turística"},
        sector=tourism,
        isced_level=4,
        isced_field_id="1015",
    )
    OrganisationFactory(code="cl-cft", name={"es": "CFT Estatal de Antofagasta"}, institution_type="CFT", country=None)
    return world


def page(client, url: str) -> str:
    return client.get(url).content.decode()


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?q=mineria", ["PE-MIN"], ["CO-TUR"]),  # accents and case do not matter
        ("?country=CO", ["CO-TUR"], ["PE-MIN"]),
        ("?sector=mining", ["PE-MIN"], ["CO-TUR"]),
        ("?isced_level=4", ["CO-TUR"], ["PE-MIN"]),
        ("?field=07", ["PE-MIN"], ["CO-TUR"]),  # a broad field matches the detailed fields below it
        ("?kind=short_course", [], ["PE-MIN", "CO-TUR"]),
    ],
)
def test_programme_filters(registry, client, query, shown, hidden):
    html = page(client, "/es/programmes/" + query)
    for code in shown:
        assert f"/programmes/{code}/" in html
    for code in hidden:
        assert f"/programmes/{code}/" not in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?q=sostenible", ["B05"], ["A08"]),
        ("?q=a08", ["A08"], ["B05"]),
        ("?component=A", ["A08"], ["B05"]),
        ("?theme=3", ["B05"], ["A08"]),
        ("?sector=mining", ["B05"], ["A08"]),
        ("?country=PE", ["B05"], ["A08"]),
    ],
)
def test_project_filters(registry, client, query, shown, hidden):
    html = page(client, "/es/projects/" + query)
    for code in shown:
        assert f"/projects/{code}/" in html
    for code in hidden:
        assert f"/projects/{code}/" not in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?q=antofagasta", ["cl-cft"], ["pe-andino"]),
        ("?institution_type=CFT", ["cl-cft"], ["pe-andino"]),
        ("?kind=ministry", ["pe-minedu"], ["pe-andino"]),
        ("?country=PE", ["pe-andino", "pe-minedu"], ["co-caribe"]),
        ("?country=XX", ["pe-andino"], []),  # an unknown value is ignored, not an error
    ],
)
def test_organisation_filters(registry, client, query, shown, hidden):
    html = page(client, "/es/organisations/" + query)
    for code in shown:
        assert f"/organisations/{code}/" in html
    for code in hidden:
        assert f"/organisations/{code}/" not in html


def test_details_show_what_belongs_to_them(registry, client):
    html = page(client, "/es/organisations/pe-andino/")
    assert "/programmes/PE-MIN/" in html and "Sedes" in html
    html = page(client, "/es/projects/B05/")
    assert "Socios canadienses" in html and "Socios de la Alianza del Pacífico" in html
    html = page(client, "/es/programmes/PE-MIN/")
    assert "0724 Minería y extracción" in html
    assert "CINE-F 2013, Instituto de Estadística de la UNESCO" in html
    html = page(client, "/es/countries/PE/")
    assert "Instituto Andino" in html and "/projects/B05/" in html
