"""Importing the same file twice changes nothing; changes are counted; unmapped fields are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from puente.core.models import AuditAction, AuditEvent, Organisation
from puente.lib import tabular as t
from puente.programmes.models import IscedField
from puente.success.models import Student

CSV = (
    "Matrícula;Nombres;Apellidos;Sexo;Fecha de nacimiento;Programa;Discapacidad\r\n"
    "A-001;Rosa;Quispe;F;12/03/2001;PE-MEC;sí\r\n"
    "A-100;Ana;Paz;F;2001-02-03;PE-MEC;no\r\n"
    "A-101;Eva;Rojas;F;;;\r\n"
)


def run(world, path, **options):
    return t.run_import(
        t.get_spec("students"), path, organisation=world.andino, user=world.alice, write=True, **options
    )


def test_importing_the_same_file_twice_changes_nothing(world, write_file):
    path = write_file(CSV)
    first = run(world, path)
    assert (first.created, first.updated, first.unchanged) == (2, 1, 0)  # A-001 existed
    second = run(world, path)
    assert second.ok and second.committed
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    assert Student.objects.filter(institution=world.andino).count() == 4


def test_a_changed_row_is_counted_as_updated(world, write_file):
    run(world, write_file(CSV))
    outcome = run(world, write_file(CSV.replace("A-101;Eva;Rojas", "A-101;Eva;Rojas Paz")))
    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 1, 2)
    assert Student.objects.get(external_id="A-101").family_name == "Rojas Paz"


def test_columns_not_in_the_file_keep_their_values(world, write_file):
    run(world, write_file(CSV))
    rosa = Student.objects.get(external_id="A-001")
    assert (rosa.tutor, rosa.user, rosa.ethnicity) == (world.tina, world.sam, "Quechua")


def test_the_import_is_recorded_once_in_the_audit_log_with_its_counts(world, write_file):
    run(world, write_file(CSV))
    events = AuditEvent.objects.filter(action=AuditAction.IMPORT)
    assert events.count() == 1
    event = events.get()
    assert (event.actor, event.organisation, event.object_type) == (world.alice, world.andino, "success.student")
    assert "2 created, 1 updated, 0 unchanged" in event.detail


def test_a_dry_run_counts_but_writes_nothing(world, write_file):
    outcome = run(world, write_file(CSV), dry_run=True)
    assert (outcome.created, outcome.updated, outcome.committed) == (2, 1, False)
    assert not Student.objects.filter(external_id="A-100").exists()
    assert not AuditEvent.objects.filter(action=AuditAction.IMPORT).exists()


def test_rows_go_to_the_importing_institution_only(world, write_file):
    path = write_file("Matrícula;Nombres;Apellidos\r\nB-001;Ana;Nueva\r\n")
    outcome = run(world, path)
    assert outcome.created == 1  # Caribe's B-001 is another student
    assert Student.objects.get(institution=world.caribe, external_id="B-001").family_name == "Restrepo"


ISCED = Path(settings.BASE_DIR).parent.parent.parent / "shared" / "data" / "isced-f-2013" / "cine-f-2013-es.csv"


@pytest.mark.skipif(not ISCED.exists(), reason="shared ISCED-F data not present")
def test_the_isced_f_classification_imports_with_parents_in_the_same_file_and_twice_is_a_no_op(db):
    spec = t.get_spec("isced-fields")
    first = t.run_import(spec, ISCED, write=True)
    assert first.ok, [p.sentence() for p in first.errors[:5]]
    assert first.created == IscedField.objects.count() > 100
    catering = IscedField.objects.get(code="1013")
    assert catering.parent_id == "101" and catering.level == "detailed"
    assert catering.name["en"] == "Hotel, restaurants and catering"
    again = t.run_import(spec, ISCED, write=True)
    assert (again.created, again.updated) == (0, 0)


def test_translations_missing_from_the_file_are_kept(db, write_file):
    spec = t.get_spec("isced-fields")
    t.run_import(spec, write_file("codigo,nivel,nombre_es,nombre_fr\n10,amplio,Servicios,Services\n"), write=True)
    outcome = t.run_import(spec, write_file("codigo,nivel,nombre_en\n10,broad,Services (en)\n"), write=True)
    assert outcome.updated == 1
    assert dict(IscedField.objects.get(code="10").name) == {"es": "Servicios", "fr": "Services", "en": "Services (en)"}
    assert t.run_import(spec, write_file("codigo,nivel,nombre_en\n10,broad,Services (en)\n"), write=True).updated == 0


def test_a_parent_missing_from_file_and_database_is_reported(db, write_file):
    spec = t.get_spec("isced-fields")
    outcome = t.run_import(spec, write_file("codigo,nivel,padre,nombre_es\n011,especifico,01,Educación\n"), write=True)
    assert [(p.code, p.row, p.column, p.value) for p in outcome.errors] == [("not_in_file_or_db", 2, "padre", "01")]
    assert not IscedField.objects.exists()


def test_organisations_import_with_their_search_key(db, write_file):
    from tests.factories import CountryFactory

    CountryFactory(code="PE")
    spec = t.get_spec("organisations")
    data = (
        "código;nombre;sigla;tipo;país\r\npe-senati;Servicio Nacional de Adiestramiento;SENATI;tvet_institution;PE\r\n"
    )
    outcome = t.run_import(spec, write_file(data), write=True)
    assert outcome.ok, [p.sentence() for p in outcome.errors]
    organisation = Organisation.objects.get(code="pe-senati")
    assert organisation.search_text == "servicio nacional de adiestramiento senati pe-senati"
    assert str(organisation.name) == "Servicio Nacional de Adiestramiento"
    assert t.run_import(spec, write_file(data), write=True).unchanged == 1
