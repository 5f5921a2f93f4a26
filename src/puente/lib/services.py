"""Import workflows shared by the pages, the API and the ``puente import`` command.

upload (:func:`create_import_job`) → mapping (:func:`save_mapping`) → preview
(:func:`start_preview`, every row checked, nothing written) → commit (:func:`start_commit`,
all or nothing, in the background when a worker runs) → result and error report.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from puente.core.audit import acting_as
from puente.core.models import Organisation, OrganisationKind
from puente.core.roles import Capability
from puente.core.scoping import AnyUser, access_by_id, acting_user, scope_for

from .models import ColumnMapping, ImportJob, ImportStatus
from .tabular import FileProblem, ImportSpec, Outcome, Problem, get_spec, propose_mapping, run_import, specs
from .tabular.mapping import clean_mapping
from .tabular.reader import open_table
from .tasks import Progress, enqueue, get_progress, set_progress

logger = logging.getLogger(__name__)

PROGRESS_KIND = "import"
STALE_AFTER = 15 * 60  # seconds without progress before a running import counts as interrupted
DEFAULT_MAX_BYTES = 1024 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


# ------------------------------------------------------------------------------ who may import what


def spec_allowed(user: AnyUser | None, spec: type[ImportSpec], organisation: Organisation | None) -> bool:
    """The user may import this table for this organisation (None: shared reference data)."""
    scope = scope_for(user)
    if organisation is None:
        return spec.scope_field is None and scope.is_admin
    org_id = organisation.pk
    if not scope.can(Capability.IMPORT_DATA, org_id):
        return False
    return spec.capability is None or scope.can(spec.capability, org_id)


def import_organisations_for(user: AnyUser | None) -> QuerySet[Organisation]:
    """Organisations the user imports for: where they hold IMPORT_DATA (every institution for admins)."""
    scope = scope_for(user)
    if scope.is_admin:
        return Organisation.objects.filter(
            kind__in=[OrganisationKind.TVET_INSTITUTION, OrganisationKind.UNIVERSITY]
        ) | Organisation.objects.filter(pk__in=scope.organisations_with(Capability.IMPORT_DATA))
    return Organisation.objects.filter(pk__in=scope.organisations_with(Capability.IMPORT_DATA))


def import_specs_for(user: AnyUser | None) -> list[type[ImportSpec]]:
    """Tables the user may import into for at least one of their organisations."""
    scope = scope_for(user)
    allowed = []
    for spec in specs().values():
        if scope.is_admin or (
            any(
                spec.capability is None or scope.can(spec.capability, org)
                for org in scope.organisations_with(Capability.IMPORT_DATA)
            )
            and (spec.scope_field is not None)
        ):
            allowed.append(spec)
    return allowed


def imports_for(user: AnyUser | None) -> QuerySet[ImportJob]:
    return ImportJob.objects.visible_to(user).select_related("organisation", "user")


def access_import_job_by_id(user: AnyUser | None, job_id: Any) -> ImportJob:
    """The one way to fetch an import job: 404 outside the user's organisations."""
    return access_by_id(ImportJob, user, job_id, queryset=ImportJob.objects.select_related("organisation", "user"))


# ------------------------------------------------------------------------------ workflow


