"""Suggestions rank the right counterpart first on the demo's tourism and mining qualifications."""

import pytest

from puente.frameworks import services

# Each tourism trade in the four countries: every one should find its counterparts first.
TRADES = {
    "cook": {"CL": "CL-TUR-COC-3", "CO": "CO-SENA-COC-4", "MX": "MX-EC-COC-3", "PE": "PE-IEST-COC-4"},
    "waiter": {"CL": "CL-TUR-GAR-2", "CO": "CO-SENA-MES-3", "MX": "MX-EC-MES-2", "PE": "PE-IEST-MOZ-3"},
    "receptionist": {"CL": "CL-TUR-REC-3", "CO": "CO-SENA-REC-4", "MX": "MX-EC-REC-3", "PE": "PE-IEST-REC-4"},
    "guide": {"CL": "CL-TUR-GUI-3", "CO": "CO-SENA-GUI-5", "MX": "MX-EC-GUI-3", "PE": "PE-IEST-GUI-5"},
}


@pytest.mark.parametrize("trade", sorted(TRADES))
def test_the_same_trade_ranks_first_in_every_other_country(demo, trade):
    codes = TRADES[trade]
    for country, code in codes.items():
        q = services.qualification_by_identifier(f"{country}:{code}")
        found = services.suggest_equivalents(q)
        for other, expected in codes.items():
            if other == country:
                continue
            assert found[other], f"no suggestion for {code} in {other}"
            assert found[other][0].qualification.code == expected, (
                code,
                other,
                [s.qualification.code for s in found[other]],
            )


def test_each_suggestion_explains_its_evidence(demo):
    q = services.qualification_by_identifier("CL:CL-TUR-GAR-2")
    best = services.suggest_equivalents(q, countries=["PE"])["PE"][0]
    features = {f.name: f for f in best.features}
    assert set(features) == {"level", "field", "occupation", "outcomes", "title"}
    assert features["occupation"].score == 1.0 and "camarero" in features["occupation"].detail
    assert features["field"].score == 1.0
    assert 0 < best.score <= 1


def test_mining_supervision_finds_mining_engineering_and_metallurgy(demo):
    q = services.qualification_by_identifier("CO:CO-SENA-SLM-5")
    found = services.suggest_equivalents(q)
    assert found["CL"][0].qualification.code == "CL-MIN-OPM-4"
    assert found["MX"][0].qualification.code == "MX-ING-MIN-6"


def test_suggestions_never_propose_the_same_country(demo):
    q = services.qualification_by_identifier("PE:PE-IEST-COC-4")
    assert "PE" not in services.suggest_equivalents(q)


def test_a_draft_gets_suggestions_but_is_never_suggested(demo):
    draft = services.qualification_by_identifier("PE:PE-IEST-COC-4")
    draft.status = "draft"
    draft.save(update_fields=["status"])
    chile = services.qualification_by_identifier("CL:CL-TUR-COC-3")
    assert "PE-IEST-COC-4" not in [s.qualification.code for s in services.suggest_equivalents(chile).get("PE", [])]
    assert services.suggest_equivalents(draft)["CL"][0].qualification.code == "CL-TUR-COC-3"


def test_a_change_saved_with_update_fields_is_seen_by_other_processes(demo):
    from puente.frameworks.models import Qualification

    q = services.qualification_by_identifier("CL:CL-TUR-COC-3")
    before = q.updated_at
    q.status = "draft"
    q.save(update_fields=["status"])
    assert Qualification.objects.get(pk=q.pk).updated_at > before
