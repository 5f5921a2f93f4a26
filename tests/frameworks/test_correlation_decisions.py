"""Experts decide; decisions are recorded with author, date and evidence; bad decisions are refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from puente.frameworks import services
from puente.frameworks.models import Correlation, Decision


def _q(identifier):
    return services.qualification_by_identifier(identifier)


def test_a_regional_analyst_decision_is_recorded_with_author_date_and_evidence(demo, rita):
    c = services.decide_correlation(
        rita,
        _q("CL:CL-TUR-GUI-3"),
        _q("PE:PE-IEST-GUI-5"),
        Decision.PARTIAL,
        gaps={"es": "Falta historia regional del Perú."},
        compensatory_measures={"es": "Curso de 60 horas."},
    )
    assert c.decided_by == rita and c.decided_by_label == "rita" and c.decided_at is not None
    assert {f["name"] for f in c.evidence["features"]} == {"level", "field", "occupation", "outcomes", "title"}


def test_an_admin_may_decide(demo, world):
    services.decide_correlation(
        world.root, _q("CL:CL-TUR-GUI-3"), _q("CO:CO-SENA-GUI-5"), Decision.PARTIAL, gaps="Nivel"
    )
    assert Correlation.objects.filter(decided_by=world.root).exists()


@pytest.mark.parametrize("persona", ["mia", "alice", "sam", "eve"])
def test_others_may_not_decide(demo, world, persona):
    with pytest.raises(PermissionDenied):
        services.decide_correlation(
            getattr(world, persona), _q("CL:CL-TUR-GUI-3"), _q("PE:PE-IEST-GUI-5"), Decision.EQUIVALENT
        )


def test_a_partial_equivalence_needs_its_gaps(demo, rita):
    with pytest.raises(ValidationError, match="gaps"):
        services.decide_correlation(rita, _q("CL:CL-TUR-GUI-3"), _q("PE:PE-IEST-GUI-5"), Decision.PARTIAL)


def test_qualifications_of_one_country_are_not_correlated(demo, rita):
    with pytest.raises(ValidationError, match="two different countries"):
        services.decide_correlation(rita, _q("CL:CL-TUR-GUI-3"), _q("CL:CL-TUR-COC-3"), Decision.NOT_EQUIVALENT)


def test_contradictory_equivalences_are_refused(demo, rita):
    # demo: CL cook ≡ PE cook. Add PE cook ≡ CO cook, then CL cook ≢ CO cook contradicts both.
    services.decide_correlation(rita, _q("PE:PE-IEST-COC-4"), _q("CO:CO-SENA-COC-4"), Decision.EQUIVALENT)
    with pytest.raises(ValidationError, match="Contradictory"):
        services.decide_correlation(rita, _q("CL:CL-TUR-COC-3"), _q("CO:CO-SENA-COC-4"), Decision.NOT_EQUIVALENT)
    assert not Correlation.objects.filter(source__code="CL-TUR-COC-3", target__code="CO-SENA-COC-4").exists()


def test_joining_two_qualifications_decided_not_equivalent_is_refused(demo, rita):
    # demo: CO guide ≢ MX guide. CO guide ≡ PE guide, then PE guide ≡ MX guide would join them.
    services.decide_correlation(rita, _q("CO:CO-SENA-GUI-5"), _q("PE:PE-IEST-GUI-5"), Decision.EQUIVALENT)
    with pytest.raises(ValidationError, match="Contradictory"):
        services.decide_correlation(rita, _q("PE:PE-IEST-GUI-5"), _q("MX:MX-EC-GUI-3"), Decision.EQUIVALENT)


def test_the_workbench_form_records_a_decision(demo, rita, client):
    client.force_login(rita)
    source, target = _q("CL:CL-TUR-GUI-3"), _q("PE:PE-IEST-GUI-5")
    response = client.post(
        "/es/qualifications/correlation/decide/",
        {"source": source.pk, "target": target.pk, "decision": "equivalent", "rationale": "Mismo perfil"},
    )
    assert response.status_code == 302
    assert Correlation.objects.get(source=source, target=target).rationale == {"es": "Mismo perfil"}


def test_the_workbench_refuses_a_ministry_analysts_decision(demo, world, client):
    client.force_login(world.mia)
    source, target = _q("CL:CL-TUR-GUI-3"), _q("PE:PE-IEST-GUI-5")
    response = client.post(
        "/es/qualifications/correlation/decide/", {"source": source.pk, "target": target.pk, "decision": "equivalent"}
    )
    assert response.status_code == 403
    assert not Correlation.objects.filter(source=source, target=target).exists()
