"""A correlation report (sector × countries) as page, PDF, CSV and JSON; publishing freezes it."""

import csv
import io
import json

import pytest

from puente.core.models import Sector
from puente.frameworks import reports
from puente.frameworks.models import CorrelationReport, ReportStatus


@pytest.fixture
def report(demo, rita):
    return reports.create_report(rita, sector=Sector.objects.get(code="tourism"), countries=["CL", "CO", "MX", "PE"])


def test_a_draft_is_hidden_from_the_public(report, client):
    assert client.get(f"/es/qualifications/reports/{report.pk}/").status_code == 404


def test_publishing_makes_it_public_in_four_formats(report, rita, client):
    client.force_login(rita)
    assert client.post(f"/es/qualifications/reports/{report.pk}/publish/").status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED and report.snapshot["rows"]
    client.logout()

    page = client.get(f"/es/qualifications/reports/{report.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Cocinero/a" in body and "<table" in body

    response = client.get(f"/es/qualifications/reports/{report.pk}.json")
    assert response.status_code == 200
    data = json.loads(response.getvalue())
    assert data["sector"]["code"] == "tourism" and data["countries"] == ["CL", "CO", "MX", "PE"]
    cook = next(r for r in data["rows"] if r["code"] == "CL-TUR-COC-3")
    assert cook["counterparts"]["PE"]["decided"][0]["decision"] == "equivalent"
    assert cook["counterparts"]["CO"]["suggested"][0]["code"] == "CO-SENA-COC-4"

    response = client.get(f"/es/qualifications/reports/{report.pk}.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"decided", "suggested"} <= {r["status"] for r in rows}
    assert all(not str(v).startswith(("=", "+", "@")) for r in rows for v in r.values())

    pdf = client.get(f"/es/qualifications/reports/{report.pk}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_published_report_does_not_change_afterwards(report, rita):
    reports.publish_report(rita, report)
    frozen = json.dumps(report.snapshot, sort_keys=True)
    from puente.frameworks import services

    services.decide_correlation(
        rita,
        services.qualification_by_identifier("CL:CL-TUR-GUI-3"),
        services.qualification_by_identifier("PE:PE-IEST-GUI-5"),
        "equivalent",
    )
    report = CorrelationReport.objects.get(pk=report.pk)
    assert json.dumps(reports.report_content(report), sort_keys=True) == frozen


def test_only_regional_analysts_create_reports(demo, world, client):
    before = CorrelationReport.objects.count()
    client.force_login(world.mia)
    response = client.post("/es/qualifications/reports/new/", {"sector": "tourism", "countries": ["CL", "PE"]})
    assert response.status_code == 403
    assert CorrelationReport.objects.count() == before


def test_the_demo_publishes_the_tourism_report_once(demo, client):
    from puente.frameworks.demo import publish_tourism_report

    published = CorrelationReport.objects.get(sector__code="tourism", status=ReportStatus.PUBLISHED)
    assert published.countries == ["CL", "CO", "MX", "PE"]
    assert publish_tourism_report() == 0
    assert CorrelationReport.objects.filter(sector__code="tourism").count() == 1
    listing = client.get("/es/qualifications/reports/").content.decode()
    assert f"/es/qualifications/reports/{published.pk}/" in listing
    body = client.get(published.get_absolute_url()).content.decode()
    assert "ejemplo ilustrativo" in body and "Cocinero/a" in body
