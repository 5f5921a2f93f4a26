"""W3C Data Integrity proofs with the EdDSA cryptosuites ``eddsa-jcs-2022`` and ``eddsa-rdfc-2022``.

Both follow *Data Integrity EdDSA Cryptosuites v1.0* step by step, and both reproduce the
official test vectors byte for byte (``tests/credentials/test_w3c_test_vectors.py``):

- **eddsa-jcs-2022** canonicalises with JCS (RFC 8785): no JSON-LD processing at all, so a
  verifier needs no context file. This is what Puente signs credentials with.
- **eddsa-rdfc-2022** canonicalises the RDF dataset (RDFC-1.0) through PyLD with the strict
  offline loader of :mod:`.jsonld`: a document naming a context that is not vendored fails.

In both, the data signed is ``SHA-256(canonical proof configuration) || SHA-256(canonical
document)`` and the signature is Ed25519, carried as a base58btc multibase ``proofValue``.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .jsonld import ContextNotAllowedError, StrictLoader, canonize
from .multibase import MultibaseError, decode_base58btc, encode_base58btc, public_key_from_did_key

JCS = "eddsa-jcs-2022"
RDFC = "eddsa-rdfc-2022"
CRYPTOSUITES = (JCS, RDFC)


class ProofError(Exception):
    """A proof cannot be created or does not verify. ``code`` is stable, for messages and tests."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code
        self.detail = detail


# Stable failure codes.
MALFORMED = "malformed"
BAD_SIGNATURE = "bad_signature"
UNSUPPORTED = "unsupported"
UNKNOWN_CONTEXT = "unknown_context"
UNRESOLVABLE_KEY = "unresolvable_key"


@dataclass(frozen=True)
class VerifiedProof:
    cryptosuite: str
    verification_method: str
    controller: str  # the DID whose key signed
    created: str | None


def jcs(value: Any) -> bytes:
    """RFC 8785 canonical JSON (the ``rfc8785`` package, by Trail of Bits)."""
    try:
        return rfc8785.dumps(value)
    except (rfc8785.CanonicalizationError, TypeError, ValueError, RecursionError) as exc:
        raise ProofError(MALFORMED, f"cannot canonicalise: {exc}") from exc


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _check_datetime(value: Any, name: str) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise ProofError(MALFORMED, f"{name} is not a date-time string")
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ProofError(MALFORMED, f"{name} is not an XML Schema date-time") from exc


# --- the transformation and proof-configuration steps, exposed for the test vectors ---------


def transform_jcs(unsecured: dict[str, Any]) -> bytes:
    return jcs(unsecured)


def proof_config_jcs(options: dict[str, Any], unsecured: dict[str, Any]) -> bytes:
    config = {k: v for k, v in options.items() if k != "proofValue"}
    if "@context" in unsecured:
        config["@context"] = unsecured["@context"]
    _check_config(config, JCS)
    return jcs(config)


def transform_rdfc(unsecured: dict[str, Any], loader: StrictLoader | None = None) -> bytes:
    return _canonize(unsecured, loader)


def proof_config_rdfc(options: dict[str, Any], unsecured: dict[str, Any], loader: StrictLoader | None = None) -> bytes:
    config = {k: v for k, v in options.items() if k != "proofValue"}
    config["@context"] = unsecured.get("@context")
    _check_config(config, RDFC)
    return _canonize(config, loader)


def hash_data(canonical_proof_config: bytes, canonical_document: bytes) -> bytes:
    return _sha256(canonical_proof_config) + _sha256(canonical_document)


def _canonize(document: dict[str, Any], loader: StrictLoader | None) -> bytes:
    try:
        return canonize(document, loader).encode("utf-8")
    except ContextNotAllowedError as exc:
        raise ProofError(UNKNOWN_CONTEXT, str(exc)) from exc
    except Exception as exc:  # PyLD raises JsonLdError and plain errors on malformed input
        raise ProofError(MALFORMED, f"JSON-LD processing failed: {exc}") from exc


def _check_config(config: dict[str, Any], suite: str) -> None:
    if config.get("type") != "DataIntegrityProof" or config.get("cryptosuite") != suite:
        raise ProofError(UNSUPPORTED, "proof is not a DataIntegrityProof with a supported cryptosuite")
    _check_datetime(config.get("created"), "created")
    _check_datetime(config.get("expires"), "expires")


# --- create and verify -----------------------------------------------------------------------


