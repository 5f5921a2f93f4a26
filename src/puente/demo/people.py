"""Write the synthetic people of :mod:`puente.demo.synthetic` to the database.

Chunk by chunk (10 000 students and their records per transaction) with ``bulk_create``, so
memory stays flat at any scale. Synthetic rows are recognisable by their prefix
(``SYN-`` in student numbers, employer codes and vacancy references); regenerating deletes
them and writes them again from the seed, so the same seed always gives the same people.

Bulk writes send no model signals, so the audit log receives one event per bulk operation
with the count, as the developer handbook asks, instead of one event per row.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from django.db import connection, models, transaction
from django.db.models.signals import post_delete, post_save

from puente.core import signals as audit_signals
from puente.core.audit import record
from puente.core.models import AuditAction, Campus, Organisation, OrganisationKind, Sector, Subdivision
from puente.employment.models import Vacancy
from puente.lib.text import search_key
from puente.programmes.models import IscedField
from puente.success.models import AttendanceRecord, CourseResult, Enrolment, LmsActivity, Student, Term

from . import synthetic as syn
from .catalogue import campus_institution_codes, catalogue_from_db
from .programme import read_programme_data

try:
    from puente.lib.tabular.writers import Plan, make_writer
except ImportError:  # pragma: no cover - lib.tabular is part of Puente
    Plan = make_writer = None  # type: ignore[assignment,misc]

Progress = Callable[[str], None]
BATCH_SIZE = 2_000
RECORD_DELETE_CHUNK = 50_000  # students whose records one DELETE statement removes
CAMPUS_NAMES = ("Sede central", "Sede norte", "Sede sur")


@dataclass
class PeopleReport:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, what: str, n: int) -> None:
        self.counts[what] = self.counts.get(what, 0) + n


def _quiet(_message: str) -> None:
    return None


@contextmanager
def audit_signals_paused() -> Iterator[None]:
    """Bulk deletes of synthetic rows: without the per-row audit receivers Django can delete
    related rows with one query per table instead of loading every row. One summary event is
    recorded by the caller instead."""
    post_save.disconnect(audit_signals.audit_save)
    post_delete.disconnect(audit_signals.audit_delete)
    try:
        yield
    finally:
        post_save.connect(audit_signals.audit_save)
        post_delete.connect(audit_signals.audit_delete)


# --- Campuses and terms -------------------------------------------------------------------


def campus_count(code: str) -> int:
    """1 to 3 campuses per institution, fixed by its code (not by the seed)."""
    return 1 + int(hashlib.sha256(code.encode()).hexdigest(), 16) % 3


def ensure_campuses() -> int:
    """Give every Pacific Alliance institution of the book one to three campuses."""
    created = 0
    codes = campus_institution_codes(read_programme_data())
    for org in Organisation.objects.filter(code__in=codes).select_related("subdivision"):
        for name in CAMPUS_NAMES[: campus_count(org.code)]:
            _campus, was_created = Campus.objects.get_or_create(
                organisation=org, name=name, defaults={"city": org.city, "subdivision": org.subdivision}
            )
            created += was_created
    return created


def ensure_terms(institution_ids: Sequence[int], as_of: date = syn.AS_OF) -> dict[tuple[int, int], int]:
    """Semesters 2019-1 … the running one for each institution; returns (institution, t) -> term id."""
    wanted = syn.term_count(as_of)
    codes = {syn.term_code(t): t for t in range(wanted)}
    existing = {
        (inst, code): pk
        for pk, inst, code in Term.objects.filter(institution_id__in=institution_ids, code__in=codes).values_list(
            "pk", "institution_id", "code"
        )
    }
    missing = [
        Term(institution_id=inst, code=code, starts_on=syn.term_start(t), ends_on=syn.term_end(t))
        for inst in institution_ids
        for code, t in codes.items()
        if (inst, code) not in existing
    ]
    Term.objects.bulk_create(missing, batch_size=BATCH_SIZE)
    return {
        (inst, codes[code]): pk
        for pk, inst, code in Term.objects.filter(institution_id__in=institution_ids, code__in=codes).values_list(
            "pk", "institution_id", "code"
        )
    }


# --- Deleting -----------------------------------------------------------------------------


def delete_synthetic_people(progress: Progress = _quiet) -> dict[str, int]:
    """Remove synthetic students (with everything that hangs from them), employers and vacancies."""
    removed: dict[str, int] = {}
    students = Student.objects.filter(external_id__startswith=syn.SYNTHETIC_PREFIX)
    ids = list(students.order_by("pk").values_list("pk", flat=True))
    with audit_signals_paused():
        # The bulk of the rows first, one DELETE per table and range of students (nothing
        # points at these records, so no row needs loading), then the students themselves
        # through Django's collector, which follows every other app's relations.
        for start in range(0, len(ids), RECORD_DELETE_CHUNK):
            chunk = students.filter(pk__gte=ids[start], pk__lte=ids[min(start + RECORD_DELETE_CHUNK, len(ids)) - 1])
            with transaction.atomic():
                for model in (LmsActivity, AttendanceRecord, CourseResult, Enrolment):
                    _total, per_model = model.objects.filter(student__in=chunk.values("pk")).delete()
                    for label, n in per_model.items():
                        removed[label] = removed.get(label, 0) + n
        for start in range(0, len(ids), syn.CHUNK_SIZE):
            with transaction.atomic():
                _total, per_model = Student.objects.filter(pk__in=ids[start : start + syn.CHUNK_SIZE]).delete()
            for label, n in per_model.items():
                removed[label] = removed.get(label, 0) + n
            progress(f"  removed {min(start + syn.CHUNK_SIZE, len(ids))} / {len(ids)} synthetic students")
        with transaction.atomic():
            for qs in (
                Vacancy.objects.filter(reference__startswith=syn.SYNTHETIC_PREFIX),
                Organisation.objects.filter(code__startswith=f"{syn.SYNTHETIC_PREFIX}EMP-"),
            ):
                _total, per_model = qs.delete()
                for label, n in per_model.items():
                    removed[label] = removed.get(label, 0) + n
    if ids:
        record(
            AuditAction.DELETE,
            object_type="success.student",
            detail=f"puente demo: {len(ids)} synthetic students and their records removed",
        )
    return removed


# --- Writing students ---------------------------------------------------------------------


def _bulk(model: type[models.Model], objects: list[Any]) -> int:
    model._default_manager.bulk_create(objects, batch_size=BATCH_SIZE)
    return len(objects)


def _student_objects(frame: pd.DataFrame) -> list[Student]:
    rows = student_frame(frame)
    keys = list(rows.columns)
    return [Student(**dict(zip(keys, row, strict=True))) for row in rows.itertuples(index=False, name=None)]


def _iso_dates(values: Any) -> pd.Series:
    """ISO dates, None for NaT (object dtype: pandas' string dtype would turn None into NaN)."""
    text = np.asarray(values, dtype="datetime64[D]").astype(str)
    return pd.Series([None if v == "NaT" else v for v in text.tolist()], dtype=object)


def _utc_datetimes(values: Any, vendor: str) -> pd.Series:
    """UTC timestamps as the database stores them (SQLite: naive UTC text; PostgreSQL: +00:00)."""
    text = np.datetime_as_string(np.asarray(values, dtype="datetime64[s]"), unit="s")
    suffix = "+00:00" if vendor == "postgresql" else ""
    return pd.Series([f"{v[:10]} {v[11:]}{suffix}" for v in text.tolist()], dtype=object)


def _unique_columns(model: type[models.Model]) -> list[str]:
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            fields = [model._meta.get_field(name) for name in constraint.fields]
            return [str(f.column) for f in fields if isinstance(f, models.Field)]
    raise ValueError(f"{model._meta.label} has no unique constraint to insert against")


def _complete(model: type[models.Model], frame: pd.DataFrame) -> pd.DataFrame:
    """Add the columns the frame leaves out, with each field's default (so a field another app
    adds later with a default does not break the demo)."""
    extra: dict[str, Any] = {}
    for f in model._meta.concrete_fields:
        if f.primary_key or f.column in frame.columns:
            continue
        value = f.get_default()  # "" for text fields, None when there is no default
        if value is None and not f.null:
            raise ValueError(f"{model._meta.label}.{f.name} needs a value")
        extra[str(f.column)] = value
    return frame.assign(**extra) if extra else frame


def insert_frame(model: type[models.Model], frame: pd.DataFrame) -> int:
    """Append rows (columns named as in the database) inside the caller's transaction.

    Uses the bulk writer of :mod:`puente.lib.tabular` (``COPY`` on PostgreSQL, ``executemany``
    on SQLite): five to ten times faster than ``bulk_create``, which builds a model instance
    per row. Falls back to ``bulk_create`` where that writer is not available.
    """
    if frame.empty:
        return 0
    frame = _complete(model, frame)
    if make_writer is None:  # pragma: no cover - lib.tabular is part of Puente
        by_column = {f.column: f.attname for f in model._meta.concrete_fields}
        rows = frame.rename(columns=by_column).to_dict("records")
        return _bulk(model, [model(**{k: (None if v is pd.NA else v) for k, v in row.items()}) for row in rows])
    text_columns = {
        str(f.column)
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.null and f.column in frame.columns
    }
    plan = Plan(
        table=model._meta.db_table,
        columns=list(frame.columns),
        conflict=_unique_columns(model),
        update=[],
        text_not_null=text_columns,
    )
    writer = make_writer(plan)
    writer.begin()
    writer.write(frame)
    writer.finish()
    return len(frame)


def student_frame(students: pd.DataFrame) -> pd.DataFrame:
    """The students of a generated chunk as database columns (for raw inserts and benchmarks)."""
    columns = [
        "external_id",
        "institution_id",
        "programme_id",
        "cohort",
        "sex",
        "given_name",
        "family_name",
        "email",
        "disability",
        "disability_detail",
        "ethnicity",
        "status",
    ]
    frame = students[columns].reset_index(drop=True)
    frame["campus_id"] = pd.Series([c or None for c in students["campus_id"].tolist()], dtype=object)
    for name in ("birth_date", "enrolled_on", "graduated_on", "left_on"):
        frame[name] = _iso_dates(students[name].to_numpy())
    return frame


def record_frames(
    students: pd.DataFrame,
    records: dict[str, pd.DataFrame],
    terms: dict[tuple[int, int], int],
    student_ids: np.ndarray,
    vendor: str,
) -> dict[type[models.Model], pd.DataFrame]:
    """The records of a generated chunk as database columns, pointing at ``student_ids``."""
    institution = students["institution_id"].to_numpy()
    programme = students["programme_id"].to_numpy()

    def term_ids(pos: np.ndarray, t: np.ndarray) -> list[int]:
        return [terms[(i, k)] for i, k in zip(institution[pos].tolist(), t.tolist(), strict=True)]

    e = records["enrolments"]
    pos = e["student_pos"].to_numpy()
    enrolments = pd.DataFrame(
        {
            "student_id": student_ids[pos],
            "term_id": term_ids(pos, e["term_t"].to_numpy()),
            "programme_id": programme[pos],
            "semester": e["semester"].to_numpy(),
            "status": e["status"].to_numpy(),
            "enrolled_on": _iso_dates(e["enrolled_on"].to_numpy()),
            "withdrawn_on": _iso_dates(e["withdrawn_on"].to_numpy()),
        }
    )
    r = records["results"]
    pos = r["student_pos"].to_numpy()
    results = pd.DataFrame(
        {
            "student_id": student_ids[pos],
            "term_id": term_ids(pos, r["term_t"].to_numpy()),
            "course_code": r["course_code"].to_numpy(),
            "course_name": r["course_name"].to_numpy(),
            "grade": r["grade"].to_numpy(),
            "passed": r["passed"].to_numpy(),
            "recorded_on": _iso_dates(r["recorded_on"].to_numpy()),
        }
    )
    a = records["attendance"]
    attendance = pd.DataFrame(
        {
            "student_id": student_ids[a["student_pos"].to_numpy()],
            "date": _iso_dates(a["date"].to_numpy()),
            "course_code": "",
            "present": a["present"].to_numpy(),
        }
    )
    lms = records["lms"]
    activity = pd.DataFrame(
        {
            "student_id": student_ids[lms["student_pos"].to_numpy()],
            "occurred_at": _utc_datetimes(lms["occurred_at"].to_numpy(), vendor),
            "course_code": lms["course_code"].to_numpy(),
            "event": lms["event"].to_numpy(),
            "component": lms["component"].to_numpy(),
            "fingerprint": lms["fingerprint"].to_numpy(),
        }
    )
    return {Enrolment: enrolments, CourseResult: results, AttendanceRecord: attendance, LmsActivity: activity}


RECORD_LABELS: dict[type[models.Model], str] = {
    Enrolment: "enrolments",
    CourseResult: "course results",
    AttendanceRecord: "attendance records",
    LmsActivity: "learning-platform events",
}


def write_chunk(
    students: pd.DataFrame,
    records: dict[str, pd.DataFrame],
    terms: dict[tuple[int, int], int],
    report: PeopleReport,
) -> None:
    """Insert one chunk of students and their records (inside the caller's transaction)."""
    objects = _student_objects(students)
    _bulk(Student, objects)  # bulk_create returns the new ids the records point at
    if objects and objects[0].pk is None:  # a backend that does not return ids from bulk inserts
        ids = dict(
            Student.objects.filter(
                institution_id__in=set(students["institution_id"].tolist()),
                external_id__in=students["external_id"].tolist(),
            ).values_list("external_id", "pk")
        )
        student_ids = np.array([ids[x] for x in students["external_id"]])
    else:
        student_ids = np.array([s.pk for s in objects])
    report.add("students", len(objects))
    for model, frame in record_frames(students, records, terms, student_ids, connection.vendor).items():
        report.add(RECORD_LABELS[model], insert_frame(model, frame))


def write_students(
    scale: syn.Scale, seed: int, progress: Progress = _quiet, *, as_of: date = syn.AS_OF
) -> PeopleReport:
    """Generate and insert ``scale.students`` students with their records, chunk by chunk."""
    report = PeopleReport()
    started = time.perf_counter()
    institutions, programmes = catalogue_from_db(read_programme_data())
    terms = ensure_terms([inst.id for inst in institutions], as_of)
    for chunk, students in enumerate(
        syn.iter_student_chunks(scale.students, seed, institutions, programmes, as_of=as_of)
    ):
        records = syn.generate_records(
            students,
            seed,
            chunk,
            institutions,
            programmes,
            as_of=as_of,
            activity_terms=scale.activity_terms,
            lms_per_week=scale.lms_per_week,
        )
        with transaction.atomic():
            write_chunk(students, records, terms, report)
        done = report.counts["students"]
        rate = done / max(time.perf_counter() - started, 1e-9)
        progress(f"  {done} / {scale.students} students ({rate:.0f} per second)")
    report.seconds = time.perf_counter() - started
    record(
        AuditAction.IMPORT,
        object_type="success.student",
        detail=f"puente demo: {report.counts.get('students', 0)} synthetic students written (seed {seed})",
    )
    return report


# --- Employers and vacancies --------------------------------------------------------------


def write_employers_and_vacancies(
    scale: syn.Scale, seed: int, extra_employers: Sequence[tuple[Organisation, str]] = (), *, as_of: date = syn.AS_OF
) -> PeopleReport:
    """Fictional employers and their vacancies. ``extra_employers`` (organisation, sector) get
    vacancies too, five times as many each (the demo employer user's company)."""
    report = PeopleReport()
    started = time.perf_counter()
    frame = syn.generate_employers(scale.employers, seed)
    subdivisions = {s.code: s.pk for s in Subdivision.objects.filter(code__in=set(frame["subdivision"]))}
    source = f"Sintético: generado por «puente demo» (semilla {seed})"
    orgs = [
        Organisation(
            code=row.code,
            name={"es": row.name},
            kind=OrganisationKind.EMPLOYER,
            country_id=row.country,
            subdivision_id=subdivisions.get(row.subdivision),
            note="Empresa ficticia de la demostración.",
            source=source,
            search_text=search_key(f"{row.name} {row.code}"),
        )
        for row in frame.itertuples()
    ]
    with transaction.atomic():
        _bulk(Organisation, orgs)
        ids = dict(Organisation.objects.filter(code__in=frame["code"].tolist()).values_list("code", "pk"))
        employers = frame.assign(id=[ids[c] for c in frame["code"]], weight=1.0)
        extra = pd.DataFrame(
            [
                {
                    "code": org.code,
                    "country": org.country_id,
                    "subdivision": org.subdivision_id,  # the ISO 3166-2 code is the key
                    "sector": sector,
                    "id": org.pk,
                    "weight": 5.0,
                }
                for org, sector in extra_employers
            ]
        )
        employers = pd.concat([extra, employers], ignore_index=True) if len(extra) else employers
        vacancies = syn.generate_vacancies(scale.vacancies, seed, employers, as_of=as_of)
        all_subdivisions = {s.code: s.pk for s in Subdivision.objects.filter(code__in=set(vacancies["subdivision"]))}
        sectors = dict(Sector.objects.values_list("code", "pk"))
        fields = set(IscedField.objects.values_list("code", flat=True))
        employer_ids = employers["id"].to_numpy()
        _bulk(
            Vacancy,
            [
                Vacancy(
                    employer_id=int(employer_ids[row.employer_pos]),
                    reference=row.reference,
                    title=row.title,
                    description=_vacancy_description(row.title),
                    sector_id=sectors.get(row.sector),
                    isced_field_id=row.isced_field if row.isced_field in fields else None,
                    country_id=row.country,
                    subdivision_id=all_subdivisions.get(row.subdivision),
                    positions=int(row.positions),
                    posted_on=pd.Timestamp(row.posted_on).date(),
                    closes_on=pd.Timestamp(row.closes_on).date(),
                    status=row.status,
                )
                for row in vacancies.itertuples()
            ],
        )
    report.add("employers", len(orgs))
    report.add("vacancies", len(vacancies))
    report.seconds = time.perf_counter() - started
    return report


def _vacancy_description(title: str) -> str:
    return (
        f"Buscamos {title.lower()} con formación técnica en la especialidad. Ofrecemos contrato, "
        "capacitación y un entorno de trabajo seguro e inclusivo. Se valoran las prácticas realizadas."
    )
