"""Import pages: list, upload, column mapping, preview with errors, commit, progress, error report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from puente.core.permissions import requires
from puente.core.roles import Capability

from . import services
from .exports import csv_response
from .forms import ImportUploadForm, MappingForm
from .tabular import get_spec

ERRORS_PER_PAGE = 100


@requires(Capability.IMPORT_DATA)
def import_list(request: HttpRequest) -> HttpResponse:
    jobs = services.imports_for(request.user)
    page = Paginator(jobs, 50).get_page(request.GET.get("page"))
    return render(request, "lib/import_list.html", {"page": page})


@requires(Capability.IMPORT_DATA)
def import_new(request: HttpRequest) -> HttpResponse:
    specs = services.import_specs_for(request.user)
    organisations = services.import_organisations_for(request.user).order_by("code")
    form = ImportUploadForm(request.POST or None, request.FILES or None, specs=specs, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.create_import_job(
                request.user,
                spec=form.cleaned_data["spec"],
                organisation=form.cleaned_data["organisation"],
                upload=upload,
                filename=upload.name,
                encoding=form.cleaned_data["encoding"],
                sheet=form.cleaned_data["sheet"],
            )
        except PermissionDenied:
            form.add_error("organisation", _("You cannot import this table for this organisation."))
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if job.status == "invalid":
                return redirect("lib:import_detail", pk=job.pk)
            return redirect("lib:import_mapping", pk=job.pk)
    return render(request, "lib/import_new.html", {"form": form, "specs": specs})


@requires(Capability.IMPORT_DATA)
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = services.access_import_job_by_id(request.user, pk)
    if not job.can_map:
        return redirect("lib:import_detail", pk=job.pk)
    form = MappingForm(request.POST or None, job=job)
    if request.method == "POST" and form.is_valid():
        services.save_mapping(job, form.mapping())
        services.start_preview(job)
        return redirect("lib:import_detail", pk=job.pk)
    return render(request, "lib/import_mapping.html", {"job": job, "form": form})


@requires(Capability.IMPORT_DATA)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = services.access_import_job_by_id(request.user, pk)
    problems = job.problems()
    row_problems = [p for p in problems if p.row is not None]
    page = Paginator(row_problems, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "lib/import_detail.html",
        {
            "job": job,
            "errors_page": page,
            "error_rows": services.problem_messages(job, list(page.object_list)),
            "file_errors": services.problem_messages(job, [p for p in problems if p.row is None]),
            "warnings": services.problem_messages(job, job.warning_problems()),
            "progress": services.job_progress(job),
            "stale": services.is_stale(job),
            "hidden_errors": max(0, job.error_count - len(job.errors)),
        },
    )


@requires(Capability.IMPORT_DATA)
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The polled fragment: the progress bar, then a full refresh when the work is done."""
    job = services.access_import_job_by_id(request.user, pk)
    response = render(
        request, "lib/_import_progress.html", {"job": job, "progress": services.job_progress(job), "poll": True}
    )
    if not job.is_running:
        response["HX-Refresh"] = "true"
    return response


@requires(Capability.IMPORT_DATA)
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    job = services.access_import_job_by_id(request.user, pk)
    try:
        services.start_commit(request.user, job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("lib:import_detail", pk=job.pk)


@requires(Capability.IMPORT_DATA)
@require_POST
def import_recheck(request: HttpRequest, pk: int) -> HttpResponse:
    """Check the file again (after the referenced records were added, for example)."""
    job = services.access_import_job_by_id(request.user, pk)
    if not job.can_map:
        raise Http404
    try:
        services.start_preview(job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("lib:import_detail", pk=job.pk)


@requires(Capability.IMPORT_DATA)
def import_errors_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    job = services.access_import_job_by_id(request.user, pk)
    return csv_response(f"import-{job.pk}-errors.csv", services.error_report_header(), services.error_report_rows(job))


@requires(Capability.IMPORT_DATA)
def import_template_csv(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """An empty CSV with the expected headers, in the user's language."""
    try:
        spec = get_spec(slug)
    except LookupError:
        raise Http404 from None
    if spec not in services.import_specs_for(request.user):
        raise Http404
    return csv_response(f"{slug}.csv", [str(column.label) for column in spec.columns], [])
