"""Admin: achievements are edited here; keys, status lists and issued credentials are read-only
(they change only through the services, which sign)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Achievement, IssuedCredential, SigningKey, StatusList


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Achievement)
class AchievementAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "achievement_type", "country", "updated_at"]
    list_filter = ["achievement_type", "country"]
    search_fields = ["code", "qualification_code"]


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "status", "created_at", "retired_at", "public_key_multibase"]
    list_filter = ["status"]
    list_select_related = ["organisation"]


@admin.register(StatusList)
class StatusListAdmin(ReadOnlyAdmin):
    list_display = ["id", "organisation", "signing_key", "allocated", "length", "updated_at"]
    exclude = ["bits", "signed_credential"]
    list_select_related = ["organisation", "signing_key"]


@admin.register(IssuedCredential)
class IssuedCredentialAdmin(ReadOnlyAdmin):
    list_display = ["uuid", "institution", "achievement", "holder_label", "issued_at", "revoked_at"]
    list_filter = ["institution"]
    list_select_related = ["institution", "achievement"]
    search_fields = ["uuid", "holder_label"]
