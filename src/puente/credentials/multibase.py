"""Multibase, multicodec and ``did:key`` for Ed25519 keys.

A ``did:key`` carries its public key in the identifier itself, which is why a credential signed
by one can be verified with no network: ``did:key:z6Mk…`` is ``z`` (base58btc multibase) followed
by the base58btc encoding of the multicodec prefix ``0xed 0x01`` (ed25519-pub) and the 32 key
bytes. Private keys use the ``0x80 0x26`` (ed25519-priv) prefix, as in the W3C test vectors.
"""

from __future__ import annotations

import base58
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

ED25519_PUB = b"\xed\x01"
ED25519_PRIV = b"\x80\x26"


class MultibaseError(ValueError):
    """A value is not the multibase/multicodec encoding it claims to be."""


def encode_base58btc(data: bytes) -> str:
    return "z" + base58.b58encode(data).decode("ascii")


def decode_base58btc(value: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("z") or len(value) < 2:
        raise MultibaseError("not a base58btc multibase value")
    try:
        return base58.b58decode(value[1:])
    except ValueError as exc:
        raise MultibaseError("invalid base58btc") from exc


def public_key_multibase(key: Ed25519PublicKey) -> str:
    return encode_base58btc(ED25519_PUB + key.public_bytes(Encoding.Raw, PublicFormat.Raw))


def private_key_multibase(key: Ed25519PrivateKey) -> str:
    return encode_base58btc(ED25519_PRIV + key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    raw = decode_base58btc(value)
    if len(raw) != 34 or raw[:2] != ED25519_PUB:
        raise MultibaseError("not an Ed25519 public key (multicodec 0xed01, 32 bytes)")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def private_key_from_multibase(value: str) -> Ed25519PrivateKey:
    raw = decode_base58btc(value)
    if len(raw) != 34 or raw[:2] != ED25519_PRIV:
        raise MultibaseError("not an Ed25519 private key (multicodec 0x8026, 32 bytes)")
    return Ed25519PrivateKey.from_private_bytes(raw[2:])


def did_key(public_multibase: str) -> str:
    """The ``did:key`` of an Ed25519 public key given as multibase."""
    return f"did:key:{public_multibase}"


def did_key_verification_method(public_multibase: str) -> str:
    """The verification method id a ``did:key`` document gives its only key."""
    return f"did:key:{public_multibase}#{public_multibase}"


def public_key_from_did_key(verification_method: str) -> tuple[str, Ed25519PublicKey]:
    """Resolve a ``did:key`` (or its ``#fragment`` verification method) offline.

    Returns the DID and its key. The fragment, when present, must repeat the key as the
    did:key method specification says, so a method id cannot point at another key.
    """
    if not isinstance(verification_method, str) or not verification_method.startswith("did:key:z"):
        raise MultibaseError("not a did:key")
    did, _, fragment = verification_method.partition("#")
    multibase = did.removeprefix("did:key:")
    if fragment and fragment != multibase:
        raise MultibaseError("did:key fragment does not match the key")
    return did, public_key_from_multibase(multibase)
