"""Problems found in an imported table, kept as codes and parameters and rendered in the reader's language.

A problem is stored (in ``ImportJob.errors``) as plain JSON — ``{"row": 7, "column": "Fecha de
nacimiento", "value": "31/02/2001", "code": "bad_day", "params": {}}`` — so the same job shows its
errors in Spanish to one user and in French to another, and the error report can be rendered
in any language later. ``row`` is the row number as the user sees it in their spreadsheet
(the header is usually row 1); ``column`` is the header as written in their file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

# Messages for every code. Specs may add their own codes in ``ImportSpec.messages``.
MESSAGES: dict[str, Any] = {
    # The file as a whole
    "empty_file": _("The file is empty."),
    "header_only": _("The file has a header row but no data rows."),
    "no_header": _("The file has no row of column names."),
    "legacy_xls": _(
        "This is an old Excel file (.xls), which Puente cannot read. Open it in Excel or LibreOffice, "
        "save it as .xlsx or CSV, and upload it again."
    ),
    "not_a_table": _("This file is neither a CSV file nor an Excel workbook (.xlsx)."),
    "bad_xlsx": _("The Excel workbook could not be read: it may be damaged or protected by a password."),
    "bad_encoding": _(
        "Line %(line)s is not valid %(encoding)s text. Save the file as CSV UTF-8, or choose the "
        "file's encoding (for example Windows-1252) when uploading it."
    ),
    "bad_csv": _("The CSV file could not be read near line %(line)s: %(detail)s"),
    "too_many_cells": _("Line %(line)s has %(found)s cells but the header row has %(expected)s."),
    "unclosed_quote": _("A quotation mark opened near line %(line)s is never closed."),
    "too_large": _("The file is %(size)s, more than the limit of %(limit)s."),
    "sheet_not_found": _("The workbook has no sheet named “%(sheet)s”. Its sheets are: %(sheets)s."),
    "duplicate_header": _("The column name “%(column)s” appears twice (columns %(first)s and %(second)s)."),
    "missing_column": _("The required column “%(field)s” is missing (a header such as %(examples)s is expected)."),
    "missing_column_in_sheet": _(
        "The required column “%(field)s” is missing from sheet “%(sheet)s” (a header such as %(examples)s "
        "is expected). The workbook's sheets are: %(sheets)s."
    ),
    "unknown_column": _("The column “%(column)s” is not part of this table and was ignored."),
    "mapped_twice": _("The column “%(column)s” is chosen for more than one field."),
    "no_rows": _("No row has any value."),
    # One cell
    "required": _("A value is required."),
    "too_long": _("The text has %(length)s characters; at most %(max)s are allowed."),
    "formula": _(
        "The value starts with “%(char)s”: spreadsheet programs would run it as a formula, so it is not "
        "accepted. Remove that character."
    ),
    "control_chars": _("The text contains invisible control characters."),
    "not_integer": _("Not a whole number."),
    "not_decimal": _("Not a number."),
    "ambiguous_number": _(
        "Ambiguous number: it could mean %(thousands)s or %(decimal)s. Write it without a thousands "
        "separator, or with the decimals in full."
    ),
    "too_many_decimals": _("At most %(places)s decimal places are allowed."),
    "too_many_digits": _("The number is too large (at most %(digits)s digits)."),
    "out_of_range": _("The value must be between %(min)s and %(max)s."),
    "not_date": _("Not a date. Write dates as YYYY-MM-DD or DD/MM/YYYY."),
    "bad_day": _("This date does not exist."),
    "two_digit_year": _("Write the year with four digits."),
    "not_datetime": _("Not a date and time. Write them as YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM."),
    "not_boolean": _("Expected yes or no (sí/no, oui/non, yes/no, true/false, 1/0)."),
    "not_choice": _("Unknown value. Expected one of: %(choices)s."),
    "not_email": _("Not a valid email address."),
    "not_found": _("No %(target)s with %(key)s “%(value)s” was found in %(scope)s."),
    "not_found_anywhere": _("No %(target)s with %(key)s “%(value)s” exists."),
    "duplicate_key": _("The same %(key)s is already in row %(other)s of this file."),
    "not_in_file_or_db": _("No %(target)s with %(key)s “%(value)s”, neither in this file nor already recorded."),
}

ERROR = "error"
WARNING = "warning"


@dataclass
class Problem:
    """One thing wrong with the file, a row, or a cell. ``row``/``column`` are None for the whole file."""

    code: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    level: str = ERROR

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        if data["value"] is not None and len(data["value"]) > 200:
            data["value"] = data["value"][:200] + "…"
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Problem:
        return cls(
            code=str(data.get("code", "")),
            row=data.get("row"),
            column=data.get("column"),
            value=data.get("value"),
            params=dict(data.get("params") or {}),
            level=str(data.get("level") or ERROR),
        )

    def message(self, extra_messages: dict[str, Any] | None = None) -> str:
        """The reason, in the active language."""
        template = (extra_messages or {}).get(self.code) or MESSAGES.get(self.code) or self.code
        params = {"value": self.value or "", **{k: _param(v) for k, v in (self.params or {}).items()}}
        try:
            return str(template) % params if params else str(template)
        except (KeyError, TypeError, ValueError):
            return str(template)

    def sentence(self, extra_messages: dict[str, Any] | None = None) -> str:
        """Row, column, value and reason in one sentence (command line, logs, flat reports)."""
        reason = self.message(extra_messages)
        if self.row is not None and self.column:
            return str(_("Row %(row)s, column “%(column)s” (value “%(value)s”): %(reason)s")) % {
                "row": self.row,
                "column": self.column,
                "value": _short(self.value),
                "reason": reason,
            }
        if self.row is not None:
            return str(_("Row %(row)s: %(reason)s")) % {"row": self.row, "reason": reason}
        return reason


def model_ref(model: Any) -> dict[str, str]:
    """A parameter naming a model, rendered as its verbose name in the reader's language."""
    return {"_model": model._meta.label}


def field_ref(model: Any, name: str) -> dict[str, str]:
    """A parameter naming a model field, rendered as its verbose name in the reader's language."""
    return {"_field": f"{model._meta.label}.{name}"}


def choices_ref(model: Any, name: str) -> dict[str, str]:
    """A parameter listing the choices of a model field, rendered in the reader's language."""
    return {"_choices": f"{model._meta.label}.{name}"}


def _param(value: Any) -> Any:
    """Render a stored parameter: model and field references are translated when shown."""
    if isinstance(value, dict):
        from django.apps import apps

        try:
            if "_model" in value:
                return str(apps.get_model(value["_model"])._meta.verbose_name)
            label, _sep, name = (value.get("_field") or value.get("_choices") or "").rpartition(".")
            model_field = apps.get_model(label)._meta.get_field(name)
            if "_field" in value:
                return str(model_field.verbose_name)
            return ", ".join(f"{code} ({label})" if code else str(label) for code, label in model_field.choices or ())
        except (LookupError, ValueError):
            return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value) if not isinstance(value, int | float) else value


def _short(value: str | None, limit: int = 60) -> str:
    if value is None:
        return ""
    return value if len(value) <= limit else value[:limit] + "…"


class FileProblem(Exception):  # noqa: N818 — a problem report, raised to stop reading
    """Raised by the reader when the file cannot be read as a table at all."""

    def __init__(self, code: str, **params: Any) -> None:
        self.problem = Problem(code=code, params=params)
        super().__init__(code)
