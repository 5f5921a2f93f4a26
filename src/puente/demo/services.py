"""The demo's workflows: load the EPE-AP programme, the ISCED-F fields, the demo users and the
synthetic people. ``puente demo`` calls :func:`load_demo`; tests call the steps one by one."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from puente.core.audit import record
from puente.core.models import AuditAction, Organisation

from . import people
from .programme import DATA_DIR, LoadReport, load_programme
from .synthetic import AS_OF, SCALES, Scale
from .users import (
    HOME_INSTITUTION,
    PERSONAS,
    SECOND_INSTITUTION,
    create_demo_users,
    ensure_demo_employer,
    link_demo_people,
)

__all__ = ["ISCED_CSV", "DemoResult", "database_is_empty", "load_demo", "load_isced_fields", "load_programme"]

ISCED_CSV = DATA_DIR / "cine-f-2013-es.csv"
Progress = Callable[[str], None]

#: Institutions whose demo staff use the services catalogue (see ``users.py``).
CATALOGUE_INSTITUTIONS = (HOME_INSTITUTION, SECOND_INSTITUTION)


@dataclass
class DemoResult:
    scale: Scale
    seed: int
    programme: LoadReport
    isced: str
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    users: list[tuple[Any, Any]] = field(default_factory=list)
    modules: dict[str, Any] = field(default_factory=dict)


def _quiet(_message: str) -> None:
    return None


def database_is_empty() -> bool:
    """True when no organisation exists yet (``--if-empty`` loads the demo only then)."""
    return not Organisation.objects.exists()


def load_isced_fields(path: Path = ISCED_CSV) -> str:
    """Load ISCED-F 2013 fields through the project's one tabular import (``IscedFieldImport``).

    Returns a one-line summary; says so when the import spec is not available in this build.
    """
    try:
        from puente.lib.tabular import run_import
        from puente.programmes.imports import IscedFieldImport  # type: ignore[import-not-found]
    except ImportError:
        return "ISCED-F 2013 fields: skipped (programmes.imports.IscedFieldImport is not available yet)"
    outcome = run_import(IscedFieldImport, path, write=True, audit_detail="puente demo")
    if not outcome.ok:
        problems = "; ".join(str(p) for p in list(getattr(outcome, "problems", []))[:3])
        raise RuntimeError(f"ISCED-F 2013 import failed: {problems}")
    return f"ISCED-F 2013 fields: {outcome.created} created, {outcome.updated} updated, {outcome.unchanged} unchanged"


def _optional(path: str) -> Callable[..., Any] | None:
    """A function of another module, or None when that module does not offer it (yet)."""
    module_name, _, name = path.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, name, None)


def _load_optional(path: str, key: str, label: str, loaded: dict[str, Any], progress: Progress) -> None:
    """Run another module's demo loader into ``loaded[key]``, or say it is skipped."""
    loader = _optional(path)
    if loader is None:
        progress(f"  {label}: skipped (not available)")
        return
    loaded[key] = loader()
    progress(f"  {label}: {loaded[key]}")


def load_module_content(progress: Progress = _quiet) -> dict[str, Any]:
    """Demo content that other modules own: the illustrative qualifications frameworks and the
    41-service catalogue (B09) of the institutions where the demo staff work. Each is skipped,
    with a message, when the module does not offer it."""
    loaded: dict[str, Any] = {}
    _load_optional("puente.frameworks.services:load_demo", "frameworks", "qualifications frameworks", loaded, progress)
    catalogue = _optional("puente.success.services:load_demo_catalogue") or _optional(
        "puente.success.catalogue:load_demo_catalogue"
    )
    if catalogue is None:
        progress("  services catalogue: skipped (not available)")
    else:
        for institution in Organisation.objects.filter(code__in=CATALOGUE_INSTITUTIONS).order_by("code"):
            loaded[f"services {institution.code}"] = catalogue(institution)
            progress(f"  services catalogue of {institution.code}: {loaded[f'services {institution.code}']} services")
    return loaded


