"""ESCO imported per release: URIs stay, labels change; rows come as the Commission publishes them."""

import csv
import itertools
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from puente.frameworks import services
from puente.frameworks.models import EscoConcept, EscoLabel

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "esco-v1.0-es"
DEMO = Path(services.__file__).resolve().parent / "demo_data"


def _rows(path, n=200):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(itertools.islice(csv.DictReader(handle), n))


@pytest.fixture
def occupations():
    path = SHARED / "esco_v1_0_occupations_es.csv"
    return _rows(path if path.exists() else DEMO / "esco_occupations_es.csv")


def test_it_imports_the_published_csv_idempotently(db, occupations):
    release = services.esco_release("v1.0.3")
    assert services.import_esco_rows(release, occupations) == len(occupations)
    services.import_esco_rows(release, occupations)
    assert EscoConcept.objects.count() == len(occupations)
    assert EscoLabel.objects.count() == len(occupations)


def test_a_new_release_keeps_the_uri_and_both_labels(db, occupations):
    row = dict(occupations[0])
    services.import_esco_rows(services.esco_release("v1.0"), [row])
    renamed = {**row, "preferredLabel": "nuevo nombre"}
    services.import_esco_rows(services.esco_release("v1.2"), [renamed])
    concept = EscoConcept.objects.get(uri=row["conceptUri"])
    assert concept.preferred_label == "nuevo nombre"
    assert sorted(concept.labels.values_list("preferred_label", flat=True)) == sorted([row["preferredLabel"], "nuevo nombre"])


def test_a_bad_row_stops_the_import(db, occupations):
    bad = {**occupations[1], "conceptUri": "https://example.org/x"}
    with pytest.raises(ValidationError, match="Not an ESCO URI"):
        services.import_esco_rows(services.esco_release("v1.0"), [occupations[0], bad])
    assert not EscoConcept.objects.exists()
