"""count_by() counts any queryset by dimensions, only in the countries the user may read."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Sum

from puente.core.aggregates import Dimension, count_by
from puente.core.models import OrganisationKind
from puente.core.roles import Role
from puente.success.models import Sex, Student
from tests.factories import MembershipFactory, OrganisationFactory, StudentFactory

pytestmark = pytest.mark.django_db

INSTITUTION = Dimension("institution", "Institution", label_field="institution__name")
SEX = Dimension("sex", "Sex", choices=Sex.choices)


def _students(world, institution, n, sex):
    StudentFactory.create_batch(n, institution=institution, sex=sex)


def test_a_ministry_analyst_counts_only_their_country(world):
    _students(world, world.andino, 20, Sex.FEMALE)
    _students(world, world.caribe, 30, Sex.MALE)
    table = count_by(Student.objects.all(), INSTITUTION, SEX, user=world.mia, country_field="institution__country")
    assert table.row_labels == ["Instituto Andino"]
    assert "Instituto Caribe" not in str(table.as_dict())


def test_a_regional_analyst_counts_every_country(world):
    regional_body = OrganisationFactory(code="ap-gt", kind=OrganisationKind.REGIONAL_BODY, country=None)
    ana = MembershipFactory(user__username="ana", organisation=regional_body, role=Role.REGIONAL_ANALYST).user
    table = count_by(Student.objects.all(), INSTITUTION, SEX, user=ana, country_field="institution__country")
    assert set(table.row_labels) == {"Instituto Andino", "Instituto Caribe"}


def test_a_user_without_aggregate_countries_counts_nothing(world):
    table = count_by(Student.objects.all(), INSTITUTION, user=None, country_field="institution__country")
    assert table.is_empty and table.total.value == 0


def test_small_counts_are_hidden_with_their_complements(world):
    _students(world, world.andino, 30, Sex.FEMALE)  # plus 2 women from the world fixture
    _students(world, world.andino, 4, Sex.MALE)
    _students(world, world.caribe, 25, Sex.FEMALE)
    _students(world, world.caribe, 40, Sex.MALE)
    table = count_by(Student.objects.all(), INSTITUTION, SEX, public=True)
    andino = table.row_labels.index("Instituto Andino")
    women, men = table.col_keys.index(Sex.FEMALE), table.col_keys.index(Sex.MALE)
    assert table.cells[andino][men].suppressed and str(table.cells[andino][men]) == "<10"
    assert table.cells[andino][women].suppressed, "the other cell of the row would give the small one away"
    hidden = [c for row in table.cells for c in row if c.suppressed]
    assert len(hidden) >= 4
    assert table.total.value == 2 + 1 + 30 + 4 + 25 + 40


def test_every_sex_is_a_column_even_at_zero(world):
    table = count_by(Student.objects.all(), INSTITUTION, SEX, public=True, threshold=0)
    assert Sex.MALE in table.col_keys and Sex.OTHER in table.col_keys
    assert table.col_labels[:3] == [str(Sex.FEMALE.label), str(Sex.MALE.label), str(Sex.OTHER.label)]
    assert table.cells[0][table.col_keys.index(Sex.MALE)].value == 0


def test_exact_counts_for_people_who_see_the_records(world):
    table = count_by(Student.objects.visible_to(world.alice), SEX, already_scoped=True, threshold=0)
    assert table.total.value == 2
    assert not table.has_suppressed


def test_scoping_must_be_declared(world):
    with pytest.raises(ImproperlyConfigured):
        count_by(Student.objects.all(), SEX)


def test_a_sum_can_replace_the_count(world):
    from datetime import date

    from puente.employment.models import Vacancy

    for ref, positions in (("v1", 12), ("v2", 30)):
        Vacancy.objects.create(
            employer=world.employer,
            reference=ref,
            title="Operador",
            country=world.pe,
            positions=positions,
            posted_on=date(2024, 1, 1),
        )
    table = count_by(
        Vacancy.objects.all(),
        Dimension("country", "Country"),
        user=world.mia,
        country_field="country",
        measure=Sum("positions"),
    )
    assert table.total.value == 42


def test_crosstab_gives_a_chart_with_totals_and_an_export(world):
    _students(world, world.andino, 12, Sex.MALE)
    table = count_by(Student.objects.all(), INSTITUTION, SEX, public=True, title="Estudiantes")
    chart = table.chart()
    assert chart.kind == "stacked_bar"
    assert chart.data_table().rows[-1].is_total
    header, rows = table.export_rows()
    assert header[0] == "Institution" and rows[-1][0] in {"Total"}
    assert "<svg" in chart.svg()
