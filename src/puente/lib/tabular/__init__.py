"""The one tabular-import mechanism every module uses (CSV and Excel → models).

Declare an :class:`ImportSpec` in your app's ``imports.py``; it is registered by its ``slug``
and the pages under /<lang>/imports/, the API (``/api/v1/imports/``, ``/api/v1/import-specs/``)
and ``puente import <slug> FILE`` then handle the upload, the column mapping (proposed from the
headers, saved per organisation), the preview with row-level errors in the user's language,
the all-or-nothing idempotent commit, the progress bar and the error report::

    from django.utils.translation import gettext_lazy as _

    from puente.lib import tabular as t

    class EnrolmentImport(t.ImportSpec):
        slug = "enrolments"
        label = _("Enrolments")
        model = Enrolment
        natural_key = ("student", "term")          # a unique constraint of the model
        capability = Capability.CHANGE_STUDENTS    # besides IMPORT_DATA, in the organisation
        columns = [
            t.ForeignKey("student", by="external_id", scope="institution", aliases=["matrícula"]),
            t.ForeignKey("term", by="code", scope="institution", aliases=["periodo"]),
            t.Integer("semester", aliases=["semestre", "ciclo"]),
            t.Choice("status", aliases={"active": ["activo", "matriculado"], "withdrawn": ["retirado"]}),
            t.Date("enrolled_on", aliases=["fecha de matrícula"]),
        ]

Columns: :class:`Text` (max length from the model, formula-injection and control characters
refused), :class:`Translation` (one language of a TranslatedField; merged on update),
:class:`Integer`, :class:`Decimal` ("1.234,5" and "1,234.5"; "1.234" is ambiguous unless the
column shows its convention), :class:`Date` (ISO or day first), :class:`DateTime`,
:class:`Boolean` (sí/no, oui/non, yes/no, 1/0), :class:`Choice` (values, labels in es/fr/en,
aliases), :class:`Email`, :class:`ForeignKey` (by natural key, within the importing
organisation through ``scope``; ``same_file=True`` for parents in the same file).
Header names accepted: the key, the field name, its verbose name in each language, ``aliases``
— compared without case, accents or punctuation.

Rules across fields go in ``check()`` (yield :class:`RowProblem`, messages in ``messages``);
computed columns in ``derive()`` with ``derived_fields``. ``scope_field`` names the model's
foreign key to the importing ``core.Organisation`` (it joins the upsert key).

Use it from code with :func:`run_import` (``write=True`` to commit, ``dry_run=True`` to count
and roll back). Test a spec like ``tests/lib/test_malformed_files.py`` does.
"""

from .columns import Boolean, Choice, Column, Date, DateTime, Decimal, Email, ForeignKey, Integer, Text, Translation
from .engine import MAX_STORED_ERRORS, Outcome, RunContext, run_import
from .errors import FileProblem, Problem
from .mapping import propose_mapping
from .spec import ImportSpec, RowProblem, autodiscover, get_spec, specs

__all__ = [
    "MAX_STORED_ERRORS",
    "Boolean",
    "Choice",
    "Column",
    "Date",
    "DateTime",
    "Decimal",
    "Email",
    "FileProblem",
    "ForeignKey",
    "ImportSpec",
    "Integer",
    "Outcome",
    "Problem",
    "RowProblem",
    "RunContext",
    "Text",
    "Translation",
    "autodiscover",
    "get_spec",
    "propose_mapping",
    "run_import",
    "specs",
]
