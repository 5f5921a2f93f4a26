"""JSON-LD with vendored contexts only: a strict, offline document loader for PyLD.

Verifiers in the wild broke when shared contexts changed under them, and a loader that fetches
URLs lets whoever controls a context change what a signature means. So Puente never fetches: the
contexts it uses are files in ``contexts/`` (sources and licences in ``contexts/README.md``), and
any other URL fails closed with :class:`ContextNotAllowedError`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pyld import jsonld
from pyld.context_resolver import ContextResolver

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"

# URL -> file in contexts/. Nothing else is ever loaded.
VENDORED: dict[str, str] = {
    VC_V2: "credentials-v2.jsonld",
    OB_V3: "ob-v3p0-context-3.0.3.json",
    DATA_INTEGRITY_V2: "data-integrity-v2.jsonld",
    MULTIKEY_V1: "multikey-v1.jsonld",
}


class ContextNotAllowedError(Exception):
    """A document names a JSON-LD context that is not vendored."""

    def __init__(self, url: str) -> None:
        super().__init__(f"JSON-LD context not available offline: {url}")
        self.url = url


@cache
def vendored_context(url: str) -> dict[str, Any]:
    return json.loads((CONTEXTS_DIR / VENDORED[url]).read_text(encoding="utf-8"))


class StrictLoader:
    """A PyLD document loader serving the vendored contexts (plus ``extra``) and nothing else.

    It keeps its own cache of resolved contexts: PyLD's module-wide cache would let contexts
    resolved by one loader leak into calls made with another.
    """

    def __init__(self, extra: Mapping[str, dict[str, Any]] | None = None) -> None:
        self.extra = dict(extra or {})
        self.resolved: dict[Any, Any] = {}

    def __call__(self, url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        if url in self.extra:
            document = self.extra[url]
        elif url in VENDORED:
            document = vendored_context(url)
        else:
            raise ContextNotAllowedError(url)
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": document}


DEFAULT_LOADER = StrictLoader()


def canonize(document: dict[str, Any], loader: StrictLoader | None = None) -> str:
    """RDF Dataset Canonicalization (RDFC-1.0, identical output to URDNA2015) as N-Quads.

    Raises :class:`ContextNotAllowedError` when the document needs a context that is not vendored.
    """
    loader = loader or DEFAULT_LOADER
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": loader,
        "contextResolver": ContextResolver(loader.resolved, loader),
    }
    try:
        return jsonld.normalize(document, options)
    except jsonld.JsonLdError as exc:
        cause: BaseException | None = exc
        while cause is not None:
            if isinstance(cause, ContextNotAllowedError):
                raise cause from exc
            cause = (
                cause.__cause__ or getattr(cause, "cause", None) or (getattr(cause, "details", None) or {}).get("cause")
            )
        raise
