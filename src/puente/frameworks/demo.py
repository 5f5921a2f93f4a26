"""Load the qualifications demo: ESCO subset, frameworks, referencing, tourism and mining
qualifications, decided correlations. Idempotent; run after the EPE-AP programme loader when
present (it links qualifications to the programmes the seed names), standalone otherwise."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from puente.core.models import Country, Organisation, OrganisationKind, Sector

DATA = Path(__file__).resolve().parent / "demo_data"
ESCO_VERSION = "v1.0-demo"

COUNTRIES = {
    "CL": {"es": "Chile", "fr": "Chili", "en": "Chile"},
    "CO": {"es": "Colombia", "fr": "Colombie", "en": "Colombia"},
    "MX": {"es": "México", "fr": "Mexique", "en": "Mexico"},
    "PE": {"es": "Perú", "fr": "Pérou", "en": "Peru"},
}
SECTORS = {
    "tourism": {"es": "Turismo", "fr": "Tourisme", "en": "Tourism"},
    "mining": {"es": "Minería", "fr": "Mines", "en": "Mining"},
}
# Bodies the demo needs; the programme loader creates most of them with fuller data.
ORGANISATIONS: dict[str, tuple[str, str, str | None, str]] = {
    "AP": ("Alianza del Pacífico", OrganisationKind.REGIONAL_BODY, None, "AP"),
    "CL-MINEDUC": ("Ministerio de Educación de Chile", OrganisationKind.MINISTRY, "CL", "MINEDUC"),
    "CL-CHILEVALORA": (
        "Sistema Nacional de Certificación de Competencias Laborales",
        OrganisationKind.AGENCY,
        "CL",
        "ChileValora",
    ),
    "CO-MEN": ("Ministerio de Educación Nacional de Colombia", OrganisationKind.MINISTRY, "CO", "MEN"),
    "CO-SENA": ("Servicio Nacional de Aprendizaje", OrganisationKind.TVET_INSTITUTION, "CO", "SENA"),
    "MX-SEP": ("Secretaría de Educación Pública", OrganisationKind.MINISTRY, "MX", "SEP"),
    "MX-CONOCER": (
        "Consejo Nacional de Normalización y Certificación de Competencias Laborales",
        OrganisationKind.AGENCY,
        "MX",
        "CONOCER",
    ),
    "MX-CONALEP": (
        "Colegio Nacional de Educación Profesional Técnica",
        OrganisationKind.TVET_INSTITUTION,
        "MX",
        "CONALEP",
    ),
    "MX-UTCAM": ("Universidad Tecnológica de Campeche", OrganisationKind.TVET_INSTITUTION, "MX", "UTCAM"),
    "MX-UTLD": ("Universidad Tecnológica de La Laguna Durango", OrganisationKind.TVET_INSTITUTION, "MX", "UTLD"),
    "PE-MINEDU": ("Ministerio de Educación del Perú", OrganisationKind.MINISTRY, "PE", "MINEDU"),
    "PE-IESTP-HDE": (
        "IESTP Honorio Delgado Espinoza",
        OrganisationKind.TVET_INSTITUTION,
        "PE",
        "IESTP-HDE",
    ),
}
# ISCED-F 2013 fields the demo uses (code, parent, es, en), for databases without the full list.
ISCED_FIELDS = [
    ("07", None, "Ingeniería, industria y construcción", "Engineering, manufacturing and construction"),
    ("071", "07", "Ingeniería y profesiones afines", "Engineering and engineering trades"),
    ("0715", "071", "Mecánica y profesiones afines a la metalistería", "Mechanics and metal trades"),
    ("072", "07", "Industria y producción", "Manufacturing and processing"),
    ("0724", "072", "Minería y extracción", "Mining and extraction"),
    ("10", None, "Servicios", "Services"),
    ("101", "10", "Servicios personales", "Personal services"),
    ("1013", "101", "Hotelería, restaurantes y servicios de banquetes", "Hotel, restaurants and catering"),
    ("1015", "101", "Viajes, turismo y actividades recreativas", "Travel, tourism and leisure"),
    ("102", "10", "Servicios de higiene y salud ocupacional", "Hygiene and occupational health services"),
    ("1022", "102", "Salud y protección laboral", "Occupational health and safety"),
]


def _ensure_reference_data() -> None:
    from puente.programmes.models import IscedField, IscedFieldLevel

    for code, name in COUNTRIES.items():
        country, _created = Country.objects.get_or_create(code=code, defaults={"name": name, "pacific_alliance": True})
        if not country.pacific_alliance:
            country.pacific_alliance = True
            country.save(update_fields=["pacific_alliance"])
    for code, name in SECTORS.items():
        Sector.objects.get_or_create(code=code, defaults={"name": name})
    for code, (org_name, kind, org_country, acronym) in ORGANISATIONS.items():
        Organisation.objects.get_or_create(
            code=code, defaults={"name": {"es": org_name}, "kind": kind, "country_id": org_country, "acronym": acronym}
        )
    levels = {2: IscedFieldLevel.BROAD, 3: IscedFieldLevel.NARROW, 4: IscedFieldLevel.DETAILED}
    for code, parent, es, en in ISCED_FIELDS:
        IscedField.objects.get_or_create(
            code=code, defaults={"level": levels[len(code)], "parent_id": parent, "name": {"es": es, "en": en}}
        )


def demo_document() -> dict[str, Any]:
    """The demo JSON document; programmes the database does not have are left out."""
    from puente.programmes.models import Programme

    doc = json.loads((DATA / "qualifications.json").read_text(encoding="utf-8"))
    known = set(Programme.objects.values_list("code", flat=True))
    for item in doc["qualifications"]:
        item["programmes"] = [code for code in item.get("programmes", []) if code in known]
    return doc


@transaction.atomic
def load() -> dict[str, int]:
    from . import exchange, services

    _ensure_reference_data()
    esco = services.import_esco_files(
        [DATA / "esco_occupations_es.csv", DATA / "esco_skills_es.csv"], version=ESCO_VERSION, language="es"
    )
    counts = exchange.import_document(demo_document())
    return {"esco": sum(esco.values()), **counts, "reports": publish_tourism_report()}


def publish_tourism_report() -> int:
    """The first application of the MRC-AP as a published report: tourism across the four
    countries (once; a re-run leaves an existing report as it is). Returns how many were made."""
    from django.utils import timezone

    from .models import CorrelationReport, ReportStatus
    from .reports import build_report

    sector = Sector.objects.get(code="tourism")
    if CorrelationReport.objects.filter(sector=sector).exists():
        return 0
    countries = sorted(COUNTRIES)
    CorrelationReport.objects.create(
        title={
            "es": "Correlación de cualificaciones de turismo — Alianza del Pacífico (ejemplo ilustrativo)",
            "fr": "Corrélation des qualifications du tourisme — Alliance du Pacifique (exemple illustratif)",
            "en": "Tourism qualifications correlation — Pacific Alliance (illustrative example)",
        },
        sector=sector,
        countries=countries,
        introduction={
            "es": "Informe de demostración escrito por el equipo de Puente: no reproduce tablas oficiales.",
            "fr": "Rapport de démonstration rédigé par l'équipe de Puente : il ne reproduit aucune table officielle.",
            "en": "Demo report written by the Puente team: it reproduces no official table.",
        },
        status=ReportStatus.PUBLISHED,
        snapshot=build_report(sector, countries),
        published_at=timezone.now(),
    )
    return 1
