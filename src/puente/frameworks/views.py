"""Pages of the qualifications module: public search and detail, frameworks and their
referencing, the correlation workbench (regional analysts) and correlation reports."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from puente.core.forms import error_item
from puente.core.models import Country, Sector
from puente.core.permissions import requires
from puente.core.roles import Capability
from puente.core.scoping import scope_for
from puente.lib.exports import csv_response

from . import exchange, referencing, reports, services
from .forms import (
    CorrelationFilterForm,
    DecisionForm,
    OutcomeForm,
    OutcomeFormSet,
    QualificationForm,
    ReferenceFormSet,
    ReferenceRowForm,
    ReportForm,
    SearchForm,
    describe_errors,
    formset_errors,
)
from .models import (
    CorrelationReport,
    Decision,
    Descriptor,
    DescriptorDomain,
    Domain,
    Framework,
    FrameworkKind,
    FrameworkStatus,
    Level,
    LevelReference,
    Qualification,
    QualificationStatus,
    ReferencingReport,
    ReportStatus,
)
from .recognition import guidance_for


def _can_read_drafts(request: HttpRequest) -> bool:
    return scope_for(request.user).can(Capability.VIEW_AGGREGATES)


@requires(public=True)
def qualification_search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results: list[services.SearchResult] = []
    query = country = ""
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        country = form.cleaned_data["country"]
        if query:
            results = services.search_qualifications(query, country=country, limit=50)
    # django-htmx's middleware sets request.htmx (true for requests made by htmx).
    partial = bool(getattr(request, "htmx", False))
    template = "frameworks/_search_results.html" if partial else "frameworks/qualification_search.html"
    context = {"form": form, "q": query, "country": country, "results": results}
    if not partial:
        context["can_register"] = bool(services.registrable_countries(request.user))
    return render(request, template, context)


@requires(public=True)
def qualification_detail(request: HttpRequest, country: str, code: str) -> HttpResponse:
    qualification = get_object_or_404(
        services.qualifications_detailed().exclude(status=QualificationStatus.DRAFT),
        country_id=country.upper(),
        code=code,
    )
    regional = services.regional_references(qualification.level) if qualification.level else []
    outcomes: dict[str, list[Any]] = {d: [] for d in DescriptorDomain.values}
    for outcome in qualification.outcomes.all():
        outcomes[outcome.domain].append(outcome)
    equivalents = services.equivalents_for(qualification)
    for item in equivalents:
        item["guidance"] = guidance_for(item["country"].code)
    return render(
        request,
        "frameworks/qualification_detail.html",
        {
            "q": qualification,
            "regional": regional,
            "outcomes": [(DescriptorDomain(d).label, items) for d, items in outcomes.items() if items],
            "equivalents": equivalents,
            "can_decide": services.can_decide(request.user),
            "can_edit": services.can_register(request.user, qualification.country_id),
        },
    )


# --- Registering qualifications (registrars) ------------------------------------------------

# Keys of the errors of services.register_qualification that are not form fields of their own.
_SERVICE_FIELD = {"framework": "level", "framework_version": "level"}


def _blank_outcomes(count: int) -> list[dict[str, Any]]:
    domains = DescriptorDomain.values
    return [{"domain": domains[i % len(domains)]} for i in range(count)]


@requires(Capability.VIEW_AGGREGATES)
def qualification_register(request: HttpRequest) -> HttpResponse:
    """Register a qualification (regional analysts, administrators, ministry analysts of its country)."""
    return _qualification_form_page(request, None)


@requires(Capability.VIEW_AGGREGATES)
def qualification_edit(request: HttpRequest, country: str, code: str) -> HttpResponse:
    qualification = get_object_or_404(services.qualifications_detailed(), country_id=country.upper(), code=code)
    if not services.can_register(request.user, qualification.country_id):
        raise PermissionDenied
    return _qualification_form_page(request, qualification)


def _qualification_form_page(request: HttpRequest, qualification: Qualification | None) -> HttpResponse:
    countries = services.registrable_countries(request.user)
    if not countries:
        raise PermissionDenied
    existing = exchange.export_qualification(qualification) if qualification is not None else None
    data = request.POST if request.method == "POST" else None
    initial = QualificationForm.initial_from(existing) if existing else {"status": QualificationStatus.ACTIVE}
    if existing and existing["country"] not in countries:
        countries = [*countries, existing["country"]]
    form = QualificationForm(data, initial=initial, countries=countries, editing=existing is not None)
    outcome_initial = [
        {"domain": o["domain"], "text": o["text"], "skills": "\n".join(o["skills"])}
        for o in (existing or {}).get("outcomes", [])
    ]
    outcomes = OutcomeFormSet(data, initial=outcome_initial + _blank_outcomes(3), prefix="outcomes")
    saved = None
    if data is not None and form.is_valid() and outcomes.is_valid():
        rows = [o for o in outcomes.forms if isinstance(o, OutcomeForm) and not o.is_blank()]
        document = {**(existing or {}), **form.service_data(), "outcomes": [o.service_data() for o in rows]}
        try:
            saved = services.register_qualification(document, user=request.user)
        except ValidationError as error:
            _attach_registration_errors(error, form, rows)
    if saved is not None:
        messages.success(request, _("The qualification %(identifier)s was saved.") % {"identifier": saved.identifier})
        if saved.status == QualificationStatus.DRAFT:
            return redirect("frameworks:qualification_edit", saved.country_id, saved.code)
        return redirect(saved)
    return render(
        request,
        "frameworks/qualification_form.html",
        {
            "form": form,
            "outcomes": outcomes,
            "outcome_errors": formset_errors(outcomes, _("Learning outcome %(number)s")) if data is not None else [],
            "qualification": qualification,
        },
    )


def _attach_registration_errors(error: ValidationError, form: QualificationForm, outcomes: list[OutcomeForm]) -> None:
    """Put each error of the service on the field it names (the summary then names the field)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, errors in error.error_dict.items():
        messages_ = [m for e in errors for m in e.messages]
        parts = key.split(".")
        if parts[0] == "outcomes" and len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(outcomes):
            outcome = outcomes[int(parts[1])]
            outcome.add_error(parts[2] if parts[2] in outcome.fields else None, messages_)
            continue
        field = _SERVICE_FIELD.get(key, key)
        form.add_error(field if field in form.fields else None, messages_)
    for each in [form, *outcomes]:
        describe_errors(each)


