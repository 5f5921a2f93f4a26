"""Load the EPE-AP programme's facts (``data/programme.yaml``) into the registry.

Every write is an upsert keyed by the data file's codes, and a row is saved only when one of
its fields differs, so loading twice changes nothing. Each record keeps the ``source`` the data
file gives (the book's section), which the pages show.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
import yaml
from django.db import models, transaction

from puente.core.models import (
    Country,
    InstitutionType,
    Organisation,
    OrganisationKind,
    PartnerSide,
    Project,
    ProjectPartner,
    Sector,
    Subdivision,
    Theme,
)
from puente.programmes.models import IscedField, Modality, Programme, ProgrammeKind

from . import vocabulary as v

DATA_DIR = Path(__file__).resolve().parent / "data"
PROGRAMME_YAML = DATA_DIR / "programme.yaml"
COUNTRY_CODES = ("CA", "CL", "CO", "MX", "PE")
PACIFIC_ALLIANCE = frozenset({"CL", "CO", "MX", "PE"})
KIND_MAP = {"company": OrganisationKind.EMPLOYER}
INSTITUTION_TYPES = frozenset(InstitutionType.values)


@dataclass
class LoadReport:
    """How many rows each step created, changed or left alone."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def tally(self, what: str, outcome: str) -> None:
        bucket = self.counts.setdefault(what, {"created": 0, "updated": 0, "unchanged": 0, "deleted": 0})
        bucket[outcome] += 1

    @property
    def changed(self) -> int:
        return sum(c["created"] + c["updated"] + c["deleted"] for c in self.counts.values())

    def lines(self) -> list[str]:
        return [
            f"{what}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
            + (f", {c['deleted']} deleted" if c["deleted"] else "")
            for what, c in self.counts.items()
        ]


@cache
def read_programme_data(path: Path = PROGRAMME_YAML) -> dict[str, Any]:
    """The parsed data file (cached: it is read-only)."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _upsert(
    model: type[models.Model], report: LoadReport, label: str, lookup: dict[str, Any], values: dict[str, Any]
) -> Any:
    """Create the row, or update only the fields that differ; count the outcome."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        report.tally(label, "created")
        return obj
    changed = []
    for name, value in values.items():
        current = getattr(obj, name)
        if isinstance(current, dict) and isinstance(value, dict):
            same = dict(current) == {k: val for k, val in value.items() if val not in (None, "")}
        else:
            same = current == value
        if not same:
            setattr(obj, name, value)
            changed.append(name)
    if changed:
        obj.save(update_fields=changed)
        report.tally(label, "updated")
    else:
        report.tally(label, "unchanged")
    return obj


def _set_m2m(manager: Any, wanted: Iterable[Any]) -> bool:
    wanted_ids = {obj.pk for obj in wanted}
    if set(manager.values_list("pk", flat=True)) == wanted_ids:
        return False
    manager.set(list(wanted_ids))
    return True


def _spanish_subdivision_names() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["es"])
    except OSError:  # pragma: no cover - pycountry always ships Spanish
        return gettext.NullTranslations()


def load_countries(data: dict[str, Any], report: LoadReport) -> dict[str, Country]:
    countries = {}
    for row in data["countries"]:
        code = row["iso_3166_1_alpha2"]
        countries[code] = _upsert(
            Country,
            report,
            "countries",
            {"code": code},
            {"name": dict(row["name"]), "pacific_alliance": code in PACIFIC_ALLIANCE},
        )
    es = _spanish_subdivision_names()
    for code in COUNTRY_CODES:
        for sub in sorted(pycountry.subdivisions.get(country_code=code) or [], key=lambda s: s.code):
            _upsert(
                Subdivision,
                report,
                "subdivisions",
                {"code": sub.code},
                {
                    "country": countries[code],
                    "name": es.gettext(sub.name),
                    "category": v.SUBDIVISION_CATEGORY_ES.get(sub.type, sub.type),
                },
            )
    return countries


