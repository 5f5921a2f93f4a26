"""The import API: upload (checked at once), fix the mapping, commit, read status and errors."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from puente.success.models import Student


def post_file(client, content: bytes, **fields):
    data = {"spec": "students", "organisation": "pe-andino", "file": SimpleUploadedFile("a.csv", content), **fields}
    return client.post("/api/v1/imports/", data, format="multipart")


def test_upload_preview_commit_and_status(world, api):
    client = api(world.alice)
    response = post_file(client, "Matrícula;Nombres;Apellidos\r\nA-100;Ana;Paz\r\n".encode())
    assert response.status_code == 201, response.json()
    job = response.json()
    assert job["status"] == "ready" and job["total_rows"] == 1 and job["errors"] == []
    assert job["mapping"] == {"external_id": "Matrícula", "given_name": "Nombres", "family_name": "Apellidos"}

    status = client.get(f"/api/v1/imports/{job['id']}/").json()
    assert status["progress"] == 100

    committed = client.post(f"/api/v1/imports/{job['id']}/commit/")
    assert committed.status_code == 202 and committed.json()["created_count"] == 1
    assert Student.objects.filter(external_id="A-100", institution=world.andino).exists()
    again = client.post(f"/api/v1/imports/{job['id']}/commit/")
    assert again.status_code == 400  # a job commits once


def test_errors_name_row_column_and_reason_in_the_request_language(world, api):
    client = api(world.alice)
    response = post_file(
        client,
        "Matrícula;Nombres;Apellidos\r\nA-100;Ana;Paz\r\nA-101;@SUM(1);Rojas\r\n".encode(),
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    job = response.json()
    assert job["status"] == "invalid" and job["error_count"] == 1
    error = job["errors"][0]
    assert (error["row"], error["column"], error["value"], error["code"]) == (3, "Nombres", "@SUM(1)", "formula")
    page = client.get(f"/api/v1/imports/{job['id']}/errors/").json()
    assert page["count"] == 1 and page["results"][0]["code"] == "formula"
    assert client.post(f"/api/v1/imports/{job['id']}/commit/").status_code == 400
    assert not Student.objects.filter(external_id="A-100").exists()


def test_a_missing_column_can_be_mapped_afterwards(world, api):
    client = api(world.alice)
    job = post_file(client, "Código;Nombres;Ap. paterno\r\nA-100;Ana;Paz\r\n".encode()).json()
    assert job["status"] == "invalid"
    assert job["errors"][0]["code"] == "missing_column"
    fixed = client.post(
        f"/api/v1/imports/{job['id']}/preview/",
        {"mapping": {"external_id": "Código", "given_name": "Nombres", "family_name": "Ap. paterno"}},
        format="json",
    ).json()
    assert fixed["status"] == "ready"


def test_the_specs_route_lists_the_tables_and_their_columns(world, api):
    specs = {spec["slug"]: spec for spec in api(world.alice).get("/api/v1/import-specs/").json()}
    assert "students" in specs and "isced-fields" not in specs  # registry tables are for administrators
    columns = {column["key"]: column for column in specs["students"]["columns"]}
    assert columns["external_id"]["required"] is True and columns["sex"]["type"] == "choice"