def _hash_and_size(handle: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    handle.seek(0)
    while block := handle.read(1 << 20):
        digest.update(block)
        size += len(block)
    handle.seek(0)
    return digest.hexdigest(), size


def create_import_job(
    user: AnyUser | None,
    *,
    spec: str,
    organisation: Organisation | None,
    upload: IO[bytes] | File,
    filename: str,
    encoding: str = "auto",
    sheet: str = "",
    mapping: dict[str, str] | None = None,
) -> ImportJob:
    """Store the uploaded file, read its header and propose a column mapping.

    A file that cannot be read as a table still makes a job, in status *invalid*, so the user
    (or API client) sees why.
    """
    try:
        spec_class = get_spec(spec)
    except LookupError:
        raise ValidationError({"spec": _("Unknown table type.")}) from None
    if not spec_allowed(user, spec_class, organisation):
        raise PermissionDenied
    sha256, size = _hash_and_size(upload)  # type: ignore[arg-type]
    if size > max_upload_bytes():
        raise ValidationError(
            {
                "file": _("The file is %(size)s, more than the limit of %(limit)s.")
                % {"size": filesizeformat(size), "limit": filesizeformat(max_upload_bytes())}
            }
        )
    job = ImportJob(
        organisation=organisation,
        user=acting_user(user),
        spec=spec_class.slug,
        original_name=Path(filename).name[:255],
        file_size=size,
        file_sha256=sha256,
        encoding=encoding or "auto",
        sheet=sheet or "",
        language=(translation.get_language() or settings.LANGUAGE_CODE).split("-")[0],
    )
    job.file.save(f"{sha256[:16]}-{_safe_name(job.original_name)}", File(upload), save=False)
    try:
        table = open_table(job.file.path, encoding=job.encoding, sheet=job.sheet, header_score=spec_class.header_score)
    except FileProblem as exc:
        job.status = ImportStatus.INVALID
        job.errors = [exc.problem.as_json()]
        job.error_count = 1
        job.save()
        return job
    job.headers = table.headers
    job.sheet = table.sheet or job.sheet
    saved = None
    if organisation is not None:
        saved = ColumnMapping.objects.filter(organisation=organisation, spec=spec_class.slug).first()
    if mapping:
        job.mapping = clean_mapping(spec_class, table.headers, mapping)
    else:
        job.mapping = propose_mapping(spec_class, table.headers, saved.mapping if saved else None)
    job.save()
    return job


def _safe_name(name: str) -> str:
    stem = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)
    return stem[-80:] or "file"


def save_mapping(job: ImportJob, mapping: dict[str, str]) -> ImportJob:
    """Keep the user's mapping on the job and as the organisation's default for this table."""
    job.mapping = clean_mapping(job.spec_class, job.headers, mapping)
    job.save(update_fields=["mapping"])
    if job.organisation_id is not None:
        ColumnMapping.objects.update_or_create(
            organisation_id=job.organisation_id, spec=job.spec, defaults={"mapping": job.mapping}
        )
    return job


def start_preview(job: ImportJob) -> None:
    """Check every row in the background (inline without a worker). Nothing is written."""
    from .jobs import preview_import_job

    if job.is_running:
        raise ValidationError(_("This import is already running."))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.PREVIEWING)
    job.status = ImportStatus.PREVIEWING
    set_progress(PROGRESS_KIND, job.pk, Progress(stage="preview"))
    enqueue(preview_import_job, job.pk)


def start_commit(user: AnyUser | None, job: ImportJob) -> None:
    """Import a checked file, all or nothing. Only a job whose preview found no error can start."""
    from .jobs import commit_import_job

    if job.organisation is not None and not spec_allowed(user, job.spec_class, job.organisation):
        raise PermissionDenied
    started = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.READY).update(status=ImportStatus.QUEUED)
    if not started and not is_stale(job):
        raise ValidationError(_("Only a checked file without errors can be imported."))
    if not started:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.QUEUED)
    job.status = ImportStatus.QUEUED
    set_progress(PROGRESS_KIND, job.pk, Progress(stage="commit"))
    enqueue(commit_import_job, job.pk)


def is_stale(job: ImportJob) -> bool:
    """A running job that stopped reporting progress (its process died): it wrote nothing."""
    if not job.is_running:
        return False
    progress = get_progress(PROGRESS_KIND, job.pk)
    last = progress.updated if progress and progress.updated else 0.0
    return time.time() - last > STALE_AFTER


def job_progress(job: ImportJob) -> Progress:
    progress = get_progress(PROGRESS_KIND, job.pk) or Progress()
    if not job.is_running:
        progress.finished = True
    return progress


