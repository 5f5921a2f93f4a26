"""Workflows of the qualifications module: frameworks, referencing, registering qualifications,
ESCO releases, suggestions, expert decisions and correlation reports.

Every function that writes runs in one transaction and raises a translated
:class:`~django.core.exceptions.ValidationError` before saving anything when its input is wrong.
Other apps use this module (and :mod:`.models`) only; e.g. the verifiable-credentials app reads a
qualification with :func:`qualification_by_identifier` and its alignments with
:func:`alignments_of`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from puente.core.models import Country, Organisation, Sector
from puente.core.roles import Role
from puente.core.scoping import AnyUser, acting_user, scope_for
from puente.lib.translated import TranslatedText, as_translated

from . import referencing
from .models import (
    Correlation,
    Decision,
    DescriptorDomain,
    EscoConcept,
    EscoKind,
    EscoLabel,
    EscoRelease,
    Framework,
    FrameworkKind,
    FrameworkStatus,
    Level,
    LevelReference,
    MatchType,
    Qualification,
    QualificationKind,
    QualificationStatus,
)
from .text import match_stems

# --- Who may do what ------------------------------------------------------------------------
# The core roles have no capability for "decide equivalences" yet; the regional body analysts
# and administrators are the experts the A07.2 process names. See docs/qualifications.md.


def can_decide(user: AnyUser | None) -> bool:
    """Regional analysts and administrators decide equivalences and maintain the regional framework."""
    scope = scope_for(user)
    return scope.is_admin or Role.REGIONAL_ANALYST in scope.all_roles()


def can_register(user: AnyUser | None, country_code: str | None) -> bool:
    """Registrars: administrators, regional analysts, and ministry analysts of the country."""
    if can_decide(user):
        return True
    scope = scope_for(user)
    return any(
        Role.MINISTRY_ANALYST in roles and scope.countries.get(org) == country_code
        for org, roles in scope.roles.items()
    )


def registrable_countries(user: AnyUser | None) -> list[str]:
    """Codes of the countries whose qualifications ``user`` may register (see :func:`can_register`)."""
    if can_decide(user):
        national = Q(frameworks__kind__in=[FrameworkKind.NATIONAL, FrameworkKind.SECTORAL])
        return list(
            Country.objects.filter(Q(pacific_alliance=True) | national)
            .order_by("code")
            .values_list("code", flat=True)
            .distinct()
        )
    scope = scope_for(user)
    return sorted(
        {
            code
            for org, roles in scope.roles.items()
            if Role.MINISTRY_ANALYST in roles and (code := scope.countries.get(org))
        }
    )


def author_of(user: AnyUser | None) -> User | None:
    """The user to record as the author of a decision or a referencing (None for anonymous or
    system work, e.g. an import)."""
    return acting_user(user) if isinstance(user, User) else None


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Only regional analysts and administrators may do this."))


# --- Frameworks -----------------------------------------------------------------------------


def framework_by_code(code: str, version: str | None = None) -> Framework:
    """The given version, else the approved one, else the latest draft."""
    qs = Framework.objects.filter(code=code)
    if version:
        found = qs.filter(version=version).first()
    else:
        found = (
            qs.filter(status=FrameworkStatus.APPROVED).order_by("-id").first()
            or qs.exclude(status=FrameworkStatus.SUPERSEDED).order_by("-id").first()
            or qs.order_by("-id").first()
        )
    if found is None:
        raise ValidationError(_("Unknown framework: %(code)s.") % {"code": f"{code} {version or ''}".strip()})
    return found


def frameworks_published() -> QuerySet[Framework]:
    return Framework.objects.exclude(status=FrameworkStatus.DRAFT).select_related("country", "owner")


@transaction.atomic
def approve_framework(framework: Framework, *, user: AnyUser | None = None, on: dt.date | None = None) -> Framework:
    """Approve a version; the version it supersedes becomes ``superseded``."""
    if user is not None:
        _require(can_decide(user) or can_register(user, framework.country_id))
    if not framework.levels.exists():
        raise ValidationError(_("A framework needs at least one level before it is approved."))
    framework.status = FrameworkStatus.APPROVED
    framework.approved_on = on or timezone.localdate()
    framework.save(update_fields=["status", "approved_on", "updated_at"])
    Framework.objects.filter(code=framework.code, status=FrameworkStatus.APPROVED).exclude(pk=framework.pk).update(
        status=FrameworkStatus.SUPERSEDED
    )
    if framework.supersedes_id:
        Framework.objects.filter(pk=framework.supersedes_id).update(status=FrameworkStatus.SUPERSEDED)
    return framework


# --- Referencing ----------------------------------------------------------------------------


def _framework_edges(exclude: tuple[int, int] | None = None) -> dict[int, set[int]]:
    edges: dict[int, set[int]] = {}
    pairs = LevelReference.objects.values_list("source__framework_id", "target__framework_id").distinct()
    for src, dst in pairs:
        if exclude and (src, dst) == exclude:
            continue
        edges.setdefault(src, set()).add(dst)
    return edges


def check_referencing(source: Framework, target: Framework, rows: Sequence[referencing.Row]) -> list[str]:
    """Every reason why this referencing table cannot be saved (empty when it can)."""
    errors: list[str] = []
    if source.pk == target.pk:
        return [_("A framework cannot be referenced to itself.")]
    if source.country_id and source.country_id == target.country_id:
        errors.append(
            _(
                "%(source)s and %(target)s belong to the same country: reference a national framework to the regional one."
            )
            % {"source": source, "target": target}
        )
    if not source.country_id and not target.country_id:
        errors.append(_("Two regional frameworks cannot be referenced to each other here."))
    if referencing.reaches(_framework_edges(exclude=(source.pk, target.pk)), target.pk, source.pk):
        errors.append(
            _(
                "Circular referencing: %(target)s is already referenced to %(source)s, directly or through another framework."
            )
            % {"source": source, "target": target}
        )
    errors += referencing.check_references(
        rows,
        source_levels=set(source.levels.values_list("number", flat=True)),
        target_levels=set(target.levels.values_list("number", flat=True)),
        source_label=str(source),
        target_label=str(target),
    )
    for row in rows:
        if row.match not in MatchType.values:
            errors.append(_("Unknown match type: %(match)s.") % {"match": row.match})
    return errors


@transaction.atomic
def reference_levels(
    source: Framework,
    target: Framework,
    rows: Iterable[referencing.Row | tuple[int, int, str] | tuple[int, int, str, dict | str]],
    *,
    user: AnyUser | None = None,
    replace: bool = True,
) -> list[LevelReference]:
    """Save the referencing table of ``source`` to ``target`` (many-to-many, with match types).

    With ``replace`` the previous table between the two frameworks is replaced. Nothing is saved
    when any row is wrong; the error lists every problem found.
    """
    if user is not None:
        _require(can_decide(user))
    parsed: list[referencing.Row] = []
    rationales: dict[tuple[int, int], Any] = {}
    for row in rows:
        if isinstance(row, referencing.Row):
            parsed.append(row)
            continue
        source_number, target_number, match, *rationale = row
        parsed.append(referencing.Row(int(source_number), int(target_number), str(match)))
        if rationale:
            rationales[(int(source_number), int(target_number))] = rationale[0]
    existing: list[referencing.Row] = []
    if not replace:
        existing = [
            referencing.Row(s, t, m)
            for s, t, m in LevelReference.objects.filter(
                source__framework=source, target__framework=target
            ).values_list("source__number", "target__number", "match")
        ]
    errors = check_referencing(source, target, [*existing, *parsed])
    if errors:
        raise ValidationError(errors)
    if replace:
        LevelReference.objects.filter(source__framework=source, target__framework=target).delete()
    src_levels = {lvl.number: lvl for lvl in source.levels.all()}
    dst_levels = {lvl.number: lvl for lvl in target.levels.all()}
    created = []
    for row in parsed:
        ref, _created = LevelReference.objects.update_or_create(
            source=src_levels[row.source],
            target=dst_levels[row.target],
            defaults={
                "match": row.match,
                "rationale": rationales.get((row.source, row.target), {}),
                "created_by": author_of(user),
            },
        )
        created.append(ref)
    refresh_regional_levels(source)
    return created


def regional_references(level: Level) -> list[LevelReference]:
    """The references of a national level to regional levels (approved frameworks first)."""
    refs = [
        ref
        for ref in level.references.select_related("target__framework")
        if ref.target.framework.kind == FrameworkKind.REGIONAL
        and ref.target.framework.status != FrameworkStatus.SUPERSEDED
    ]
    return sorted(refs, key=lambda r: (referencing.MATCH_PRIORITY.get(r.match, 9), r.target.number))


def refresh_regional_levels(framework: Framework | None = None) -> int:
    """Recompute ``Qualification.regional_level`` from the referencing tables (one framework or all)."""
    levels = Level.objects.select_related("framework")
    if framework is not None:
        levels = levels.filter(framework=framework)
    derived: dict[int, int | None] = {}
    refs: dict[int, list[tuple[int, str]]] = {}
    for src_id, number, match in (
        LevelReference.objects.filter(target__framework__kind=FrameworkKind.REGIONAL)
        .exclude(target__framework__status=FrameworkStatus.SUPERSEDED)
        .values_list("source_id", "target__number", "match")
    ):
        refs.setdefault(src_id, []).append((number, match))
    for level in levels:
        if level.framework.kind == FrameworkKind.REGIONAL:
            derived[level.pk] = level.number
        else:
            derived[level.pk] = referencing.best_regional_level(refs.get(level.pk, []))
    changed = 0
    for level_id, value in derived.items():
        changed += (
            Qualification.objects.filter(level_id=level_id).exclude(regional_level=value).update(regional_level=value)
        )
    _invalidate_indexes()
    return changed


# --- ESCO -----------------------------------------------------------------------------------


@transaction.atomic
def record_esco_release(version: str, language: str = "es", *, released_on: dt.date | None = None) -> EscoRelease:
    """Record the ESCO concepts as they are now (after a CSV import of the Commission's files)
    as release ``version``: each concept's labels are kept for that release, so labels that
    change in a later release stay readable. Idempotent."""
    release, _created = EscoRelease.objects.get_or_create(
        version=version, language=language, defaults={"released_on": released_on}
    )
    if released_on is not None and release.released_on != released_on:
        release.released_on = released_on
        release.save(update_fields=["released_on"])
    EscoLabel.objects.filter(release=release).delete()
    batch: list[EscoLabel] = []
    for uri, preferred, alt, description in EscoConcept.objects.values_list(
        "uri", "preferred_label", "alt_labels", "description"
    ).iterator(chunk_size=5000):
        batch.append(
            EscoLabel(
                concept_id=uri, release=release, preferred_label=preferred, alt_labels=alt, description=description
            )
        )
        if len(batch) >= 5000:
            EscoLabel.objects.bulk_create(batch)
            batch.clear()
    EscoLabel.objects.bulk_create(batch)
    EscoConcept.objects.update(last_release=release)
    refresh_occupation_search()
    return release


def import_esco_files(
    paths: Iterable[Any], *, version: str, language: str = "es", released_on: dt.date | None = None
) -> dict[str, int]:
    """Import ESCO CSV files as the Commission publishes them (occupations, skills) through the
    shared tabular import, then record them as release ``version``. All or nothing per file."""
    from puente.lib.tabular import get_spec, run_import

    counts: dict[str, int] = {}
    for path in paths:
        name = str(path).lower()
        slug = "esco-skills" if "skill" in name else "esco-occupations"
        outcome = run_import(get_spec(slug), path, write=True)
        if not outcome.ok:
            raise ValidationError([str(p) for p in outcome.errors[:20]])
        counts[slug] = counts.get(slug, 0) + outcome.valid_rows
    record_esco_release(version, language, released_on=released_on)
    _invalidate_indexes()
    return counts


def refresh_occupation_search() -> None:
    """Recompute every qualification's ``search_related`` from its occupations' current labels."""
    for qualification in Qualification.objects.prefetch_related("occupations"):
        related = occupation_search_stems(qualification.occupations.all())
        if related != qualification.search_related:
            qualification.search_related = related
            qualification.save(update_fields=["search_related"])
    _invalidate_indexes()


def esco_concepts(uris: Iterable[str], kind: str) -> list[EscoConcept]:
    """The concepts for these URIs, or a translated error naming the unknown ones."""
    wanted = [u.strip() for u in uris if u and u.strip()]
    found = EscoConcept.objects.in_bulk(wanted)
    unknown = [u for u in wanted if u not in found]
    if unknown:
        raise ValidationError(
            _("Unknown ESCO URI: %(uris)s. Import the ESCO release that defines it first.")
            % {"uris": ", ".join(unknown)}
        )
    wrong = [u for u in wanted if found[u].kind != kind]
    if wrong:
        raise ValidationError(
            _("These ESCO URIs are not of the expected kind (%(kind)s): %(uris)s.")
            % {"kind": EscoKind(kind).label, "uris": ", ".join(wrong)}
        )
    return [found[u] for u in dict.fromkeys(wanted)]


# --- Qualifications -------------------------------------------------------------------------

PATHWAY_FIELDS = {
    "formal": "pathway_formal",
    "recognition": "pathway_recognition",
    "certification": "pathway_certification",
}


def _date(value: Any, field: str, errors: dict[str, Any]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors[field] = _("Enter a date as YYYY-MM-DD.")
        return None


def _resolve_level(data: dict[str, Any], country: Country | None, kind: str, errors: dict[str, Any]) -> Level | None:
    number = data.get("level")
    fw_code = data.get("framework")
    if number in (None, "") or (not fw_code and not isinstance(number, Level)):
        if kind != QualificationKind.MICRO_CREDENTIAL:
            errors["level"] = _(
                "A qualification needs a level of its country's framework (give the framework code and the level)."
            )
        return None
    if isinstance(number, Level):
        level = number
    else:
        try:
            framework = framework_by_code(str(fw_code), data.get("framework_version") or None)
        except ValidationError as exc:
            errors["framework"] = exc.messages[0]
            return None
        try:
            level = framework.levels.get(number=int(number))
        except (Level.DoesNotExist, ValueError, TypeError):
            errors["level"] = _("Level %(level)s does not exist in %(framework)s.") % {
                "level": number,
                "framework": framework,
            }
            return None
    fw = level.framework
    if country is not None and fw.country_id and fw.country_id != country.code:
        errors["level"] = _("%(framework)s is not a framework of %(country)s.") % {"framework": fw, "country": country}
    if not fw.country_id and kind != QualificationKind.MICRO_CREDENTIAL:
        errors["level"] = _(
            "Place a qualification at a level of its national framework; its regional level is derived "
            "from the referencing."
        )
    return level


@transaction.atomic
def register_qualification(data: dict[str, Any], *, user: AnyUser | None = None) -> Qualification:
    """Create or update a qualification from the exchange shape (see docs/qualifications.md).

    Keys: country, code, kind, title, description, awarding_body (organisation code), framework,
    framework_version, level, isced_field, isced_level, sector, occupations (ESCO URIs),
    isco_codes, volume_hours, volume_credits, credit_system, pathways, valid_from, valid_until,
    status, programmes (codes), outcomes ([{domain, text, skills}]), illustrative, source.
    """
    from puente.programmes.models import IscedField, Programme

    errors: dict[str, Any] = {}
    country_code = str(data.get("country") or "").strip().upper()
    country = Country.objects.filter(code=country_code).first()
    if country is None:
        errors["country"] = _("Unknown country: %(code)s.") % {"code": country_code or "—"}
    if user is not None:
        _require(can_register(user, country_code))
    code = str(data.get("code") or "").strip()
    if not code:
        errors["code"] = _("The national code is required.")
    title = data.get("title") or {}
    if isinstance(title, str):
        title = {"es": title}
    if not str(title.get("es") or "").strip():
        errors["title"] = _("The Spanish title is required.")
    kind = data.get("kind") or QualificationKind.QUALIFICATION
    if kind not in QualificationKind.values:
        errors["kind"] = _("Unknown kind: %(kind)s.") % {"kind": kind}
    level = _resolve_level(data, country, kind, errors)
    awarding_body = None
    if data.get("awarding_body"):
        awarding_body = Organisation.objects.filter(code=data["awarding_body"]).first()
        if awarding_body is None:
            errors["awarding_body"] = _("Unknown organisation: %(code)s.") % {"code": data["awarding_body"]}
    isced_field = None
    if data.get("isced_field"):
        isced_field = IscedField.objects.filter(code=str(data["isced_field"])).first()
        if isced_field is None:
            errors["isced_field"] = _("Unknown ISCED-F 2013 field: %(code)s.") % {"code": data["isced_field"]}
    sector = None
    if data.get("sector"):
        sector = Sector.objects.filter(code=data["sector"]).first()
        if sector is None:
            errors["sector"] = _("Unknown sector: %(code)s.") % {"code": data["sector"]}
    occupations: list[EscoConcept] = []
    try:
        occupations = esco_concepts(data.get("occupations") or [], EscoKind.OCCUPATION)
    except ValidationError as exc:
        errors["occupations"] = exc.messages
    outcomes = []
    for i, outcome in enumerate(data.get("outcomes") or []):
        domain = outcome.get("domain")
        if domain not in DescriptorDomain.values:
            errors[f"outcomes.{i}.domain"] = _("Unknown domain: %(domain)s.") % {"domain": domain}
            continue
        text = outcome.get("text") or {}
        if isinstance(text, str):
            text = {"es": text}
        if not str(text.get("es") or "").strip():
            errors[f"outcomes.{i}.text"] = _("The Spanish text of the learning outcome is required.")
        try:
            skills = esco_concepts(outcome.get("skills") or [], EscoKind.SKILL)
        except ValidationError as exc:
            errors[f"outcomes.{i}.skills"] = exc.messages
            continue
        outcomes.append((domain, text, skills))
    pathways = data.get("pathways")
    if isinstance(pathways, str):
        pathways = [p.strip() for p in pathways.replace("|", ",").split(",") if p.strip()]
    pathways = ["formal"] if pathways is None else list(pathways)
    unknown_paths = [p for p in pathways if p not in PATHWAY_FIELDS]
    if unknown_paths:
        errors["pathways"] = _("Unknown pathway: %(values)s.") % {"values": ", ".join(unknown_paths)}
    programmes = []
    if data.get("programmes"):
        codes = list(data["programmes"])
        found = {p.code: p for p in Programme.objects.filter(code__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing:
            errors["programmes"] = _("Unknown programme: %(codes)s.") % {"codes": ", ".join(missing)}
        programmes = [found[c] for c in codes if c in found]
    valid_from = _date(data.get("valid_from"), "valid_from", errors)
    valid_until = _date(data.get("valid_until"), "valid_until", errors)
    if valid_from and valid_until and valid_until < valid_from:
        errors["valid_until"] = _("The end of validity comes before its start.")
    credits = None
    if data.get("volume_credits") not in (None, ""):
        try:
            credits = Decimal(str(data["volume_credits"]))
        except InvalidOperation:
            errors["volume_credits"] = _("Enter a number.")
    hours = data.get("volume_hours")
    if hours not in (None, ""):
        try:
            hours = int(hours)
            if hours < 0:
                raise ValueError
        except (TypeError, ValueError):
            errors["volume_hours"] = _("Enter a whole number of hours.")
    else:
        hours = None
    status = data.get("status") or QualificationStatus.ACTIVE
    if status not in QualificationStatus.values:
        errors["status"] = _("Unknown status: %(status)s.") % {"status": status}
    if errors:
        raise ValidationError(errors)

    assert country is not None
    values = {
        "kind": kind,
        "title": title,
        "description": data.get("description") or {},
        "awarding_body": awarding_body,
        "level": level,
        "regional_level": _derived_regional_level(level),
        "isced_field": isced_field,
        "isced_level": data.get("isced_level") or None,
        "sector": sector,
        "isco_codes": [str(c) for c in data.get("isco_codes") or []],
        "volume_hours": hours,
        "volume_credits": credits,
        "credit_system": data.get("credit_system") or "",
        "valid_from": valid_from,
        "valid_until": valid_until,
        "status": status,
        "illustrative": bool(data.get("illustrative")),
        "source": data.get("source") or "",
        **{field: name in pathways for name, field in PATHWAY_FIELDS.items()},
    }
    qualification, _created = Qualification.objects.update_or_create(country=country, code=code, defaults=values)
    qualification.occupations.set(occupations)
    related = occupation_search_stems(occupations)
    if related != qualification.search_related:
        qualification.search_related = related
        qualification.save(update_fields=["search_related"])
    qualification.programmes.set(programmes)
    qualification.outcomes.all().delete()
    for order, (domain, text, skills) in enumerate(outcomes):
        outcome = qualification.outcomes.create(domain=domain, text=text, order=order)
        outcome.skills.set(skills)
    matched = match_stems(title, [str(t.get("es") or "") for _d, t, _s in outcomes])
    if matched != qualification.match_stems:
        qualification.match_stems = matched
        qualification.save(update_fields=["match_stems"])
    _invalidate_indexes()
    return qualification


def _derived_regional_level(level: Level | None) -> int | None:
    if level is None:
        return None
    if level.framework.kind == FrameworkKind.REGIONAL:
        return level.number
    refs = regional_references(level)
    return refs[0].target.number if refs else None


def occupation_search_stems(occupations: Iterable[EscoConcept]) -> str:
    """Stems of the current labels (preferred and alternative) of some ESCO occupations, so a
    search for "camarero" or "mozo" finds a qualification titled "Garzón de restaurante"."""
    from .text import stems

    seen: dict[str, None] = {}
    for concept in occupations:
        for text in [concept.preferred_label, *concept.alt_labels.splitlines()]:
            for word in stems(text):
                seen.setdefault(word, None)
    return " ".join(seen)


def qualification_by_identifier(identifier: str) -> Qualification:
    """``"CL:GAS-COC-3"`` → the qualification (raises ``Qualification.DoesNotExist``)."""
    country, _sep, code = identifier.partition(":")
    return Qualification.objects.select_related("level__framework", "country", "awarding_body").get(
        country_id=country.upper(), code=code
    )


def qualifications_detailed() -> QuerySet[Qualification]:
    """Qualifications with what a detail page or an export needs, in few queries."""
    from .models import LearningOutcome

    return Qualification.objects.select_related(
        "country", "level__framework", "awarding_body", "isced_field", "sector"
    ).prefetch_related(
        "occupations",
        "programmes",
        Prefetch("outcomes", queryset=LearningOutcome.objects.prefetch_related("skills")),
    )


def absolute_url(path: str) -> str:
    """``path`` on this deployment (``settings.SITE_URL``), for links that leave Puente."""
    return settings.SITE_URL.rstrip("/") + path


def level_url(level: Level, *, language: str | None = None) -> str:
    """The absolute URL of a level's public page, in ``language`` (default: the active one)."""
    with translation.override(_supported_language(language)):
        return absolute_url(level.get_absolute_url())


def _supported_language(language: str | None) -> str:
    """A language of the site for ``language`` (``es-PE`` → ``es``); the active or default one
    when it has none."""
    wanted = language or translation.get_language() or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(wanted)
    except LookupError:
        return settings.LANGUAGE_CODE


def alignments_of(qualification: Qualification, language: str | None = None) -> list[dict[str, Any]]:
    """The framework, regional-level and ESCO alignments of a qualification, shaped like Open
    Badges 3.0 ``Alignment`` objects (targetType, targetCode, targetName, targetFramework,
    targetUrl), all worded in ``language`` (default: the active language) so that a credential
    reads in one language. Framework levels point to their public page on this deployment
    (``settings.SITE_URL``), ESCO concepts to their URI."""
    with translation.override(_supported_language(language)):
        return _alignments(qualification)


def _level_alignment(level: Level, target_type: str) -> dict[str, Any]:
    fw = level.framework
    return {
        "targetType": target_type,
        "targetCode": str(level.number),
        "targetName": str(level.title) or str(level),
        "targetFramework": str(fw.name),
        "targetFrameworkCode": f"{fw.code}@{fw.version}",
        "targetUrl": absolute_url(level.get_absolute_url()),
    }


def _alignments(qualification: Qualification) -> list[dict[str, Any]]:
    alignments: list[dict[str, Any]] = []
    level = qualification.level
    if level is not None:
        target_type = "ext:NationalFrameworkLevel" if level.framework.country_id else "ext:RegionalFrameworkLevel"
        alignments.append(_level_alignment(level, target_type))
        if level.framework.country_id:
            for ref in regional_references(level):
                alignments.append(
                    {**_level_alignment(ref.target, "ext:RegionalFrameworkLevel"), "matchType": ref.match}
                )
    for occupation in qualification.occupations.all():
        alignments.append(
            {
                "targetType": "ext:ESCOOccupation",
                "targetUrl": occupation.uri,
                "targetName": occupation.preferred_label,
                "targetCode": occupation.code,
                "targetFramework": "ESCO",
            }
        )
    seen: set[str] = set()
    for outcome in qualification.outcomes.all():
        for skill in outcome.skills.all():
            if skill.uri in seen:
                continue
            seen.add(skill.uri)
            alignments.append(
                {
                    "targetType": "ext:ESCOSkill",
                    "targetUrl": skill.uri,
                    "targetName": skill.preferred_label,
                    "targetFramework": "ESCO",
                }
            )
    return alignments


# --- Search and suggestions -----------------------------------------------------------------


def _invalidate_indexes() -> None:
    from . import matching, search

    search.invalidate()
    matching.invalidate()


@dataclass
class SearchResult:
    """One search hit, read with a single light query (no model instances)."""

    id: int
    country_id: str
    country: str
    code: str
    kind: str
    title: TranslatedText
    level: str
    regional_level: int | None
    score: float

    def get_kind_display(self) -> str:
        return str(QualificationKind(self.kind).label)


def search_qualifications(query: str, *, country: str = "", limit: int = 50) -> list[SearchResult]:
    """Active qualifications whose title matches ``query`` (accents, gender forms and typos
    tolerated), best first. Read from the in-memory index, without a database query."""
    from . import search

    language = translation.get_language()
    return [
        SearchResult(
            id=hit.id,
            country_id=hit.country_id,
            country=as_translated(hit.country_name).get_text(language) or hit.country_id,
            code=hit.code,
            kind=hit.kind,
            title=as_translated(hit.title),
            level=hit.level,
            regional_level=hit.regional_level,
            score=hit.score,
        )
        for hit in search.search(query, country=country, limit=limit)
    ]


def suggest_equivalents(
    qualification: Qualification, *, countries: Iterable[str] | None = None, per_country: int = 3
) -> dict[str, list[Any]]:
    """Suggested counterparts per other country, best first, each with its evidence."""
    from . import matching

    return matching.suggest(qualification, countries=countries, per_country=per_country)


def equivalents_for(qualification: Qualification, *, per_country: int = 3) -> list[dict[str, Any]]:
    """For each other Pacific Alliance country: decided correlations first, then suggestions."""
    decided: dict[str, list[dict[str, Any]]] = {}
    correlations = Correlation.objects.filter(Q(source=qualification) | Q(target=qualification)).select_related(
        "source__country", "target__country", "source__level__framework", "target__level__framework"
    )
    decided_ids: set[int] = set()
    for corr in correlations:
        other = corr.target if corr.source_id == qualification.pk else corr.source
        decided_ids.add(other.pk)
        decided.setdefault(other.country_id, []).append({"qualification": other, "correlation": corr})
    order = {Decision.EQUIVALENT: 0, Decision.PARTIAL: 1, Decision.NOT_EQUIVALENT: 2}
    suggestions = suggest_equivalents(qualification, per_country=per_country)
    countries = Country.objects.filter(pacific_alliance=True).exclude(code=qualification.country_id)
    result = []
    for country in countries:
        items = sorted(decided.get(country.code, []), key=lambda d: order.get(d["correlation"].decision, 9))
        result.append(
            {
                "country": country,
                "decided": items,
                "suggested": [s for s in suggestions.get(country.code, []) if s.qualification_id not in decided_ids],
            }
        )
    return result


def check_decision(source: Qualification, target: Qualification, decision: str, gaps: dict[str, str]) -> list[str]:
    """Why this decision cannot be recorded (empty when it can)."""
    errors: list[str] = []
    if source.pk == target.pk:
        return [_("A qualification cannot be correlated with itself.")]
    if source.country_id == target.country_id:
        errors.append(_("A correlation compares qualifications of two different countries."))
    if decision not in Decision.values:
        errors.append(_("Unknown decision: %(decision)s.") % {"decision": decision})
    if decision == Decision.PARTIAL and not any(str(v).strip() for v in gaps.values()):
        errors.append(_("Describe the gaps of a partial equivalence."))
    if decision in (Decision.EQUIVALENT, Decision.NOT_EQUIVALENT):
        # Equivalence is symmetric and transitive: a "not equivalent" between two members of the
        # same equivalence class (or an "equivalent" joining two classes a "not equivalent"
        # separates) contradicts decisions already made.
        edges: dict[int, set[int]] = {}
        negatives: set[frozenset[int]] = set()
        for s, t, d in Correlation.objects.exclude(source=source, target=target).values_list(
            "source_id", "target_id", "decision"
        ):
            if d == Decision.EQUIVALENT:
                edges.setdefault(s, set()).add(t)
                edges.setdefault(t, set()).add(s)
            elif d == Decision.NOT_EQUIVALENT:
                negatives.add(frozenset((s, t)))
        if decision == Decision.NOT_EQUIVALENT and referencing.reaches(edges, source.pk, target.pk):
            errors.append(
                _(
                    "Contradictory decision: %(source)s and %(target)s are already equivalent through other "
                    "decided equivalences."
                )
                % {"source": source.identifier, "target": target.identifier}
            )
        if decision == Decision.EQUIVALENT:
            left = _component(edges, source.pk)
            right = _component(edges, target.pk)
            if any(frozenset((a, b)) in negatives for a in left for b in right):
                errors.append(
                    _(
                        "Contradictory decision: %(source)s and %(target)s (or qualifications already equivalent "
                        "to them) were decided not equivalent."
                    )
                    % {"source": source.identifier, "target": target.identifier}
                )
    return errors


def _component(edges: dict[int, set[int]], start: int) -> set[int]:
    seen, stack = {start}, [start]
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _text(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {k: str(v) for k, v in value.items() if v}
    return {"es": str(value)} if value else {}


@transaction.atomic
def decide_correlation(
    user: AnyUser,
    source: Qualification,
    target: Qualification,
    decision: str,
    *,
    gaps: Any = None,
    compensatory_measures: Any = None,
    rationale: Any = None,
    decided_at: dt.datetime | None = None,
) -> Correlation:
    """Record an expert's decision, with author, date and the evidence Puente showed."""
    _require(can_decide(user))
    gaps_t = _text(gaps)
    errors = check_decision(source, target, decision, gaps_t)
    if errors:
        raise ValidationError(errors)
    from . import matching

    evidence = matching.compare(source, target)
    correlation, _created = Correlation.objects.update_or_create(
        source=source,
        target=target,
        defaults={
            "decision": decision,
            "gaps": gaps_t,
            "compensatory_measures": _text(compensatory_measures),
            "rationale": _text(rationale),
            "evidence": evidence.as_dict() if evidence else {},
            "decided_by": author_of(user),
            "decided_by_label": user.get_username() if getattr(user, "is_authenticated", False) else "system",
            "decided_at": decided_at or timezone.now(),
        },
    )
    return correlation


# --- Demo -----------------------------------------------------------------------------------


def load_demo() -> dict[str, int]:
    """Load the illustrative qualifications demo (idempotent). Called by ``puente demo``."""
    from . import demo

    return demo.load()
