"""Every page of the registry, with and without permission (tests/permissions.assert_page_access)."""

from __future__ import annotations

import pytest
from django.test import Client

from puente.core.models import Campus
from puente.core.roles import Role
from tests.factories import MembershipFactory
from tests.permissions import assert_page_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(db):
    def _as(user):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return _as


@pytest.fixture
def everyone(world):
    return [world.alice, world.bob, world.tina, world.mia, world.eve, world.sam, world.root]


@pytest.mark.parametrize(
    "url",
    [
        "/es/",
        "/es/organisations/",
        "/es/organisations/pe-andino/",
        "/es/projects/",
        "/es/countries/",
        "/es/countries/PE/",
        "/es/programmes/",
        "/es/programmes/PE-MEC/",
        "/es/login/",
    ],
)
def test_public_pages_open_to_everyone(world, as_user, everyone, url):
    assert_page_access(as_user, url, allowed=[*everyone, None], anonymous_denied=False)


def test_the_dashboard_needs_a_login(world, as_user, everyone):
    assert_page_access(as_user, "/es/dashboard/", allowed=everyone)


def test_only_administrators_read_the_audit_log(world, as_user):
    assert_page_access(
        as_user,
        "/es/audit/",
        allowed=[world.root],
        denied=[world.alice, world.bob, world.tina, world.mia, world.eve, world.sam],
    )
    assert_page_access(
        as_user,
        "/es/audit/?format=csv",
        allowed=[world.root],
        denied=[world.alice, world.mia],
        must_not_contain="actor",
    )


@pytest.mark.parametrize(
    "url",
    ["/es/organisations/new/", "/es/organisations/pe-andino/edit/", "/es/organisations/pe-andino/campuses/new/"],
)
def test_only_registry_managers_change_organisations(world, as_user, url):
    assert_page_access(
        as_user, url, allowed=[world.root], denied=[world.alice, world.bob, world.tina, world.mia, world.eve, world.sam]
    )


def test_only_registry_managers_change_campuses(world, as_user):
    campus = Campus.objects.create(organisation=world.andino, name="Sede Central")
    assert_page_access(
        as_user,
        f"/es/organisations/pe-andino/campuses/{campus.pk}/edit/",
        allowed=[world.root],
        denied=[world.alice, world.mia],
    )
    other = Campus.objects.create(organisation=world.caribe, name="Sede Norte")
    assert as_user(world.root).get(f"/es/organisations/pe-andino/campuses/{other.pk}/edit/").status_code == 404


def test_programme_coordinators_add_and_change_their_own_programmes(world, as_user):
    coordinator = MembershipFactory(
        user__username="carla", organisation=world.andino, role=Role.PROGRAMME_COORDINATOR
    ).user
    other_coordinator = MembershipFactory(
        user__username="ciro", organisation=world.caribe, role=Role.PROGRAMME_COORDINATOR
    ).user
    assert_page_access(
        as_user,
        "/es/programmes/new/",
        allowed=[coordinator, other_coordinator, world.root],
        denied=[world.alice, world.mia, world.eve, world.sam],
    )
    assert_page_access(
        as_user,
        "/es/programmes/PE-MEC/edit/",
        allowed=[coordinator, world.root],
        denied=[other_coordinator, world.alice, world.mia],
    )


def test_unknown_records_are_not_found(world, as_user):
    for url in ("/es/organisations/nope/", "/es/projects/ZZ9/", "/es/countries/ZZ/", "/es/programmes/NOPE/"):
        response = as_user(None).get(url)
        assert response.status_code == 404
        assert "Página no encontrada" in response.content.decode() or "Page not found" in response.content.decode()
