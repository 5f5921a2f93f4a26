"""Retention, dropout and timely graduation by cohort, programme, campus, sex and disability; the
alert → contact → service → still-enrolled funnel; service use and satisfaction.

Staff of an institution see exact figures for their institution. Aggregate-only roles (ministry,
regional body, funder) see the institutions of their countries with small cells suppressed
(fewer than ``settings.SMALL_CELL_THRESHOLD`` people), plus a complementary cell so that a
hidden value cannot be recovered by subtracting from the total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puente.core.models import Organisation
from puente.core.roles import Capability
from puente.core.scoping import AnyUser, scope_for

from . import services
from .models import (
    Case,
    CaseSource,
    Contact,
    Enrolment,
    Referral,
    ReferralStatus,
    Service,
    Sex,
    Student,
    StudentStatus,
    SuccessSettings,
    Term,
)

DIMENSIONS: dict[str, Any] = {
    "cohort": _("Cohort"),
    "programme": _("Programme"),
    "campus": _("Campus"),
    "sex": _("Sex"),
    "disability": _("Disability"),
}
_GROUP_FIELD = {
    "cohort": "cohort",
    "programme": "programme__code",
    "campus": "campus__name",
    "sex": "sex",
    "disability": "disability",
}


@dataclass
class Reach:
    """What statistics a user may see: which institutions, and whether small cells are hidden."""

    institution_ids: frozenset[int] | None  # None = every institution
    suppress: bool

    @property
    def empty(self) -> bool:
        return self.institution_ids is not None and not self.institution_ids


def reach_for(user: AnyUser | None) -> Reach:
    scope = scope_for(user)
    if scope.is_admin:
        return Reach(None, False)
    staff = scope.organisations_with(Capability.VIEW_AGGREGATES) & scope.staff_institutions()
    if staff:
        return Reach(frozenset(staff), False)
    countries = scope.aggregate_countries()
    if not scope.can(Capability.VIEW_AGGREGATES):
        return Reach(frozenset(), True)
    institutions = Organisation.objects.filter(kind__in=["tvet_institution", "university"])
    if countries is not None:
        institutions = institutions.filter(country__in=countries)
    return Reach(frozenset(institutions.values_list("pk", flat=True)), True)


@dataclass
class ReportScope:
    """What one outcome report covers: an institution for its staff (None for aggregate-only
    roles, whose figures cover every institution of their countries), and the settings that
    define dropout and timely graduation there."""

    reach: Reach
    institution: Organisation | None
    config: SuccessSettings

    @property
    def institution_id(self) -> int | None:
        return self.institution.pk if self.institution else None


def report_scope(user: AnyUser | None, code: str = "", *, strict: bool = False) -> ReportScope:
    """The scope of the outcome report ``user`` asked for with ``?institution=<code>``.

    Staff get the institution ``code`` names among theirs, else their first. Aggregate-only roles
    get none. The page falls back quietly; with ``strict`` (the API) a code that is not one of the
    user's institutions is refused: 403 for an institution of someone else, 400 for no institution.
    """
    reach = reach_for(user)
    institution = None
    if not reach.suppress:
        institutions = services.institutions_for(user, Capability.VIEW_AGGREGATES)
        institution = next((i for i in institutions if i.code == code), None)
        if institution is None and not (code and strict):
            institution = institutions[0] if institutions else None
    if institution is None and code and strict:
        if Organisation.objects.filter(code=code).exists():
            raise PermissionDenied
        raise ValidationError({"institution": _("No institution has the code “%(code)s”.") % {"code": code}})
    config = services.settings_for(institution.pk) if institution else SuccessSettings()
    return ReportScope(reach, institution, config)


def _students(reach: Reach, institution_id: int | None = None) -> QuerySet[Student]:
    students = Student.objects.all()
    if reach.institution_ids is not None:
        students = students.filter(institution__in=reach.institution_ids)
    if institution_id:
        students = students.filter(institution_id=institution_id)
    return students


@dataclass
class OutcomeRow:
    key: str
    label: str
    n: int
    retained: int
    dropped: int
    graduated: int
    on_time: int
    suppressed: bool = False
    # Counts (and the rates made from them) withheld for aggregate-only roles: small, or small
    # by complement, or hidden so that another cannot be worked out from the total.
    withheld: set[str] = field(default_factory=set)

    def _rate(self, part: str) -> float | None:
        if self.suppressed or not self.n or part in self.withheld:
            return None
        return getattr(self, part) / self.n

    @property
    def retention(self) -> float | None:
        return self._rate("retained")

    @property
    def dropout(self) -> float | None:
        return self._rate("dropped")

    @property
    def graduation(self) -> float | None:
        return self._rate("graduated")

    @property
    def timely(self) -> float | None:
        if self.suppressed or not self.graduated or "on_time" in self.withheld:
            return None
        return self.on_time / self.graduated


@dataclass
class OutcomeTable:
    dimension: str
    rows: list[OutcomeRow] = field(default_factory=list)
    total: OutcomeRow | None = None
    suppressed: bool = False


def _label(dimension: str, key: Any) -> str:
    if dimension == "sex":
        return str(Sex(key).label) if key in Sex.values else str(key)
    if dimension == "disability":
        return str({True: _("With disability"), False: _("Without disability")}.get(key, _("Not recorded")))
    return str(key) if key not in (None, "") else str(_("Not recorded"))


def dropout_cutoff(institution_id: int | None, terms: int) -> dt.date | None:
    """Start of the ``terms``-th most recent finished term: no enrolment since then means dropout."""
    finished = Term.objects.filter(ends_on__lt=timezone.localdate())
    if institution_id:
        finished = finished.filter(institution_id=institution_id)
    starts = list(finished.order_by("-starts_on").values_list("starts_on", flat=True)[: max(terms, 1)])
    return starts[-1] if len(starts) >= terms else None


def outcomes_by(
    user: AnyUser | None,
    dimension: str,
    *,
    institution_id: int | None = None,
    cohort: str = "",
    dropout_terms: int = 2,
    timely_months: int = 36,
) -> OutcomeTable:
    """Rates per group of ``dimension`` among students who entered (optionally one cohort).

    - dropout: withdrawn, or no enrolment in the last ``dropout_terms`` finished terms, without graduating
    - retained: not a dropout (still enrolled or graduated)
    - on time: graduated within ``timely_months`` of entry (share of graduates)
    """
    if dimension not in _GROUP_FIELD:
        raise ValueError(dimension)
    reach = reach_for(user)
    students = _students(reach, institution_id)
    if cohort:
        students = students.filter(cohort=cohort)
    cutoff = dropout_cutoff(institution_id, dropout_terms)
    recent = Enrolment.objects.filter(student=OuterRef("pk"))
    if cutoff is not None:
        recent = recent.filter(term__starts_on__gte=cutoff)
    students = students.annotate(recent=Exists(recent))
    graduated = Q(status=StudentStatus.GRADUATED)
    dropped = ~graduated & (Q(status=StudentStatus.WITHDRAWN) | (Q(recent=False) if cutoff else Q(pk__in=[])))
    on_time = (
        graduated
        & Q(graduated_on__isnull=False, enrolled_on__isnull=False)
        & Q(graduated_on__lte=F("enrolled_on") + dt.timedelta(days=round(timely_months * 30.44)))
    )
    group = _GROUP_FIELD[dimension]
    aggregated = (
        students.values(group)
        .annotate(
            n=Count("id"),
            dropped=Count("id", filter=dropped),
            graduated=Count("id", filter=graduated),
            on_time=Count("id", filter=on_time),
        )
        .order_by(group)
    )
    rows = [
        OutcomeRow(
            key="(missing)" if r[group] is None else str(r[group]),
            label=_label(dimension, r[group]),
            n=r["n"],
            retained=r["n"] - r["dropped"],
            dropped=r["dropped"],
            graduated=r["graduated"],
            on_time=r["on_time"],
        )
        for r in aggregated
    ]
    total = OutcomeRow(
        key="",
        label=str(_("All")),
        n=sum(r.n for r in rows),
        retained=sum(r.retained for r in rows),
        dropped=sum(r.dropped for r in rows),
        graduated=sum(r.graduated for r in rows),
        on_time=sum(r.on_time for r in rows),
    )
    table = OutcomeTable(dimension=dimension, rows=rows, total=total, suppressed=reach.suppress)
    if reach.suppress:
        suppress_small_cells(table.rows, total, threshold=settings.SMALL_CELL_THRESHOLD)
    return table


def outcome_table(user: AnyUser | None, report: ReportScope, dimension: str, *, cohort: str = "") -> OutcomeTable:
    """:func:`outcomes_by` for a report's scope, with its institution's definitions of dropout
    and timely graduation (what the page and the API show)."""
    return outcomes_by(
        user,
        dimension,
        institution_id=report.institution_id,
        cohort=cohort,
        dropout_terms=report.config.dropout_terms,
        timely_months=report.config.timely_graduation_months,
    )


def suppress_small_cells(rows: list[Any], total: Any, *, threshold: int) -> None:
    """Hide groups smaller than ``threshold`` and, through :mod:`puente.core.aggregates`, a
    complementary group so that no hidden value can be recovered from the total."""
    from puente.core.aggregates import suppression_pattern_1d

    state = suppression_pattern_1d(
        [r.n for r in rows], total.n if total is not None else sum(r.n for r in rows), threshold
    )
    for row, hidden in zip(rows, state[:-1], strict=True):
        row.suppressed = bool(hidden)
    if total is not None:
        total.suppressed = bool(state[-1])
    withhold_small_parts([*rows, *([total] if total is not None else [])], threshold=threshold)


# Each count of a group with the count it is a share of.
PARTS = (("retained", "n"), ("dropped", "n"), ("graduated", "n"), ("on_time", "graduated"))


def withhold_small_parts(entries: list[Any], *, threshold: int) -> None:
    """Inside the groups left visible, withhold a count — and its rate — when it or its
    complement is small (a dropout rate of 1 in 12 is the one person), when the count it is a
    share of is withheld, or when it is the only withheld entry of its column (the total would
    give it back): then :func:`~puente.core.aggregates.suppression_pattern_1d` withholds the
    smallest other entry of the column with it. The last entry is the total."""
    from puente.core.aggregates import suppression_pattern_1d

    for part, whole in PARTS:
        values = [getattr(entry, part) for entry in entries]
        already = [
            entry.suppressed or 0 < getattr(entry, whole) - value < threshold or whole in entry.withheld
            for entry, value in zip(entries, values, strict=True)
        ]
        state = suppression_pattern_1d(values[:-1], values[-1], threshold, hidden=already)
        for entry, hidden in zip(entries, state, strict=True):
            if hidden:
                entry.withheld.add(part)


# --- The loop's funnel -------------------------------------------------------------------------------


@dataclass
class FunnelStep:
    key: str
    label: str
    n: int | None  # None when hidden
    suppressed: bool = False


@dataclass
class Funnel:
    since: dt.date
    alerts: int
    contacted: int
    referred: int
    attended: int
    still_enrolled: int
    by_source: dict[str, int]
    suppressed: bool = False

    def steps(self) -> list[FunnelStep]:
        """Each step with its count; for aggregate-only roles, counts from 1 to below
        ``settings.SMALL_CELL_THRESHOLD`` are hidden."""
        threshold = settings.SMALL_CELL_THRESHOLD
        steps = []
        for key, label, n in [
            ("alerts", _("Alerts and flags that opened a case"), self.alerts),
            ("contacted", _("Students reached by a contact"), self.contacted),
            ("referred", _("Referred to a service"), self.referred),
            ("attended", _("Attended the service"), self.attended),
            ("still_enrolled", _("Still enrolled or graduated"), self.still_enrolled),
        ]:
            hidden = self.suppressed and 0 < n < threshold
            steps.append(FunnelStep(key, str(label), None if hidden else n, hidden))
        return steps


def funnel(user: AnyUser | None, *, since: dt.date | None = None, institution_id: int | None = None) -> Funnel:
    """Cases opened since ``since`` (alerts and flags), and how many went through each step.

    "Still enrolled" counts students who are enrolled in a term starting after the case opened,
    or graduated.
    """
    since = since or timezone.localdate() - dt.timedelta(days=180)
    reach = reach_for(user)
    cases = Case.objects.filter(opened_at__date__gte=since, source__in=[CaseSource.MODEL_ALERT, CaseSource.FLAG])
    if reach.institution_ids is not None:
        cases = cases.filter(institution__in=reach.institution_ids)
    if institution_id:
        cases = cases.filter(institution_id=institution_id)
    later = Enrolment.objects.filter(student=OuterRef("student"), term__starts_on__gt=OuterRef("opened_at__date"))
    cases = cases.annotate(
        has_contact=Exists(Contact.objects.filter(case=OuterRef("pk"), reached=True)),
        has_referral=Exists(Referral.objects.filter(case=OuterRef("pk"))),
        has_attended=Exists(Referral.objects.filter(case=OuterRef("pk"), status=ReferralStatus.ATTENDED)),
        enrolled_later=Exists(later),
    )
    counts = cases.aggregate(
        alerts=Count("id"),
        contacted=Count("id", filter=Q(has_contact=True)),
        referred=Count("id", filter=Q(has_referral=True)),
        attended=Count("id", filter=Q(has_attended=True)),
        still=Count("id", filter=Q(enrolled_later=True) | Q(student__status=StudentStatus.GRADUATED)),
    )
    by_source = dict(cases.values_list("source").annotate(n=Count("id")).values_list("source", "n"))
    result = Funnel(
        since=since,
        alerts=counts["alerts"],
        contacted=counts["contacted"],
        referred=counts["referred"],
        attended=counts["attended"],
        still_enrolled=counts["still"],
        by_source=by_source,
        suppressed=reach.suppress,
    )
    return result


# --- Service use and satisfaction -------------------------------------------------------------------


@dataclass
class ServiceUse:
    service: Service
    referrals: int
    attended: int
    appointments: int
    satisfaction_n: int = 0
    satisfaction: float | None = None


def service_use(user: AnyUser | None, institution_id: int) -> list[ServiceUse]:
    """Per service of one institution: referrals, attendance, appointment requests, satisfaction."""
    from puente.surveys import services as surveys

    reach = reach_for(user)
    if reach.institution_ids is not None and institution_id not in reach.institution_ids:
        return []
    services = (
        Service.objects.filter(institution_id=institution_id)
        .annotate(
            n_referrals=Count("referrals", distinct=True),
            n_attended=Count("referrals", filter=Q(referrals__status=ReferralStatus.ATTENDED), distinct=True),
            n_appointments=Count("appointments", distinct=True),
        )
        .order_by("category", "order")
    )
    satisfaction = surveys.mean_scale_by_group(institution_id, surveys.SATISFACTION_CODE, "overall")
    min_cell = settings.SMALL_CELL_THRESHOLD if reach.suppress else 5
    rows = []
    for service in services:
        n, mean = satisfaction.get(service.code, (0, None))
        rows.append(
            ServiceUse(
                service=service,
                referrals=service.n_referrals,  # type: ignore[attr-defined]
                attended=service.n_attended,  # type: ignore[attr-defined]
                appointments=service.n_appointments,  # type: ignore[attr-defined]
                satisfaction_n=n,
                satisfaction=mean if n >= min_cell else None,
            )
        )
    return rows


def cohorts_in(reach: Reach) -> list[str]:
    students = Student.objects.all()
    if reach.institution_ids is not None:
        students = students.filter(institution__in=reach.institution_ids)
    return [c for c in students.order_by("cohort").values_list("cohort", flat=True).distinct() if c]


def last_enrolment(student_ids: list[int]) -> dict[int, Any]:
    return dict(
        Enrolment.objects.filter(student_id__in=student_ids)
        .values("student_id")
        .annotate(last=Max("term__starts_on"))
        .values_list("student_id", "last")
    )


# --- Charts (always with their data table) ------------------------------------------------------------


def _hidden(threshold: int) -> Any:
    from puente.core.aggregates import PRIMARY, Cell

    return Cell(0, PRIMARY, threshold)


def _withheld() -> Any:
    from puente.core.aggregates import COMPLEMENTARY, Cell

    return Cell(0, COMPLEMENTARY)


def outcome_chart(table: OutcomeTable) -> Any:
    """Retention per group as bars, with every rate of the table beside it."""
    from puente.lib import charts

    threshold = settings.SMALL_CELL_THRESHOLD

    def rate(row: OutcomeRow, part: str, value: float | None) -> Any:
        return _withheld() if part in row.withheld else value

    rows = [
        {"group": r.label, "retention": _hidden(threshold) if r.suppressed else rate(r, "retained", r.retention)}
        for r in table.rows
    ]
    data_rows = []
    for r in [*table.rows, *([table.total] if table.total else [])]:
        if r.suppressed:
            hidden = _hidden(threshold)
            data_rows.append(
                charts.TableRow(
                    r.label, [str(hidden), hidden, hidden, hidden, hidden], is_total=not r.key and r is table.total
                )
            )
        else:
            data_rows.append(
                charts.TableRow(
                    r.label,
                    [
                        charts.format_number(r.n),
                        rate(r, "retained", r.retention),
                        rate(r, "dropped", r.dropout),
                        rate(r, "graduated", r.graduation),
                        rate(r, "on_time", r.timely),
                    ],
                    is_total=r is table.total,
                )
            )
    data = charts.DataTable(
        columns=[
            DIMENSIONS[table.dimension],
            _("Students"),
            _("Retention"),
            _("Dropout"),
            _("Graduated"),
            _("Graduated on time"),
        ],
        rows=data_rows,
        value_format="percent",
    )
    return charts.bar_chart(
        rows,
        x="group",
        y="retention",
        title=_("Retention by %(dimension)s") % {"dimension": str(DIMENSIONS[table.dimension]).lower()},
        x_title=DIMENSIONS[table.dimension],
        y_title=_("Retention"),
        value_format="percent",
        table=data,
        dom_id="chart-retention",
    )


def funnel_chart(result: Funnel) -> Any:
    """The loop's funnel: how many cases reached each step."""
    from puente.lib import charts

    threshold = settings.SMALL_CELL_THRESHOLD
    rows = [{"step": step.label, "n": _hidden(threshold) if step.suppressed else step.n} for step in result.steps()]
    return charts.bar_chart(
        rows,
        x="step",
        y="n",
        title=_("From alert to staying in school"),
        x_title=_("Step"),
        y_title=_("Cases"),
        dom_id="chart-funnel",
    )
