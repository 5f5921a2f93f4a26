"""Projects: partners on both sides (page and Figure 1), themes, and their source on the page."""

from __future__ import annotations

from django.utils.html import escape

from puente.core.models import PartnerSide, Project, ProjectPartner
from puente.demo.programme import read_programme_data


def test_b05_has_partners_on_both_sides_and_themes_3_and_4(demo, db):
    b05 = Project.objects.get(code="B05")
    assert sorted(b05.themes.values_list("number", flat=True)) == [3, 4]
    canadian = dict(b05.partners.filter(side=PartnerSide.CANADIAN).values_list("organisation__code", "leader"))
    assert canadian == {"CA-MI": True, "CA-NIAGARA": False, "CA-CEGEP-TR": False}
    ap = set(b05.partners.filter(side=PartnerSide.PACIFIC_ALLIANCE).values_list("organisation__code", flat=True))
    assert ap == {"MX-CONALEP-021", "MX-UTCAM"}
    assert b05.title["es"] and b05.title["fr"] and b05.title["en"]
    assert b05.objective["es"].startswith("Dos partes") and b05.objective["en"].startswith("Two parts")


def test_figure_1_partners_are_added_once(demo, db):
    # B07: the page lists NSCC (leader) and BCIT; Figure 1 adds CNC, with no leader flag.
    b07 = dict(
        ProjectPartner.objects.filter(project__code="B07", side=PartnerSide.CANADIAN).values_list(
            "organisation__code", "leader"
        )
    )
    assert b07 == {"CA-NSCC": True, "CA-BCIT": False, "CA-CNC": None}
    # B09: CTI Don Bosco is on the page, not in Figure 1; it is there once.
    assert ProjectPartner.objects.filter(project__code="B09", organisation__code="CL-CTI-DONBOSCO").count() == 1


def test_every_project_page_shows_its_source(demo, client):
    for row in read_programme_data()["projects"]:
        response = client.get(f"/es/projects/{row['code']}/")
        assert response.status_code == 200, row["code"]
        assert escape(row["source"]) in response.content.decode(), row["code"]


def test_b05_page_shows_its_source(demo, client):
    response = client.get("/es/projects/B05/")
    assert "p. 74 and p. 86, Projet B05 (Mexique); p. 8, Programme EPE-AP — Figure 1" in response.content.decode()


def test_organisation_and_programme_pages_show_their_source(demo, client):
    data = read_programme_data()
    for row in data["organisations"][::12]:
        page = client.get(f"/es/organisations/{row['code']}/").content.decode()
        assert escape(row["source"]) in page, row["code"]
    for row in data["programmes_of_study"][::6]:
        page = client.get(f"/es/programmes/{row['code']}/").content.decode()
        assert escape(row["source"]) in page, row["code"]