@requires(public=True)
def framework_list(request: HttpRequest) -> HttpResponse:
    frameworks = Framework.objects.select_related("country", "owner").order_by("kind", "country_id", "code", "-version")
    if not _can_read_drafts(request):
        frameworks = frameworks.exclude(status=FrameworkStatus.DRAFT)
    return render(request, "frameworks/framework_list.html", {"frameworks": frameworks})


def _framework_or_404(request: HttpRequest, code: str, version: str) -> Framework:
    framework = get_object_or_404(Framework.objects.select_related("country", "owner"), code=code, version=version)
    if framework.status == FrameworkStatus.DRAFT and not _can_read_drafts(request):
        raise Http404
    return framework


@requires(public=True)
def framework_detail(request: HttpRequest, code: str, version: str) -> HttpResponse:
    framework = _framework_or_404(request, code, version)
    domains = list(framework.domains.all())
    levels = []
    for level in framework.levels.prefetch_related("descriptors"):
        by_domain = {d.domain_id: d for d in level.descriptors.all()}
        levels.append({"level": level, "cells": [by_domain.get(d.pk) for d in domains]})
    references = LevelReference.objects.filter(source__framework=framework).select_related(
        "source", "target__framework"
    )
    referenced_by = LevelReference.objects.filter(target__framework=framework).select_related(
        "source__framework", "target"
    )
    return render(
        request,
        "frameworks/framework_detail.html",
        {
            "framework": framework,
            "domains": domains,
            "levels": levels,
            "references": references,
            "referenced_by": referenced_by.order_by(
                "source__framework__country_id", "source__framework__code", "source__number"
            ),
            "reports": framework.referencing_reports.select_related("target"),
            "referencing_targets": _referencing_targets(request, framework),
        },
    )


