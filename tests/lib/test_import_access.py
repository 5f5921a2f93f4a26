"""Import jobs are private to the importers of their organisation: bob (Instituto Caribe) cannot
see or commit alice's (Instituto Andino) import, by page or by API; roles without IMPORT_DATA
see no import page at all."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from puente.lib.models import ImportJob, ImportStatus
from puente.success.models import Student
from tests.permissions import assert_page_access


@pytest.fixture
def alices_job(world):
    job = ImportJob(
        organisation=world.andino,
        user=world.alice,
        spec="students",
        original_name="andino-secret.csv",
        file_sha256="0" * 64,
        headers=["Matrícula", "Nombres", "Apellidos"],
        mapping={"external_id": "Matrícula", "given_name": "Nombres", "family_name": "Apellidos"},
        status=ImportStatus.READY,
        total_rows=1,
        valid_rows=1,
    )
    job.file.save("andino.csv", ContentFile(b"Matr\xc3\xadcula;Nombres;Apellidos\r\nA-777;Ana;Paz\r\n"), save=False)
    job.save()
    return job


def as_user(user):
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def job_pages(job):
    return [
        reverse("lib:import_detail", args=[job.pk]),
        reverse("lib:import_mapping", args=[job.pk]),
        reverse("lib:import_progress", args=[job.pk]),
        reverse("lib:import_errors", args=[job.pk]),
    ]


def test_every_job_page_is_for_the_organisations_importers_only(world, login, alices_job):
    for url in job_pages(alices_job):
        # a ready job's mapping page redirects to its detail
        allowed = [] if url.endswith("mapping/") else [world.alice, world.root]
        assert_page_access(
            as_user, url, allowed=allowed, denied=[world.bob, world.tina, world.mia, world.eve, world.sam]
        )


def test_the_list_and_upload_pages_need_the_import_capability(world, login):
    for url in (reverse("lib:import_list"), reverse("lib:import_new")):
        assert_page_access(
            as_user,
            url,
            allowed=[world.alice, world.bob, world.root],
            denied=[world.tina, world.mia, world.eve, world.sam],
        )


def test_bob_does_not_see_alices_import_in_his_list(world, login, alices_job):
    html = login(world.bob).get(reverse("lib:import_list")).content.decode()
    assert "andino-secret.csv" not in html
    assert "andino-secret.csv" in login(world.alice).get(reverse("lib:import_list")).content.decode()


def test_bob_cannot_commit_alices_import_by_page(world, login, alices_job):
    response = login(world.bob).post(reverse("lib:import_commit", args=[alices_job.pk]))
    assert response.status_code == 404
    alices_job.refresh_from_db()
    assert alices_job.status == ImportStatus.READY
    assert not Student.objects.filter(external_id="A-777").exists()


def test_bob_cannot_see_or_commit_alices_import_by_api(world, api, alices_job):
    bob = api(world.bob)
    assert bob.get(f"/api/v1/imports/{alices_job.pk}/").status_code == 404
    assert bob.get(f"/api/v1/imports/{alices_job.pk}/errors/").status_code == 404
    assert bob.post(f"/api/v1/imports/{alices_job.pk}/commit/").status_code == 404
    assert bob.post(f"/api/v1/imports/{alices_job.pk}/preview/", {}, format="json").status_code == 404
    assert alices_job.pk not in [job["id"] for job in bob.get("/api/v1/imports/").json()["results"]]
    alices_job.refresh_from_db()
    assert alices_job.status == ImportStatus.READY
    assert not Student.objects.filter(external_id="A-777").exists()


def test_roles_without_the_import_capability_get_403_from_the_api(world, api, alices_job):
    for user in (world.tina, world.mia, world.eve, world.sam):
        assert api(user).get("/api/v1/imports/").status_code == 403
    assert api(None).get("/api/v1/imports/").status_code in {401, 403}


def test_bob_cannot_upload_for_alices_institution(world, api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("x.csv", b"Matr\xc3\xadcula;Nombres;Apellidos\r\nA-1;Ana;Paz\r\n")
    response = api(world.bob).post(
        "/api/v1/imports/", {"spec": "students", "organisation": "pe-andino", "file": file}, format="multipart"
    )
    assert response.status_code == 403
    assert not ImportJob.objects.exists()


def test_alice_commits_her_import_by_api(world, api, alices_job):
    response = api(world.alice).post(f"/api/v1/imports/{alices_job.pk}/commit/")
    assert response.status_code == 202
    assert response.json()["status"] == "done" and response.json()["created_count"] == 1
    assert Student.objects.get(external_id="A-777").institution == world.andino
