"""The audit log filters by who, what, when and institution."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from puente.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(world):
    old = AuditEvent.objects.create(
        action=AuditAction.READ,
        object_type="success.student",
        object_id="901",
        actor_label="alice",
        organisation=world.andino,
    )
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=40))
    AuditEvent.objects.create(
        action=AuditAction.UPDATE,
        object_type="success.student",
        object_id="902",
        actor_label="bob",
        organisation=world.caribe,
    )
    AuditEvent.objects.create(action=AuditAction.EXPORT, object_type="core.auditevent", actor_label="root")
    return world


def rows(client, query: str) -> str:
    return client.get("/en/audit/" + query).content.decode()


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("?actor=ali", ["#901"], ["#902"]),
        ("?action=update", ["#902"], ["#901"]),
        ("?object_type=core.auditevent", ["core.auditevent #"], ["success.student #901"]),
        ("?organisation=co-caribe", ["#902"], ["#901"]),
    ],
)
def test_filters(events, client, query, present, absent):
    client.force_login(events.root)
    page = rows(client, query)
    for text in present:
        assert text in page
    for text in absent:
        assert text not in page


def test_dates_filter_and_reject_an_inverted_range(events, client):
    client.force_login(events.root)
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    page = rows(client, f"?since={since}")
    assert "success.student #902" in page and "success.student #901" not in page
    page = rows(client, f"?since={since}&until=2000-01-01")
    assert "The end date is before the start date." in page