LEVEL_PAGE_QUALIFICATIONS = 50


@requires(public=True)
def level_detail(request: HttpRequest, code: str, version: str, number: int) -> HttpResponse:
    """One level: its descriptors, its referencing and the qualifications placed at it. The public
    page verifiable credentials point to (``targetUrl`` of their alignments)."""
    framework = _framework_or_404(request, code, version)
    level = get_object_or_404(Level.objects.select_related("framework__country"), framework=framework, number=number)
    descriptors = level.descriptors.select_related("domain").order_by("domain__order", "domain__code")
    references = level.references.select_related("target__framework").order_by(
        "target__framework__code", "target__number"
    )
    referenced_by = level.referenced_by.select_related("source__framework").order_by(
        "source__framework__country_id", "source__framework__code", "source__number"
    )
    qualifications = Qualification.objects.filter(status=QualificationStatus.ACTIVE).select_related(
        "country", "level__framework"
    )
    # A regional level gathers the qualifications the referencing places at it.
    qualifications = (
        qualifications.filter(regional_level=level.number)
        if framework.is_regional and framework.status != FrameworkStatus.SUPERSEDED
        else qualifications.filter(level=level)
    ).order_by("country_id", "code")
    return render(
        request,
        "frameworks/level_detail.html",
        {
            "framework": framework,
            "level": level,
            "descriptors": descriptors,
            "references": references,
            "referenced_by": referenced_by,
            "qualifications": qualifications[:LEVEL_PAGE_QUALIFICATIONS],
            "qualification_count": qualifications.count(),
        },
    )


def _referencing_targets(request: HttpRequest, framework: Framework) -> list[Framework]:
    """The regional frameworks whose referencing table the user may edit from this framework's page."""
    if framework.is_regional or not services.can_decide(request.user):
        return []
    return list(
        Framework.objects.filter(kind=FrameworkKind.REGIONAL)
        .exclude(status=FrameworkStatus.SUPERSEDED)
        .order_by("code")
    )


@requires(public=True)
def referencing_report(request: HttpRequest, code: str, version: str, target: str) -> HttpResponse:
    framework = _framework_or_404(request, code, version)
    report = get_object_or_404(
        ReferencingReport.objects.select_related("target"), framework=framework, target__code=target
    )
    if report.status != ReportStatus.PUBLISHED and not _can_read_drafts(request):
        raise Http404
    criteria = [
        {"code": code_, "label": label, **(report.criteria.get(code_) or {"met": False, "evidence": ""})}
        for code_, label in referencing.CRITERIA
    ]
    references = LevelReference.objects.filter(
        source__framework=framework, target__framework=report.target
    ).select_related("source", "target")
    return render(
        request,
        "frameworks/referencing_report.html",
        {
            "framework": framework,
            "report": report,
            "criteria": criteria,
            "met": sum(1 for c in criteria if c["met"]),
            "references": references,
        },
    )


@requires(Capability.VIEW_AGGREGATES)
def referencing_edit(request: HttpRequest, code: str, version: str, target: str) -> HttpResponse:
    """Edit the referencing table of a framework to a regional one (regional analysts, administrators)."""
    if not services.can_decide(request.user):
        raise PermissionDenied
    framework = _framework_or_404(request, code, version)
    try:
        target_fw = services.framework_by_code(target)
    except ValidationError:
        raise Http404 from None
    source_levels = list(framework.levels.all())
    target_levels = list(target_fw.levels.all())
    existing = LevelReference.objects.filter(source__framework=framework, target__framework=target_fw).select_related(
        "source", "target"
    )
    initial = [
        {"source": r.source.number, "target": r.target.number, "match": r.match, "rationale": r.rationale}
        for r in existing
    ]
    data = request.POST if request.method == "POST" else None
    formset = ReferenceFormSet(
        data,
        initial=initial + [{} for _i in range(3)],
        prefix="rows",
        form_kwargs={"source_levels": source_levels, "target_levels": target_levels},
    )
    problems: list[dict[str, Any]] = []
    if data is not None and formset.is_valid():
        rows = [
            (
                f.cleaned_data["source"],
                f.cleaned_data["target"],
                f.cleaned_data["match"],
                dict(f.cleaned_data["rationale"] or {}),
            )
            for f in formset.forms
            if isinstance(f, ReferenceRowForm) and not f.is_blank()
        ]
        try:
            services.reference_levels(framework, target_fw, rows, user=request.user)
        except ValidationError as error:
            problems = [error_item("", message) for message in error.messages]
        else:
            messages.success(
                request,
                _("The referencing of %(source)s to %(target)s was saved.")
                % {"source": framework, "target": target_fw},
            )
            return redirect(framework)
    return render(
        request,
        "frameworks/referencing_form.html",
        {
            "framework": framework,
            "target": target_fw,
            "formset": formset,
            "row_errors": [*formset_errors(formset, _("Row %(number)s")), *problems] if data is not None else [],
        },
    )


