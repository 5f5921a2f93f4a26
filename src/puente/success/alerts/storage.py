"""Model files: skops format, checked by hash, loaded with an allow-list of trusted types.

Never ``pickle``: a model file could be replaced on disk, so loading verifies the SHA-256 stored
with the release and refuses any type outside :data:`TRUSTED_PREFIXES`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import skops.io as sio
from django.conf import settings

# Types a release file may contain: our estimator, LightGBM's booster, scikit-learn, NumPy/SciPy.
TRUSTED_PREFIXES = (
    "puente.success.alerts.pipeline.",
    "lightgbm.basic.Booster",
    "sklearn.",
    "numpy.",
    "scipy.sparse.",
    "collections.OrderedDict",
    "builtins.",
)


class UntrustedModelFileError(Exception):
    """The file's hash or contents are not what the release recorded."""


def models_dir() -> Path:
    folder = Path(getattr(settings, "ALERT_MODELS_DIR", None) or Path(settings.VAR_DIR) / "models")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_model(model: Any, relative: str) -> str:
    """Write ``model`` to ``models_dir()/relative``; return the file's SHA-256."""
    path = models_dir() / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    data = sio.dumps(model)
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def load_model(relative: str, sha256: str) -> Any:
    """Read a model file written by :func:`save_model`, after checking its hash and types."""
    path = (models_dir() / relative).resolve()
    if models_dir().resolve() not in path.parents:
        raise UntrustedModelFileError("The model file is outside the models folder.")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise UntrustedModelFileError("The model file changed since it was trained.")
    untrusted = sio.get_untrusted_types(data=data)
    refused = [t for t in untrusted if not t.startswith(TRUSTED_PREFIXES)]
    if refused:
        raise UntrustedModelFileError(f"The model file holds types that are not trusted: {', '.join(refused)}")
    return sio.loads(data, trusted=untrusted)
