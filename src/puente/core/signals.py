"""Record every change to personal data (AuditedModel subclasses) in the audit log."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .audit import AuditedModel, record
from .models import AuditAction


@receiver(post_save)
def audit_save(sender: type, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or not isinstance(instance, AuditedModel):
        return
    if created:
        record(AuditAction.CREATE, instance)
        return
    changed = instance.changed_fields()
    update_fields = kwargs.get("update_fields")
    if update_fields and not changed:
        changed = sorted(update_fields)
    if changed:
        record(AuditAction.UPDATE, instance, fields=changed)
    instance._audit_loaded = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@receiver(post_delete)
def audit_delete(sender: type, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, AuditedModel):
        record(AuditAction.DELETE, instance)
