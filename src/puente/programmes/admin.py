"""Django admin for programmes (administrators only)."""

from __future__ import annotations

from django.contrib import admin

from .models import Competency, IscedField, Programme


@admin.register(IscedField)
class IscedFieldAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]


class CompetencyInline(admin.TabularInline):
    model = Competency
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "institution", "kind", "isced_level", "isced_field", "sector", "duration_hours"]
    list_filter = ["kind", "isced_level", "modality", "sector", "institution__country"]
    search_fields = ["code", "search_text", "institution__code"]
    list_select_related = ["institution", "isced_field", "sector"]
    autocomplete_fields = ["institution", "isced_field", "sector", "project"]
    filter_horizontal = ["also_offered_by"]
    inlines = [CompetencyInline]


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ["code", "__str__", "programme", "kind", "esco_uri"]
    list_filter = ["kind"]
    search_fields = ["code", "title", "programme__code"]
    list_select_related = ["programme"]
    autocomplete_fields = ["programme"]
