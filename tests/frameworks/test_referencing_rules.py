"""Referencing national levels to the regional framework: match types, and the bad cases
(same country, circular, contradictory) rejected with every problem named and nothing saved."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from puente.frameworks import services
from puente.frameworks.models import Framework, LevelReference, MatchType, Qualification
from puente.frameworks.referencing import Row

pytestmark = pytest.mark.usefixtures("empty_registry")


def _fw(code, country, n, kind="national"):
    fw = Framework.objects.create(code=code, kind=kind, country_id=country, name={"es": code}, acronym=code.upper())
    for i in range(1, n + 1):
        fw.levels.create(number=i)
    return fw


@pytest.fixture
def frameworks(world):
    from puente.core.models import Country

    Country.objects.get_or_create(code="CL", defaults={"name": {"es": "Chile"}})
    return {
        "mrc": _fw("mrc", None, 8, kind="regional"),
        "cl": _fw("cl", "CL", 5),
        "cl2": _fw("cl2", "CL", 5, kind="sectoral"),
        "pe": _fw("pe", "PE", 8),
    }


def test_it_saves_a_many_to_many_table_with_match_types(frameworks):
    rows = [Row(1, 1, "broader"), Row(1, 2, "broader"), Row(2, 3, "exact"), Row(3, 4, "close")]
    services.reference_levels(frameworks["cl"], frameworks["mrc"], rows)
    assert LevelReference.objects.filter(source__framework=frameworks["cl"]).count() == 4
    assert set(LevelReference.objects.values_list("match", flat=True)) <= set(MatchType.values)


def test_it_rejects_a_framework_of_the_same_country(frameworks):
    with pytest.raises(ValidationError, match="same country"):
        services.reference_levels(frameworks["cl"], frameworks["cl2"], [Row(1, 1, "exact")])
    assert not LevelReference.objects.exists()


def test_it_rejects_circular_referencing(frameworks):
    services.reference_levels(frameworks["pe"], frameworks["cl"], [Row(1, 1, "exact")])
    with pytest.raises(ValidationError, match="Circular"):
        services.reference_levels(frameworks["cl"], frameworks["pe"], [Row(1, 1, "exact")])


def test_it_rejects_contradictory_references_and_saves_nothing(frameworks):
    services.reference_levels(frameworks["cl"], frameworks["mrc"], [Row(1, 2, "exact")])
    bad = [
        Row(1, 2, "exact"),
        Row(1, 3, "exact"),
        Row(2, 4, "exact"),
        Row(3, 1, "exact"),
        Row(4, 5, "close"),
        Row(4, 5, "broader"),
    ]
    with pytest.raises(ValidationError) as excinfo:
        services.reference_levels(frameworks["cl"], frameworks["mrc"], bad)
    text = " ".join(excinfo.value.messages)
    assert "cannot match exactly both" in text
    assert "placed below" in text
    assert "both “close” and “broader”" in text
    # the previous table is intact
    assert list(LevelReference.objects.values_list("source__number", "target__number")) == [(1, 2)]


def test_it_names_unknown_levels(frameworks):
    with pytest.raises(ValidationError, match="Level 9 does not exist"):
        services.reference_levels(frameworks["cl"], frameworks["mrc"], [Row(1, 9, "exact")])


def test_errors_are_translated(frameworks):
    with translation.override("es"), pytest.raises(ValidationError) as excinfo:
        services.reference_levels(frameworks["cl"], frameworks["cl2"], [Row(1, 1, "exact")])
    assert "mismo país" in excinfo.value.messages[0]


def test_referencing_updates_the_regional_level_of_qualifications(frameworks):
    q = Qualification.objects.create(
        country_id="CL", code="Q1", title={"es": "Cocinero"}, level=frameworks["cl"].levels.get(number=3)
    )
    assert q.regional_level is None
    services.reference_levels(frameworks["cl"], frameworks["mrc"], [Row(3, 4, "exact"), Row(3, 5, "narrower")])
    q.refresh_from_db()
    assert q.regional_level == 4


def test_only_regional_analysts_and_admins_reference(frameworks, world, rita):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.reference_levels(frameworks["cl"], frameworks["mrc"], [Row(1, 1, "exact")], user=world.mia)
    services.reference_levels(frameworks["cl"], frameworks["mrc"], [Row(1, 1, "exact")], user=rita)
