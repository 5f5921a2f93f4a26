"""Django admin for the registry (administrators only: Django's admin requires is_staff)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import (
    AuditEvent,
    Campus,
    Country,
    DemoAccount,
    Membership,
    Organisation,
    Project,
    ProjectPartner,
    Sector,
    Subdivision,
    Theme,
)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "pacific_alliance"]
    list_filter = ["pacific_alliance"]
    search_fields = ["code", "name"]


@admin.register(Subdivision)
class SubdivisionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "category", "country"]
    list_filter = ["country"]
    search_fields = ["code", "name"]
    list_select_related = ["country"]


class CampusInline(admin.TabularInline):
    model = Campus
    extra = 0
    autocomplete_fields = ["subdivision"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "acronym", "kind", "institution_type", "country", "city"]
    list_filter = ["kind", "institution_type", "country", "is_group"]
    search_fields = ["code", "acronym", "search_text", "city"]
    list_select_related = ["country"]
    autocomplete_fields = ["parent", "subdivision"]
    inlines = [CampusInline, MembershipInline]


@admin.register(Campus)
class CampusAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "city", "subdivision"]
    search_fields = ["name", "city", "organisation__code", "organisation__search_text"]
    list_select_related = ["organisation", "subdivision"]
    autocomplete_fields = ["organisation", "subdivision"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__"]
    search_fields = ["code", "name"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["number", "__str__"]


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "component", "kind", "country"]
    list_filter = ["component", "kind", "country", "themes"]
    search_fields = ["code", "title"]
    list_select_related = ["country"]
    filter_horizontal = ["themes", "sectors"]
    inlines = [ProjectPartnerInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "created_at"]
    list_filter = ["role", "organisation__country"]
    search_fields = ["user__username", "user__email", "organisation__code", "organisation__search_text"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only."""

    list_display = ["at", "actor_label", "action", "object_type", "object_id", "organisation"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_type", "object_id", "object_label"]
    list_select_related = ["organisation"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False


@admin.register(DemoAccount)
class DemoAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "order", "__str__"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]


admin.site.site_header = _("Puente administration")
admin.site.site_title = _("Puente administration")
admin.site.index_title = _("Registry, people and settings")
