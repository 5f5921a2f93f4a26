"""The audit log: who changed personal data, who read sensitive records, and when.

Changes are recorded by signals on every :class:`AuditedModel`; reads of sensitive fields are
recorded explicitly by :func:`puente.core.scoping.access_by_id`. The actor is taken from a
context variable set by the request middleware and by the API views, so services need not
pass it around.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models

from .models import AuditAction, AuditEvent
from .scoping import acting_user

_actor: contextvars.ContextVar[Any] = contextvars.ContextVar("puente_audit_actor", default=None)


def current_actor() -> Any:
    return _actor.get()


def set_actor(user: Any) -> contextvars.Token:
    return _actor.set(acting_user(user))


def reset_actor(token: contextvars.Token) -> None:
    _actor.reset(token)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Attribute audit events inside the block to ``user`` (commands, tasks, tests)."""
    token = set_actor(user)
    try:
        yield
    finally:
        reset_actor(token)


class AuditedModel(models.Model):
    """Personal data whose changes are logged. ``sensitive_fields`` are also masked in lists."""

    sensitive_fields: tuple[str, ...] = ()
    _audit_loaded: dict[str, Any]

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any, **kwargs: Any) -> Any:
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._audit_loaded = dict(zip(field_names, values, strict=True))
        return instance

    def changed_fields(self) -> list[str]:
        loaded = getattr(self, "_audit_loaded", None)
        if loaded is None:
            return []
        changed = []
        for field in self._meta.concrete_fields:
            if field.attname in loaded and loaded[field.attname] != getattr(self, field.attname):
                changed.append(field.name)
        return changed

    def audit_organisation_id(self) -> int | None:
        scope_path = getattr(self, "scope_path", None)
        if not scope_path:
            return None
        return type(self).institution_id_of(self)  # type: ignore[attr-defined]


def _actor_fields(actor: Any) -> dict[str, Any]:
    if actor is None:
        return {"actor": None, "actor_label": "system"}
    return {"actor": actor, "actor_label": actor.get_username()[:150]}


def record(
    action: str,
    obj: Any = None,
    *,
    actor: Any = None,
    fields: Iterable[str] = (),
    detail: str = "",
    object_type: str | None = None,
    object_id: str | None = None,
    organisation_id: int | None = None,
) -> AuditEvent:
    actor = actor if actor is not None else current_actor()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        if organisation_id is None and hasattr(obj, "audit_organisation_id"):
            organisation_id = obj.audit_organisation_id()
    return AuditEvent.objects.create(
        action=action,
        object_type=object_type or "",
        object_id=object_id or "",
        object_label=str(obj)[:200] if obj is not None else "",
        organisation_id=organisation_id,
        fields=list(fields),
        detail=detail[:300],
        **_actor_fields(actor),
    )


def record_read(user: Any, obj: Any, fields: Iterable[str] | None = None) -> AuditEvent:
    fields = list(fields) if fields is not None else list(getattr(obj, "sensitive_fields", ()))
    return record(AuditAction.READ, obj, actor=user, fields=fields)
