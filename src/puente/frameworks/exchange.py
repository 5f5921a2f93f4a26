"""The JSON exchange format of frameworks, referencing, qualifications and correlations.

One document, lossless: ``export_document()`` then ``import_document()`` into another database
then ``export_document()`` again gives the same document. Imports are all-or-nothing (one
transaction) and idempotent (natural keys: framework code + version, level number, country +
national code). ESCO concepts are referenced by URI and must be imported first (CSV import).
The demo content (``demo_data/*.json``) is written in this format.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from puente.core.models import Country, Organisation

from . import services
from .models import (
    Correlation,
    Descriptor,
    Domain,
    Framework,
    FrameworkKind,
    FrameworkStatus,
    Level,
    LevelReference,
    Qualification,
    ReferencingReport,
    ReportStatus,
)
from .referencing import Row

FORMAT = "puente-qualifications"
FORMAT_VERSION = 1


def _fw_key(fw: Framework) -> dict[str, str]:
    return {"framework": fw.code, "version": fw.version}


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def export_framework(fw: Framework) -> dict[str, Any]:
    domains = list(fw.domains.all())
    levels = []
    for level in fw.levels.prefetch_related("descriptors__domain"):
        levels.append(
            {
                "number": level.number,
                "title": dict(level.title),
                "isced_levels": list(level.isced_levels),
                "descriptors": {d.domain.code: dict(d.text) for d in level.descriptors.all()},
            }
        )
    return {
        "code": fw.code,
        "version": fw.version,
        "kind": fw.kind,
        "country": fw.country_id,
        "name": dict(fw.name),
        "acronym": fw.acronym,
        "owner": fw.owner.code if fw.owner else None,
        "status": fw.status,
        "approved_on": _date(fw.approved_on),
        "supersedes": _fw_key(fw.supersedes) if fw.supersedes else None,
        "description": dict(fw.description),
        "illustrative": fw.illustrative,
        "source": fw.source,
        "domains": [
            {"code": d.code, "name": dict(d.name), "regional_domain": d.regional_domain, "order": d.order}
            for d in domains
        ],
        "levels": levels,
    }


def export_qualification(q: Qualification) -> dict[str, Any]:
    level = q.level
    return {
        "country": q.country_id,
        "code": q.code,
        "kind": q.kind,
        "title": dict(q.title),
        "description": dict(q.description),
        "awarding_body": q.awarding_body.code if q.awarding_body else None,
        "framework": level.framework.code if level else None,
        "framework_version": level.framework.version if level else None,
        "level": level.number if level else None,
        "isced_field": q.isced_field_id,
        "isced_level": q.isced_level,
        "sector": q.sector.code if q.sector else None,
        "occupations": sorted(o.uri for o in q.occupations.all()),
        "isco_codes": list(q.isco_codes),
        "volume_hours": q.volume_hours,
        "volume_credits": str(q.volume_credits) if q.volume_credits is not None else None,
        "credit_system": q.credit_system,
        "pathways": q.pathways,
        "valid_from": _date(q.valid_from),
        "valid_until": _date(q.valid_until),
        "status": q.status,
        "programmes": sorted(p.code for p in q.programmes.all()),
        "outcomes": [
            {"domain": o.domain, "text": dict(o.text), "skills": sorted(s.uri for s in o.skills.all())}
            for o in q.outcomes.all()
        ],
        "illustrative": q.illustrative,
        "source": q.source,
    }


def export_document(*, frameworks: Any = None, qualifications: Any = None, correlations: bool = True) -> dict[str, Any]:
    """Everything (or the given frameworks/qualifications) as one JSON-ready document."""
    fws = list(
        (frameworks if frameworks is not None else Framework.objects.all())
        .select_related("owner", "supersedes")
        .prefetch_related("domains")
        .order_by("kind", "code", "version")
    )
    fw_ids = {fw.pk for fw in fws}
    refs = (
        LevelReference.objects.filter(source__framework_id__in=fw_ids)
        .select_related("source__framework", "target__framework")
        .order_by("source__framework__code", "source__framework__version", "source__number", "target__number")
    )
    reports = ReferencingReport.objects.filter(framework_id__in=fw_ids).select_related("framework", "target", "author")
    quals = list(
        (qualifications if qualifications is not None else Qualification.objects.all())
        .select_related("level__framework", "awarding_body", "sector")
        .prefetch_related("occupations", "programmes", "outcomes__skills")
        .order_by("country_id", "code")
    )
    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "frameworks": [export_framework(fw) for fw in fws],
        "references": [
            {
                "source": {**_fw_key(r.source.framework), "level": r.source.number},
                "target": {**_fw_key(r.target.framework), "level": r.target.number},
                "match": r.match,
                "rationale": dict(r.rationale),
            }
            for r in refs
        ],
        "referencing_reports": [
            {
                "source": _fw_key(r.framework),
                "target": _fw_key(r.target),
                "status": r.status,
                "summary": dict(r.summary),
                "criteria": r.criteria,
                "published_on": _date(r.published_on),
            }
            for r in reports.order_by("framework__code", "target__code")
        ],
        "qualifications": [export_qualification(q) for q in quals],
    }
    if correlations:
        ids = {q.pk for q in quals}
        doc["correlations"] = [
            {
                "source": c.source.identifier,
                "target": c.target.identifier,
                "decision": c.decision,
                "gaps": dict(c.gaps),
                "compensatory_measures": dict(c.compensatory_measures),
                "rationale": dict(c.rationale),
                "decided_by": c.decided_by_label,
                "decided_at": c.decided_at.isoformat(),
                "evidence": c.evidence,
            }
            for c in Correlation.objects.filter(source_id__in=ids, target_id__in=ids)
            .select_related("source", "target")
            .order_by("source__country_id", "source__code", "target__country_id", "target__code")
        ]
    return doc


def _framework(key: dict[str, Any]) -> Framework:
    return services.framework_by_code(key["framework"], key.get("version"))


@transaction.atomic
def import_document(doc: dict[str, Any]) -> dict[str, int]:
    """Create or update everything in ``doc``; nothing is saved if any part is wrong."""
    if doc.get("format") != FORMAT:
        raise ValidationError(_("This file is not a Puente qualifications document."))
    counts = {"frameworks": 0, "references": 0, "qualifications": 0, "correlations": 0}
    errors: list[str] = []
    for item in doc.get("frameworks", []):
        try:
            _import_framework(item)
            counts["frameworks"] += 1
        except ValidationError as exc:
            errors += [f"{item.get('code')}: {m}" for m in exc.messages]
    if errors:
        raise ValidationError(errors)
    groups: dict[tuple[str, str, str, str], list[tuple[int, int, str, dict]]] = {}
    for ref in doc.get("references", []):
        s, t = ref["source"], ref["target"]
        key = (s["framework"], s.get("version", ""), t["framework"], t.get("version", ""))
        groups.setdefault(key, []).append((int(s["level"]), int(t["level"]), ref["match"], ref.get("rationale") or {}))
    for (sc, sv, tc, tv), rows in groups.items():
        try:
            source_fw = services.framework_by_code(sc, sv or None)
            target_fw = services.framework_by_code(tc, tv or None)
            services.reference_levels(source_fw, target_fw, [Row(*r[:3]) for r in rows], replace=True)
            for s_num, t_num, _m, rationale in rows:
                LevelReference.objects.filter(
                    source__framework=source_fw,
                    source__number=s_num,
                    target__framework=target_fw,
                    target__number=t_num,
                ).update(rationale=rationale)
            counts["references"] += len(rows)
        except ValidationError as exc:
            errors += [f"{sc} → {tc}: {m}" for m in exc.messages]
    for rep in doc.get("referencing_reports", []):
        try:
            ReferencingReport.objects.update_or_create(
                framework=_framework(rep["source"]),
                target=_framework(rep["target"]),
                defaults={
                    "status": rep.get("status") or ReportStatus.DRAFT,
                    "summary": rep.get("summary") or {},
                    "criteria": rep.get("criteria") or {},
                    "published_on": rep.get("published_on") or None,
                },
            )
        except ValidationError as exc:
            errors += exc.messages
    for item in doc.get("qualifications", []):
        try:
            services.register_qualification(item)
            counts["qualifications"] += 1
        except ValidationError as exc:
            label = f"{item.get('country')}:{item.get('code')}"
            errors += [f"{label}: {m}" for m in _messages(exc)]
    if errors:
        raise ValidationError(errors)
    services.refresh_regional_levels()
    users = get_user_model()
    for item in doc.get("correlations", []):
        try:
            source = services.qualification_by_identifier(item["source"])
            target = services.qualification_by_identifier(item["target"])
        except Qualification.DoesNotExist:
            errors.append(
                _("Unknown qualification in a correlation: %(pair)s.")
                % {"pair": f"{item['source']} / {item['target']}"}
            )
            continue
        gaps = item.get("gaps") or {}
        problems = services.check_decision(source, target, item.get("decision", ""), gaps)
        if problems:
            errors += problems
            continue
        author = users.objects.filter(username=item.get("decided_by") or "").first()
        Correlation.objects.update_or_create(
            source=source,
            target=target,
            defaults={
                "decision": item["decision"],
                "gaps": gaps,
                "compensatory_measures": item.get("compensatory_measures") or {},
                "rationale": item.get("rationale") or {},
                "evidence": item.get("evidence") or {},
                "decided_by": author,
                "decided_by_label": item.get("decided_by") or "",
                "decided_at": dt.datetime.fromisoformat(item["decided_at"]),
            },
        )
        counts["correlations"] += 1
    if errors:
        raise ValidationError(errors)
    return counts


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{field}: {m}" for field, msgs in exc.message_dict.items() for m in msgs]
    return exc.messages


def _import_framework(item: dict[str, Any]) -> Framework:
    errors: list[str] = []
    kind = str(item.get("kind") or "")
    if kind not in FrameworkKind.values:
        errors.append(_("Unknown framework kind: %(kind)s.") % {"kind": kind})
    country = None
    if item.get("country"):
        country = Country.objects.filter(code=item["country"]).first()
        if country is None:
            errors.append(_("Unknown country: %(code)s.") % {"code": item["country"]})
    if kind == FrameworkKind.REGIONAL and country is not None:
        errors.append(_("A regional framework has no country."))
    if kind == FrameworkKind.NATIONAL and country is None:
        errors.append(_("A national framework needs its country."))
    owner = None
    if item.get("owner"):
        owner = Organisation.objects.filter(code=item["owner"]).first()
        if owner is None:
            errors.append(_("Unknown organisation: %(code)s.") % {"code": item["owner"]})
    status = item.get("status") or FrameworkStatus.DRAFT
    if status not in FrameworkStatus.values:
        errors.append(_("Unknown status: %(status)s.") % {"status": status})
    supersedes = None
    if item.get("supersedes"):
        try:
            supersedes = _framework(item["supersedes"])
        except ValidationError as exc:
            errors += exc.messages
    numbers = [lvl.get("number") for lvl in item.get("levels", [])]
    if len(numbers) != len(set(numbers)):
        errors.append(_("A level number appears twice."))
    domain_codes = {d["code"] for d in item.get("domains", [])}
    for lvl in item.get("levels", []):
        unknown = set(lvl.get("descriptors", {})) - domain_codes
        if unknown:
            errors.append(
                _("Level %(level)s has descriptors for unknown domains: %(domains)s.")
                % {"level": lvl.get("number"), "domains": ", ".join(sorted(unknown))}
            )
    if errors:
        raise ValidationError(errors)
    fw, _created = Framework.objects.update_or_create(
        code=item["code"],
        version=str(item.get("version") or "1"),
        defaults={
            "kind": kind,
            "country": country,
            "name": item.get("name") or {},
            "acronym": item.get("acronym") or "",
            "owner": owner,
            "status": status,
            "approved_on": item.get("approved_on") or None,
            "supersedes": supersedes,
            "description": item.get("description") or {},
            "illustrative": bool(item.get("illustrative")),
            "source": item.get("source") or "",
        },
    )
    domains = {}
    for d in item.get("domains", []):
        domains[d["code"]], _c = Domain.objects.update_or_create(
            framework=fw,
            code=d["code"],
            defaults={
                "name": d.get("name") or {},
                "regional_domain": d.get("regional_domain") or "",
                "order": d.get("order", 0),
            },
        )
    fw.domains.exclude(code__in=list(domains)).delete()
    for lvl in item.get("levels", []):
        level, _c = Level.objects.update_or_create(
            framework=fw,
            number=int(lvl["number"]),
            defaults={"title": lvl.get("title") or {}, "isced_levels": lvl.get("isced_levels") or []},
        )
        for code, text in (lvl.get("descriptors") or {}).items():
            Descriptor.objects.update_or_create(level=level, domain=domains[code], defaults={"text": text})
    return fw


# --- CSV, in the columns of the import specs ------------------------------------------------

CSV_TABLES = ["frameworks", "framework-domains", "framework-levels", "framework-descriptors", "qualifications"]


def _cell(column: Any, obj: Any) -> Any:
    from puente.lib import tabular as t

    if isinstance(column, t.Translation):
        return getattr(obj, column.field).get(column.language, "")
    value = getattr(obj, column.field)
    if isinstance(column, t.ForeignKey):
        return getattr(value, column.by) if value is not None else ""
    if isinstance(column, t.Boolean):
        return "yes" if value else "no"
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_table(slug: str, queryset: Any = None) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of one table, in the columns its import spec reads (lossless for those columns)."""
    from puente.lib.tabular import get_spec

    spec = get_spec(slug)
    model = spec.model
    qs = queryset if queryset is not None else model._default_manager.all()
    related = [c.field for c in spec.columns if c.kind == "foreign_key"]
    qs = qs.select_related(*related).order_by("pk")
    header = [column.key for column in spec.columns]
    rows = [[_cell(column, obj) for column in spec.columns] for obj in qs]
    return header, rows