@requires(public=True)
def export_json(request: HttpRequest) -> HttpResponse:
    """Approved frameworks, their referencing, active qualifications and decisions (JSON exchange format)."""
    document = exchange.export_document(
        frameworks=Framework.objects.exclude(status=FrameworkStatus.DRAFT),
        qualifications=Qualification.objects.filter(status=QualificationStatus.ACTIVE),
    )
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = 'attachment; filename="puente-qualifications.json"'
    return response


@requires(public=True)
def export_csv(request: HttpRequest, table: str) -> HttpResponseBase:
    """One table in the columns of its import spec (approved frameworks, active qualifications)."""
    if table not in exchange.CSV_TABLES:
        raise Http404
    published = Framework.objects.exclude(status=FrameworkStatus.DRAFT)
    querysets = {
        "frameworks": published,
        "framework-domains": Domain.objects.filter(framework__in=published),
        "framework-levels": Level.objects.filter(framework__in=published),
        "framework-descriptors": Descriptor.objects.filter(level__framework__in=published),
        "qualifications": Qualification.objects.filter(status=QualificationStatus.ACTIVE),
    }
    header, rows = exchange.csv_table(table, querysets[table])
    return csv_response(f"{table}.csv", header, rows)


# --- Correlation workbench ------------------------------------------------------------------


@requires(Capability.VIEW_AGGREGATES)
def correlation_workbench(request: HttpRequest) -> HttpResponse:
    """Suggestions with their evidence, per qualification of a sector, and the decision forms."""
    form = CorrelationFilterForm(request.GET or None)
    rows: list[dict[str, Any]] = []
    sector = None
    countries: list[str] = []
    if form.is_valid() and form.cleaned_data.get("sector"):
        sector = form.cleaned_data["sector"]
        countries = form.cleaned_data["countries"] or list(
            Country.objects.filter(pacific_alliance=True).values_list("code", flat=True)
        )
        quals = (
            Qualification.objects.filter(sector=sector, country_id__in=countries)
            .exclude(status=QualificationStatus.WITHDRAWN)
            .select_related("country", "level__framework")
            .order_by("regional_level", "country_id", "code")
        )
        for q in quals:
            others = [c for c in countries if c != q.country_id]
            suggestions = services.suggest_equivalents(q, countries=others, per_country=2)
            rows.append({"q": q, "suggestions": [s for items in suggestions.values() for s in items]})
    return render(
        request,
        "frameworks/correlation_workbench.html",
        {
            "form": form,
            "rows": rows,
            "sector": sector,
            "countries": countries,
            "can_decide": services.can_decide(request.user),
            "decisions": Decision.choices,
        },
    )


@require_POST
@requires(Capability.VIEW_AGGREGATES)
def correlation_decide(request: HttpRequest) -> HttpResponse:
    form = DecisionForm(request.POST)
    back = request.POST.get("next") or ""
    if not back.startswith("/"):
        back = ""
    if not form.is_valid():
        messages.error(request, _("The decision form is incomplete."))
        return redirect(back or "frameworks:correlation_workbench")
    source = get_object_or_404(Qualification, pk=form.cleaned_data["source"])
    target = get_object_or_404(Qualification, pk=form.cleaned_data["target"])
    language = (get_language() or "es").split("-")[0]

    def text(field: str) -> dict[str, str]:
        value = form.cleaned_data.get(field) or ""
        return {language: value} if value.strip() else {}

    try:
        services.decide_correlation(
            request.user,
            source,
            target,
            form.cleaned_data["decision"],
            gaps=text("gaps"),
            compensatory_measures=text("compensatory_measures"),
            rationale=text("rationale"),
        )
    except PermissionDenied:
        raise
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Decision recorded: %(source)s → %(target)s.")
            % {"source": source.identifier, "target": target.identifier},
        )
    return redirect(back or "frameworks:correlation_workbench")


