"""Credentials fixtures: keys in a temporary KEYS_DIR, a graduate of Instituto Andino and an achievement.

Personas come from tests/conftest.py: alice (student services at Andino) issues and revokes;
bob (Caribe) must not touch Andino's credentials; sam is the graduate Rosa Quispe's account.
"""

from __future__ import annotations

import datetime as dt

import pytest

from puente.credentials.models import Achievement
from puente.success.models import StudentStatus


@pytest.fixture(autouse=True)
def _keys_and_site(settings, tmp_path):
    settings.KEYS_DIR = tmp_path / "keys"
    settings.SITE_URL = "https://puente.example"


@pytest.fixture
def achievement(db):
    return Achievement.objects.create(
        code="PE:TUR-COC-3",
        achievement_type="Diploma",
        name={"es": "Cocina profesional", "fr": "Cuisine professionnelle", "en": "Professional cooking"},
        description={"es": "Cualificación de cocina (ilustrativa)."},
        qualification_code="PE:TUR-COC-3",
        country="PE",
        alignments=[
            {
                "targetType": "ext:RegionalFrameworkLevel",
                "targetName": "Nivel 4 del MRC-AP",
                "targetCode": "4",
                "targetFramework": "Marco Regional de Cualificaciones de la Alianza del Pacífico",
                "targetUrl": "urn:puente:framework:mrc-ap@1:level:4",
            },
            {
                "targetType": "ext:NationalFrameworkLevel",
                "targetName": "Nivel 3 del MNCP",
                "targetCode": "3",
                "targetFramework": "Marco Nacional de Cualificaciones del Perú",
                "targetUrl": "urn:puente:framework:pe-mncp@1:level:3",
            },
            {
                "targetType": "ext:ESCOSkill",
                "targetName": "preparar platos",
                "targetFramework": "ESCO",
                "targetUrl": "http://data.europa.eu/esco/skill/0c3f8b1f-5d6c-4e6b-9a0a-000000000001",
            },
        ],
    )


@pytest.fixture
def graduate(world):
    student = world.a1
    student.status = StudentStatus.GRADUATED
    student.email = "rosa.quispe@example.org"
    student.graduated_on = dt.date(2025, 12, 15)
    student.save(update_fields=["status", "email", "graduated_on"])
    return student
