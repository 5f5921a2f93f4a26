"""Tables of student records that institutions import (through :mod:`puente.lib.tabular`)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pandas as pd
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from puente.core.roles import Capability
from puente.lib import tabular as t

from .models import AttendanceRecord, CourseResult, Enrolment, LmsAccount, LmsActivity, Student, Term


def programmes_of(queryset: QuerySet, organisation: Any) -> QuerySet:
    """Programmes the institution offers itself or together with another."""
    return queryset.filter(Q(institution=organisation) | Q(also_offered_by=organisation))


SEX_ALIASES = {
    "F": ["Mujer", "Femenino", "Fem", "Female", "Woman", "Femme", "Féminin"],
    "M": ["Hombre", "Masculino", "Masc", "H", "Male", "Man", "Homme", "Masculin"],
    "X": ["Otro", "No binario", "Non-binary", "Non binaire", "Autre", "Other"],
    "": ["No registrado", "Sin dato", "ND", "NR", "Prefiere no decir"],
}


class StudentImport(t.ImportSpec):
    """One row per student; re-importing updates the rows whose student number is already known."""

    slug = "students"
    label = _("Students")
    description = _("One row per student, identified by the institution's student number.")
    model = Student
    scope_field = "institution"
    natural_key = ("external_id",)
    capability = Capability.CHANGE_STUDENTS
    messages = {"graduated_before_entry": _("The graduation date is before the entry date.")}
    columns = [
        t.Text(
            "external_id",
            aliases=[
                "matrícula",
                "código",
                "código de estudiante",
                "número de estudiante",
                "student id",
                "id",
                "numéro d'étudiant",
                "matricule",
                "dni",
                "documento",
            ],
        ),
        t.Text("given_name", aliases=["nombre", "nombres", "first name", "prénom", "prénoms"]),
        t.Text("family_name", aliases=["apellido", "apellidos", "last name", "surname", "nom", "nom de famille"]),
        t.Choice(
            "sex",
            aliases=SEX_ALIASES,
            ambiguous={"M": ("H", "F")},
            header_aliases=["sexo", "género", "sexe", "genre", "gender"],
        ),
        t.Date(
            "birth_date", aliases=["fecha de nacimiento", "nacimiento", "date of birth", "dob", "date de naissance"]
        ),
        t.Email("email", aliases=["correo", "correo electrónico", "e-mail", "courriel"]),
        t.ForeignKey("campus", by="name", scope="organisation", aliases=["sede", "site"]),
        t.ForeignKey("programme", by="code", scope=programmes_of, aliases=["programa", "carrera", "programme code"]),
        t.Text("cohort", aliases=["cohorte", "promoción", "periodo de ingreso", "promotion"]),
        t.Choice(
            "status",
            aliases={
                "enrolled": ["matriculado", "matriculada", "activo", "activa", "inscrit", "active"],
                "graduated": ["egresado", "egresada", "titulado", "titulada", "diplômé", "diplômée"],
                "withdrawn": ["retirado", "retirada", "desertor", "abandono", "abandon"],
                "suspended": ["suspendido", "suspendida", "suspendu"],
            },
            header_aliases=["estado", "situación", "état", "statut"],
        ),
        t.Date("enrolled_on", aliases=["fecha de ingreso", "ingreso", "entry date", "date d'entrée"]),
        t.Date("graduated_on", aliases=["fecha de egreso", "egreso", "fecha de titulación", "graduation date"]),
        t.Date("left_on", aliases=["fecha de retiro", "retiro", "date d'abandon"]),
        t.Boolean("disability", aliases=["discapacidad", "handicap", "situation de handicap"]),
        t.Text("disability_detail", aliases=["tipo de discapacidad", "detalle de discapacidad"]),
        t.Text("ethnicity", aliases=["etnia", "pueblo indígena", "pueblo originario", "grupo étnico", "ethnie"]),
    ]

    def check(self, frame: pd.DataFrame, ctx: t.RunContext) -> Iterable[t.RowProblem]:
        if "graduated_on" in frame and "enrolled_on" in frame:
            both = frame["graduated_on"].notna() & frame["enrolled_on"].notna()
            before = both & (frame["graduated_on"].fillna("") < frame["enrolled_on"].fillna(""))
            if before.any():
                yield t.RowProblem(before.to_numpy(), "graduated_before_entry", "graduated_on")


# --- Enrolment records (H8) -------------------------------------------------------------------------

STUDENT_ALIASES = [
    "matrícula",
    "código de estudiante",
    "número de estudiante",
    "estudiante",
    "student",
    "student id",
    "numéro d'étudiant",
    "matricule",
]
TERM_ALIASES = ["periodo", "período", "semestre académico", "periodo académico", "term", "période", "session"]


def _student_column(*, extra_aliases: Iterable[str] = (), **kwargs: Any) -> t.ForeignKey:
    aliases = [*STUDENT_ALIASES, *extra_aliases]
    return t.ForeignKey("student", by="external_id", scope="institution", aliases=aliases, **kwargs)


def _term_column() -> t.ForeignKey:
    return t.ForeignKey("term", by="code", scope="institution", aliases=TERM_ALIASES)


class TermImport(t.ImportSpec):
    """Academic periods (semesters, trimesters) of the institution, by code."""

    slug = "terms"
    label = _("Terms")
    description = _("One row per academic period: code, start and end dates.")
    model = Term
    scope_field = "institution"
    natural_key = ("code",)
    capability = Capability.CHANGE_STUDENTS
    messages = {"ends_before_start": _("The term ends before it starts.")}
    columns = [
        t.Text("code", aliases=["periodo", "período", "código", "term", "période"]),
        t.Date("starts_on", aliases=["inicio", "fecha de inicio", "start", "début"]),
        t.Date("ends_on", aliases=["fin", "término", "fecha de término", "end", "date de fin"]),
    ]

    def check(self, frame: pd.DataFrame, ctx: t.RunContext) -> Iterable[t.RowProblem]:
        if "starts_on" in frame and "ends_on" in frame:
            both = frame["starts_on"].notna() & frame["ends_on"].notna()
            wrong = both & (frame["ends_on"].fillna("") < frame["starts_on"].fillna(""))
            if wrong.any():
                yield t.RowProblem(wrong.to_numpy(), "ends_before_start", "ends_on")


ENROLMENT_STATUS = {
    "active": ["activo", "activa", "matriculado", "matriculada", "vigente", "inscrit", "en cours"],
    "completed": ["completado", "aprobado", "terminado", "finalizado", "completed", "terminé", "réussi"],
    "withdrawn": ["retirado", "retirada", "abandono", "desertó", "withdrawn", "abandon", "retiré"],
}


class EnrolmentImport(t.ImportSpec):
    """One row per student and term; re-importing updates the existing enrolment."""

    slug = "enrolments"
    label = _("Enrolments")
    description = _("One row per student and term: student number, term code, programme, semester, status.")
    model = Enrolment
    natural_key = ("student", "term")
    capability = Capability.CHANGE_STUDENTS
    columns = [
        _student_column(),
        _term_column(),
        t.ForeignKey("programme", by="code", scope=programmes_of, aliases=["programa", "carrera", "programme code"]),
        t.Integer("semester", min_value=1, max_value=20, aliases=["semestre", "ciclo", "nivel", "level", "niveau"]),
        t.Choice("status", aliases=ENROLMENT_STATUS, header_aliases=["estado", "situación", "état", "statut"]),
        t.Date("enrolled_on", aliases=["fecha de matrícula", "fecha de inscripción", "date d'inscription"]),
        t.Date("withdrawn_on", aliases=["fecha de retiro", "date de retrait"]),
    ]


class CourseResultImport(t.ImportSpec):
    """Grades of course units (unidades didácticas, asignaturas) per term."""

    slug = "course-results"
    label = _("Course results")
    description = _("One row per student, term and course unit: grade, passed, date the result was known.")
    model = CourseResult
    natural_key = ("student", "term", "course_code")
    capability = Capability.CHANGE_STUDENTS
    columns = [
        _student_column(),
        _term_column(),
        t.Text(
            "course_code", aliases=["código del curso", "unidad didáctica", "asignatura", "curso", "course", "cours"]
        ),
        t.Text("course_name", aliases=["nombre del curso", "nombre de la asignatura", "course name", "nom du cours"]),
        t.Decimal("grade", aliases=["nota", "calificación", "promedio", "note"]),
        t.Boolean("passed", aliases=["aprobado", "aprobó", "réussi"]),
        t.Date("recorded_on", aliases=["fecha", "fecha de registro", "fecha de nota", "date"]),
    ]


class AttendanceImport(t.ImportSpec):
    """Attendance per session or per day."""

    slug = "attendance"
    label = _("Attendance")
    description = _("One row per student and session: date, course (optional), present or absent.")
    model = AttendanceRecord
    natural_key = ("student", "date", "course_code")
    capability = Capability.CHANGE_STUDENTS
    columns = [
        _student_column(),
        t.Date("date", aliases=["fecha", "día", "jour"]),
        t.Text("course_code", aliases=["curso", "asignatura", "unidad didáctica", "course", "cours"], required=False),
        t.Boolean("present", aliases=["asistió", "asistencia", "presente", "présent", "attended"]),
    ]


class LmsAccountImport(t.ImportSpec):
    """Moodle users and the students behind them (from Moodle's user export): the platform's user
    id, full name and email, and the student found by ID number (the student number) or, when
    the ID number is empty, by an email that only one student has."""

    slug = "lms-accounts"
    label = _("Learning-platform accounts (Moodle users)")
    description = _("One row per Moodle user: id, full name, email and ID number (the student number).")
    model = LmsAccount
    scope_field = "institution"
    natural_key = ("lms_user_id",)
    capability = Capability.CHANGE_STUDENTS
    messages = {"no_student_for_account": _("No student of the institution has this ID number or this email.")}
    columns = [
        t.Text("lms_user_id", aliases=["id", "user id", "id de usuario", "userid", "identifiant"]),
        t.Text("full_name", aliases=["full name", "nombre completo", "nom complet"], required=False),
        t.Email("email", aliases=["correo", "correo electrónico", "e-mail", "courriel"], required=False),
        _student_column(
            required=False, extra_aliases=["idnumber", "id number", "número de id", "número de identificación"]
        ),
    ]

    @staticmethod
    def _by_email(ctx: t.RunContext) -> dict[str, str]:
        state = ctx.column_state("__emails")
        if "map" not in state:
            pairs = [
                (email.casefold(), str(pk))
                for pk, email in Student.objects.filter(institution=ctx.organisation)
                .exclude(email="")
                .values_list("pk", "email")
            ]
            counts = Counter(email for email, _pk in pairs)
            state["map"] = {email: pk for email, pk in pairs if counts[email] == 1}
        return state["map"]

    def _resolve(self, frame: pd.DataFrame, ctx: t.RunContext) -> pd.Series:
        by_email = self._by_email(ctx)
        students = frame["student_id"] if "student_id" in frame else pd.Series([None] * len(frame), dtype=object)
        emails = frame["email"] if "email" in frame else pd.Series([None] * len(frame), dtype=object)
        return pd.Series(
            [
                s if s is not None else by_email.get(str(e or "").casefold())
                for s, e in zip(students, emails, strict=True)
            ],
            dtype=object,
        )

    def check(self, frame: pd.DataFrame, ctx: t.RunContext) -> Iterable[t.RowProblem]:
        missing = self._resolve(frame, ctx).isna().to_numpy()
        if missing.any():
            yield t.RowProblem(missing, "no_student_for_account", "student" if "student_id" in frame else "email")

    def derive(self, frame: pd.DataFrame, ctx: t.RunContext) -> pd.DataFrame:
        frame["student_id"] = self._resolve(frame, ctx)
        return frame


_MOODLE_USER = re.compile(r"user with id '(\d+)'", re.IGNORECASE)


class MoodleLogImport(t.ImportSpec):
    """Moodle's standard log export (Reports → Logs → Download): Time, User full name, Affected
    user, Event context, Component, Event name, Description, Origin, IP address.

    Each line reaches its student through the learning-platform accounts (the user id quoted in
    the description, else a full name that only one account has). A fingerprint of the line
    makes re-importing the same export change nothing; identical lines in one export (two views
    in the same minute) are told apart by their order. IP addresses are not kept.
    """

    slug = "moodle-log"
    label = _("Moodle log (standard log export)")
    description = _(
        "Moodle's standard log export as CSV or Excel; users are matched through the Moodle accounts table."
    )
    model = LmsActivity
    natural_key = ("fingerprint",)
    capability = Capability.CHANGE_STUDENTS
    derived_fields = ("student", "fingerprint")
    messages = {
        "unknown_lms_user": _(
            "This Moodle user is not linked to any student: import the Moodle accounts (ID number or email) first."
        )
    }
    columns = [
        t.DateTime("occurred_at", aliases=["time", "hora", "fecha", "heure", "date"]),
        t.Text("lms_user", aliases=["user full name", "nombre completo del usuario", "nom complet de l'utilisateur"]),
        t.Text(
            "course_code", aliases=["event context", "contexto del evento", "contexte de l'événement"], required=False
        ),
        t.Text("component", aliases=["componente", "composant"], required=False),
        t.Text("event", aliases=["event name", "nombre del evento", "nom de l'événement"], required=False),
        t.Text("description", aliases=["descripción", "description"], required=False),
    ]

    @staticmethod
    def _accounts(ctx: t.RunContext) -> tuple[dict[str, int], dict[str, int]]:
        state = ctx.column_state("__accounts")
        if "by_id" not in state:
            rows = list(
                LmsAccount.objects.filter(institution=ctx.organisation).values_list(
                    "lms_user_id", "full_name", "student_id"
                )
            )
            state["by_id"] = {str(uid): sid for uid, _name, sid in rows}
            names: dict[str, list[int]] = {}
            for _uid, name, sid in rows:
                if name:
                    names.setdefault(name.casefold().strip(), []).append(sid)
            state["by_name"] = {name: ids[0] for name, ids in names.items() if len(set(ids)) == 1}
        return state["by_id"], state["by_name"]

    def _resolve(self, frame: pd.DataFrame, ctx: t.RunContext) -> pd.Series:
        by_id, by_name = self._accounts(ctx)
        descriptions = frame.get("description", pd.Series([""] * len(frame))).fillna("")
        users = frame.get("lms_user", pd.Series([""] * len(frame))).fillna("")
        found = []
        for description, user in zip(descriptions, users, strict=True):
            match = _MOODLE_USER.search(str(description))
            student = by_id.get(match.group(1)) if match else None
            found.append(student or by_name.get(str(user).casefold().strip()))
        return pd.Series(found, dtype=object)

    def check(self, frame: pd.DataFrame, ctx: t.RunContext) -> Iterable[t.RowProblem]:
        missing = self._resolve(frame, ctx).isna().to_numpy()
        if missing.any():
            yield t.RowProblem(missing, "unknown_lms_user", "lms_user")

    def derive(self, frame: pd.DataFrame, ctx: t.RunContext) -> pd.DataFrame:
        frame["student_id"] = self._resolve(frame, ctx).map(lambda v: None if v is None else str(v))
        seen: dict[str, int] = ctx.column_state("__fingerprints")
        prints = []
        institution = str(getattr(ctx.organisation, "pk", ""))
        columns = [
            frame.get(c, pd.Series([""] * len(frame))).fillna("").astype(str)
            for c in ("occurred_at", "lms_user", "course_code", "component", "event", "description")
        ]
        for values in zip(*columns, strict=True):
            line = "\x1f".join((institution, *values))
            occurrence = seen.get(line, 0)
            seen[line] = occurrence + 1
            prints.append(hashlib.sha256(f"{line}\x1e{occurrence}".encode()).hexdigest())
        frame["fingerprint"] = prints
        return frame
