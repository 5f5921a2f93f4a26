"""Import specs: one declarative class per importable table, discovered from each app's ``imports.py``.

::

    from puente.lib import tabular as t

    class StudentImport(t.ImportSpec):
        slug = "students"
        label = _("Students")
        model = Student
        scope_field = "institution"        # set to the importing organisation
        natural_key = ("external_id",)     # with the scope field: the upsert key
        columns = [
            t.Text("external_id", aliases=["matrícula", "student id"]),
            t.Choice("sex", aliases={"F": ["Mujer"], "M": ["Hombre"]}),
            t.Date("birth_date"),
            t.ForeignKey("programme", by="code", scope="institution"),
        ]

Subclasses with a ``slug`` are registered when their module is imported; ``LibConfig.ready``
imports every installed app's ``imports`` module.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import pandas as pd
from django.db import models

from .columns import Column, ForeignKey, Translation, header_key

if TYPE_CHECKING:
    from .engine import RunContext

_registry: dict[str, type[ImportSpec]] = {}


@dataclass
class RowProblem:
    """Rows failing a check across fields, reported on the column ``key``."""

    mask: np.ndarray
    code: str
    key: str
    params: dict[str, Any] | None = None


class ImportSpec:
    """What an importable table looks like and where it goes. Subclass and declare:

    - ``slug`` (URL and command name), ``label``, ``description``;
    - ``model`` and ``columns`` (from :mod:`puente.lib.tabular.columns`);
    - ``natural_key``: model fields that identify a row, for idempotent upserts; together
      with ``scope_field`` they must match a unique constraint of the model;
    - ``scope_field``: the model's foreign key to ``core.Organisation`` that receives the
      importing organisation (None for shared reference data);
    - ``capability``: what the importing user needs in that organisation, besides
      ``IMPORT_DATA``;
    - optionally ``check`` (rules across fields), ``derive`` (computed columns listed in
      ``derived_fields``) and ``messages`` (texts of the codes ``check`` returns).
    """

    slug: ClassVar[str] = ""
    label: ClassVar[Any] = ""
    description: ClassVar[Any] = ""
    model: ClassVar[type[models.Model]]
    columns: ClassVar[list[Column]] = []
    natural_key: ClassVar[tuple[str, ...]] = ()
    scope_field: ClassVar[str | None] = None
    capability: ClassVar[str | None] = None
    derived_fields: ClassVar[tuple[str, ...]] = ()
    messages: ClassVar[dict[str, Any]] = {}
    register: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not getattr(cls, "model", None) or not cls.columns:
            return
        # Each subclass gets its own column objects, bound to its model.
        cls.columns = [_copy_column(column) for column in cls.columns]
        for column in cls.columns:
            column.bind(cls.model)
        if cls.slug and cls.__dict__.get("register", True):
            _registry[cls.slug] = cls

    # ---- declarations read by the engine

    @classmethod
    def column_by_key(cls) -> dict[str, Column]:
        return {column.key: column for column in cls.columns}

    @classmethod
    def key_fields(cls) -> list[str]:
        """Attnames of the upsert key: the scope field, then the natural key."""
        meta = cls.model._meta
        names = ([cls.scope_field] if cls.scope_field else []) + list(cls.natural_key)
        return [_attname(meta, name) for name in names]

    @classmethod
    def header_score(cls, cells: list[str]) -> int:
        """How many cells of a row name one of the columns (to find the header row)."""
        known = {header_key(name) for column in cls.columns for name in column.header_names()}
        return sum(1 for cell in cells if cell and header_key(cell) in known)

    @classmethod
    def describe(cls) -> dict[str, Any]:
        return {
            "slug": cls.slug,
            "label": str(cls.label),
            "description": str(cls.description),
            "natural_key": list(cls.natural_key),
            "columns": [column.describe() for column in cls.columns],
        }

    @classmethod
    def same_file_column(cls) -> ForeignKey | None:
        for column in cls.columns:
            if isinstance(column, ForeignKey) and column.same_file:
                return column
        return None

    @classmethod
    def translation_fields(cls) -> list[str]:
        seen: list[str] = []
        for column in cls.columns:
            if isinstance(column, Translation) and column.field not in seen:
                seen.append(column.field)
        return seen

    # ---- hooks

    def check(self, frame: pd.DataFrame, ctx: RunContext) -> Iterable[RowProblem]:
        """Rules across fields. ``frame`` holds the parsed values by attname (None when empty or invalid)."""
        return ()

    def derive(self, frame: pd.DataFrame, ctx: RunContext) -> pd.DataFrame:
        """Add the ``derived_fields`` (e.g. a search key) to the frame about to be written."""
        return frame


def _attname(meta: Any, name: str) -> str:
    """The database attribute of a concrete field (``programme`` → ``programme_id``)."""
    field: Any = meta.get_field(name)
    return str(field.attname)


def _copy_column(column: Column) -> Column:
    import copy

    return copy.copy(column)


def specs() -> dict[str, type[ImportSpec]]:
    """Every registered spec by slug (after app loading)."""
    return dict(sorted(_registry.items()))


def get_spec(slug: str) -> type[ImportSpec]:
    try:
        return _registry[slug]
    except KeyError:
        raise LookupError(slug) from None


def autodiscover() -> None:
    """Import the ``imports`` module of every installed app (they register their specs)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("imports")


def check_specs(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    """System check: each spec's upsert key is a unique constraint of its model."""
    from django.core.checks import Error

    errors = []
    for slug, spec in _registry.items():
        meta = spec.model._meta
        keys = set(spec.key_fields())
        unique_sets = [{meta.pk.attname}]
        unique_sets += [{f.attname} for f in meta.concrete_fields if f.unique]
        unique_sets += [
            {_attname(meta, name) for name in constraint.fields}
            for constraint in meta.constraints
            if isinstance(constraint, models.UniqueConstraint) and constraint.fields and constraint.condition is None
        ]
        unique_sets += [{_attname(meta, name) for name in together} for together in meta.unique_together]
        if keys not in unique_sets:
            errors.append(
                Error(
                    f"Import spec '{slug}': scope field + natural key {sorted(keys)} is not a unique constraint "
                    f"of {meta.label}.",
                    id="puente.lib.E001",
                )
            )
        known = {c.key for c in spec.columns}
        if len(known) != len(spec.columns):
            errors.append(Error(f"Import spec '{slug}' declares two columns with the same key.", id="puente.lib.E002"))
    return errors