# --- Correlation reports --------------------------------------------------------------------


def _report_or_404(request: HttpRequest, pk: int) -> CorrelationReport:
    report = get_object_or_404(CorrelationReport.objects.select_related("sector"), pk=pk)
    if report.status != ReportStatus.PUBLISHED and not _can_read_drafts(request):
        raise Http404
    return report


@requires(public=True)
def report_list(request: HttpRequest) -> HttpResponse:
    items = CorrelationReport.objects.select_related("sector")
    if not _can_read_drafts(request):
        items = items.filter(status=ReportStatus.PUBLISHED)
    return render(
        request,
        "frameworks/report_list.html",
        {"reports": items, "form": ReportForm(), "can_decide": services.can_decide(request.user)},
    )


@require_POST
@requires(Capability.VIEW_AGGREGATES)
def report_create(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST)
    if not form.is_valid() or not form.cleaned_data.get("sector"):
        messages.error(request, _("Choose a sector and at least two countries."))
        return redirect("frameworks:report_list")
    try:
        report = reports.create_report(
            request.user, sector=form.cleaned_data["sector"], countries=form.cleaned_data["countries"]
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("frameworks:report_list")
    return redirect(report)


@require_POST
@requires(Capability.VIEW_AGGREGATES)
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(CorrelationReport, pk=pk)
    reports.publish_report(request.user, report)
    messages.success(request, _("The report is published."))
    return redirect(report)


def _report_context(report: CorrelationReport) -> dict[str, Any]:
    content = reports.report_content(report)
    countries = {c.code: c for c in Country.objects.filter(code__in=content["countries"])}
    level_rows = [
        {"country": countries.get(code, code), "cells": [levels.get(str(n), 0) for n in range(1, 9)]}
        for code, levels in content["levels"].items()
    ]
    return {
        "report": report,
        "content": content,
        "countries": [countries.get(c, c) for c in content["countries"]],
        "level_rows": level_rows,
        "report_rows": [
            {"row": row, "cells": [row["counterparts"].get(code) for code in content["countries"]]}
            for row in content["rows"]
        ],
        "level_numbers": list(range(1, 9)),
        "chart": reports.level_chart(content),
    }


@requires(public=True)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk)
    return render(
        request,
        "frameworks/report_detail.html",
        {**_report_context(report), "can_decide": services.can_decide(request.user)},
    )


@requires(public=True)
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    report = _report_or_404(request, pk)
    name = f"correlation-{report.sector.code}-{report.pk}"
    if fmt == "json":
        content = reports.report_content(report)
        body = {"title": dict(report.title), "status": report.status, **content}
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    if fmt == "csv":
        content = reports.report_content(report)
        language = (get_language() or "es").split("-")[0]
        return csv_response(f"{name}.csv", reports.CSV_HEADER, reports.csv_rows(content, language))
    if fmt == "pdf":
        from weasyprint import HTML

        html = render_to_string("frameworks/report_pdf.html", _report_context(report), request=request)
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    raise Http404


@requires(public=True)
def sector_overview(request: HttpRequest, sector: str) -> HttpResponse:
    """Every qualification of a sector, by regional level and country (public)."""
    sector_obj = get_object_or_404(Sector, code=sector)
    quals = (
        Qualification.objects.filter(sector=sector_obj, status=QualificationStatus.ACTIVE)
        .select_related("country", "level__framework")
        .order_by("regional_level", "country_id", "code")
    )
    return render(request, "frameworks/sector_overview.html", {"sector": sector_obj, "qualifications": quals})
