"""Private signing keys as files under ``settings.KEYS_DIR``, never in the database.

Layout: ``KEYS_DIR/<organisation code>/<public key multibase>.json`` holding the Ed25519 private
key as multibase (``z3u2…``), created with mode 0600 inside 0700 folders. A database dump or
backup therefore carries no signing power; back the folder up separately, and securely.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

from .multibase import private_key_from_multibase, private_key_multibase, public_key_multibase


class KeyFileMissingError(Exception):
    """The private key of a signing key is not on this machine."""


def keys_dir() -> Path:
    return Path(settings.KEYS_DIR)


def _key_path(organisation_code: str, public_multibase: str) -> Path:
    if "/" in organisation_code or organisation_code.startswith("."):
        raise ValueError("invalid organisation code")
    return keys_dir() / organisation_code / f"{public_multibase}.json"


def _private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)


def generate(organisation_code: str) -> tuple[str, Ed25519PrivateKey]:
    """Create a key pair, write its private half (0600) and return ``(public multibase, key)``."""
    key = Ed25519PrivateKey.generate()
    public = public_key_multibase(key.public_key())
    path = _key_path(organisation_code, public)
    _private_dir(keys_dir())
    _private_dir(path.parent)
    # O_EXCL: never overwrite a key; 0600 from the first byte, not chmod-ed after writing.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"publicKeyMultibase": public, "privateKeyMultibase": private_key_multibase(key)}, handle)
    return public, key


def load(organisation_code: str, public_multibase: str) -> Ed25519PrivateKey:
    path = _key_path(organisation_code, public_multibase)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyFileMissingError(str(path)) from None
    key = private_key_from_multibase(data["privateKeyMultibase"])
    if public_key_multibase(key.public_key()) != public_multibase:
        raise KeyFileMissingError(f"{path} does not hold the key it is named after")
    return key


def exists(organisation_code: str, public_multibase: str) -> bool:
    return _key_path(organisation_code, public_multibase).is_file()


def file_mode(organisation_code: str, public_multibase: str) -> int:
    return _key_path(organisation_code, public_multibase).stat().st_mode & 0o777
