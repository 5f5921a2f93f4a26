"""Bulk upserts: the only place in Puente with hand-written SQL (STYLE.md: raw SQL lives in lib/).

SQLite: ``INSERT … ON CONFLICT (key) DO UPDATE SET … WHERE <a column changed>`` through
``executemany``, chunk by chunk. PostgreSQL: every chunk is COPied into a temporary table,
then one ``INSERT … SELECT … ON CONFLICT … WHERE … IS DISTINCT FROM …`` moves the rows and
counts created and updated rows on the server. Both run inside the caller's transaction, so a
failure (or a killed process) leaves nothing behind; rows whose values did not change are not
rewritten, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, field

import pandas as pd
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper


@dataclass
class Plan:
    """What to write: the table, its upsert key and which columns to set."""

    table: str
    columns: list[str]  # inserted columns, in the order of the frames passed to write()
    conflict: list[str]  # the unique key
    update: list[str]  # columns set on conflict and compared to detect a change
    touch: list[str] = field(default_factory=list)  # set on change but not compared (auto_now)
    json_merge: set[str] = field(default_factory=set)  # JSON objects merged key by key (translations)
    text_not_null: set[str] = field(default_factory=set)  # text columns where '\N' is text, not NULL
    constants: dict[str, str | None] = field(default_factory=dict)  # same value on every row
    direct_first: bool = True  # PostgreSQL: COPY straight into the table until a key collides


class Writer:
    def __init__(self, plan: Plan, db: BaseDatabaseWrapper | None = None) -> None:
        self.plan = plan
        self.db = db or connection
        self.q = self.db.ops.quote_name
        self.columns = [*plan.columns, *plan.constants]
        self.rows = 0

    def _frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame[self.plan.columns]
        if self.plan.constants:
            frame = frame.assign(**dict(self.plan.constants.items()))
        return frame

    def begin(self) -> None:
        raise NotImplementedError

    def write(self, frame: pd.DataFrame) -> None:
        raise NotImplementedError

    def finish(self) -> tuple[int, int]:
        """(created, updated)."""
        raise NotImplementedError


class SqliteWriter(Writer):
    def begin(self) -> None:
        self.changes = 0
        self.before = self._count()
        q, plan = self.q, self.plan
        table = q(plan.table)
        names = ", ".join(q(c) for c in self.columns)
        marks = ", ".join("?" for _c in self.columns)
        conflict = ", ".join(q(c) for c in plan.conflict)
        sets, changed = [], []
        for column in plan.update:
            if column in plan.json_merge:
                merged = f"json_patch({table}.{q(column)}, excluded.{q(column)})"
                sets.append(f"{q(column)} = {merged}")
                changed.append(f"json({table}.{q(column)}) IS NOT {merged}")
            else:
                sets.append(f"{q(column)} = excluded.{q(column)}")
                changed.append(f"{table}.{q(column)} IS NOT excluded.{q(column)}")
        sets += [f"{q(column)} = excluded.{q(column)}" for column in plan.touch]
        action = f"DO UPDATE SET {', '.join(sets)} WHERE {' OR '.join(changed)}" if changed else "DO NOTHING"
        self.sql = f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT ({conflict}) {action}"  # noqa: S608

    def _count(self) -> int:
        with self.db.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {self.q(self.plan.table)}")  # noqa: S608 — quoted table name
            return int(cursor.fetchone()[0])

    def write(self, frame: pd.DataFrame) -> None:
        frame = self._frame(frame)
        self.rows += len(frame)
        with self.db.cursor() as cursor:
            cursor.executemany(self.sql, frame.itertuples(index=False, name=None))
            self.changes += max(cursor.rowcount, 0)

    def finish(self) -> tuple[int, int]:
        created = self._count() - self.before
        return created, self.changes - created


class PostgresWriter(Writer):
    """COPY, then upsert from a temporary table.

    While no row of the file has collided with an existing key, chunks are COPied straight
    into the table (inside a savepoint), which costs what a raw COPY costs. The first unique
    violation rolls that chunk back and switches to staging: that chunk and the following ones
    go to a temporary table and are upserted at the end. Everything stays in the caller's
    transaction, so all or nothing still holds.
    """

    def begin(self) -> None:
        q = self.q
        self.names = ", ".join(q(c) for c in self.columns)
        force = [q(c) for c in self.columns if c in self.plan.text_not_null]
        self.options = "FORMAT csv, NULL '\\N'" + (f", FORCE_NOT_NULL ({', '.join(force)})" if force else "")
        # Savepoints need a transaction; outside one, always stage.
        self.direct = bool(self.plan.direct_first) and self.db.in_atomic_block
        self.direct_rows = 0
        self.stage = ""

    def _copy(self, table: str, data: str) -> None:
        sql = f"COPY {self.q(table)} ({self.names}) FROM STDIN WITH ({self.options})"
        with self.db.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            copy.write(data)

    def _create_stage(self) -> None:
        self.stage = f"puente_import_{uuid.uuid4().hex[:12]}"
        with self.db.cursor() as cursor:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {self.q(self.stage)} ON COMMIT DROP AS "  # noqa: S608 — quoted identifiers
                f"SELECT {self.names} FROM {self.q(self.plan.table)} WITH NO DATA"
            )

    def write(self, frame: pd.DataFrame) -> None:
        import psycopg
        from django.db import transaction

        frame = self._frame(frame)
        self.rows += len(frame)
        buffer = io.StringIO()
        frame.to_csv(buffer, header=False, index=False, na_rep="\\N", lineterminator="\n")
        data = buffer.getvalue()
        if self.direct:
            savepoint = transaction.savepoint(using=self.db.alias)
            try:
                self._copy(self.plan.table, data)
            except psycopg.errors.UniqueViolation:
                transaction.savepoint_rollback(savepoint, using=self.db.alias)
                self.direct = False
            else:
                transaction.savepoint_commit(savepoint, using=self.db.alias)
                self.direct_rows += len(frame)
                return
        if not self.stage:
            self._create_stage()
        self._copy(self.stage, data)

    def finish(self) -> tuple[int, int]:
        if not self.stage:
            return self.direct_rows, 0
        created, updated = self._upsert()
        return created + self.direct_rows, updated

    def _upsert(self) -> tuple[int, int]:
        q, plan = self.q, self.plan
        names = self.names
        conflict = ", ".join(q(c) for c in plan.conflict)
        sets, old, new = [], [], []
        for column in plan.update:
            if column in plan.json_merge:
                merged = f"target.{q(column)} || EXCLUDED.{q(column)}"
                sets.append(f"{q(column)} = {merged}")
                old.append(f"target.{q(column)}")
                new.append(merged)
            else:
                sets.append(f"{q(column)} = EXCLUDED.{q(column)}")
                old.append(f"target.{q(column)}")
                new.append(f"EXCLUDED.{q(column)}")
        sets += [f"{q(column)} = EXCLUDED.{q(column)}" for column in plan.touch]
        action = "DO NOTHING"
        if old:
            changed = f"({', '.join(old)}, NULL) IS DISTINCT FROM ({', '.join(new)}, NULL)"
            action = f"DO UPDATE SET {', '.join(sets)} WHERE {changed}"
        sql = (
            f"WITH upserted AS (INSERT INTO {q(plan.table)} AS target ({names}) "  # noqa: S608 — quoted identifiers
            f"SELECT {names} FROM {q(self.stage)} ON CONFLICT ({conflict}) {action} "
            "RETURNING (xmax = 0) AS created) "
            "SELECT count(*) FILTER (WHERE created), count(*) FILTER (WHERE NOT created) FROM upserted"
        )
        with self.db.cursor() as cursor:
            cursor.execute(sql)
            created, updated = cursor.fetchone()
            cursor.execute(f"DROP TABLE IF EXISTS {q(self.stage)}")
        return int(created), int(updated)


def make_writer(plan: Plan, db: BaseDatabaseWrapper | None = None) -> Writer:
    db = db or connection
    if db.vendor == "postgresql":
        return PostgresWriter(plan, db)
    if db.vendor == "sqlite":
        return SqliteWriter(plan, db)
    raise NotImplementedError(f"Imports support SQLite and PostgreSQL, not {db.vendor}.")
