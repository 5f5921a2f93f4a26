"""Deployment checks of Puente's own settings, run by `puente check --deploy`.

Django's checks cover HTTPS, cookies, HSTS and the secret key; these cover what only Puente
knows is dangerous in production.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_demo_login_is_off(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if not settings.DEMO_LOGIN:
        return []
    return [
        Warning(
            "DEMO_LOGIN is on: anyone can log in as a demo user, an administrator included, from the home page.",
            hint="Set DEMO_LOGIN=0 in production.",
            id="puente.W001",
        )
    ]


@register(Tags.security, deploy=True)
def check_keys_dir_is_private(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Credential signing keys live under KEYS_DIR; other local users must not reach them."""
    keys_dir = settings.KEYS_DIR
    if not keys_dir.is_dir():
        return []
    exposed = sorted(str(path) for path in keys_dir.rglob("*") if path.stat().st_mode & 0o077)
    if not exposed:
        return []
    return [
        Warning(
            f"{len(exposed)} file(s) or folder(s) under PUENTE_KEYS_DIR ({keys_dir}) are open to other users "
            f"of this machine, e.g. {exposed[0]}.",
            hint=f"chmod -R go-rwx {keys_dir}",
            id="puente.W002",
        )
    ]