def load_alerts_and_credentials(as_of: date | None = None, progress: Progress = _quiet) -> dict[str, Any]:
    """What turns the synthetic records into a working loop: an early-alert model trained on each
    demo institution's history and the current term scored (so the tutor sees explained alerts),
    cases opened from red scores, and a few credentials issued to graduates (one revoked)."""
    as_of = as_of or AS_OF
    loaded: dict[str, Any] = {}
    train = _optional("puente.success.alerts.services:train_release")
    score = _optional("puente.success.alerts.services:score_institutions")
    open_cases = _optional("puente.success.services:open_cases_from_alerts")
    for institution in Organisation.objects.filter(code__in=CATALOGUE_INSTITUTIONS).order_by("code"):
        if train is None or score is None:
            progress("  early alerts: skipped (not available)")
            break
        try:
            release = train(institution, activate=True, as_of=as_of)
        except ValueError as exc:  # not enough history at this scale
            progress(f"  early alerts of {institution.code}: not trained ({exc})")
            continue
        scored = score(institution.code, on=as_of).get(institution.code, 0)
        cases = open_cases(institution.pk) if open_cases is not None else 0
        loaded[f"alerts {institution.code}"] = {"model": release.model_name, "scored": scored, "cases": cases}
        progress(
            f"  early alerts of {institution.code}: {release.model_name} model, {scored} students scored, {cases} cases opened"
        )
    _load_optional("puente.credentials.services:load_demo", "credentials", "credentials", loaded, progress)
    return loaded


def load_demo(
    scale: str | Scale = "small", seed: int = 42, progress: Progress = _quiet, *, with_alerts: bool = True
) -> DemoResult:
    """Load everything: facts (idempotent), users (idempotent), synthetic people (regenerated
    from ``seed``: the same seed gives the same people), then, unless ``with_alerts`` is off,
    the early-alert models, scores, cases and credentials built on those people."""
    spec = SCALES[scale] if isinstance(scale, str) else scale
    timings: dict[str, float] = {}
    started = time.perf_counter()

    progress("ISCED-F 2013 fields…")
    isced = load_isced_fields()
    progress(f"  {isced}")
    progress("EPE-AP programme (data/programme.yaml)…")
    report = load_programme()
    for line in report.lines():
        progress(f"  {line}")
    timings["facts"] = time.perf_counter() - started

    progress("Other modules' demo content…")
    modules = load_module_content(progress)

    progress("Campuses and demo users…")
    people.ensure_campuses()
    employer = ensure_demo_employer()
    users = create_demo_users()

    progress(f"Synthetic people (scale {spec.name}, seed {seed})…")
    t0 = time.perf_counter()
    removed = people.delete_synthetic_people(progress)
    if removed:
        progress(f"  removed the previous synthetic people ({sum(removed.values())} rows)")
    timings["delete"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    students = people.write_students(spec, seed, progress)
    timings["students"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    jobs = people.write_employers_and_vacancies(spec, seed, [(employer, "mining")])
    timings["employers"] = time.perf_counter() - t0
    links = link_demo_people()
    record(
        AuditAction.UPDATE,
        object_type="success.student",
        detail=f"puente demo: tutor caseload of {links['tutor_students']} students; student user linked",
    )
    if with_alerts:
        progress("Early alerts, cases and credentials…")
        t0 = time.perf_counter()
        modules.update(load_alerts_and_credentials(progress=progress))
        timings["alerts"] = time.perf_counter() - t0
    timings["total"] = time.perf_counter() - started
    return DemoResult(
        scale=spec,
        seed=seed,
        programme=report,
        isced=isced,
        counts={**students.counts, **jobs.counts, "tutor caseload": links["tutor_students"]},
        timings=timings,
        users=users,
        modules=modules,
    )


def persona_roles() -> list[tuple[str, str, str]]:
    """(username, role, organisation code) for the command's summary."""
    return [(p.username, p.role or "admin", p.organisation or "—") for p in PERSONAS]
