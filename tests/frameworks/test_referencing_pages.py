"""Regional analysts reference national levels to the regional framework through a page, with
the same checks as the service: contradictions are listed and nothing is saved."""

from puente.frameworks.models import LevelReference
from tests.permissions import assert_page_access

URL = "/es/qualifications/frameworks/cl-mctp/1/referencing/mrc-ap/edit/"


def _table(client):
    return sorted(
        LevelReference.objects.filter(source__framework__code="cl-mctp", target__framework__code="mrc-ap").values_list(
            "source__number", "target__number", "match"
        )
    )


def _post(rows, extra_blank=1):
    data = {"rows-TOTAL_FORMS": str(len(rows) + extra_blank), "rows-INITIAL_FORMS": "0"}
    for i, (source, target, match, *rationale) in enumerate(rows):
        data.update({f"rows-{i}-source": source, f"rows-{i}-target": target, f"rows-{i}-match": match})
        if rationale:
            data[f"rows-{i}-rationale_0"] = rationale[0]
    return data


def test_the_referencing_page_is_for_regional_analysts_and_administrators(demo, world, rita, client):
    def as_user(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    assert_page_access(as_user, URL, allowed=[rita, world.root], denied=[world.mia, world.alice, world.sam, world.eve])


def test_it_shows_the_current_table(demo, rita, client):
    client.force_login(rita)
    body = client.get(URL).content.decode()
    rows = _table(client)
    assert rows and body.count('name="rows-') >= 4 * len(rows)
    assert f'name="rows-TOTAL_FORMS" value="{len(rows) + 3}"' in body


def test_a_regional_analyst_replaces_the_table(demo, rita, client):
    client.force_login(rita)
    rows = [(1, 1, "exact"), (2, 2, "exact"), (3, 4, "exact", "Mismo nivel de autonomía"), (3, 5, "narrower")]
    response = client.post(URL, _post(rows))
    assert response.status_code == 302 and response["Location"] == "/es/qualifications/frameworks/cl-mctp/1/"
    assert _table(client) == [(1, 1, "exact"), (2, 2, "exact"), (3, 4, "exact"), (3, 5, "narrower")]
    ref = LevelReference.objects.get(source__framework__code="cl-mctp", source__number=3, target__number=4)
    assert ref.rationale == {"es": "Mismo nivel de autonomía"} and ref.created_by == rita


def test_contradictions_are_listed_in_the_page_language_and_nothing_is_saved(demo, rita, client):
    client.force_login(rita)
    before = _table(client)
    response = client.post(URL, _post([(1, 2, "exact"), (1, 3, "exact"), (4, 5, "close"), (4, 5, "broader")]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="error-summary"' in body
    assert "no puede corresponder exactamente a la vez" in body
    assert "a la vez como «close» y «broader»" in body
    assert _table(client) == before


def test_an_incomplete_row_names_the_missing_field(demo, rita, client):
    client.force_login(rita)
    before = _table(client)
    data = _post([(1, 1, "exact")])
    data["rows-0-match"] = ""
    body = client.post(URL, data).content.decode()
    assert "Fila 1 — Tipo de correspondencia: El campo «Tipo de correspondencia» es obligatorio." in body
    assert _table(client) == before


def test_deciders_see_the_link_on_the_framework_page(demo, world, rita, client):
    client.force_login(rita)
    assert URL in client.get("/es/qualifications/frameworks/cl-mctp/1/").content.decode()
    client.force_login(world.mia)
    assert URL not in client.get("/es/qualifications/frameworks/cl-mctp/1/").content.decode()
