"""Tables of student records that institutions import (through :mod:`puente.lib.tabular`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from puente.core.roles import Capability
from puente.lib import tabular as t

from .models import Student


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
        t.Choice("sex", aliases=SEX_ALIASES, ambiguous={"M": ("H", "F")}, header_aliases=["sexo", "género", "genre"]),
        t.Date("birth_date", aliases=["fecha de nacimiento", "nacimiento", "date of birth", "dob"]),
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
