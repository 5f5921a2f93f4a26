"""The pages every browser run opens and checks with axe-core.

Append your module's pages here as they land (qualification search, credential verification,
services map, job board…). Each entry is opened by the named demo user (None: anonymous) and
must load without an error and pass axe with 0 serious or critical violations.

- ``path``: the URL path, language prefix included (``/es/…``); API pages have none.
- ``user``: a demo username from ``puente.demo.users.PERSONAS`` (the README lists them).
- ``follow``: optional CSS selector of a link on that page to click first, for pages whose URL
  holds an id only known at run time (e.g. the first student of the list).
- ``axe``: set to False only for third-party pages we do not control, and say why.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str
    user: str | None = None
    follow: str | None = None
    axe: bool = True

    @property
    def id(self) -> str:
        who = self.user or "anonymous"
        suffix = f"+{self.follow}" if self.follow else ""
        return f"{self.path}{suffix}@{who}"


PAGES: list[Page] = [
    # Public pages, in each language.
    Page("/es/"),
    Page("/fr/"),
    Page("/en/"),
    Page("/es/login/"),
    Page("/es/organisations/"),
    Page("/es/organisations/PE-IESTP-HDE/"),
    Page("/es/projects/"),
    Page("/es/projects/B07/"),
    Page("/fr/projects/B10/"),
    Page("/es/programmes/"),
    Page("/es/programmes/PS-PE-HDE-METALLURGY/"),
    Page("/api/docs/"),
    # The dashboard of each role.
    Page("/es/dashboard/", "admin"),
    Page("/es/dashboard/", "analista.minedu"),
    Page("/es/dashboard/", "analista.ap"),
    Page("/es/dashboard/", "gestora.cican"),
    Page("/es/dashboard/", "coordinador.hde"),
    Page("/es/dashboard/", "bienestar.hde"),
    Page("/es/dashboard/", "tutora.hde"),
    Page("/es/dashboard/", "empleabilidad.hde"),
    Page("/es/dashboard/", "empresa.minera"),
    Page("/es/dashboard/", "estudiante.hde"),
    # Institution staff.
    Page("/es/students/", "bienestar.hde"),
    Page("/es/students/", "bienestar.hde", follow="main table tbody a"),
    Page("/es/students/week/", "tutora.hde"),
    Page("/es/imports/", "bienestar.hde"),
    # Administration.
    Page("/es/audit/", "admin"),
    Page("/es/imports/new/", "bienestar.hde"),
    # Student services and early alerts (success, alerts).
    Page("/es/services/"),
    Page("/es/services/me/", "estudiante.hde"),
    Page("/es/students/catalogue/", "bienestar.hde"),
    Page("/en/students/catalogue/", "bienestar.uts"),
    Page("/es/students/cases/", "bienestar.hde"),
    Page("/es/students/appointments/", "bienestar.hde"),
    Page("/es/students/outcomes/", "bienestar.hde"),
    Page("/es/services/PE-IESTP-HDE/"),
    Page("/fr/services/PE-IESTP-HDE/peer-tutoring/"),
    Page("/es/services/PE-IESTP-HDE/mental-health/"),
    Page("/en/services/", follow="main .card a"),
    Page("/es/services/PE-IESTP-HDE/qr/", "bienestar.hde"),
    Page("/es/students/flags/", "tutora.hde"),
    Page("/es/alerts/", "bienestar.hde"),
    Page("/es/alerts/", "bienestar.hde", follow="main a[href*='/alerts/releases/']"),
    Page("/es/students/cases/", "bienestar.hde", follow="main table a[href*='/students/cases/']"),
    # Qualifications (frameworks).
    Page("/es/qualifications/"),
    Page("/es/qualifications/?q=cocinero"),
    Page("/fr/qualifications/?q=guide"),
    Page("/es/qualifications/frameworks/"),
    Page("/es/qualifications/frameworks/pe-mncp/1/"),
    Page("/fr/qualifications/frameworks/mrc-ap/1/levels/4/"),
    Page("/es/qualifications/frameworks/pe-mncp/1/referencing/mrc-ap/"),
    Page("/es/qualifications/frameworks/pe-mncp/1/referencing/mrc-ap/edit/", "analista.ap"),
    Page("/es/qualifications/sectors/tourism/"),
    Page("/es/qualifications/register/", "analista.ap"),
    Page("/es/qualifications/correlation/", "analista.ap"),
    Page("/es/qualifications/reports/", "analista.ap"),
    Page("/es/qualifications/reports/", follow="main a[href*='/qualifications/reports/']"),
    Page("/es/qualifications/?q=cocinera", follow="main a[href*='/qualifications/PE/']"),
    # Credentials.
    Page("/es/credentials/verify/"),
    Page("/es/credentials/", "admin"),
    Page("/es/credentials/", "bienestar.hde", follow="main table a[href*='/credentials/']"),
    Page("/es/credentials/mine/", "estudiante.hde"),
    # Surveys.
    Page("/es/surveys/", "bienestar.hde"),
]
