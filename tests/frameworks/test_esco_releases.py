"""ESCO imported per release through the shared tabular import: URIs stay, labels change."""

import csv
import itertools
from pathlib import Path

import pytest

from puente.frameworks import services
from puente.frameworks.models import EscoConcept, EscoLabel, EscoRelease
from puente.lib.tabular import get_spec, run_import

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "esco-v1.0-es"
DEMO = Path(services.__file__).resolve().parent / "demo_data"

pytestmark = pytest.mark.usefixtures("empty_registry")


@pytest.fixture
def occupations_csv(tmp_path):
    source = SHARED / "esco_v1_0_occupations_es.csv"
    if not source.exists():
        source = DEMO / "esco_occupations_es.csv"
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(itertools.islice(reader, 300))
        fields = reader.fieldnames
    path = tmp_path / "occupations_es.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path, rows, fields


def test_it_imports_the_published_csv_idempotently(db, occupations_csv):
    path, rows, _fields = occupations_csv
    counts = services.import_esco_files([path], version="v1.0.3")
    assert counts == {"esco-occupations": len(rows)}
    services.import_esco_files([path], version="v1.0.3")
    assert EscoConcept.objects.filter(kind="occupation").count() == len(rows)
    assert EscoLabel.objects.count() == len(rows)
    concept = EscoConcept.objects.get(uri=rows[0]["conceptUri"])
    assert concept.code == rows[0]["iscoGroup"] and concept.last_release.version == "v1.0.3"


def test_a_new_release_keeps_the_uri_and_both_labels(db, occupations_csv, tmp_path):
    path, rows, fields = occupations_csv
    services.import_esco_files([path], version="v1.0")
    renamed = tmp_path / "occupations_v12.csv"
    with renamed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerow({**rows[0], "preferredLabel": "nuevo nombre"})
    services.import_esco_files([renamed], version="v1.2")
    concept = EscoConcept.objects.get(uri=rows[0]["conceptUri"])
    assert concept.preferred_label == "nuevo nombre"
    labels = dict(concept.labels.values_list("release__version", "preferred_label"))
    assert labels == {"v1.0": rows[0]["preferredLabel"], "v1.2": "nuevo nombre"}
    assert EscoRelease.objects.count() == 2


def test_a_bad_row_stops_the_import(db, occupations_csv, tmp_path):
    _path, rows, fields = occupations_csv
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerow(rows[0])
        writer.writerow({**rows[1], "conceptUri": "https://example.org/x"})
    outcome = run_import(get_spec("esco-occupations"), bad, write=True)
    assert not outcome.ok and outcome.errors[0].code == "not_esco_uri"
    assert not EscoConcept.objects.exists()