def add_proof(
    document: dict[str, Any],
    private_key: Ed25519PrivateKey,
    *,
    verification_method: str,
    created: str,
    cryptosuite: str = JCS,
    proof_purpose: str = "assertionMethod",
    loader: StrictLoader | None = None,
) -> dict[str, Any]:
    """Return a copy of ``document`` secured with a new Data Integrity proof."""
    if "proof" in document:
        raise ProofError(MALFORMED, "document already carries a proof")
    unsecured = copy.deepcopy(document)
    options: dict[str, Any] = {
        "type": "DataIntegrityProof",
        "cryptosuite": cryptosuite,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    if cryptosuite == JCS:
        if "@context" in unsecured:
            options["@context"] = unsecured["@context"]
        data = hash_data(proof_config_jcs(options, unsecured), transform_jcs(unsecured))
    elif cryptosuite == RDFC:
        data = hash_data(proof_config_rdfc(options, unsecured, loader), transform_rdfc(unsecured, loader))
    else:
        raise ProofError(UNSUPPORTED, f"unknown cryptosuite {cryptosuite}")
    options["proofValue"] = encode_base58btc(private_key.sign(data))
    secured = copy.deepcopy(document)
    secured["proof"] = options
    return secured


def verify_proof(
    secured: Any,
    *,
    loader: StrictLoader | None = None,
    expected_purpose: str = "assertionMethod",
) -> VerifiedProof:
    """Verify the one proof of ``secured`` with the key its ``did:key`` verification method names.

    Raises :class:`ProofError` with a stable ``code`` on any failure.
    """
    if not isinstance(secured, dict):
        raise ProofError(MALFORMED, "a credential is a JSON object")
    proof = secured.get("proof")
    if isinstance(proof, list):
        if len(proof) != 1:
            raise ProofError(UNSUPPORTED, "exactly one proof is supported")
        proof = proof[0]
    if not isinstance(proof, dict):
        raise ProofError(MALFORMED, "no proof")
    suite = proof.get("cryptosuite")
    if suite not in CRYPTOSUITES or proof.get("type") != "DataIntegrityProof":
        raise ProofError(UNSUPPORTED, f"unsupported proof {proof.get('type')}/{suite}")
    if proof.get("proofPurpose") != expected_purpose:
        raise ProofError(MALFORMED, "unexpected proof purpose")
    method = proof.get("verificationMethod")
    try:
        controller, public_key = public_key_from_did_key(method)  # type: ignore[arg-type]
    except (MultibaseError, ValueError) as exc:
        raise ProofError(UNRESOLVABLE_KEY, f"cannot resolve verification method offline: {method}") from exc
    try:
        signature = decode_base58btc(proof.get("proofValue"))  # type: ignore[arg-type]
    except MultibaseError as exc:
        raise ProofError(MALFORMED, "proofValue is not base58btc multibase") from exc

    unsecured = {k: v for k, v in secured.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    if suite == JCS:
        if "@context" in options:
            # The proof's context must be a prefix of the document's (vc-di-eddsa §3.3.2).
            doc_ctx = _as_list(secured.get("@context"))
            proof_ctx = _as_list(options["@context"])
            if doc_ctx[: len(proof_ctx)] != proof_ctx:
                raise ProofError(BAD_SIGNATURE, "proof @context does not match the document's")
            unsecured["@context"] = options["@context"]
        data = hash_data(proof_config_jcs(options, unsecured), transform_jcs(unsecured))
    else:
        _check_rdfc_budget(unsecured)
        options["@context"] = secured.get("@context")
        data = hash_data(proof_config_rdfc(options, unsecured, loader), transform_rdfc(unsecured, loader))
    try:
        _verify_ed25519(public_key, signature, data)
    except InvalidSignature as exc:
        raise ProofError(BAD_SIGNATURE, "the signature does not match the content") from exc
    return VerifiedProof(suite, method, controller, proof.get("created"))  # type: ignore[arg-type]


# RDF canonicalisation runs on the document *before* the signature is checked, so anyone can
# make the public page canonicalise what they like. Identical blank nodes make RDFC-1.0
# permute them (factorial work: the "poison graph" of the specification's security section).
# Credentials Puente verifies are small trees; refuse what is not.
MAX_RDFC_OBJECTS = 500
MAX_IDENTICAL_SIBLINGS = 4


def _check_rdfc_budget(document: Any) -> None:
    import json

    count = 0
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            count += 1
            stack.extend(value.values())
        elif isinstance(value, list):
            seen: dict[str, int] = {}
            for item in value:
                if isinstance(item, dict):
                    key = json.dumps(item, sort_keys=True)
                    seen[key] = seen.get(key, 0) + 1
                    if seen[key] > MAX_IDENTICAL_SIBLINGS:
                        raise ProofError(UNSUPPORTED, "too many identical objects for RDF canonicalisation")
            stack.extend(value)
        if count > MAX_RDFC_OBJECTS:
            raise ProofError(UNSUPPORTED, "document too large for RDF canonicalisation")


def _verify_ed25519(key: Ed25519PublicKey, signature: bytes, data: bytes) -> None:
    if len(signature) != 64:
        raise InvalidSignature
    key.verify(signature, data)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
