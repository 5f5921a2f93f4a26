"""The one tabular-import mechanism every module uses (CSV and Excel → models).

Declare an :class:`ImportSpec` in your app's ``imports.py``; the pages under /imports/, the API
(``/api/v1/imports/``) and ``puente import <slug> FILE`` then handle upload, column mapping
(saved per organisation), preview with row-level errors, an all-or-nothing idempotent commit,
progress and the error report. See :mod:`puente.lib.tabular.spec` for an example.
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
