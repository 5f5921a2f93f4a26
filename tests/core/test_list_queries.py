"""List pages run a fixed number of queries, however many rows they show (no N+1)."""

from __future__ import annotations

import pytest

from puente.core.models import AuditAction, AuditEvent, Project, ProjectPartner, Sector, Theme
from puente.programmes.models import Programme
from tests.factories import CountryFactory, OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def make_registry(n: int) -> None:
    country = CountryFactory(code="CL")
    theme = Theme.objects.get_or_create(number=1, defaults={"title": {"es": "Gobernanza"}})[0]
    sector = Sector.objects.get_or_create(code="mining", defaults={"name": {"es": "Minería"}})[0]
    for i in range(n):
        org = OrganisationFactory(code=f"cl-inst-{i}", country=country)
        project = Project.objects.create(
            code=f"B{i:02d}", component="B", kind="institutional_partnership", title={"es": f"P{i}"}, country=country
        )
        project.themes.add(theme)
        project.sectors.add(sector)
        ProjectPartner.objects.create(project=project, organisation=org, side="pacific_alliance")
        ProgrammeFactory(code=f"CL-{i}", institution=org, sector=sector)
        AuditEvent.objects.create(
            action=AuditAction.UPDATE, object_type="core.organisation", object_id=str(org.pk), organisation=org
        )


def count_queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "as_root"),
    [
        ("/es/organisations/", False),
        ("/es/organisations/?kind=tvet_institution&country=CL", False),
        ("/es/projects/", False),
        ("/es/programmes/", False),
        ("/es/programmes/?country=CL&sector=mining", False),
        ("/es/countries/", False),
        ("/es/audit/", True),
    ],
)
def test_list_pages_do_not_grow_with_rows(world, client, django_assert_num_queries, url, as_root):
    if as_root:
        client.force_login(world.root)
    make_registry(3)
    client.get(url)  # warm up per-process caches (content types, sessions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    make_registry_more(30)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def make_registry_more(n: int) -> None:
    country = CountryFactory(code="CL")
    theme = Theme.objects.get(number=1)
    sector = Sector.objects.get(code="mining")
    for i in range(100, 100 + n):
        org = OrganisationFactory(code=f"cl-inst-{i}", country=country)
        project = Project.objects.create(
            code=f"B{i}", component="B", kind="institutional_partnership", title={"es": f"P{i}"}, country=country
        )
        project.themes.add(theme)
        project.sectors.add(sector)
        ProjectPartner.objects.create(project=project, organisation=org, side="pacific_alliance")
        Programme.objects.create(code=f"CL-{i}", institution=org, sector=sector, title={"es": f"Programa {i}"})
        AuditEvent.objects.create(
            action=AuditAction.UPDATE, object_type="core.organisation", object_id=str(org.pk), organisation=org
        )


def test_the_organisation_list_takes_a_handful_of_queries(world, client, django_assert_max_num_queries):
    make_registry(10)
    # count of the page, the page itself, the filter form's countries: no query per row
    count_queries(client, "/es/organisations/", django_assert_max_num_queries, 6)
