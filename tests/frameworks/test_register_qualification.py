"""Registering a qualification: the bad inputs get a clear message and nothing is saved."""

import pytest
from django.core.exceptions import ValidationError

from puente.frameworks import services
from puente.frameworks.models import LearningOutcome, MicroCredential, Qualification, QualificationKind

COOK = "http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e"


def _data(**over):
    data = {
        "country": "PE",
        "code": "PE-NEW-1",
        "title": {"es": "Ayudante de cocina"},
        "framework": "pe-mncp",
        "level": 2,
        "isced_field": "1013",
        "sector": "tourism",
        "occupations": [COOK],
        "outcomes": [{"domain": "skills", "text": {"es": "Prepara alimentos."}, "skills": []}],
        "pathways": ["formal", "recognition"],
        "volume_hours": 300,
    }
    data.update(over)
    return data


def test_it_registers_a_qualification_with_its_derived_regional_level(demo):
    q = services.register_qualification(_data())
    assert q.identifier == "PE:PE-NEW-1"
    assert q.regional_level == 2
    assert q.pathways == ["formal", "recognition"]
    assert [o.uri for o in q.occupations.all()] == [COOK]


def test_it_rejects_an_unknown_esco_uri_and_saves_nothing(demo):
    before = Qualification.objects.count(), LearningOutcome.objects.count()
    bad = "http://data.europa.eu/esco/occupation/00000000-0000-0000-0000-000000000000"
    with pytest.raises(ValidationError) as excinfo:
        services.register_qualification(_data(occupations=[COOK, bad]))
    assert "Unknown ESCO URI" in str(excinfo.value) and bad in str(excinfo.value)
    assert (Qualification.objects.count(), LearningOutcome.objects.count()) == before


def test_it_rejects_a_skill_uri_given_as_an_occupation(demo):
    skill = "http://data.europa.eu/esco/skill/beeaddc7-fe69-4b97-a286-0bd595432eb9"
    with pytest.raises(ValidationError, match="not of the expected kind"):
        services.register_qualification(_data(occupations=[skill]))


def test_it_rejects_a_qualification_without_a_level(demo):
    with pytest.raises(ValidationError) as excinfo:
        services.register_qualification(_data(level=None, framework=None))
    assert "needs a level" in str(excinfo.value.message_dict["level"])
    assert not Qualification.objects.filter(code="PE-NEW-1").exists()


def test_it_rejects_a_level_of_another_countrys_framework(demo):
    with pytest.raises(ValidationError, match="not a framework of"):
        services.register_qualification(_data(framework="co-mnc", level=3))


def test_a_micro_credential_may_have_no_level(demo):
    q = services.register_qualification(_data(code="PE-MC-1", kind="micro_credential", level=None, framework=None))
    assert q.kind == QualificationKind.MICRO_CREDENTIAL
    assert MicroCredential.objects.filter(pk=q.pk).exists()


def test_updating_is_idempotent(demo):
    services.register_qualification(_data())
    services.register_qualification(_data(title={"es": "Ayudante de cocina", "en": "Kitchen assistant"}))
    q = Qualification.objects.get(code="PE-NEW-1")
    assert q.title["en"] == "Kitchen assistant"
    assert q.outcomes.count() == 1


def test_alignments_carry_national_regional_and_esco_targets(demo):
    q = services.qualification_by_identifier("CL:CL-TUR-COC-3")
    types = [a["targetType"] for a in services.alignments_of(q)]
    assert types[:2] == ["ext:NationalFrameworkLevel", "ext:RegionalFrameworkLevel"]
    assert "ext:ESCOOccupation" in types and "ext:ESCOSkill" in types
