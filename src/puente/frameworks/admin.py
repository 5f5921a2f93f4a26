from django.contrib import admin

from .models import (
    Correlation,
    CorrelationReport,
    Descriptor,
    Domain,
    EscoConcept,
    EscoRelease,
    Framework,
    LearningOutcome,
    Level,
    LevelReference,
    Qualification,
    ReferencingReport,
)


class LevelInline(admin.TabularInline):
    model = Level
    extra = 0


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "version", "kind", "country", "status", "illustrative"]
    list_filter = ["kind", "status", "country"]
    inlines = [DomainInline, LevelInline]


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["framework", "number"]
    list_filter = ["framework"]


admin.site.register(Descriptor)


@admin.register(LevelReference)
class LevelReferenceAdmin(admin.ModelAdmin):
    """Read-only: referencing tables are validated as a whole (services.reference_levels)."""

    list_display = ["source", "target", "match"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


admin.site.register(ReferencingReport)
admin.site.register(EscoRelease)


@admin.register(EscoConcept)
class EscoConceptAdmin(admin.ModelAdmin):
    list_display = ["preferred_label", "kind", "code", "uri"]
    list_filter = ["kind"]
    search_fields = ["preferred_label", "uri", "code"]


class OutcomeInline(admin.TabularInline):
    model = LearningOutcome
    extra = 0
    filter_horizontal = ["skills"]


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    """Read-only view; register qualifications through the import, the API or services."""

    list_display = ["code", "country", "kind", "level", "regional_level", "status"]
    list_filter = ["country", "kind", "status", "sector"]
    search_fields = ["code", "search_text"]
    readonly_fields = ["regional_level"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Correlation)
class CorrelationAdmin(admin.ModelAdmin):
    list_display = ["source", "target", "decision", "decided_by_label", "decided_at"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


admin.site.register(CorrelationReport)
