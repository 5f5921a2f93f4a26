"""The API is described by a valid OpenAPI 3 schema, and its docs page works offline."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command


def test_the_schema_generates_without_warnings_or_errors(tmp_path):
    # --validate checks the result against the OpenAPI 3 JSON schema; --fail-on-warn turns
    # every drf-spectacular warning (an unguessable type, a missing serializer) into a failure.
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert out.read_text(encoding="utf-8").startswith("openapi: 3.")


@pytest.mark.django_db
def test_the_schema_is_served_as_openapi_3(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Puente API"
    assert any(path.startswith("/api/v1/") for path in schema["paths"])


@pytest.mark.django_db
def test_every_operation_has_a_unique_operation_id(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    ids = [op["operationId"] for item in schema["paths"].values() for op in item.values() if isinstance(op, dict)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


@pytest.mark.django_db
def test_the_docs_page_loads_nothing_from_the_internet(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    external = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", html)
    assert not external, f"the docs page loads from the internet: {external}"
    assert "swagger-ui" in html


@pytest.mark.django_db
def test_the_docs_page_assets_are_bundled(client):
    html = client.get("/api/docs/").content.decode()
    assets = re.findall(r"""/static/(drf_spectacular_sidecar/[^"'?]+)""", html)
    assert assets, "expected the docs page to use drf-spectacular-sidecar's bundled Swagger UI"
    for asset in assets:
        assert finders.find(asset), f"{asset} is not among the static files"
