"""Tables of the qualifications module imported through :mod:`puente.lib.tabular`.

- ``esco-occupations`` and ``esco-skills``: the CSV files as the European Commission publishes
  them (``conceptType, conceptUri, iscoGroup|skillType, reuseLevel, preferredLabel, altLabels,
  description``). After importing a release, record it with ``services.record_esco_release``
  (``services.import_esco_files`` does both).
- ``frameworks``, ``framework-levels``, ``framework-domains``, ``framework-descriptors`` and
  ``qualifications``: one table each, joined by keys (``mrc-ap@1``, ``cl-mctp@1/3``,
  ``mrc-ap@1:skills``). The CSV exports of the module (``/qualifications/export/<table>.csv``)
  have exactly these columns, so a file exported from one deployment imports into another.

ESCO occupations and learning outcomes of a qualification (many-to-many) travel in the JSON
exchange format (``exchange.py``) and the API, which check every ESCO URI.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
from django.utils.translation import gettext_lazy as _

from puente.core.roles import Capability
from puente.lib import tabular as t

from . import referencing
from .models import (
    Descriptor,
    Domain,
    EscoConcept,
    EscoKind,
    Framework,
    Level,
    LevelReference,
    Qualification,
    QualificationKind,
    domain_key,
    framework_key,
    level_key,
)
from .text import match_stems, qualification_search_keys

ESCO_PREFIX = "http://data.europa.eu/esco/"


class _EscoImport(t.ImportSpec):
    register = False
    model = EscoConcept
    natural_key = ("uri",)
    capability = Capability.MANAGE_REGISTRY
    derived_fields = ("kind",)
    esco_kind = ""
    concept_type = ""
    messages = {
        "not_esco_uri": _("Not an ESCO URI (they start with http://data.europa.eu/esco/)."),
    }

    def check(self, frame: pd.DataFrame, ctx: t.RunContext) -> list[t.RowProblem]:
        uris = frame["uri"].fillna("").astype(str)
        bad = ~uris.str.startswith(ESCO_PREFIX).to_numpy() & uris.ne("").to_numpy()
        return [t.RowProblem(mask=bad, code="not_esco_uri", key="uri")] if bad.any() else []

    def derive(self, frame: pd.DataFrame, ctx: t.RunContext) -> pd.DataFrame:
        return frame.assign(kind=self.esco_kind)


class EscoOccupationImport(_EscoImport):
    """ESCO occupations (``occupations_<lang>.csv``)."""

    register = True
    slug = "esco-occupations"
    label = _("ESCO occupations")
    description = _("The occupations file of an ESCO release, as published by the European Commission.")
    esco_kind = EscoKind.OCCUPATION
    columns = [
        t.Text("uri", aliases=["conceptUri", "concept uri"]),
        t.Text("code", aliases=["iscoGroup", "isco group", "isco"]),
        t.Text("preferred_label", aliases=["preferredLabel"]),
        t.Text("alt_labels", aliases=["altLabels"]),
        t.Text("description"),
    ]


class EscoSkillImport(_EscoImport):
    """ESCO skills and knowledge (``skills_<lang>.csv``)."""

    register = True
    slug = "esco-skills"
    label = _("ESCO skills and knowledge")
    description = _("The skills file of an ESCO release, as published by the European Commission.")
    esco_kind = EscoKind.SKILL
    columns = [
        t.Text("uri", aliases=["conceptUri", "concept uri"]),
        t.Text("skill_type", aliases=["skillType"]),
        t.Text("reuse_level", aliases=["reuseLevel"]),
        t.Text("preferred_label", aliases=["preferredLabel"]),
        t.Text("alt_labels", aliases=["altLabels"]),
        t.Text("description"),
    ]


class FrameworkImport(t.ImportSpec):
    """Qualifications frameworks, one row per version."""

    slug = "frameworks"
    label = _("Qualifications frameworks")
    description = _("Regional, national and sectoral frameworks, one row per version (code + version).")
    model = Framework
    natural_key = ("code", "version")
    capability = Capability.MANAGE_REGISTRY
    derived_fields = ("key",)
    columns = [
        t.Text("code", aliases=["código", "codigo"]),
        t.Text("version", aliases=["versión", "versión"]),
        t.Choice("kind", header_aliases=["tipo", "type"]),
        t.ForeignKey("country", by="code", aliases=["país", "pais", "pays"]),
        t.Translation("name", "es", aliases=["nombre", "nombre_es"]),
        t.Translation("name", "fr", aliases=["nom", "nombre_fr"]),
        t.Translation("name", "en", aliases=["nombre_en"]),
        t.Text("acronym", aliases=["sigla", "sigle"]),
        t.ForeignKey("owner", by="code", aliases=["organismo responsable", "organisme responsable"]),
        t.Choice("status", header_aliases=["estado", "statut"]),
        t.Date("approved_on", aliases=["aprobado el", "approuvé le"]),
        t.Translation("description", "es", aliases=["descripción"]),
        t.Translation("description", "fr"),
        t.Translation("description", "en"),
        t.Boolean("illustrative", aliases=["ilustrativo", "illustratif"]),
        t.Text("source", aliases=["fuente"]),
    ]

    def derive(self, frame: pd.DataFrame, ctx: t.RunContext) -> pd.DataFrame:
        keys = [framework_key(c, v) for c, v in zip(frame["code"], frame["version"], strict=True)]
        return frame.assign(key=keys)


def _framework_parts(frame: pd.DataFrame) -> dict[str, tuple[str, str]]:
    ids = {str(v) for v in frame["framework_id"].dropna()}
    return {
        str(pk): (code, version)
        for pk, code, version in Framework.objects.filter(pk__in=ids).values_list("pk", "code", "version")
    }


class LevelImport(t.ImportSpec):
    """Levels of frameworks already imported (framework given by its key, e.g. ``cl-mctp@1``)."""

    slug = "framework-levels"
    label = _("Framework levels")
    description = _("The levels of a framework: framework key (code@version), number, title.")
    model = Level
    natural_key = ("framework", "number")
    capability = Capability.MANAGE_REGISTRY
    derived_fields = ("key",)
    columns = [
        t.ForeignKey("framework", by="key", aliases=["marco", "cadre"]),
        t.Integer("number", min_value=1, max_value=12, aliases=["nivel", "niveau", "level"]),
        t.Translation("title", "es", aliases=["título", "titulo"]),
        t.Translation("title", "fr", aliases=["titre"]),
        t.Translation("title", "en"),
    ]

    def derive(self, frame: pd.DataFrame, ctx: t.RunContext) -> pd.DataFrame:
        parts = _framework_parts(frame)
        keys = [level_key(*parts[str(f)], int(n)) for f, n in zip(frame["framework_id"], frame["number"], strict=True)]
        return frame.assign(key=keys)


class DomainImport(t.ImportSpec):
    """Descriptor domains of a framework (knowledge, skills, autonomy or the framework's own)."""

    slug = "framework-domains"
    label = _("Framework descriptor domains")
    description = _("The descriptor domains of a framework and the regional domain each maps to.")
    model = Domain
    natural_key = ("framework", "code")
    capability = Capability.MANAGE_REGISTRY
    derived_fields = ("key",)
    columns = [
        t.ForeignKey("framework", by="key", aliases=["marco", "cadre"]),
        t.Text("code", aliases=["código"]),
        t.Translation("name", "es", aliases=["nombre"]),
        t.Translation("name", "fr", aliases=["nom"]),
        t.Translation("name", "en"),
        t.Choice("regional_domain", header_aliases=["dominio regional", "domaine régional"]),
        t.Integer("order", min_value=0, max_value=99, aliases=["orden", "ordre"]),
    ]

    def derive(self, frame: pd.DataFrame, ctx: t.RunContext) -> pd.DataFrame:
        parts = _framework_parts(frame)
        keys = [domain_key(*parts[str(f)], c) for f, c in zip(frame["framework_id"], frame["code"], strict=True)]
        return frame.assign(key=keys)


class DescriptorImport(t.ImportSpec):
    """Descriptor texts: one row per level and domain (``cl-mctp@1/3``, ``cl-mctp@1:habilidades``)."""

    slug = "framework-descriptors"
    label = _("Framework level descriptors")
    description = _("What each level expects in each domain: level key, domain key, text in es/fr/en.")
    model = Descriptor
    natural_key = ("level", "domain")
    capability = Capability.MANAGE_REGISTRY
    messages = {"other_framework": _("The level and the domain belong to different frameworks.")}
    columns = [
        t.ForeignKey("level", by="key", aliases=["nivel", "niveau"]),
        t.ForeignKey("domain", by="key", aliases=["dominio", "domaine"]),
        t.Translation("text", "es", aliases=["descriptor", "texto"]),
        t.Translation("text", "fr", aliases=["descripteur", "texte"]),
        t.Translation("text", "en"),
    ]

    def check(self, frame: pd.DataFrame, ctx: t.RunContext) -> list[t.RowProblem]:
        level_fw = dict(Level.objects.values_list("pk", "framework__key"))
        domain_fw = dict(Domain.objects.values_list("pk", "framework__key"))
        mask = np.array(
            [
                lv is not None and dm is not None and level_fw.get(int(lv)) != domain_fw.get(int(dm))
                for lv, dm in zip(frame["level_id"], frame["domain_id"], strict=True)
            ],
            dtype=np.bool_,
        )
        return [t.RowProblem(mask=mask, code="other_framework", key="domain")] if mask.any() else []


class QualificationImport(t.ImportSpec):
    """Qualifications of a national register. The level is a key such as ``pe-mncp@1/4``; the
    regional level is derived from the referencing. Occupations and learning outcomes come in
    the JSON format or through the API."""

    slug = "qualifications"
    label = _("Qualifications")
    description = _(
        "National qualifications: country, national code, title, awarding body, level (framework@version/number), "
        "ISCED-F field, volume, pathways, validity."
    )
    model = Qualification
    natural_key = ("country", "code")
    capability = Capability.MANAGE_REGISTRY
    derived_fields = ("search_text", "search_stems", "match_stems", "regional_level")
    messages = {
        "level_required": _("A qualification needs a level of its country's framework."),
        "level_other_country": _("The level belongs to a framework of another country."),
    }
    columns = [
        t.ForeignKey("country", by="code", aliases=["país", "pais", "pays"]),
        t.Text("code", aliases=["código nacional", "codigo", "code national", "national code"]),
        t.Choice("kind", header_aliases=["tipo", "type"]),
        t.Translation("title", "es", aliases=["título", "titulo", "nombre"]),
        t.Translation("title", "fr", aliases=["titre"]),
        t.Translation("title", "en"),
        t.ForeignKey("awarding_body", by="code", aliases=["entidad otorgante", "organisme certificateur"]),
        t.ForeignKey("level", by="key", required=False, aliases=["nivel", "niveau", "framework level"]),
        t.ForeignKey("isced_field", by="code", aliases=["campo cine", "cine-f", "isced-f", "domaine cite"]),
        t.Integer("isced_level", min_value=0, max_value=8, aliases=["nivel cine", "niveau cite"]),
        t.ForeignKey("sector", by="code", aliases=["sector", "secteur"]),
        t.Integer("volume_hours", min_value=0, max_value=100000, aliases=["horas", "heures", "hours"]),
        t.Decimal("volume_credits", min_value=0, max_value=10000, aliases=["créditos", "crédits", "credits"]),
        t.Text("credit_system", aliases=["sistema de créditos", "système de crédits"]),
        t.Boolean("pathway_formal", aliases=["vía formal", "formal"]),
        t.Boolean("pathway_recognition", aliases=["reconocimiento de aprendizajes previos", "rpl"]),
        t.Boolean("pathway_certification", aliases=["certificación de competencias", "certification"]),
        t.Date("valid_from", aliases=["vigente desde", "valable depuis"]),
        t.Date("valid_until", aliases=["vigente hasta", "valable jusqu'au"]),
        t.Choice("status", header_aliases=["estado", "statut"]),
        t.Boolean("illustrative", aliases=["ilustrativo", "illustratif"]),
        t.Text("source", aliases=["fuente"]),
    ]

    def check(self, frame: pd.DataFrame, ctx: t.RunContext) -> list[t.RowProblem]:
        problems = []
        kinds = frame["kind"] if "kind" in frame else pd.Series([None] * len(frame), index=frame.index)
        levels = frame["level_id"] if "level_id" in frame else pd.Series([None] * len(frame), index=frame.index)
        missing = levels.isna().to_numpy() & kinds.ne(QualificationKind.MICRO_CREDENTIAL).to_numpy()
        if missing.any():
            problems.append(t.RowProblem(mask=missing, code="level_required", key="level"))
        countries = dict(Level.objects.values_list("pk", "framework__country_id"))
        other = np.array(
            [
                lv is not None and countries.get(int(lv)) is not None and countries.get(int(lv)) != c
                for lv, c in zip(levels, frame["country_id"], strict=True)
            ],
            dtype=bool,
        )
        if other.any():
            problems.append(t.RowProblem(mask=other, code="level_other_country", key="level"))
        return problems

    def derive(self, frame: pd.DataFrame, ctx: t.RunContext) -> pd.DataFrame:
        refs: dict[int, list[tuple[int, str]]] = {}
        for src, number, match in LevelReference.objects.filter(target__framework__kind="regional").values_list(
            "source_id", "target__number", "match"
        ):
            refs.setdefault(src, []).append((number, match))
        regional_own = dict(Level.objects.filter(framework__kind="regional").values_list("pk", "number"))
        titles = [json.loads(title or "{}") for title in frame["title"]]
        keys = [qualification_search_keys(title, code or "") for title, code in zip(titles, frame["code"], strict=True)]
        levels = frame["level_id"] if "level_id" in frame else [None] * len(frame)
        regional = [
            None if lv is None else regional_own.get(int(lv)) or referencing.best_regional_level(refs.get(int(lv), []))
            for lv in levels
        ]
        return frame.assign(
            search_text=[k[0] for k in keys],
            search_stems=[k[1] for k in keys],
            match_stems=[match_stems(title, []) for title in titles],
            regional_level=regional,
        )
