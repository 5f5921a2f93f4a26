"""The import pages, used as a person would: upload → match columns → check → import → result."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from puente.core.models import AuditAction, AuditEvent
from puente.lib.models import ColumnMapping, ImportJob, ImportStatus
from puente.success.models import Student

GOOD = "Código alumno;Nombres;Apellidos;Sexo\r\nA-100;Ana;Paz;Mujer\r\nA-101;Luis;Rojas;Hombre\r\n"
BAD = 'Código alumno;Nombres;Apellidos;Sexo\r\nA-100;=HYPERLINK("x");Paz;Mujer\r\nA-101;Luis;;Z\r\n'


def upload(client, content: str, name: str = "alumnos.csv", **fields):
    data = {"spec": "students", "encoding": "auto", "sheet": "", "file": SimpleUploadedFile(name, content.encode())}
    return client.post(reverse("lib:import_new"), {**data, **fields})


def test_the_whole_flow_imports_the_rows(world, login):
    client = login(world.alice)
    assert client.get(reverse("lib:import_new")).status_code == 200

    response = upload(client, GOOD)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("lib:import_mapping", args=[job.pk])
    assert job.organisation == world.andino and job.headers == ["Código alumno", "Nombres", "Apellidos", "Sexo"]

    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<label for="id_external_id">' in html  # one labelled select per field
    assert "<select" in html

    response = client.post(
        reverse("lib:import_mapping", args=[job.pk]),
        {"external_id": "Código alumno", "given_name": "Nombres", "family_name": "Apellidos", "sex": "Sexo"},
    )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.READY and job.total_rows == 2 and job.valid_rows == 2
    assert not Student.objects.filter(external_id="A-100").exists()  # checked, not written
    assert (
        ColumnMapping.objects.get(organisation=world.andino, spec="students").mapping["external_id"] == "Código alumno"
    )

    detail = client.get(reverse("lib:import_detail", args=[job.pk])).content.decode()
    assert reverse("lib:import_commit", args=[job.pk]) in detail

    response = client.post(reverse("lib:import_commit", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert (job.created_count, job.updated_count, job.unchanged_count) == (2, 0, 0)
    assert Student.objects.get(external_id="A-100").sex == "F"
    assert AuditEvent.objects.filter(action=AuditAction.IMPORT, organisation=world.andino).count() == 1
    result = client.get(reverse("lib:import_detail", args=[job.pk])).content.decode()
    assert "<caption>" in result

    listing = client.get(reverse("lib:import_list")).content.decode()
    assert "alumnos.csv" in listing


def test_the_saved_mapping_is_proposed_for_the_next_file(world, login):
    client = login(world.alice)
    ColumnMapping.objects.create(organisation=world.andino, spec="students", mapping={"external_id": "Cod"})
    upload(client, "Cod;Nombres;Apellidos\r\nA-100;Ana;Paz\r\n")
    assert ImportJob.objects.get().mapping["external_id"] == "Cod"


def test_errors_are_listed_and_downloadable_and_nothing_can_be_committed(world, login):
    client = login(world.alice)
    upload(client, BAD)
    job = ImportJob.objects.get()
    client.post(
        reverse("lib:import_mapping", args=[job.pk]),
        {"external_id": "Código alumno", "given_name": "Nombres", "family_name": "Apellidos", "sex": "Sexo"},
    )
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID and job.error_count == 3
    html = client.get(reverse("lib:import_detail", args=[job.pk])).content.decode()
    assert 'scope="col"' in html and "Nombres" in html and "HYPERLINK" in html

    report = client.get(reverse("lib:import_errors", args=[job.pk]))
    text = b"".join(report.streaming_content).decode("utf-8-sig")
    assert report["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK" in text  # the value is neutralised in the report
    assert ",2,Nombres," in text and ",3,Apellidos," in text

    response = client.post(reverse("lib:import_commit", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert not Student.objects.filter(external_id="A-100").exists()


def test_an_unreadable_file_shows_why(world, login):
    client = login(world.alice)
    assert upload(client, "", name="vacío.csv").status_code == 200  # the form says the file is empty
    response = upload(client, " \r\n\r\n", name="vacío.csv")
    job = ImportJob.objects.get()
    assert response.url == reverse("lib:import_detail", args=[job.pk])
    assert job.status == ImportStatus.INVALID and job.errors[0]["code"] == "empty_file"
    html = client.get(response.url).content.decode()
    assert 'role="alert"' in html


def test_the_progress_fragment_is_accessible_and_stops_polling_when_done(world, login):
    client = login(world.alice)
    upload(client, GOOD)
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.COMMITTING)
    from puente.lib.services import PROGRESS_KIND
    from puente.lib.tasks import Progress, set_progress

    set_progress(PROGRESS_KIND, job.pk, Progress(done=450, total=1000, stage="commit", message="20000"))
    html = client.get(reverse("lib:import_progress", args=[job.pk])).content.decode()
    assert '<progress id="import-progress-bar"' in html and 'value="45"' in html
    assert '<label for="import-progress-bar">' in html
    assert 'role="status"' in html and 'hx-trigger="every 1s"' in html
    detail = client.get(reverse("lib:import_detail", args=[job.pk])).content.decode()
    assert "hx-get" in detail

    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.DONE)
    response = client.get(reverse("lib:import_progress", args=[job.pk]))
    assert response["HX-Refresh"] == "true" and "hx-trigger" not in response.content.decode()


def test_the_template_csv_has_the_expected_headers(world, login):
    response = login(world.alice).get(reverse("lib:import_template", args=["students"]))
    header = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert header.split(",")[0] in {"Student number", "Número de estudiante", "Número De Estudiante"} or header


def test_institution_staff_cannot_import_registry_tables(world, login):
    client = login(world.alice)
    response = upload(client, "codigo,nivel,nombre_es\n01,amplio,Educación\n", spec="isced-fields")
    assert response.status_code == 200  # the form refuses the choice
    assert not ImportJob.objects.exists()
