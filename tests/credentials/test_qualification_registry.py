"""A credential for a registered qualification carries its national level, its MRC-AP level and
its ESCO occupations and skills as Open Badges alignments (data from the frameworks demo)."""

from __future__ import annotations

import pytest
from django.utils import translation

from puente.credentials import services
from puente.credentials.models import Achievement

pytestmark = pytest.mark.slow


def test_a_registered_qualification_becomes_an_aligned_credential(world, graduate):
    from puente.frameworks import services as frameworks

    frameworks.load_demo()
    with translation.override("fr"):
        achievement = services.achievement_by_code("PE-HDE-MET-5", country="PE")
        credential = services.issue_credential(world.alice, student=graduate, achievement=achievement, language="fr")
    assert achievement.code == "PE:PE-HDE-MET-5" and achievement.qualification_code == "PE:PE-HDE-MET-5"
    alignments = credential.document["credentialSubject"]["achievement"]["alignment"]
    by_type = {}
    for a in alignments:
        by_type.setdefault(a["targetType"], []).append(a)
        assert a["type"] == ["Alignment"] and a["targetName"] and a["targetUrl"]
    assert by_type["ext:NationalFrameworkLevel"][0]["targetCode"] == "5"
    regional = by_type["ext:RegionalFrameworkLevel"][0]
    assert regional["targetCode"] == "5" and "Pacifi" in regional["targetFramework"]
    assert regional["targetDescription"].startswith("Référencé à ce niveau")
    assert all(a["targetUrl"].startswith("http://data.europa.eu/esco/") for a in by_type["ext:ESCOSkill"])
    assert by_type["ext:ESCOOccupation"]
    assert services.verify_credential(credential.document).valid
    # Issuing again refreshes the same achievement rather than duplicating it.
    services.achievement_by_code("PE:PE-HDE-MET-5")
    assert Achievement.objects.filter(code="PE:PE-HDE-MET-5").count() == 1
