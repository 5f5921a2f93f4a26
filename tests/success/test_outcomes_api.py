"""The outcomes page as data: ``/api/v1/outcomes/`` and ``/api/v1/alert-loop/`` give the numbers
the page shows, to the same people, with the same small groups hidden."""

from __future__ import annotations

import pytest

from puente.success import outcomes, services
from puente.success.models import CaseSource, Sex
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db

OUTCOMES = "/api/v1/outcomes/"
ALERT_LOOP = "/api/v1/alert-loop/"


def _page(client, user, query: str):
    client.force_login(user)
    response = client.get(f"/es/students/outcomes/?{query}")
    assert response.status_code == 200
    return response.context


def _row(row: outcomes.OutcomeRow) -> dict:
    hidden = row.suppressed
    return {
        "key": row.key,
        "label": row.label,
        "suppressed": hidden,
        "n": None if hidden else row.n,
        "retention": row.retention,
        "dropout": row.dropout,
        "graduation": row.graduation,
        "timely": row.timely,
    }


def _api_row(row: dict) -> dict:
    return {k: row[k] for k in ("key", "label", "suppressed", "n", "retention", "dropout", "graduation", "timely")}


@pytest.mark.parametrize(
    ("persona", "by"),
    [("alice", by) for by in outcomes.DIMENSIONS]
    + [("mia", by) for by in outcomes.DIMENSIONS]
    + [("bob", "sex"), ("root", "programme")],
)
def test_the_api_gives_the_table_the_page_shows(world, cohort, client, api, persona, by):
    StudentFactory(institution=world.andino, sex=Sex.OTHER, cohort="2022-1")  # a group of one
    user = getattr(world, persona)
    page = _page(client, user, f"by={by}&cohort=2022-1")
    response = api(user).get(OUTCOMES, {"by": by, "cohort": "2022-1"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    data = response.json()
    table = page["table"]
    assert [_api_row(r) for r in data["rows"]] == [_row(r) for r in table.rows]
    assert _api_row(data["total"]) == _row(table.total)
    assert data["suppressed"] == table.suppressed
    assert data["institution"] == (page["institution"].code if page["institution"] else None)
    assert (data["dropout_terms"], data["timely_months"]) == (
        page["config"].dropout_terms,
        page["config"].timely_graduation_months,
    )


def test_the_staff_numbers_are_exact(world, cohort, api):
    data = api(world.alice).get(OUTCOMES, {"by": "sex", "cohort": "2022-1"}).json()
    rows = {r["key"]: r for r in data["rows"]}
    women, men = rows[Sex.FEMALE], rows[Sex.MALE]
    assert (women["n"], women["dropped"], women["retained"], women["retention"]) == (12, 3, 9, 0.75)
    assert (men["graduated"], men["on_time"]) == (11, 10)
    assert men["timely"] == pytest.approx(10 / 11)
    assert data["institution"] == "pe-andino" and not data["suppressed"]


def test_it_rejects_other_institutions(world, cohort, api):
    """Bob works at Instituto Caribe: naming Instituto Andino is refused, not answered with his own
    numbers, so that a caller never mistakes one institution's figures for another's."""
    assert api(world.bob).get(OUTCOMES, {"institution": "pe-andino"}).status_code == 403
    assert api(world.bob).get(ALERT_LOOP, {"institution": "pe-andino"}).status_code == 403
    own = api(world.bob).get(OUTCOMES, {"institution": "co-caribe"}).json()
    assert own["institution"] == "co-caribe" and own["total"]["n"] == 1  # only Ana Restrepo


def test_an_unknown_institution_is_a_bad_request_naming_the_parameter(world, api):
    for url in (OUTCOMES, ALERT_LOOP):
        for code in ("no-such-institute", "not a code"):
            response = api(world.alice).get(url, {"institution": code})
            assert response.status_code == 400 and "institution" in response.json()


def test_ministry_analysts_get_small_groups_hidden_and_no_institution(world, cohort, api):
    StudentFactory(institution=world.andino, sex=Sex.OTHER)
    data = api(world.mia).get(OUTCOMES, {"by": "sex"}).json()
    assert data["suppressed"] and data["institution"] is None and data["threshold"] == 10
    hidden = [r for r in data["rows"] if r["suppressed"]]
    assert len(hidden) == 2  # the group of one, and one more so it cannot be worked out from the total
    for row in hidden:
        assert {k: row[k] for k in ("n", "retained", "dropped", "graduated", "on_time")} == dict.fromkeys(
            ("n", "retained", "dropped", "graduated", "on_time")
        )
        assert row["retention"] is None and row["timely"] is None
    assert data["total"]["n"] == 14 + 11 + 1  # Peru only: Ana at Instituto Caribe is not counted
    assert api(world.mia).get(OUTCOMES, {"institution": "pe-andino"}).status_code == 403


def test_ministry_analysts_get_no_small_count_inside_a_visible_group(world, cohort, api):
    data = api(world.mia).get(OUTCOMES, {"by": "sex"}).json()
    women = next(r for r in data["rows"] if r["key"] == Sex.FEMALE)
    assert not women["suppressed"] and women["n"] >= 10
    assert women["dropped"] is None and women["dropout"] is None  # 3 dropped out
    assert women["retained"] is None and women["retention"] is None  # its complement
    alice = api(world.alice).get(OUTCOMES, {"by": "sex"}).json()
    assert next(r for r in alice["rows"] if r["key"] == Sex.FEMALE)["dropped"] >= 3


@pytest.mark.parametrize("by", ["gender", "SEX", "1"])
def test_a_wrong_by_is_a_bad_request_naming_by(world, api, by):
    response = api(world.alice).get(OUTCOMES, {"by": by}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    (message,) = response.json()["by"]
    assert "« by »" in message or "“by”" in message
    assert "Utilisez" in message and "sex" in message


def test_without_by_the_table_compares_by_sex_as_the_page_does(world, api):
    assert api(world.alice).get(OUTCOMES).json()["by"] == "sex"
    assert api(world.alice).get(OUTCOMES, {"by": ""}).json()["by"] == "sex"  # an empty field is no field


@pytest.mark.parametrize("url", [OUTCOMES, ALERT_LOOP])
def test_roles_without_aggregates_are_refused(world, api, url):
    for persona in (world.tina, world.sam, world.eve):
        assert api(persona).get(url).status_code == 403, persona
    assert api().get(url).status_code in {401, 403}


def test_the_alert_loop_is_the_pages_funnel(world, catalogue, client, api):
    case = services.open_case(None, world.a1, source=CaseSource.MODEL_ALERT)
    services.log_contact(world.alice, case, channel="phone")
    services.refer(world.alice, case, catalogue.tutoring)
    page = _page(client, world.alice, "")
    data = api(world.alice).get(ALERT_LOOP).json()
    assert data["since"] == page["funnel"].since.isoformat() and data["institution"] == "pe-andino"
    steps = {s["key"]: s["n"] for s in data["steps"]}
    assert steps == {"alerts": 1, "contacted": 1, "referred": 1, "attended": 0, "still_enrolled": 0}
    assert [s["label"] for s in data["steps"]] == [s.label for s in page["funnel"].steps()]


def test_ministry_analysts_see_the_alert_loop_with_small_counts_hidden(world, catalogue, api):
    services.open_case(None, world.a1, source=CaseSource.MODEL_ALERT)
    data = api(world.mia).get(ALERT_LOOP).json()
    assert data["suppressed"] and data["institution"] is None
    steps = {s["key"]: s for s in data["steps"]}
    assert steps["alerts"]["n"] is None and steps["alerts"]["suppressed"]
    assert steps["contacted"]["n"] == 0 and not steps["contacted"]["suppressed"]  # zero is not hidden
    assert api(world.mia).get(ALERT_LOOP, {"institution": "pe-andino"}).status_code == 403


def test_both_reports_are_in_the_schema(client):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]
    for path, param in (("/api/v1/outcomes/", "by"), ("/api/v1/alert-loop/", "institution")):
        operation = paths[path]["get"]
        assert param in {p["name"] for p in operation["parameters"]}
        assert "$ref" in operation["responses"]["200"]["content"]["application/json"]["schema"]
