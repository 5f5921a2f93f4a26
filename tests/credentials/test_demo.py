"""The demo hook issues credentials to graduates of the demo institute (idempotent)."""

from __future__ import annotations

import datetime as dt

import pytest

from puente.credentials import services
from puente.credentials.models import Achievement, IssuedCredential
from puente.success.models import StudentStatus
from tests.factories import OrganisationFactory, StudentFactory


def test_load_demo_issues_and_revokes_once(world, achievement):
    hde = OrganisationFactory(code="PE-IESTP-HDE", name={"es": "IESTP Honorio Delgado Espinoza"}, country=world.pe)
    Achievement.objects.create(code="PE:PE-HDE-MET-5", name={"es": "Metalurgia"})
    for i in range(3):
        StudentFactory(
            institution=hde,
            external_id=f"S-{i}",
            email=f"s{i}@example.org",
            status=StudentStatus.GRADUATED,
            graduated_on=dt.date(2025, 7, 1),
        )
    assert services.load_demo() == {"issued": 3, "revoked": 1}
    assert services.load_demo() == {"issued": 0, "revoked": 0}
    codes = [services.verify_credential(c.document).code for c in IssuedCredential.objects.order_by("id")]
    assert sorted(codes) == ["revoked", "valid", "valid"]


@pytest.mark.django_db
def test_load_demo_without_qualifications_does_nothing():
    assert services.load_demo() == {"issued": 0, "revoked": 0}
