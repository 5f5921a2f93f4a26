"""The institutions and programmes synthetic students enrol in.

Students go to the Pacific Alliance institutions of the book, in the programmes of study
(``kind: programme``) that the book names for each of them. The catalogue can be built from
the data file alone (tests, benchmarks: no database) or from the loaded registry (the demo
command: with database ids and campuses).
"""

from __future__ import annotations

from typing import Any

from . import vocabulary as v
from .synthetic import InstitutionInfo, ProgrammeInfo

PACIFIC_ALLIANCE = frozenset({"CL", "CO", "MX", "PE"})
STUDENT_PROGRAMME_KINDS = frozenset({"programme"})


def _student_programmes(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [row for row in data["programmes_of_study"] if row["kind"] in STUDENT_PROGRAMME_KINDS]


def student_institution_codes(data: dict[str, Any]) -> list[str]:
    """AP TVET institutions that offer at least one programme of study, in code order."""
    orgs = {row["code"]: row for row in data["organisations"]}
    codes = {code for row in _student_programmes(data) for code in row["institutions"]}
    return sorted(
        code
        for code in codes
        if orgs[code]["kind"] == "tvet_institution"
        and orgs[code].get("country") in PACIFIC_ALLIANCE
        and not orgs[code].get("group")
    )


def campus_institution_codes(data: dict[str, Any]) -> list[str]:
    """AP TVET institutions that get campuses: every one that is not a group or an umbrella
    (CEDUC UCN, SENA and the CONALEP system have their campuses as organisations already)."""
    parents = {row.get("parent") for row in data["organisations"] if row["kind"] == "tvet_institution"}
    return sorted(
        row["code"]
        for row in data["organisations"]
        if row["kind"] == "tvet_institution"
        and row.get("country") in PACIFIC_ALLIANCE
        and not row.get("group")
        and row["code"] not in parents
    )


def catalogue_from_data(data: dict[str, Any]) -> tuple[list[InstitutionInfo], list[ProgrammeInfo]]:
    """A catalogue with made-up ids (1, 2, …) and no campuses, for use without a database."""
    orgs = {row["code"]: row for row in data["organisations"]}
    inst_codes = student_institution_codes(data)
    ids = {code: i + 1 for i, code in enumerate(inst_codes)}
    institutions = [
        InstitutionInfo(
            id=ids[code],
            code=code,
            country=orgs[code]["country"],
            institution_type=orgs[code].get("type") or "",
        )
        for code in inst_codes
    ]
    programmes = [
        ProgrammeInfo(
            id=1000 + i,
            code=row["code"],
            institution_ids=tuple(ids[c] for c in row["institutions"] if c in ids),
            sector=v.PROGRAMME_SECTOR.get(row["sector_en"]),
            title=row["name_en"],
        )
        for i, row in enumerate(sorted(_student_programmes(data), key=lambda r: r["code"]))
    ]
    return institutions, [p for p in programmes if p.institution_ids]


def catalogue_from_db(data: dict[str, Any]) -> tuple[list[InstitutionInfo], list[ProgrammeInfo]]:
    """The same catalogue with the registry's ids and campuses (run ``load_programme`` first)."""
    from puente.core.models import Campus, Organisation
    from puente.programmes.models import Programme

    inst_codes = student_institution_codes(data)
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=inst_codes)}
    campuses: dict[int, list[int]] = {}
    for campus_id, org_id in (
        Campus.objects.filter(organisation__in=orgs.values()).order_by("pk").values_list("pk", "organisation_id")
    ):
        campuses.setdefault(org_id, []).append(campus_id)
    institutions = [
        InstitutionInfo(
            id=orgs[code].pk,
            code=code,
            country=orgs[code].country_id or "",
            institution_type=orgs[code].institution_type,
            campus_ids=tuple(campuses.get(orgs[code].pk, ())),
        )
        for code in inst_codes
    ]
    ids = {code: org.pk for code, org in orgs.items()}
    rows = {row["code"]: row for row in _student_programmes(data)}
    programmes = []
    for programme in Programme.objects.filter(code__in=rows).select_related("sector").order_by("code"):
        row = rows[programme.code]
        inst_ids = tuple(ids[c] for c in row["institutions"] if c in ids)
        if inst_ids:
            programmes.append(
                ProgrammeInfo(
                    id=programme.pk,
                    code=programme.code,
                    institution_ids=inst_ids,
                    sector=programme.sector.code if programme.sector else None,
                    title=row["name_en"],
                )
            )
    return institutions, programmes