def organisation_name(row: dict[str, Any]) -> dict[str, str]:
    """The name as printed in its own language, plus the translations the data file gives."""
    if row.get("name_fr"):
        printed = "en" if row.get("country") == "CA" else "es"
    else:
        printed = v.PRINTED_NAME_LANGUAGE.get(row["code"], "fr")
    name = {printed: row["name"]}
    for language in ("es", "fr", "en"):
        if row.get(f"name_{language}"):
            name[language] = row[f"name_{language}"]
    if "es" not in name and row["code"] in v.SPANISH_NAMES:
        name["es"] = v.SPANISH_NAMES[row["code"]]
    return name


def _organisation_note(row: dict[str, Any]) -> str:
    note = row.get("note") or ""
    kind = row.get("type")
    if kind and kind not in INSTITUTION_TYPES:
        # Types such as "applied research centre" have no InstitutionType; keep them readable.
        note = f"{note}\n({kind})".strip()
    return note


def load_organisations(data: dict[str, Any], report: LoadReport) -> dict[str, Organisation]:
    subdivisions = {s.code: s for s in Subdivision.objects.all()}
    orgs: dict[str, Organisation] = {}
    for row in data["organisations"]:
        values = {
            "name": organisation_name(row),
            "acronym": row.get("acronym") or "",
            "kind": KIND_MAP.get(row["kind"], row["kind"]),
            "institution_type": row["type"] if row.get("type") in INSTITUTION_TYPES else "",
            "country_id": row.get("country"),
            "subdivision": subdivisions.get(row.get("iso_3166_2") or ""),
            "city": row.get("city") or "",
            "is_group": bool(row.get("group")),
            "note": _organisation_note(row),
            "source": row.get("source") or "",
        }
        orgs[row["code"]] = _upsert(Organisation, report, "organisations", {"code": row["code"]}, values)
    # Parents in a second pass: a child may come before its parent in the file.
    for row in data["organisations"]:
        org = orgs[row["code"]]
        parent = orgs[row["parent"]] if row.get("parent") else None
        if org.parent_id != (parent.pk if parent else None):
            org.parent = parent
            org.save(update_fields=["parent"])
            report.tally("organisation parents", "updated")
    return orgs


def load_themes(data: dict[str, Any], report: LoadReport) -> dict[int, Theme]:
    themes = {}
    for row in data["programme"]["themes"]:
        title = {"es": v.THEME_TITLES_ES[row["number"]], "fr": row["title"]["fr"], "en": row["title"]["en"]}
        themes[row["number"]] = _upsert(Theme, report, "themes", {"number": row["number"]}, {"title": title})
    return themes


def load_sectors(report: LoadReport) -> dict[str, Sector]:
    return {
        code: _upsert(Sector, report, "sectors", {"code": code}, {"name": names}) for code, names in v.SECTORS.items()
    }


def project_sector_codes(project: dict[str, Any], programmes: list[dict[str, Any]]) -> list[str]:
    """Sectors named by the project's topics (English or as printed), plus those of the
    programmes it worked on (programmes proper and short courses; staff training says nothing
    about the sector, and a programme the book only names was not the project's work)."""
    codes: set[str] = set()
    for topic in [*(project.get("sectors_topics_en") or []), *(project.get("sectors_topics_fr") or [])]:
        text = topic.lower()
        codes.update(code for word, code in v.PROJECT_TOPIC_SECTORS if word in text)
    for row in programmes:
        worked_on = row["project"] == project["code"] and row.get("status")
        if worked_on and row["kind"] in {"programme", "track", "short_course"}:
            code = v.PROGRAMME_SECTOR.get(row["sector_en"])
            if code:
                codes.add(code)
    return sorted(codes)


