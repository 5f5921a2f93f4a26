"""Lists download as CSV and Excel with their filters, through lib.exports (formula-safe);
the audit log downloads as CSV for administrators only, and the download is itself logged."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from puente.core.models import AuditAction, AuditEvent, Organisation

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_organisations_download_as_csv_with_the_filters(world, client):
    response = client.get("/es/organisations/?country=PE&kind=tvet_institution&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = body(response)
    assert "pe-andino" in text and "co-caribe" not in text and "pe-minedu" not in text


def test_a_formula_in_a_name_is_neutralised(world, client):
    Organisation.objects.create(code="evil", name={"es": '=HYPERLINK("http://x")'}, kind="other")
    text = body(client.get("/es/organisations/?format=csv"))
    assert "'=HYPERLINK" in text


def test_programmes_download_as_excel(world, client):
    response = client.get("/fr/programmes/?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Code" and rows[0][1] == "Titre"
    assert rows[1][:2] == ("PE-MEC", "Mecánica")


def test_projects_download_as_csv(world, client):
    assert client.get("/en/projects/?format=csv").status_code == 200


def test_the_audit_log_download_is_recorded(world, client):
    AuditEvent.objects.create(
        action=AuditAction.READ, object_type="success.student", object_id="1", actor_label="alice"
    )
    client.force_login(world.root)
    text = body(client.get("/es/audit/?action=read&format=csv"))
    assert "success.student" in text and "alice" in text
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_type="core.auditevent", actor=world.root
    ).exists()


def test_export_links_keep_the_filters(world, client):
    page = client.get("/es/organisations/?country=PE").content.decode()
    assert "?country=PE&amp;format=csv" in page
