"""The import pipeline: read in chunks, validate every row with pandas, upsert all or nothing.

One pass over the file does everything. Each chunk is validated column by column (vectorised);
problems are counted in full and kept up to a cap. While no problem has been found the valid
chunks are written inside one transaction; the first problem stops the writing but not the
validation, so the user gets every error of the file at once, and the transaction is rolled
back. Duplicate natural keys are found from 64-bit hashes of the keys (a few bytes per row),
so a million-row file stays far below 2 GiB.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.utils import timezone

from .columns import CellProblem, Column, ForeignKey, Parsed, Translation
from .errors import WARNING, FileProblem, Problem, field_ref
from .mapping import clean_mapping, propose_mapping
from .reader import DEFAULT_CHUNK_SIZE, Table, open_table
from .spec import ImportSpec, _attname
from .writers import Plan, make_writer

MAX_STORED_ERRORS = 10_000

Progress = Callable[[float, int], None]


@dataclass
class Outcome:
    """What an import found and did. ``errors`` is capped at ``MAX_STORED_ERRORS``; ``error_count`` is not."""

    spec: str
    total_rows: int = 0
    valid_rows: int = 0
    error_count: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False
    committed: bool = False
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)
    format: str = ""
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def add(self, problem: Problem, limit: int = MAX_STORED_ERRORS) -> None:
        if problem.level == WARNING:
            self.warnings.append(problem)
            return
        self.error_count += 1
        if len(self.errors) < limit:
            self.errors.append(problem)


@dataclass
class RunContext:
    """State of one run shared with columns and spec hooks."""

    spec: ImportSpec
    organisation: Any
    user: Any
    vendor: str
    source_format: str = "csv"
    rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    state: dict[str, dict[str, Any]] = field(default_factory=dict)
    deferred: list[tuple[np.ndarray, np.ndarray, np.ndarray, str]] = field(default_factory=list)
    _cells: pd.Series | None = None
    _header: str = ""

    def column_state(self, key: str) -> dict[str, Any]:
        """A dict kept across chunks for one column (lookup tables, conventions learnt)."""
        return self.state.setdefault(key, {})

    def defer_same_file(self, column: ForeignKey, mask: np.ndarray) -> None:
        """Values not found in the database that may be the key of a row of this same file."""
        assert self._cells is not None
        values = self._cells[mask].astype(object)
        self.deferred.append((_hash_keys([values]), self.rows[mask], values.to_numpy(), self._header))


def _hash_keys(columns: list[pd.Series]) -> np.ndarray:
    frame = pd.DataFrame({i: col.astype(object).reset_index(drop=True) for i, col in enumerate(columns)})
    return pd.util.hash_pandas_object(frame, index=False).to_numpy()


def run_import(
    spec_class: type[ImportSpec],
    path: str | Path,
    *,
    organisation: Any = None,
    user: Any = None,
    mapping: dict[str, str] | None = None,
    encoding: str = "auto",
    sheet: str = "",
    write: bool = False,
    dry_run: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: Progress | None = None,
    audit_detail: str = "",
    max_errors: int = MAX_STORED_ERRORS,
) -> Outcome:
    """Validate ``path`` against the spec and, with ``write=True``, upsert it all or nothing.

    ``dry_run`` writes inside the transaction then rolls back, which gives exact created /
    updated / unchanged counts without changing anything. ``mapping`` (``{key: header}``) is
    proposed from the headers when not given.
    """
    spec = spec_class()
    outcome = Outcome(spec=spec_class.slug)
    try:
        table = open_table(
            path, encoding=encoding, sheet=sheet, chunk_size=chunk_size, header_score=spec_class.header_score
        )
    except FileProblem as exc:
        outcome.add(exc.problem)
        return outcome
    outcome.headers = table.headers
    outcome.format, outcome.encoding, outcome.delimiter, outcome.sheet = (
        table.format,
        table.encoding,
        table.delimiter,
        table.sheet,
    )
    mapping = (
        clean_mapping(spec_class, table.headers, mapping)
        if mapping is not None
        else propose_mapping(spec_class, table.headers)
    )
    outcome.mapping = mapping
    positions = _check_header(spec_class, table, mapping, outcome)
    if not outcome.ok:
        return outcome
    ctx = RunContext(
        spec=spec, organisation=organisation, user=user, vendor=connection.vendor, source_format=table.format
    )
    pipeline = _Pipeline(spec_class, spec, ctx, table, positions, outcome, max_errors)
    if write:
        pipeline.plan = _plan(spec_class, positions, organisation)
    with transaction.atomic() if write else nullcontext():
        try:
            pipeline.run(write=write, progress=progress)
        except FileProblem as exc:
            outcome.add(exc.problem)
        if not outcome.ok or outcome.total_rows == 0:
            if outcome.total_rows == 0 and outcome.ok:
                outcome.add(Problem("header_only"))
            if write:
                transaction.set_rollback(True)
            return outcome
        if write:
            created, updated = pipeline.writer.finish()
            outcome.created, outcome.updated = created, updated
            outcome.unchanged = outcome.valid_rows - created - updated
            outcome.written = True
            if dry_run:
                transaction.set_rollback(True)
            else:
                _audit(spec_class, organisation, user, outcome, audit_detail)
                outcome.committed = True
    return outcome


def _audit(spec_class: type[ImportSpec], organisation: Any, user: Any, outcome: Outcome, detail: str) -> None:
    from puente.core.audit import record
    from puente.core.models import AuditAction

    record(
        AuditAction.IMPORT,
        actor=user,
        object_type=spec_class.model._meta.label_lower,
        organisation_id=getattr(organisation, "pk", None),
        detail=(
            f"{spec_class.slug}: {outcome.valid_rows} rows, {outcome.created} created, {outcome.updated} updated, "
            f"{outcome.unchanged} unchanged. {detail}"
        ).strip(),
    )


def _check_header(spec_class: type[ImportSpec], table: Table, mapping: dict[str, str], outcome: Outcome) -> dict:
    """Problems of the header row; returns ``{key: column position}``."""
    headers = table.headers
    first_position: dict[str, int] = {}
    for position, header in enumerate(headers):
        if not header:
            continue
        if header in first_position and header in mapping.values():
            outcome.add(
                Problem(
                    "duplicate_header",
                    column=header,
                    params={"column": header, "first": first_position[header] + 1, "second": position + 1},
                )
            )
        first_position.setdefault(header, position)
    seen: dict[str, str] = {}
    for key, header in mapping.items():
        if header in seen:
            outcome.add(Problem("mapped_twice", column=header, params={"column": header}))
        seen[header] = key
    natural = set(spec_class.natural_key)
    for column in spec_class.columns:
        needed = column.required or (column.field in natural and not isinstance(column, Translation))
        if needed and column.key not in mapping:
            _missing(column, table, outcome)
    translated = {c.field: c for c in reversed(spec_class.columns) if isinstance(c, Translation)}
    for field_name, first in translated.items():
        keys = [c.key for c in spec_class.columns if isinstance(c, Translation) and c.field == field_name]
        if (
            not first.model_field.blank
            and not any(k in mapping for k in keys)
            and not any(spec_class.column_by_key()[k].required for k in keys)
        ):
            _missing(first, table, outcome)
    for header in headers:
        if header and header not in mapping.values():
            outcome.add(Problem("unknown_column", column=header, params={"column": header}, level=WARNING))
    return {key: first_position[header] for key, header in mapping.items() if header in first_position}


def _missing(column: Column, table: Table, outcome: Outcome) -> None:
    names = []
    for name in [str(column.label), *column.aliases[:2]]:
        if name not in names:
            names.append(name)
    examples = ", ".join(f"“{n}”" for n in names)
    if table.format == "xlsx" and len(table.sheets) > 1:
        outcome.add(
            Problem(
                "missing_column_in_sheet",
                params={"field": str(column.label), "examples": examples, "sheet": table.sheet, "sheets": table.sheets},
            )
        )
    else:
        outcome.add(Problem("missing_column", params={"field": str(column.label), "examples": examples}))


def _sql_text(model_field: Any, value: Any, vendor: str) -> str | None:
    """A Python default as the text the writers send (the same spelling the columns produce)."""
    import datetime as dt
    import decimal

    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if model_field.get_internal_type() == "JSONField":
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        value = value.astimezone(dt.UTC)
        return value.strftime("%Y-%m-%d %H:%M:%S.%f") + ("+00:00" if vendor == "postgresql" else "")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float | decimal.Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


def _plan(spec_class: type[ImportSpec], positions: dict[str, int], organisation: Any) -> Plan:
    meta = spec_class.model._meta
    vendor = connection.vendor
    columns = spec_class.column_by_key()
    written: list[str] = []
    for key in positions:
        column = columns[key]
        name = column.model_field.attname
        if name not in written:
            written.append(name)
    for name in spec_class.derived_fields:
        attname = _attname(meta, name)
        if attname not in written:
            written.append(attname)
    key_fields = spec_class.key_fields()
    constants: dict[str, str | None] = {}
    if spec_class.scope_field:
        constants[_attname(meta, spec_class.scope_field)] = str(organisation.pk) if organisation else None
    touch: list[str] = []
    now = timezone.now()
    for model_field in meta.concrete_fields:
        attname = model_field.attname
        if attname in written or attname in constants:
            continue
        if model_field.primary_key and getattr(model_field, "db_returning", False):
            continue  # generated id
        if getattr(model_field, "auto_now", False):
            constants[attname] = _sql_text(model_field, now, vendor)
            touch.append(attname)
        elif getattr(model_field, "auto_now_add", False):
            constants[attname] = _sql_text(model_field, now, vendor)
        else:
            constants[attname] = _sql_text(model_field, model_field.get_default(), vendor)
    text_types = {"CharField", "TextField", "EmailField", "SlugField", "URLField"}
    text_not_null = {f.attname for f in meta.concrete_fields if f.get_internal_type() in text_types and not f.null}
    json_merge = {_attname(meta, name) for name in spec_class.translation_fields()}
    update = [name for name in written if name not in key_fields]
    return Plan(
        table=meta.db_table,
        columns=written,
        conflict=key_fields,
        update=update,
        touch=touch,
        json_merge=json_merge,
        text_not_null=text_not_null,
        constants=constants,
    )


class _Pipeline:
    def __init__(
        self,
        spec_class: type[ImportSpec],
        spec: ImportSpec,
        ctx: RunContext,
        table: Table,
        positions: dict[str, int],
        outcome: Outcome,
        max_errors: int,
    ) -> None:
        self.spec_class = spec_class
        self.spec = spec
        self.ctx = ctx
        self.table = table
        self.positions = positions
        self.outcome = outcome
        self.max_errors = max_errors
        self.columns = [c for c in spec_class.columns if c.key in positions]
        self.headers = {key: table.headers[pos] for key, pos in positions.items()}
        self.plan: Plan | None = None
        self.key_attnames = [_attname(spec_class.model._meta, name) for name in spec_class.natural_key]
        self.key_columns = [
            next((c for c in self.columns if c.attname == attname), None) for attname in self.key_attnames
        ]
        self.hashes: list[np.ndarray] = []
        self.hash_rows: list[np.ndarray] = []
        self.hash_labels: list[np.ndarray] = []

    def run(self, *, write: bool, progress: Progress | None) -> None:
        if write:
            assert self.plan is not None
            self.writer = make_writer(self.plan)
            self.writer.begin()
        for chunk in self.table.chunks():
            frame = self._validate(chunk.frame, chunk.rows)
            if write and self.outcome.ok and frame is not None and len(frame):
                self.writer.write(frame)
            if progress is not None:
                progress(self.table.progress(), self.outcome.total_rows)
        self._check_duplicates()
        self._check_deferred()
        self.outcome.errors.sort(key=lambda p: (p.row or 0, self._column_order(p.column)))

    def _column_order(self, header: str | None) -> int:
        try:
            return self.table.headers.index(header or "")
        except ValueError:
            return -1

    def _add_cells(self, mask: np.ndarray, code: str, key: str, cells: pd.Series | None, params: dict, detail=None):
        rows = self.ctx.rows
        indexes = np.flatnonzero(mask)
        count = len(indexes)
        if not count:
            return
        room = max(0, self.max_errors - len(self.outcome.errors))
        header = self.headers.get(key)
        for i in indexes[:room]:
            value = "" if cells is None else str(cells.iat[i])
            extra = detail(value) if detail else {}
            self.outcome.errors.append(
                Problem(code, row=int(rows[i]), column=header, value=value, params={**params, **extra})
            )
        self.outcome.error_count += count

    def _validate(self, frame: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame | None:
        # Each column is factorised once: cells are stripped per distinct value, and columns
        # with many repeated values (codes, dates, choices) are parsed once per distinct value.
        factorised: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        filled = np.zeros(len(frame), dtype=bool)
        for key, pos in self.positions.items():
            codes, uniques = pd.factorize(frame[pos], sort=False, use_na_sentinel=False)
            values = np.asarray(uniques, dtype=object)
            stripped = np.array(["" if u is None or u != u else str(u).strip() for u in values.tolist()], dtype=object)
            factorised[key] = (codes, stripped)
            filled |= (stripped != "")[codes]
        if not filled.all():
            rows = rows[filled]
            factorised = {key: (codes[filled], stripped) for key, (codes, stripped) in factorised.items()}
        n = len(rows)
        if not n:
            return None
        cells = {key: pd.Series(stripped[codes], dtype=object) for key, (codes, stripped) in factorised.items()}
        ctx = self.ctx
        ctx.rows = rows
        self.outcome.total_rows += n
        bad = np.zeros(n, dtype=bool)
        out: dict[str, pd.Series] = {}
        translations: dict[str, list[tuple[str, pd.Series]]] = {}
        for column in self.columns:
            series = cells[column.key]
            codes, stripped = factorised[column.key]
            empty = (stripped == "")[codes]
            if column.required and empty.any():
                self._add_cells(empty, "required", column.key, series, {})
                bad |= empty
            ctx._cells, ctx._header = series, self.headers[column.key]
            if column.dedupe and 2 * len(stripped) <= n:
                once = column.read(pd.Series(stripped, dtype=object), ctx)
                parsed = Parsed(
                    pd.Series(once.values.to_numpy()[codes], dtype=object),
                    [CellProblem(p.mask[codes], p.code, p.params, p.detail) for p in once.problems],
                )
            else:
                parsed = column.read(series, ctx)
            if empty.any() and not isinstance(column, Translation):
                parsed.values[empty] = column.empty_value()
            for problem in parsed.problems:
                self._add_cells(problem.mask, problem.code, column.key, series, problem.params, problem.detail)
                bad |= problem.mask
            if isinstance(column, Translation):
                translations.setdefault(column.attname, []).append((column.language, parsed.values))
            else:
                out[column.attname] = parsed.values.reset_index(drop=True)
        for attname, languages in translations.items():
            out[attname] = self._merge_translations(attname, languages, cells, bad)
        result = pd.DataFrame(out)
        for row_problem in self.spec.check(result, ctx):
            mask = row_problem.mask & ~bad
            key = row_problem.key
            self._add_cells(mask, row_problem.code, key, cells.get(key), row_problem.params or {})
            bad |= mask
        self.outcome.valid_rows += int((~bad).sum())
        self._remember_keys(result, cells)
        if not self.outcome.ok:
            return None
        return self.spec.derive(result, ctx)

    def _merge_translations(
        self, attname: str, languages: list[tuple[str, pd.Series]], cells: dict[str, pd.Series], bad: np.ndarray
    ) -> pd.Series:
        arrays = [(code, values.to_numpy()) for code, values in languages]
        merged = []
        for i in range(len(self.ctx.rows)):
            texts = {code: array[i] for code, array in arrays if array[i] is not None}
            merged.append(json.dumps(texts, ensure_ascii=False))
        series = pd.Series(merged, dtype=object)
        model_field: Any = self.spec_class.model._meta.get_field(attname.removesuffix("_id"))
        if not model_field.blank:
            empty = (series == "{}").to_numpy() & ~bad
            if empty.any():
                first = next(c for c in self.columns if isinstance(c, Translation) and c.attname == attname)
                self._add_cells(empty, "required", first.key, cells[first.key], {})
                bad |= empty
        return series

    def _remember_keys(self, result: pd.DataFrame, cells: dict[str, pd.Series]) -> None:
        if not self.key_attnames or any(a not in result for a in self.key_attnames):
            return
        keys = [result[a] for a in self.key_attnames]
        complete = np.ones(len(result), dtype=bool)
        for key in keys:
            complete &= key.notna().to_numpy() & (key.astype(object) != "").to_numpy()
        if not complete.any():
            return
        self.hashes.append(_hash_keys([k[complete] for k in keys]))
        self.hash_rows.append(self.ctx.rows[complete])
        labels = [cells[c.key][complete].astype(object) for c in self.key_columns if c is not None]
        if labels:
            text = labels[0]
            for more in labels[1:]:
                text = text + " / " + more
            self.hash_labels.append(text.to_numpy())
        else:
            self.hash_labels.append(np.full(int(complete.sum()), "", dtype=object))

    def _check_duplicates(self) -> None:
        if not self.hashes:
            return
        hashes = np.concatenate(self.hashes)
        rows = np.concatenate(self.hash_rows)
        order = np.argsort(hashes, kind="stable")
        ordered = hashes[order]
        same = np.zeros(len(ordered), dtype=bool)
        same[1:] = ordered[1:] == ordered[:-1]
        if not same.any():
            return
        labels = np.concatenate(self.hash_labels)
        starts = np.where(~same, np.arange(len(ordered)), 0)
        group_start = np.maximum.accumulate(starts)
        first_column = next((c for c in self.key_columns if c is not None), None)
        header = self.headers.get(first_column.key) if first_column else None
        model = self.spec_class.model
        key_param: Any = (
            field_ref(model, self.spec_class.natural_key[0])
            if len(self.spec_class.natural_key) == 1
            else " + ".join(
                str(getattr(model._meta.get_field(n), "verbose_name", n)) for n in self.spec_class.natural_key
            )
        )
        room = max(0, self.max_errors - len(self.outcome.errors))
        positions = np.flatnonzero(same)
        for position in positions[:room]:
            index, first = order[position], order[group_start[position]]
            self.outcome.errors.append(
                Problem(
                    "duplicate_key",
                    row=int(rows[index]),
                    column=header,
                    value=str(labels[index]),
                    params={"key": key_param, "other": int(rows[first])},
                )
            )
        self.outcome.error_count += len(positions)
        self.outcome.valid_rows -= len(positions)

    def _check_deferred(self) -> None:
        column = self.spec_class.same_file_column()
        if not self.ctx.deferred or column is None:
            return
        known = np.concatenate(self.hashes) if self.hashes else np.zeros(0, dtype=np.uint64)
        for hashes, rows, values, header in self.ctx.deferred:
            missing = ~np.isin(hashes, known)
            room = max(0, self.max_errors - len(self.outcome.errors))
            params = {"target": {"_model": column.target._meta.label}, "key": field_ref(column.target, column.by)}
            for i in np.flatnonzero(missing)[:room]:
                self.outcome.errors.append(
                    Problem(
                        "not_in_file_or_db",
                        row=int(rows[i]),
                        column=header,
                        value=str(values[i]),
                        params={**params, "value": str(values[i])},
                    )
                )
            self.outcome.error_count += int(missing.sum())
            self.outcome.valid_rows -= int(missing.sum())