def project_partners(project: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(organisation code, side, leader) for the union of the project page and Figure 1."""
    partners: dict[tuple[str, str], bool | None] = {}
    for entry in project.get("canadian_partners") or []:
        partners[(entry["org"], PartnerSide.CANADIAN)] = entry.get("leader")
    for code in project.get("canadian_partners_figure1") or []:
        partners.setdefault((code, PartnerSide.CANADIAN), None)
    for code in [*(project.get("ap_partners") or []), *(project.get("ap_partners_figure1") or [])]:
        partners.setdefault((code, PartnerSide.PACIFIC_ALLIANCE), None)
    return [(org, side, leader) for (org, side), leader in partners.items()]


def load_projects(
    data: dict[str, Any],
    report: LoadReport,
    orgs: dict[str, Organisation],
    themes: dict[int, Theme],
    sectors: dict[str, Sector],
) -> dict[str, Project]:
    projects = {}
    for row in data["projects"]:
        title = {"es": v.PROJECT_TITLES_ES[row["code"]], "fr": row["title"]["fr"], "en": row["title"]["en"]}
        values = {
            "component": row["component"],
            "kind": row["kind"],
            "title": title,
            "objective": {"es": v.PROJECT_OBJECTIVES_ES[row["code"]], "en": row.get("objective_en") or ""},
            "country_id": row.get("country"),
            "topics": list(row.get("sectors_topics_fr") or row.get("sectors_topics_en") or []),
            "source": row["source"],
        }
        project = _upsert(Project, report, "projects", {"code": row["code"]}, values)
        projects[row["code"]] = project
        if _set_m2m(project.themes, [themes[n] for n in row["themes"]]):
            report.tally("project themes", "updated")
        codes = project_sector_codes(row, data["programmes_of_study"])
        if _set_m2m(project.sectors, [sectors[c] for c in codes]):
            report.tally("project sectors", "updated")
        wanted = project_partners(row)
        keep = set()
        for org_code, side, leader in wanted:
            partner = _upsert(
                ProjectPartner,
                report,
                "project partners",
                {"project": project, "organisation": orgs[org_code], "side": side},
                {"leader": leader},
            )
            keep.add(partner.pk)
        stale = project.partners.exclude(pk__in=keep)
        for _partner in stale:
            report.tally("project partners", "deleted")
        stale.delete()
    return projects


def _modality(delivery: str | None) -> str:
    text = (delivery or "").lower()
    if "then in person" in text:
        return Modality.IN_PERSON
    if "asynchronous" in text and ("workshop" in text or "personalised" in text):
        return Modality.BLENDED
    if "online" in text or "virtual" in text or "synchronous" in text:
        return Modality.ONLINE
    return Modality.IN_PERSON


def _programme_note(row: dict[str, Any]) -> str:
    parts = [row.get("note") or "", row.get("hours_note") or ""]
    return "\n".join(p for p in parts if p)


def load_programmes(
    data: dict[str, Any],
    report: LoadReport,
    orgs: dict[str, Organisation],
    projects: dict[str, Project],
    sectors: dict[str, Sector],
) -> dict[str, Programme]:
    fields = {f.code: f for f in IscedField.objects.filter(code__in=set(v.ISCED_FIELD_BY_SECTOR_EN.values()))}
    programmes = {}
    for row in data["programmes_of_study"]:
        sector_code = v.PROGRAMME_SECTOR.get(row["sector_en"])
        credential = row.get("credential_en") or ""
        values = {
            "institution": orgs[row["institutions"][0]],
            "title": {"es": v.PROGRAMME_TITLES_ES[row["code"]], "fr": row["name_fr"], "en": row["name_en"]},
            "kind": ProgrammeKind(row["kind"]),
            "isced_level": v.ISCED_LEVEL_BY_CREDENTIAL.get(credential),
            "isced_field": fields.get(v.ISCED_FIELD_BY_SECTOR_EN.get(row["sector_en"], "")),
            "sector": sectors[sector_code] if sector_code else None,
            "duration_hours": row.get("hours"),
            "modality": _modality(row.get("delivery")),
            "credential": credential,
            "project": projects.get(row.get("project") or ""),
            "status_note": row.get("status") or "",
            "note": _programme_note(row),
            "source": row["source"],
        }
        programme = _upsert(Programme, report, "programmes", {"code": row["code"]}, values)
        programmes[row["code"]] = programme
        if _set_m2m(programme.also_offered_by, [orgs[c] for c in row["institutions"][1:]]):
            report.tally("programme institutions", "updated")
    return programmes


@transaction.atomic
def load_programme(path: Path = PROGRAMME_YAML) -> LoadReport:
    """Upsert the programme's countries, subdivisions, organisations, themes, sectors,
    projects with their partners, and programmes of study. Running it twice changes nothing."""
    data = read_programme_data(path)
    report = LoadReport()
    load_countries(data, report)
    orgs = load_organisations(data, report)
    themes = load_themes(data, report)
    sectors = load_sectors(report)
    projects = load_projects(data, report, orgs, themes, sectors)
    load_programmes(data, report, orgs, projects, sectors)
    return report
