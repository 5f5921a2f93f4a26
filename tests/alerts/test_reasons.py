"""Reasons are codes with values, rendered as plain sentences in the reader's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from puente.success.alerts.reasons import reason_text, reasons_from_contributions

ROW = {
    "first_term_passed": 2.0,
    "first_term_attempted": 6.0,
    "lms_days_since_last": 12.0,
    "attendance_rate_4w": 0.55,
    "attendance_sessions_4w": 8.0,
    "lms_events_4w": 3.0,
    "lms_events_prev_4w": 20.0,
    "age_at_entry": 24.0,
    "programme": "PE-MEC",
}


@pytest.mark.parametrize(
    ("language", "code", "values", "expected"),
    [
        ("es", "first_term_units", {"passed": 2, "attempted": 6}, "aprobó 2 de 6 unidades del primer semestre"),
        ("es", "lms_inactive", {"days": 12}, "sin actividad en Moodle desde hace 12 días"),
        ("es", "lms_inactive", {"days": 1}, "sin actividad en Moodle desde hace 1 día"),
        ("es", "attendance_4w", {"percent": 55}, "asistencia del 55 % en las últimas 4 semanas"),
        ("fr", "first_term_units", {"passed": 2, "attempted": 6}, "a réussi 2 unités sur 6 au premier semestre"),
        ("fr", "attendance_4w", {"percent": 55}, "assiduité de 55 % ces 4 dernières semaines"),
        ("en", "lms_inactive", {"days": 12}, "no activity on Moodle for 12 days"),
        ("en", "term_failed", {"count": 1}, "failed 1 unit this term"),
        ("es", "feature", {"name": "Curricular units", "value": "0"}, "Curricular units: 0"),
    ],
)
def test_reasons_read_as_plain_sentences(language, code, values, expected):
    with translation.override(language):
        assert reason_text({"code": code, "values": values}) == expected


def test_only_risk_raising_factors_are_kept_strongest_first():
    contributions = {
        "first_term_passed": 0.5,
        "first_term_attempted": 0.1,  # same reason as first_term_passed: added up
        "lms_days_since_last": 0.3,
        "attendance_rate_4w": 0.2,
        "age_at_entry": -0.4,  # lowers the risk: not a reason
        "programme": 0.01,  # too small to mention
    }
    reasons = reasons_from_contributions(contributions, ROW)
    assert [r["code"] for r in reasons] == ["first_term_units", "lms_inactive", "attendance_4w"]
    assert reasons[0]["values"] == {"passed": 2, "attempted": 6}
    assert reasons[0]["weight"] == pytest.approx(0.6)


def test_at_most_five_reasons():
    contributions = {f"extra_{i}": 1.0 + i for i in range(8)}
    assert len(reasons_from_contributions(contributions, {})) == 5


def test_a_drop_in_moodle_activity_is_told_as_such():
    reasons = reasons_from_contributions({"lms_trend": 0.4}, ROW)
    with translation.override("es"):
        assert reason_text(reasons[0]) == (
            "la actividad en Moodle bajó de 20 a 3 eventos (4 semanas anteriores frente a las últimas 4)"
        )


def test_an_unknown_code_does_not_break_a_page():
    assert reason_text({"code": "from-a-newer-version", "values": {}}) == "from-a-newer-version"


@pytest.mark.parametrize(("language", "expected"), [("es", "promedio de notas de 7,2"), ("en", "grade average of 7.2")])
def test_grades_are_written_as_the_reader_writes_decimals(language, expected):
    with translation.override(language):
        assert reason_text({"code": "grade_mean", "values": {"grade": 7.2}}) == expected


def test_last_terms_average_and_the_overall_average_are_one_reason():
    row = {"prev_term_grade_mean": 7.2, "grade_mean": 8.0}
    reasons = reasons_from_contributions({"prev_term_grade_mean": 0.3, "grade_mean": 0.2}, row)
    assert [(r["code"], r["values"]) for r in reasons] == [("prev_term_grade", {"grade": 7.2})]
