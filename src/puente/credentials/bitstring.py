"""The bitstring of a W3C *Bitstring Status List v1.0*.

``encodedList`` is the multibase (``u`` = base64url, no padding) encoding of the GZIP-compressed
bitstring. Index 0 is the left-most bit: the most significant bit of the first byte. The
specification asks for at least 16 KB (131 072 entries) so that a revoked credential hides in
the crowd; random index allocation (in :mod:`.services`) keeps neighbours from being guessable.
"""

from __future__ import annotations

import base64
import gzip
import io

MIN_LENGTH = 131_072


class BitstringError(ValueError):
    pass


def new(length: int = MIN_LENGTH) -> bytearray:
    if length < MIN_LENGTH or length % 8:
        raise BitstringError("a status list has at least 131072 entries, in whole bytes")
    return bytearray(length // 8)


def get(bits: bytes | bytearray, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise BitstringError("status index outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def set_bit(bits: bytearray, index: int, value: bool = True) -> None:
    if not 0 <= index < len(bits) * 8:
        raise BitstringError("status index outside the list")
    mask = 0x80 >> (index % 8)
    if value:
        bits[index // 8] |= mask
    else:
        bits[index // 8] &= ~mask & 0xFF


def encode(bits: bytes | bytearray) -> str:
    # mtime=0 keeps the encoding reproducible: the same list always signs the same bytes.
    compressed = gzip.compress(bytes(bits), compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode("ascii").rstrip("=")


def decode(encoded: str, *, max_bytes: int = 16 * 1024 * 1024) -> bytes:
    """Decode an ``encodedList``; refuses anything that would inflate beyond ``max_bytes``."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise BitstringError("encodedList is not base64url multibase")
    body = encoded[1:]
    try:
        compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        decompressor = gzip.GzipFile(fileobj=io.BytesIO(compressed))
        data = decompressor.read(max_bytes + 1)
    except (ValueError, OSError, EOFError) as exc:
        raise BitstringError("encodedList is not GZIP data") from exc
    if len(data) > max_bytes:
        raise BitstringError("encodedList is too large")
    if len(data) * 8 < MIN_LENGTH:
        raise BitstringError("status list shorter than 131072 entries")
    return data
