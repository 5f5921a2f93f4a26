"""The programme's facts: counts as the data file gives them, and loading twice changes nothing."""

from __future__ import annotations

from puente.core.models import Country, Organisation, Project, ProjectPartner, Subdivision, Theme
from puente.demo.programme import load_programme, read_programme_data
from puente.programmes.models import Programme


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Country, Subdivision, Organisation, Theme, Project, ProjectPartner, Programme)
    }


def test_it_loads_every_project_organisation_and_programme_of_the_book(demo, db):
    data = read_programme_data()
    assert Project.objects.count() == 16
    assert Organisation.objects.filter(code__in=[o["code"] for o in data["organisations"]]).count() == 118
    assert Programme.objects.count() == 52
    assert set(Country.objects.values_list("code", flat=True)) == {"CA", "CL", "CO", "MX", "PE"}
    assert set(Country.objects.filter(pacific_alliance=True).values_list("code", flat=True)) == {
        "CL",
        "CO",
        "MX",
        "PE",
    }


def test_loading_twice_changes_nothing(demo, db):
    before = _counts()
    report = load_programme()
    assert report.changed == 0
    assert _counts() == before


def test_subdivisions_carry_spanish_names(demo, db):
    assert Subdivision.objects.get(code="PE-ARE").name == "Arequipa"
    assert Subdivision.objects.get(code="CA-BC").name == "Columbia Británica"
    assert Organisation.objects.get(code="PE-IESTP-HDE").subdivision_id == "PE-ARE"


def test_names_stay_in_the_language_they_are_printed_in(demo, db):
    sena = Organisation.objects.get(code="CO-SENA")
    assert sena.name == {"es": "Servicio Nacional de Aprendizaje", "fr": "Service national d'apprentissage"}
    minedu = Organisation.objects.get(code="PE-MINEDU")
    assert minedu.name["fr"] == "Ministère de l'Éducation du Pérou"
    assert minedu.name["es"] == "Ministerio de Educación"
    assert Organisation.objects.get(code="CA-DURHAM").name == {"en": "Durham College"}


def test_companies_become_employers_and_units_keep_their_parent(demo, db):
    assert Organisation.objects.get(code="MX-PEMEX").kind == "employer"
    ube = Organisation.objects.get(code="PE-IESTP-HDE-UBE")
    assert ube.parent.code == "PE-IESTP-HDE"
    assert Organisation.objects.get(code="PE-IDEX").is_group


def test_programmes_keep_their_source_and_classifications(demo, db):
    tsu = Programme.objects.get(code="PS-MX-UTCAM-TSU-MI-BID")
    assert tsu.isced_level == 5
    assert tsu.sector.code == "industrial-maintenance"
    assert tsu.title["es"].startswith("Técnico Superior Universitario")
    assert tsu.source == "p. 74, Projet B05 (Mexique)"
    shared = Programme.objects.get(code="PS-CL-MINING-BASICS")
    assert shared.institution.code == "CL-CEDUC-COQ"
    assert list(shared.also_offered_by.values_list("code", flat=True)) == ["CL-CFT-COQ"]
    # The book names no credential for HDE's programmes: no ISCED level is invented.
    assert Programme.objects.get(code="PS-PE-HDE-METALLURGY").isced_level is None


def test_isced_fields_come_through_the_tabular_import_and_file_the_programmes(demo, db):
    from puente.core.models import AuditEvent
    from puente.programmes.models import IscedField

    assert "skipped" not in demo.isced
    assert IscedField.objects.count() == 220
    assert IscedField.objects.get(code="0724").parent_id == "072"
    assert AuditEvent.objects.filter(object_type="programmes.iscedfield", action="import").exists()
    assert Programme.objects.get(code="PS-CO-MINING-SUPERVISION").isced_field_id == "0724"
    assert Programme.objects.get(code="PS-CO-CMRB-OHS").isced_field_id == "1022"
    # Ambiguous subjects stay unfiled.
    assert Programme.objects.get(code="PS-PE-HDE-METALLURGY").isced_field_id is None


def test_every_pacific_alliance_body_has_a_spanish_name(demo, db):
    """Spanish is the default language: no AP organisation may show only the book's French name."""
    missing = [
        o.code for o in Organisation.objects.filter(country__in=["CL", "CO", "MX", "PE"]) if not o.name.get("es")
    ]
    assert missing == []
    hde = Organisation.objects.get(code="PE-IESTP-HDE")
    assert hde.name.get_text("es").startswith("Instituto de Educación Superior Tecnológico Público")
    assert hde.name.get_text("fr").startswith("Institut d'enseignement")