def _progress_reporter(job_id: int, stage: str) -> Any:
    last = [0.0]

    def report(fraction: float, rows: int) -> None:
        now = time.monotonic()
        if now - last[0] < 0.5:
            return
        last[0] = now
        set_progress(
            PROGRESS_KIND, job_id, Progress(done=int(fraction * 1000), total=1000, stage=stage, message=str(rows))
        )

    return report


def _store(job: ImportJob, outcome: Outcome) -> None:
    job.headers = outcome.headers or job.headers
    job.total_rows = outcome.total_rows
    job.valid_rows = max(0, outcome.valid_rows)
    job.error_count = outcome.error_count
    job.errors = [p.as_json() for p in outcome.errors]
    job.warnings = [p.as_json() for p in outcome.warnings]
    if outcome.sheet:
        job.sheet = outcome.sheet


def run_preview(job_id: int) -> ImportJob:
    """Body of the preview task."""
    job = ImportJob.objects.select_related("organisation", "user").get(pk=job_id)
    return _run(job, write=False)


def run_commit(job_id: int) -> ImportJob:
    """Body of the commit task."""
    job = ImportJob.objects.select_related("organisation", "user").get(pk=job_id)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.COMMITTING, started_at=timezone.now())
    return _run(job, write=True)


def _run(job: ImportJob, *, write: bool) -> ImportJob:
    stage = "commit" if write else "preview"
    try:
        with translation.override(job.language), acting_as(job.user):
            outcome = run_import(
                job.spec_class,
                job.file.path,
                organisation=job.organisation,
                user=job.user,
                mapping=job.mapping,
                encoding=job.encoding,
                sheet=job.sheet,
                write=write,
                progress=_progress_reporter(job.pk, stage),
                audit_detail=f"Import #{job.pk}, {job.original_name}, sha256 {job.file_sha256[:16]}.",
            )
    except Exception as exc:  # the job must end in a visible state whatever happened
        logger.exception("Import %s failed", job.pk)
        job.status = ImportStatus.FAILED
        job.failure = f"{type(exc).__name__}: {exc}"[:2000]
        job.finished_at = timezone.now()
        job.save()
        set_progress(PROGRESS_KIND, job.pk, Progress(stage=stage, finished=True, failed=True))
        return job
    _store(job, outcome)
    now = timezone.now()
    if write:
        job.finished_at = now
        if outcome.committed:
            job.status = ImportStatus.DONE
            job.created_count, job.updated_count, job.unchanged_count = (
                outcome.created,
                outcome.updated,
                outcome.unchanged,
            )
        else:
            job.status = ImportStatus.INVALID
    else:
        job.previewed_at = now
        job.status = ImportStatus.READY if outcome.ok else ImportStatus.INVALID
    job.save()
    set_progress(PROGRESS_KIND, job.pk, Progress(done=1000, total=1000, stage=stage, finished=True))
    return job


def error_report_rows(job: ImportJob) -> Iterable[list[Any]]:
    """Rows of the downloadable error report, in the active language."""
    messages = _spec_messages(job)
    for problem in [*job.problems(), *job.warning_problems()]:
        level = _("Error") if problem.level != "warning" else _("Warning")
        yield [level, problem.row or "", problem.column or "", problem.value or "", problem.message(messages)]
    if job.error_count > len(job.errors):
        yield [
            _("Error"),
            "",
            "",
            "",
            _("%(count)s more errors are not listed; correct these and check the file again.")
            % {"count": job.error_count - len(job.errors)},
        ]


def error_report_header() -> list[str]:
    return [_("Level"), _("Row"), _("Column"), _("Value"), _("Problem")]


def _spec_messages(job: ImportJob) -> dict[str, Any]:
    try:
        return dict(job.spec_class.messages)
    except LookupError:
        return {}


def problem_messages(job: ImportJob, problems: list[Problem]) -> list[dict[str, Any]]:
    messages = _spec_messages(job)
    return [
        {"row": p.row, "column": p.column, "value": p.value, "code": p.code, "message": p.message(messages)}
        for p in problems
    ]
