"""JSON import/export is lossless and all-or-nothing."""

import json

import pytest
from django.core.exceptions import ValidationError

from puente.frameworks import exchange
from puente.frameworks.models import Correlation, Framework, LevelReference, Qualification


def _dump(doc):
    return json.dumps(doc, sort_keys=True, ensure_ascii=False)


def test_export_import_export_is_identical(demo):
    first = exchange.export_document()
    Correlation.objects.all().delete()
    Qualification.objects.all().delete()
    LevelReference.objects.all().delete()
    Framework.objects.all().delete()
    exchange.import_document(json.loads(_dump(first)))
    assert _dump(exchange.export_document()) == _dump(first)


def test_importing_twice_changes_nothing(demo):
    first = exchange.export_document()
    exchange.import_document(first)
    assert _dump(exchange.export_document()) == _dump(first)


def test_a_bad_row_saves_nothing(demo):
    doc = exchange.export_document()
    Qualification.objects.all().delete()
    doc["qualifications"][3]["occupations"] = ["http://data.europa.eu/esco/occupation/nope"]
    with pytest.raises(ValidationError) as excinfo:
        exchange.import_document(doc)
    assert "Unknown ESCO URI" in " ".join(excinfo.value.messages)
    assert not Qualification.objects.exists()


def test_the_public_export_is_json(demo, client):
    response = client.get("/es/qualifications/export.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["format"] == "puente-qualifications"
    assert all(f["status"] != "draft" for f in doc["frameworks"])
