"""Typed columns of an import spec, each validating a whole chunk of cells at once (pandas).

A column receives the chunk's cells as stripped text ('' when empty) and returns the values
ready for the database — text, or None for NULL — plus the problems it found as boolean masks
with a message code. Empty cells are never an error here: whether a value is required is
checked once by the engine. Values are written as text both to SQLite (through type affinity)
and to PostgreSQL's COPY, so each type produces one canonical spelling: ``2024-03-01``,
``1234.5``, ``1``/``0`` for booleans.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.text import capfirst

from puente.lib.text import search_key

from .errors import choices_ref, field_ref, model_ref

if TYPE_CHECKING:
    from .engine import RunContext


@dataclass
class CellProblem:
    """Cells of one column that share a problem. ``detail`` adds per-value parameters (e.g. length)."""

    mask: np.ndarray
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    detail: Callable[[str], dict[str, Any]] | None = None


@dataclass
class Parsed:
    values: pd.Series  # object: str ready for the database, or None for NULL
    problems: list[CellProblem] = field(default_factory=list)


# Characters that make a spreadsheet treat a cell as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@")
# A leading + or - is harmless in numbers and phone numbers: "+51 1 234 5678", "-12,5".
_SIGNED_NUMBER = re.compile(r"[+-][\d\s().,/-]*\d[\d\s().,/-]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def header_key(text: str) -> str:
    """How headers are compared: no accents, case, punctuation or extra spaces ("Fecha_de-Nacimiento ")."""
    return re.sub(r"[\s_\-./()\[\]:#*]+", " ", search_key(text)).strip()


def _mask(series: pd.Series) -> np.ndarray:
    return series.fillna(False).to_numpy(dtype=bool, copy=True)


class Column:
    """One expected field of the table.

    ``field``: the model field it fills. ``label``: shown in the mapping form (defaults to the
    field's verbose name). ``required``: defaults to ``not model_field.blank``. ``aliases``:
    extra header names in any language; the field's verbose name in es, fr and en, its name
    and its key are always accepted.
    """

    kind = "text"
    dedupe = True  # may be parsed once per distinct value (False when it needs the row numbers)

    def __init__(
        self,
        field: str,
        *,
        label: Any = None,
        required: bool | None = None,
        aliases: Iterable[str] = (),
        help_text: Any = "",
        key: str | None = None,
    ) -> None:
        self.field = field
        self.key = key or field
        self._label = label
        self._required = required
        self.aliases = tuple(aliases)
        self.help_text = help_text
        self.model: type[models.Model] | None = None
        self.model_field: Any = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.key}>"

    def bind(self, model: type[models.Model]) -> None:
        self.model = model
        self.model_field = model._meta.get_field(self.field)

    @property
    def attname(self) -> str:
        return self.model_field.attname

    @property
    def label(self) -> Any:
        return self._label if self._label is not None else capfirst(self.model_field.verbose_name)

    @property
    def required(self) -> bool:
        if self._required is not None:
            return self._required
        return not self.model_field.blank and not self.model_field.has_default()

    @property
    def nullable(self) -> bool:
        return bool(self.model_field.null)

    def header_names(self) -> list[str]:
        """Every header accepted for this column, in every language."""
        names = [self.key, self.field, self.field.replace("_", " "), *self.aliases]
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names.append(str(self.label))
        return names

    def empty_value(self) -> str | None:
        """What an empty cell stores: '' in text columns that are NOT NULL, else NULL."""
        if self.model_field is not None and not self.model_field.null and self.model_field.empty_strings_allowed:
            return ""
        return None

    def parse(self, cells: pd.Series, ctx: RunContext) -> Parsed:
        raise NotImplementedError

    def read(self, cells: pd.Series, ctx: RunContext) -> Parsed:
        """``parse`` with missing values as None (pandas may have turned some into NaN)."""
        parsed = self.parse(cells, ctx)
        values = parsed.values.astype(object)
        parsed.values = values.where(values.notna(), None)
        return parsed

    def describe(self) -> dict[str, Any]:
        """What the API and the mapping page say about the column."""
        return {"key": self.key, "label": str(self.label), "type": self.kind, "required": self.required}


class Text(Column):
    """Text up to ``max_length`` characters (the model's by default; 10 000 for TextField).

    Values starting with ``=``, ``+``, ``-`` or ``@`` are rejected unless they read as a signed
    number or phone number: spreadsheets would run them as formulas when the data is exported.
    """

    kind = "text"
    DEFAULT_MAX = 10_000

    def __init__(self, field: str, *, max_length: int | None = None, **kwargs: Any) -> None:
        super().__init__(field, **kwargs)
        self._max_length = max_length

    @property
    def max_length(self) -> int:
        return self._max_length or getattr(self.model_field, "max_length", None) or self.DEFAULT_MAX

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "max_length": self.max_length}

    def check_text(self, cells: pd.Series) -> list[CellProblem]:
        problems = []
        lengths = cells.str.len().to_numpy()
        too_long = lengths > self.max_length
        if too_long.any():
            problems.append(
                CellProblem(too_long, "too_long", {"max": self.max_length}, detail=lambda v: {"length": len(v)})
            )
        first = cells.str[:1]
        risky = _mask(first.isin(FORMULA_START)) & ~too_long
        if risky.any():
            signed = _mask(cells.str.fullmatch(_SIGNED_NUMBER.pattern)) & _mask(first.isin(("+", "-")))
            risky &= ~signed
            if risky.any():
                problems.append(CellProblem(risky, "formula", detail=lambda v: {"char": v[:1]}))
        control = _mask(cells.str.contains(_CONTROL.pattern, regex=True)) & ~too_long
        if control.any():
            problems.append(CellProblem(control, "control_chars"))
        return problems

    def parse(self, cells: pd.Series, ctx: RunContext) -> Parsed:
        values = cells.astype(object)
        if self.nullable:
            values = values.where(cells != "", None)
        return Parsed(values, self.check_text(cells))


class Translation(Text):
    """One language of a :class:`~puente.lib.translated.TranslatedField` (``name`` in ``es``…).

    The columns of one field are merged into its JSON object; on update, languages absent from
    the file keep their stored text.
    """

    kind = "translation"

    def __init__(self, field: str, language: str, **kwargs: Any) -> None:
        kwargs.setdefault("key", f"{field}_{language}")
        super().__init__(field, **kwargs)
        self.language = language

    @property
    def label(self) -> Any:
        base = self._label if self._label is not None else capfirst(self.model_field.verbose_name)
        return f"{base} ({self.language})"

    @property
    def required(self) -> bool:
        return bool(self._required)

    def header_names(self) -> list[str]:
        names = [self.key, f"{self.field} {self.language}", *self.aliases]
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                base = str(self._label if self._label is not None else self.model_field.verbose_name)
            names += [f"{base} {self.language}", f"{base} ({self.language})", f"{base}_{self.language}"]
        return names

    def empty_value(self) -> str | None:
        return None

    def parse(self, cells: pd.Series, ctx: RunContext) -> Parsed:
        return Parsed(cells.astype(object).where(cells != "", None), self.check_text(cells))


class Integer(Column):
    """A whole number. Thousands separators are accepted ("1.234", "1,234", "1 234"), as is "12.0"."""

    kind = "integer"

    def __init__(self, field: str, *, min_value: int | None = None, max_value: int | None = None, **kwargs: Any):
        super().__init__(field, **kwargs)
        self._min, self._max = min_value, max_value

    def bounds(self) -> tuple[int, int]:
        low, high = -(2**63), 2**63 - 1
        internal = self.model_field.get_internal_type() if self.model_field is not None else ""
        if "Positive" in internal:
            low = 0
        if "Small" in internal:
            high = 32767
            low = max(low, -32768)
        elif internal in {"IntegerField", "PositiveIntegerField"}:
            high = 2**31 - 1
            low = max(low, -(2**31))
        return (self._min if self._min is not None else low, self._max if self._max is not None else high)

    def parse(self, cells: pd.Series, ctx: RunContext) -> Parsed:
        filled = _mask(cells != "")
        text = cells.where(filled, "")
        fast = text.str.fullmatch(r"[+-]?\d{1,18}")
        slow = filled & ~_mask(fast)
        if slow.any():
            cleaned = text[slow].str.replace(r"[\s\u00a0_']", "", regex=True)
            grouped = cleaned.str.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+|[+-]?\d{1,3}(?:,\d{3})+")
            zero_decimals = cleaned.str.fullmatch(r"[+-]?\d+[.,]0+")
            fixed = cleaned.where(~grouped.fillna(False), cleaned.str.replace(r"[.,]", "", regex=True))
            fixed = fixed.where(~zero_decimals.fillna(False), fixed.str.replace(r"[.,]0+$", "", regex=True))
            text = text.copy()
            text[slow] = fixed
        numbers = pd.to_numeric(text.where(filled, None), errors="coerce")
        invalid = filled & numbers.isna().to_numpy()
        low, high = self.bounds()
        as_float = numbers.to_numpy(dtype=float, na_value=np.nan)
        out_of_range = filled & ~invalid & ((as_float < low) | (as_float > high))
        problems = []
        if invalid.any():
            problems.append(CellProblem(invalid, "not_integer"))
        if out_of_range.any():
            problems.append(CellProblem(out_of_range, "out_of_range", {"min": low, "max": high}))
        ok = filled & ~invalid & ~out_of_range
        values = pd.Series(None, index=cells.index, dtype=object)
        if ok.any():
            values[ok] = text[ok].str.lstrip("+").str.replace(r"^(-?)0+(?=\d)", r"\1", regex=True)
        return Parsed(values, problems)


class Decimal(Column):
    """A decimal number written the Spanish way ("1.234,5") or the English way ("1,234.5").

    A value such as "1.234" or "1,234" could be either; it is accepted when other cells of the
    same column show which separator is the decimal one, and reported as ambiguous otherwise.
    Excel numbers are never ambiguous.
    """

    kind = "decimal"

    def __init__(self, field: str, *, min_value: float | None = None, max_value: float | None = None, **kwargs: Any):
        super().__init__(field, **kwargs)
        self._min, self._max = min_value, max_value

    def parse(self, cells: pd.Series, ctx: RunContext) -> Parsed:
        filled = _mask(cells != "")
        text = cells.where(filled, "").str.replace(r"[\s\u00a0_']", "", regex=True)
        dot_decimal = _mask(text.str.fullmatch(r"[+-]?\d+\.\d+|[+-]?\d{1,3}(?:,\d{3})+\.\d+|[+-]?\d*\.\d+"))
        comma_decimal = _mask(text.str.fullmatch(r"[+-]?\d+,\d+|[+-]?\d{1,3}(?:\.\d{3})+,\d+|[+-]?\d*,\d+"))
        plain = _mask(text.str.fullmatch(r"[+-]?\d+"))
        ambiguous = _mask(text.str.fullmatch(r"[+-]?[1-9]\d{0,2}[.,]\d{3}"))
        grouped_only = _mask(text.str.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3}){2,}|[+-]?\d{1,3}(?:,\d{3}){2,}"))
        # Which separator this column uses, learnt from unambiguous cells and kept for later chunks.
        state = ctx.column_state(self.key)
        if ctx.source_format == "xlsx":
            state.setdefault("decimal", ".")
        unambiguous_dot = dot_decimal & ~ambiguous
        unambiguous_comma = comma_decimal & ~ambiguous
        if "decimal" not in state:
            if unambiguous_comma.any() and not unambiguous_dot.any():
                state["decimal"] = ","
            elif unambiguous_dot.any() and not unambiguous_comma.any():
                state["decimal"] = "."
        convention = state.get("decimal")
        if convention == ".":
            dot_decimal |= ambiguous
            comma_decimal &= ~ambiguous
            ambiguous = np.zeros_like(ambiguous)
        elif convention == ",":
            comma_decimal |= ambiguous
            dot_decimal &= ~ambiguous
            ambiguous = np.zeros_like(ambiguous)
        normal = text.copy()
        if dot_decimal.any():
            normal[dot_decimal] = text[dot_decimal].str.replace(",", "", regex=False)
        if comma_decimal.any():
            normal[comma_decimal] = text[comma_decimal].str.replace(".", "", regex=False).str.replace(",", ".")
        if grouped_only.any():
            normal[grouped_only] = text[grouped_only].str.replace(r"[.,]", "", regex=True)
        recognised = plain | dot_decimal | comma_decimal | grouped_only
        invalid = filled & ~recognised & ~ambiguous
        problems: list[CellProblem] = []
        if ambiguous.any():
            problems.append(CellProblem(ambiguous & filled, "ambiguous_number", detail=_ambiguity))
        if invalid.any():
            problems.append(CellProblem(invalid, "not_decimal"))
        good = filled & recognised & ~ambiguous
        normal = normal.str.replace(r"^\+", "", regex=True)
        # Limits of the model's DecimalField.
        places = getattr(self.model_field, "decimal_places", None)
        digits = getattr(self.model_field, "max_digits", None)
        if places is not None and good.any():
            decimals = normal.str.extract(r"\.(\d+)$")[0].fillna("").str.rstrip("0").str.len().to_numpy()
            too_many = good & (decimals > places)
            if too_many.any():
                problems.append(CellProblem(too_many, "too_many_decimals", {"places": places}))
                good &= ~too_many
            if digits is not None:
                whole = normal.str.extract(r"^-?0*(\d*)")[0].fillna("").str.len().to_numpy()
                too_big = good & (whole > digits - places)
                if too_big.any():
                    problems.append(CellProblem(too_big, "too_many_digits", {"digits": digits - places}))
                    good &= ~too_big
        if (self._min is not None or self._max is not None) and good.any():
            numbers = pd.to_numeric(normal.where(good, None), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
            low = self._min if self._min is not None else -np.inf
            high = self._max if self._max is not None else np.inf
            outside = good & ((numbers < low) | (numbers > high))
            if outside.any():
                problems.append(CellProblem(outside, "out_of_range", {"min": self._min, "max": self._max}))
                good &= ~outside
        values = pd.Series(None, index=cells.index, dtype=object)
        values[good] = normal[good]
        return Parsed(values, problems)


def _ambiguity(value: str) -> dict[str, Any]:
    digits = re.sub(r"[^\d-]", "", value)
    head, _sep, tail = re.sub(r"[^\d,.-]", "", value).replace(",", ".").partition(".")
    return {"thousands": digits, "decimal": f"{head}.{tail}"}


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")
_DATE_SHAPES = r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}/\d{1,2}/\d{1,2}"


class Date(Column):
    """A date in ISO (2024-03-01) or day-first form (01/03/2024, 1-3-2024, 01.03.2024).

    Month-first dates are not accepted: Puente's countries write the day first. A time of
    midnight after the date (from Excel) is ignored.
    """

    kind = "date"

    def __init__(self, field: str, *, min_year: int = 1900, max_year: int = 2100, **kwargs: Any) -> None:
        super().__init__(field, **kwargs)
        self.min_year, self.max_year = min_year, max_year

    def parse(self, cells: pd.Series, ctx: RunContext) -> Parsed:
        filled = _mask(cells != "")
        text = cells.where(filled, "")
        if (text.str.len() > 10).any():  # "2024-03-01 00:00:00" from spreadsheets
            text = text.str.replace(r"[ T]00:00(:00(\.0+)?)?$", "", regex=True)
        dates = pd.Series(pd.NaT, index=cells.index, dtype="datetime64[s]")
        todo = filled.copy()
        for fmt in _DATE_FORMATS:
            if not todo.any():
                break
            parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
            hit = parsed.notna()
            if hit.any():
                dates[hit[hit].index] = parsed[hit]
                todo[np.flatnonzero(todo)[hit.to_numpy()]] = False
        problems: list[CellProblem] = []
        if todo.any():
            shaped = _mask(text.str.fullmatch(_DATE_SHAPES))
            short_year = _mask(text.str.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2}"))
            bad_day = todo & shaped
            two_digit = todo & short_year
            other = todo & ~shaped & ~short_year
            for mask, code in ((bad_day, "bad_day"), (two_digit, "two_digit_year"), (other, "not_date")):
                if mask.any():
                    problems.append(CellProblem(mask, code))
        ok = filled & ~todo
        years = dates.dt.year.to_numpy(dtype=float, na_value=np.nan)
        outside = ok & ((years < self.min_year) | (years > self.max_year))
        if outside.any():
            problems.append(
                CellProblem(outside, "out_of_range", {"min": f"{self.min_year}-01-01", "max": f"{self.max_year}-12-31"})
            )
            ok &= ~outside
        values = pd.Series(None, index=cells.index, dtype=object)
        if ok.any():
            values[ok] = dates[ok].dt.strftime("%Y-%m-%d")
        return Parsed(values, problems)


class DateTime(Column):
    """A date and time; times without a zone are in the deployment's TIME_ZONE."""

    kind = "datetime"
    FORMATS = (
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%d/%m/%Y, %H:%M:%S",
        "%d/%m/%Y, %H:%M",
        "%d/%m/%y, %H:%M:%S",
        "%d/%m/%y, %H:%M",
        "%Y-%m-%d",
        "%d/%m/%Y",
    )

    def __init__(self, field: str, *, formats: Sequence[str] | None = None, **kwargs: Any) -> None:
        super().__init__(field, **kwargs)
        self.formats = tuple(formats or self.FORMATS)

    def parse(self, cells: pd.Series, ctx: RunContext) -> Parsed:
        filled = _mask(cells != "")
        text = cells.where(filled, "")
        moments = pd.Series(pd.NaT, index=cells.index, dtype="datetime64[us]")
        todo = filled.copy()
        for fmt in self.formats:
            if not todo.any():
                break
            parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
            hit = parsed.notna()
            if hit.any():
                moments[hit[hit].index] = parsed[hit]
                todo[np.flatnonzero(todo)[hit.to_numpy()]] = False
        problems = [CellProblem(todo, "not_datetime")] if todo.any() else []
        ok = filled & ~todo
        values = pd.Series(None, index=cells.index, dtype=object)
        if ok.any():
            local = moments[ok].dt.tz_localize(settings.TIME_ZONE, ambiguous="NaT", nonexistent="shift_forward")
            utc = local.dt.tz_convert("UTC")
            if ctx.vendor == "postgresql":
                values[ok] = utc.dt.strftime("%Y-%m-%d %H:%M:%S+00:00")
            else:
                values[ok] = utc.dt.strftime("%Y-%m-%d %H:%M:%S")
        return Parsed(values, problems)


TRUE_WORDS = ("1", "si", "sí", "s", "yes", "y", "true", "verdadero", "v", "oui", "o", "vrai", "x")
FALSE_WORDS = ("0", "no", "n", "false", "falso", "f", "non", "faux")


class Boolean(Column):
    """Yes or no: sí/no, oui/non, yes/no, true/false, verdadero/falso, 1/0, x."""

    kind = "boolean"

    def parse(self, cells: pd.Series, ctx: RunContext) -> Parsed:
        lookup = {search_key(w): "1" for w in TRUE_WORDS} | {search_key(w): "0" for w in FALSE_WORDS}
        return _lookup(cells, lambda v: lookup.get(search_key(v)), "not_boolean", {})


def _lookup(cells: pd.Series, resolve: Callable[[str], str | None], code: str, params: dict[str, Any]) -> Parsed:
    """Map each distinct cell value once (factorize), so a million rows cost a few thousand look-ups."""
    codes, uniques = pd.factorize(cells, sort=False)
    resolved = np.array([resolve(str(v)) if v != "" else None for v in uniques] + [None], dtype=object)
    values = pd.Series(resolved[codes], index=cells.index, dtype=object)
    filled = _mask(cells != "")
    missing = filled & values.isna().to_numpy()
    problems = [CellProblem(missing, code, params)] if missing.any() else []
    return Parsed(values, problems)


class Choice(Column):
    """One of the model field's choices, by value or by label in any language, or an alias.

    ``aliases`` maps a stored value to other spellings: ``{"F": ["Mujer", "Femenino"]}``.
    ``ambiguous`` settles spellings whose meaning depends on the rest of the column:
    ``{"M": ("H", "F")}`` reads "M" as "F" (Mujer) in a column that also uses "H" (Hombre).
    """

    kind = "choice"

    def __init__(
        self,
        field: str,
        *,
        choices: Sequence[tuple[Any, Any]] | None = None,
        aliases: Mapping[str, Iterable[str]] | None = None,
        ambiguous: Mapping[str, tuple[str, str]] | None = None,
        header_aliases: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(field, aliases=header_aliases, **kwargs)
        self._choices = choices
        self.value_aliases = {k: tuple(v) for k, v in (aliases or {}).items()}
        self.ambiguous = dict(ambiguous or {})

    @property
    def choices(self) -> list[tuple[Any, Any]]:
        return list(self._choices if self._choices is not None else self.model_field.choices or ())

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "choices": [str(value) for value, _label in self.choices]}

    def lookup_table(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for value, label in self.choices:
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    table.setdefault(search_key(str(label)), str(value))
        for value, aliases in self.value_aliases.items():
            for alias in aliases:
                table[search_key(alias)] = str(value)
        for value, _label in self.choices:
            if str(value):
                table[search_key(str(value))] = str(value)
        return table

    def parse(self, cells: pd.Series, ctx: RunContext) -> Parsed:
        state = ctx.column_state(self.key)
        if "table" not in state:
            state["table"] = self.lookup_table()
        table = dict(state["table"])
        if self.ambiguous:
            present = {search_key(v) for v in pd.unique(cells)}
            for spelling, (witness, meaning) in self.ambiguous.items():
                flag = f"witness:{spelling}"
                if search_key(witness) in present:
                    state[flag] = True
                if state.get(flag):
                    table[search_key(spelling)] = meaning
        params = {"choices": choices_ref(self.model, self.field)} if self.model else {}
        return _lookup(cells, lambda v: table.get(search_key(v)), "not_choice", params)


_EMAIL = r"[^@\s\"'<>,;]+@[^@\s\"'<>,;]+\.[^@\s\"'<>,;.]{2,}"


class Email(Column):
    kind = "email"

    def parse(self, cells: pd.Series, ctx: RunContext) -> Parsed:
        filled = _mask(cells != "")
        valid = _mask(cells.str.fullmatch(_EMAIL))
        max_length = getattr(self.model_field, "max_length", None) or 254
        too_long = filled & (cells.str.len().to_numpy() > max_length)
        bad = filled & ~valid & ~too_long
        problems = []
        if bad.any():
            problems.append(CellProblem(bad, "not_email"))
        if too_long.any():
            problems.append(CellProblem(too_long, "too_long", {"max": max_length}, detail=lambda v: {"length": len(v)}))
        values = cells.astype(object)
        values = values.where(filled, self.empty_value())
        return Parsed(values, problems)


Scope = str | Callable[[models.QuerySet, Any], models.QuerySet] | None


class ForeignKey(Column):
    """A related record found by its natural key (``by``), within the importing organisation.

    ``scope``: the lookup from the related model to the organisation (``"institution"``), a
    function ``(queryset, organisation) -> queryset``, or None for shared reference data.
    ``same_file``: the value may also be the natural key of a row of the same file (a parent
    in a hierarchy); only for relations to the imported model's primary key.
    Keys are matched exactly, then ignoring case.
    """

    kind = "foreign_key"

    def __init__(
        self,
        field: str,
        *,
        by: str = "code",
        scope: Scope = None,
        same_file: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(field, **kwargs)
        self.by = by
        self.scope = scope
        self.same_file = same_file
        self.dedupe = not same_file

    @property
    def target(self) -> type[models.Model]:
        return self.model_field.related_model

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "target": self.target._meta.label, "by": self.by}

    def queryset(self, organisation: Any) -> models.QuerySet:
        qs = self.target._default_manager.all()
        if self.scope is None:
            return qs
        if organisation is None:
            return qs.none()
        if callable(self.scope):
            return self.scope(qs, organisation)
        return qs.filter(**{self.scope: organisation})

    def index(self, ctx: RunContext) -> tuple[pd.Index, np.ndarray, pd.Index, np.ndarray]:
        state = ctx.column_state(self.key)
        if "index" not in state:
            from django.db import connection

            query = self.queryset(ctx.organisation).order_by().values_list(self.by, "pk").distinct().query
            sql, params = query.sql_with_params()
            with connection.cursor() as cursor:  # rows as tuples, without the ORM's per-row work
                cursor.execute(sql, params)
                pairs = cursor.fetchall()
            keys = [str(k) for k, _pk in pairs]
            ids = np.array([str(pk) for _k, pk in pairs], dtype=object)
            exact = pd.Index(keys)
            if not exact.is_unique:  # a key matching two records identifies neither
                ambiguous = exact.duplicated(keep=False)
                exact, ids = exact[~ambiguous], ids[~ambiguous]
            folded = pd.Index([k.casefold() for k in exact])
            unique_folded = ~folded.duplicated(keep=False)
            state["index"] = (exact, ids, folded[unique_folded], ids[unique_folded])
        return state["index"]

    def parse(self, cells: pd.Series, ctx: RunContext) -> Parsed:
        exact, ids, folded, folded_ids = self.index(ctx)
        codes, uniques = pd.factorize(cells, sort=False)
        uniques_list: list[str] = [str(v) for v in np.asarray(uniques, dtype=object).tolist()]
        position = exact.get_indexer(uniques_list)
        resolved: Any = np.where(position >= 0, ids[np.clip(position, 0, None)] if len(ids) else None, None)
        missing_unique = (position < 0) & np.array([v != "" for v in uniques_list], dtype=bool)
        if missing_unique.any() and len(folded):
            again = folded.get_indexer([v.casefold() for v in uniques_list])
            fill = missing_unique & (again >= 0)
            resolved = np.where(fill, folded_ids[np.clip(again, 0, None)], resolved)
            missing_unique &= ~fill
        resolved = np.append(resolved.astype(object), np.array([None], dtype=object))
        values = pd.Series(resolved[codes], index=cells.index, dtype=object)
        filled = _mask(cells != "")
        missing = filled & values.isna().to_numpy()
        problems: list[CellProblem] = []
        if missing.any():
            if self.same_file:
                ctx.defer_same_file(self, missing)
                values[missing] = cells[missing]
            else:
                params: dict[str, Any] = {"target": model_ref(self.target), "key": field_ref(self.target, self.by)}
                if self.scope is not None and ctx.organisation is not None:
                    params["scope"] = str(ctx.organisation)
                    problems.append(CellProblem(missing, "not_found", params))
                else:
                    problems.append(CellProblem(missing, "not_found_anywhere", params))
        return Parsed(values, problems)
