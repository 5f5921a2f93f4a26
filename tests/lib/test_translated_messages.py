"""Row-level errors are stored as codes and shown in the reader's language."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from puente.lib import tabular as t

CSV = "Matrícula;Nombres;Apellidos;Fecha de nacimiento\r\nA-100;=HYPERLINK(1);Paz;31/02/2001\r\n"


def problems(world, write_file):
    outcome = t.run_import(t.get_spec("students"), write_file(CSV), organisation=world.andino)
    return {p.code: p for p in outcome.errors}


def test_errors_read_in_spanish(world, write_file):
    found = problems(world, write_file)
    with translation.override("es"):
        assert found["bad_day"].sentence() == (
            "Fila 2, columna «Fecha de nacimiento» (valor «31/02/2001»): Esta fecha no existe."
        )
        assert "las hojas de cálculo lo ejecutarían como una fórmula" in found["formula"].message()


def test_errors_read_in_french(world, write_file):
    found = problems(world, write_file)
    with translation.override("fr"):
        assert found["bad_day"].sentence() == (
            "Ligne 2, colonne « Fecha de nacimiento » (valeur « 31/02/2001 ») : Cette date n'existe pas."
        )
        assert "les tableurs l'exécuteraient comme une formule" in found["formula"].message()


def test_the_same_job_shows_its_errors_in_each_users_language(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from puente.lib.models import ImportJob

    client = login(world.alice)
    client.post(
        reverse("lib:import_new"),
        {"spec": "students", "encoding": "auto", "file": SimpleUploadedFile("a.csv", CSV.encode())},
    )
    job = ImportJob.objects.get()
    client.post(
        reverse("lib:import_mapping", args=[job.pk]),
        {
            "external_id": "Matrícula",
            "given_name": "Nombres",
            "family_name": "Apellidos",
            "birth_date": "Fecha de nacimiento",
        },
    )
    with translation.override("fr"):
        french = client.get(reverse("lib:import_detail", args=[job.pk])).content.decode()
    with translation.override("es"):
        spanish = client.get(reverse("lib:import_detail", args=[job.pk])).content.decode()
    assert "Cette date n&#x27;existe pas." in french or "Cette date n'existe pas." in french
    assert "Esta fecha no existe." in spanish
