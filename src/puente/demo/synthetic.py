"""Reproducible synthetic people for the demo, tests and benchmarks.

Pure functions: they take a seed and a catalogue (institutions, programmes) and return pandas
DataFrames; nothing here touches the database (:mod:`puente.demo.people` writes the frames).
The same seed and catalogue always give the same frames, chunk by chunk, so a million
students are generated and written 10 000 at a time with flat memory.

Every proportion is a named constant below, with where it comes from; ``docs/demo.md`` lists
them in one table. Figures from the book (``data/programme.yaml``) are used where it gives
them; the rest are labelled assumptions.

The dropout signal is built in on purpose, so the early-alert model has something to learn:
each student has a latent engagement score; low engagement raises the chance of leaving (most
of all in the first two semesters), lowers grades in the semester before leaving, and in the
weeks before a student leaves attendance falls and the learning platform goes quiet. About a
third of those who leave do so after a sudden event, with almost no warning (``SHOCK_SHARE``),
so the signal is real but imperfect.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from puente.lib.text import strip_accents

from . import names as nm

# --- Calendar -----------------------------------------------------------------------------

FIRST_YEAR = 2019
#: The demo's "today": fixed so that the same seed gives the same people on any day. Week 9
#: of the second 2026 semester, so the current term has partial attendance and activity.
AS_OF = date(2026, 10, 15)
WEEKS_PER_TERM = 16
COURSES_PER_TERM = 5
CHUNK_SIZE = 10_000
SYNTHETIC_PREFIX = "SYN-"


def term_code(t: int) -> str:
    return f"{FIRST_YEAR + t // 2}-{t % 2 + 1}"


def term_start(t: int) -> date:
    year = FIRST_YEAR + t // 2
    return date(year, 3, 16) if t % 2 == 0 else date(year, 8, 17)


def term_end(t: int) -> date:
    year = FIRST_YEAR + t // 2
    return date(year, 7, 17) if t % 2 == 0 else date(year, 12, 18)


def current_term(as_of: date = AS_OF) -> int:
    """Index of the last term that has started on ``as_of`` (0 is 2019-1)."""
    t = 0
    while term_start(t + 1) <= as_of:
        t += 1
    return t


def term_count(as_of: date = AS_OF) -> int:
    return current_term(as_of) + 1


# --- Proportions and rates (see docs/demo.md) ----------------------------------------------

#: Women's share of entrants per programme sector. Sources in docs/demo.md: where the book
#: gives no figure the value is an assumption that follows what it says in words.
WOMEN_SHARE_BY_SECTOR: dict[str, float] = {
    "mining": 0.22,  # assumption: "domaine plutôt masculinisé" (p. 54, B09); WIM: low participation (p. 22)
    "metallurgy": 0.12,  # assumption: "programme traditionnellement masculin" (p. 78, B07)
    "industrial-maintenance": 0.12,  # assumption: same words for heavy machinery (p. 78) and CONALEP (p. 45)
    "oil-gas": 0.15,  # assumption
    "electricity": 0.15,  # assumption; CTI Don Bosco was boys-only until 2024 (p. 66, B01)
    "energy": 0.30,  # assumption
    "environment": 0.55,  # assumption
    "ict": 0.30,  # assumption
}
#: Programmes where the book gives the split itself.
WOMEN_SHARE_BY_PROGRAMME: dict[str, float] = {
    "PS-CO-CMRB-OHS": 25 / 30,  # B03-OHS-STUDENTS: 25 women of 30 students (p. 72, B03)
}
#: Any other sector: 46 % women, the share of the 25 428 IDEX students (B082-YOUTH, p. 88).
DEFAULT_WOMEN_SHARE = 0.46
#: The women's share rises across cohorts: x0.85 in 2019 to x1.15 in 2026 (a 35 % rise, after
#: PRG-WOMEN-ENROLMENT-INCREASE « +35 % » female students, p. 8); the mean over years is x1.
WOMEN_TREND = (0.85, 1.15)
#: Institutions that admitted only men before a year (CTI Don Bosco "becoming mixed in 2024", p. 66).
MEN_ONLY_BEFORE: dict[str, int] = {"CL-CTI-DONBOSCO": 2024}
OTHER_SEX_SHARE = 0.002  # assumption: "X" recorded for a few people

DISABILITY_SHARE = 0.03  # assumption; the book names deaf, hard-of-hearing, blind and autistic students (p. 56)
DISABILITY_DETAIL = (("auditiva", 0.3), ("visual", 0.2), ("física", 0.2), ("psicosocial", 0.2), ("intelectual", 0.1))
#: Ethnic or Indigenous group recorded, per country (assumption; all others left blank).
ETHNICITY_BY_COUNTRY: dict[str, tuple[tuple[str, float], ...]] = {
    "PE": (("Quechua", 0.14), ("Aimara", 0.03)),
    "CL": (("Mapuche", 0.06), ("Diaguita", 0.03), ("Aymara", 0.02), ("Lickanantay", 0.01)),
    "CO": (("Negro, afrocolombiano, raizal o palenquero", 0.05), ("Muisca", 0.01), ("Wayuu", 0.005)),
    "MX": (("Maya", 0.12), ("Náhuatl", 0.02), ("O'dam (tepehuano del sur)", 0.01)),
}
#: Probability of leaving during semester 1, 2, 3+ for an average student (assumption; the
#: book reports no rates, only that dropout is the problem B10 and B11 address).
DROPOUT_BY_SEMESTER = (0.16, 0.10, 0.05)
DROPOUT_ENGAGEMENT_EFFECT = 1.1  # log-odds per standard deviation of (low) engagement
DROPOUT_DISABILITY_EFFECT = 0.35  # log-odds
SHOCK_SHARE = 0.3  # those who leave after a sudden event: one week of warning instead of 3-6
#: Semesters of a programme by institution type (assumption from each country's credential).
SEMESTERS_BY_TYPE: dict[str, int] = {
    "CFT": 4,
    "CTI": 4,
    "IEST": 6,
    "IESTP": 6,
    "CONALEP": 6,
    "UT": 4,
    "SENA centre": 5,
    "public technological institution": 6,
}
SEMESTERS_BY_PROGRAMME: dict[str, int] = {"PS-MX-UTLD-MINING-ENGINEERING": 8}
#: Relative size of a programme offering (assumption): UTS is large (>22 000 students, p. 84),
#: CMRB's safety programme small (30 students, p. 72, against 259 in mining supervision).
OFFERING_WEIGHT_BY_INSTITUTION: dict[str, float] = {"CO-UTS": 3.0}
OFFERING_WEIGHT_BY_PROGRAMME: dict[str, float] = {"PS-CO-CMRB-OHS": 0.3}
#: Grade scale per country: (lowest, highest, pass mark). Mexico's UT pass at 7, CONALEP at 6.
GRADE_SCALE: dict[str, tuple[float, float, float]] = {
    "PE": (0, 20, 13),
    "CL": (1, 7, 4),
    "CO": (0, 5, 3),
    "MX": (0, 10, 7),
    "CA": (0, 100, 60),
}
GRADE_PASS_BY_TYPE: dict[str, float] = {"CONALEP": 6}
SECONDARY_TYPES = frozenset({"CONALEP", "CTI"})

LMS_EVENTS = (
    ("Curso visto", "Sistema", 0.35),
    ("Módulo de curso visto", "Recurso", 0.30),
    ("Intento de cuestionario enviado", "Cuestionario", 0.10),
    ("Entrega enviada", "Tarea", 0.10),
    ("Mensaje publicado", "Foro", 0.05),
    ("Archivo descargado", "Archivo", 0.10),
)

EMPLOYER_SECTORS_BY_COUNTRY: dict[str, dict[str, float]] = {
    "PE": {"mining": 0.45, "energy": 0.12, "electricity": 0.1, "oil-gas": 0.05, "tourism": 0.28},
    "CL": {"mining": 0.5, "energy": 0.2, "electricity": 0.1, "tourism": 0.2},
    "CO": {"mining": 0.3, "oil-gas": 0.2, "energy": 0.15, "tourism": 0.35},
    "MX": {"oil-gas": 0.35, "energy": 0.2, "mining": 0.2, "tourism": 0.25},
}
#: Where employers are, per country (near the book's institutions and mining regions).
EMPLOYER_SUBDIVISIONS: dict[str, dict[str, float]] = {
    "PE": {"PE-ARE": 0.35, "PE-MOQ": 0.1, "PE-CUS": 0.1, "PE-LAL": 0.1, "PE-ANC": 0.1, "PE-CAJ": 0.1, "PE-JUN": 0.15},
    "CL": {"CL-AN": 0.4, "CL-CO": 0.25, "CL-AT": 0.15, "CL-TA": 0.1, "CL-RM": 0.1},
    "CO": {"CO-BOY": 0.3, "CO-SAN": 0.25, "CO-ANT": 0.15, "CO-CES": 0.1, "CO-LAG": 0.1, "CO-CAS": 0.1},
    "MX": {"MX-CAM": 0.3, "MX-DUR": 0.25, "MX-SON": 0.15, "MX-ZAC": 0.1, "MX-COA": 0.1, "MX-TAB": 0.1},
}


@dataclass(frozen=True)
class Scale:
    name: str
    students: int
    employers: int
    vacancies: int
    activity_terms: int  # most recent terms with attendance and learning-platform logs
    lms_per_week: float = 3.5  # events per week of an engaged student


SCALES: dict[str, Scale] = {
    "small": Scale("small", 3_000, 40, 400, 4),
    "medium": Scale("medium", 50_000, 400, 5_000, 2),
    "large": Scale("large", 1_000_000, 4_000, 100_000, 1, lms_per_week=2.0),
}


# --- Catalogue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class InstitutionInfo:
    id: int
    code: str
    country: str
    institution_type: str
    campus_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ProgrammeInfo:
    id: int
    code: str
    institution_ids: tuple[int, ...]
    sector: str | None
    title: str = ""


@dataclass(frozen=True)
class Offering:
    """One programme at one institution: the unit a student enrols in."""

    programme: ProgrammeInfo
    institution: InstitutionInfo
    semesters: int
    weight: float
    women_share: float
    course_prefix: str

    @property
    def grade_scale(self) -> tuple[float, float, float]:
        low, high, pass_mark = GRADE_SCALE.get(self.institution.country, (0, 100, 60))
        return low, high, GRADE_PASS_BY_TYPE.get(self.institution.institution_type, pass_mark)


def women_share_for(programme: ProgrammeInfo) -> float:
    if programme.code in WOMEN_SHARE_BY_PROGRAMME:
        return WOMEN_SHARE_BY_PROGRAMME[programme.code]
    return WOMEN_SHARE_BY_SECTOR.get(programme.sector or "", DEFAULT_WOMEN_SHARE)


def women_share_in(offering: Offering, cohort_year: np.ndarray) -> np.ndarray:
    """Expected women's share of entrants of ``offering`` in each cohort year."""
    low, high = WOMEN_TREND
    span = max(AS_OF.year - FIRST_YEAR, 1)
    trend = low + (high - low) * (np.asarray(cohort_year) - FIRST_YEAR) / span
    share = np.clip(offering.women_share * trend, 0.0, 0.95)
    men_only_before = MEN_ONLY_BEFORE.get(offering.institution.code)
    if men_only_before:
        share = np.where(np.asarray(cohort_year) < men_only_before, 0.0, share)
    return share


def _course_prefix(title: str, code: str) -> str:
    words = [w for w in strip_accents(title).replace("-", " ").split() if w[:1].isalpha() and len(w) > 2]
    if len(words) >= 2:
        return "".join(w[0] for w in words[:3]).upper()
    base = words[0] if words else code.rsplit("-", 1)[-1]
    return base[:3].upper()


def build_offerings(institutions: Sequence[InstitutionInfo], programmes: Sequence[ProgrammeInfo]) -> list[Offering]:
    """Every (programme, institution) pair whose institution is in ``institutions``, in a stable order."""
    by_id = {inst.id: inst for inst in institutions}
    offerings = []
    for programme in sorted(programmes, key=lambda p: p.code):
        for inst_id in programme.institution_ids:
            inst = by_id.get(inst_id)
            if inst is None:
                continue
            weight = OFFERING_WEIGHT_BY_INSTITUTION.get(inst.code, 1.0) * OFFERING_WEIGHT_BY_PROGRAMME.get(
                programme.code, 1.0
            )
            offerings.append(
                Offering(
                    programme=programme,
                    institution=inst,
                    semesters=SEMESTERS_BY_PROGRAMME.get(
                        programme.code, SEMESTERS_BY_TYPE.get(inst.institution_type, 6)
                    ),
                    weight=weight,
                    women_share=women_share_for(programme),
                    course_prefix=_course_prefix(programme.title, programme.code),
                )
            )
    if not offerings:
        raise ValueError("no programme is offered by the given institutions")
    return offerings


# --- Helpers ------------------------------------------------------------------------------


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def _dates(values: Sequence[date]) -> np.ndarray:
    return np.array(values, dtype="datetime64[D]")


def _pick(rng: np.random.Generator, options: Sequence[Any], size: int) -> np.ndarray:
    return np.asarray(options, dtype=object)[rng.integers(0, len(options), size)]


def _ascii_slug(value: str) -> str:
    return "".join(ch for ch in strip_accents(value).lower() if ch.isalnum())


def _chunk_rng(seed: int, chunk: int, stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, chunk, stream])


@dataclass
class Calendar:
    as_of: date = AS_OF
    starts: np.ndarray = field(init=False)
    ends: np.ndarray = field(init=False)
    current: int = field(init=False)

    def __post_init__(self) -> None:
        self.current = current_term(self.as_of)
        self.starts = _dates([term_start(t) for t in range(self.current + 12)])
        self.ends = _dates([term_end(t) for t in range(self.current + 12)])

    @property
    def as_of64(self) -> np.datetime64:
        return np.datetime64(self.as_of, "D")


# --- Students -----------------------------------------------------------------------------


def _student_chunk(
    seed: int, chunk: int, start: int, size: int, offerings: Sequence[Offering], cal: Calendar
) -> pd.DataFrame:
    rng = _chunk_rng(seed, chunk, 1)
    n = size
    weights = np.array([o.weight for o in offerings])
    off = rng.choice(len(offerings), n, p=weights / weights.sum())
    cohort_weights = 1.0 + 0.04 * np.arange(cal.current + 1)
    cohort = rng.choice(cal.current + 1, n, p=cohort_weights / cohort_weights.sum())
    cohort_year = FIRST_YEAR + cohort // 2

    semesters = np.array([o.semesters for o in offerings])[off]
    country = np.array([o.institution.country for o in offerings], dtype=object)[off]
    inst_type = np.array([o.institution.institution_type for o in offerings], dtype=object)[off]
    institution_id = np.array([o.institution.id for o in offerings])[off]
    programme_id = np.array([o.programme.id for o in offerings])[off]

    # Campus: the first campus of an institution is the largest.
    campus_table = [o.institution.campus_ids or (0,) for o in offerings]
    n_campus = np.array([len(c) for c in campus_table])[off]
    campus_pos = np.minimum((rng.random(n) ** 1.6 * n_campus).astype(int), n_campus - 1)
    campus_id = np.array([campus_table[o][p] for o, p in zip(off, campus_pos, strict=True)])

    # Sex, by the offering's share for the cohort year.
    p_women = np.zeros(n)
    for i, offering in enumerate(offerings):
        rows = off == i
        if rows.any():
            p_women[rows] = women_share_in(offering, cohort_year[rows])
    u = rng.random(n)
    sex = np.where(u < p_women, "F", np.where(u < p_women + OTHER_SEX_SHARE, "X", "M")).astype(object)

    given = np.where(
        sex == "F",
        _pick(rng, nm.GIVEN_FEMALE, n),
        np.where(sex == "M", _pick(rng, nm.GIVEN_MALE, n), _pick(rng, nm.GIVEN_OTHER, n)),
    )
    family = []
    for _ in range(2):
        common = _pick(rng, nm.FAMILY_COMMON, n)
        local_u = rng.random(n)
        local_pick = rng.integers(0, 1_000_000, n)
        family.append(
            np.array(
                [
                    (
                        nm.FAMILY_BY_COUNTRY.get(c, nm.FAMILY_DEFAULT)[
                            k % len(nm.FAMILY_BY_COUNTRY.get(c, nm.FAMILY_DEFAULT))
                        ]
                    )
                    if lu < 0.55
                    else cm
                    for c, lu, k, cm in zip(country, local_u, local_pick, common, strict=True)
                ],
                dtype=object,
            )
        )
    family_name = np.array([f"{a} {b}" for a, b in zip(family[0], family[1], strict=True)], dtype=object)
    index = np.arange(start, start + n)
    external_id = np.array([f"{SYNTHETIC_PREFIX}{i:07d}" for i in index], dtype=object)
    email = np.array(
        [
            f"{_ascii_slug(g)}.{_ascii_slug(f)}{i}@alumnos.example.org"
            for g, f, i in zip(given, family[0], index, strict=True)
        ],
        dtype=object,
    )

    secondary = np.isin(inst_type, list(SECONDARY_TYPES))
    age = np.where(secondary, 15 + rng.gamma(1.5, 0.5, n), 17 + rng.gamma(2.0, 1.6, n))
    starts = cal.starts[cohort]
    birth_date = starts - np.round(age * 365.25).astype("timedelta64[D]")

    engagement = rng.standard_normal(n)
    disability = rng.random(n) < DISABILITY_SHARE
    labels, probs = zip(*DISABILITY_DETAIL, strict=True)
    detail = np.where(disability, rng.choice(np.array(labels, dtype=object), n, p=np.array(probs)), "")

    ethnicity = np.full(n, "", dtype=object)
    u_eth = rng.random(n)
    for code, groups in ETHNICITY_BY_COUNTRY.items():
        rows = country == code
        edge = 0.0
        for label, share in groups:
            hit = rows & (u_eth >= edge) & (u_eth < edge + share)
            ethnicity[hit] = label
            edge += share

    # Life course: the semester in which a student leaves, if any, and when.
    drop_sem = np.zeros(n, dtype=int)
    u_drop = rng.random((n, max(semesters.max(), 1)))
    for s in range(1, semesters.max() + 1):
        base = DROPOUT_BY_SEMESTER[min(s, len(DROPOUT_BY_SEMESTER)) - 1]
        logit = _logit(base) - DROPOUT_ENGAGEMENT_EFFECT * engagement + DROPOUT_DISABILITY_EFFECT * disability
        at_risk = (drop_sem == 0) & (s <= semesters) & (cohort + s - 1 <= cal.current)
        drop_sem[at_risk & (u_drop[:, s - 1] < _sigmoid(logit))] = s
    drop_term = cohort + np.maximum(drop_sem, 1) - 1
    leave_date = cal.starts[drop_term] + rng.integers(21, 15 * 7, n).astype("timedelta64[D]")
    shock = rng.random(n) < SHOCK_SHARE
    left = (drop_sem > 0) & (leave_date <= cal.as_of64)
    last_term = cohort + semesters - 1
    graduated = (
        (drop_sem == 0) & (last_term < cal.current) & (cal.ends[np.minimum(last_term, len(cal.ends) - 1)] < cal.as_of64)
    )
    terms_taken = np.where(drop_sem > 0, drop_sem, np.minimum(semesters, cal.current - cohort + 1))

    status = np.where(graduated, "graduated", np.where(left, "withdrawn", "enrolled")).astype(object)
    enrolled_on = starts - rng.integers(7, 41, n).astype("timedelta64[D]")
    graduated_on = np.where(
        graduated,
        cal.ends[np.minimum(last_term, len(cal.ends) - 1)] + rng.integers(7, 31, n).astype("timedelta64[D]"),
        np.datetime64("NaT"),
    )
    left_on = np.where(left, leave_date, np.datetime64("NaT"))

    return pd.DataFrame(
        {
            "external_id": external_id,
            "institution_id": institution_id,
            "campus_id": np.where(campus_id > 0, campus_id, 0),
            "programme_id": programme_id,
            "cohort": [term_code(int(t)) for t in cohort],
            "sex": sex,
            "given_name": given,
            "family_name": family_name,
            "birth_date": birth_date,
            "email": email,
            "disability": disability,
            "disability_detail": detail,
            "ethnicity": ethnicity,
            "status": status,
            "enrolled_on": enrolled_on,
            "graduated_on": graduated_on.astype("datetime64[D]"),
            "left_on": left_on.astype("datetime64[D]"),
            # Hidden columns (not stored): what the record generator needs.
            "_offering": off,
            "_cohort_t": cohort,
            "_semesters": semesters,
            "_engagement": engagement,
            "_drop_sem": drop_sem,
            "_leave_date": leave_date,
            "_shock": shock,
            "_terms_taken": terms_taken,
            "_country": country,
        }
    )


def iter_student_chunks(
    n: int,
    seed: int,
    institutions: Sequence[InstitutionInfo],
    programmes: Sequence[ProgrammeInfo],
    *,
    as_of: date = AS_OF,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[pd.DataFrame]:
    """Students ``0..n-1`` in chunks of ``chunk_size``; chunk ``i`` depends only on
    ``(seed, i)``, so any consumer sees the same people."""
    offerings = build_offerings(institutions, programmes)
    cal = Calendar(as_of)
    for chunk, start in enumerate(range(0, n, chunk_size)):
        yield _student_chunk(seed, chunk, start, min(chunk_size, n - start), offerings, cal)


def generate_students(
    n: int,
    seed: int,
    institutions: Sequence[InstitutionInfo],
    programmes: Sequence[ProgrammeInfo],
    *,
    as_of: date = AS_OF,
) -> pd.DataFrame:
    """All ``n`` students in one frame (for tests and analysis; the writer uses chunks)."""
    frames = list(iter_student_chunks(n, seed, institutions, programmes, as_of=as_of))
    return pd.concat(frames, ignore_index=True)


def expected_women_share(
    students: pd.DataFrame, institutions: Sequence[InstitutionInfo], programmes: Sequence[ProgrammeInfo]
) -> np.ndarray:
    """The configured probability of each row being a woman (for checks against the frame)."""
    offerings = build_offerings(institutions, programmes)
    year = FIRST_YEAR + students["_cohort_t"].to_numpy() // 2
    out = np.zeros(len(students))
    off = students["_offering"].to_numpy()
    for i, offering in enumerate(offerings):
        rows = off == i
        if rows.any():
            out[rows] = women_share_in(offering, year[rows])
    return out


# --- Records: enrolments, results, attendance, learning-platform activity -----------------

MAX_SEMESTERS = 12


def _course_table(offerings: Sequence[Offering]) -> tuple[np.ndarray, np.ndarray]:
    """Course codes and names of every offering, semester and unit, indexed by :func:`_course_index`."""
    codes, names = [], []
    for offering in offerings:
        for semester in range(1, MAX_SEMESTERS + 1):
            for unit in range(1, COURSES_PER_TERM + 1):
                codes.append(f"{offering.course_prefix}-{semester}{unit:02d}")
                names.append(f"Unidad didáctica {semester}.{unit}")
    return np.array(codes, dtype=object), np.array(names, dtype=object)


def _course_index(offering: np.ndarray, semester: np.ndarray, unit: np.ndarray) -> np.ndarray:
    return (offering * MAX_SEMESTERS + (semester - 1)) * COURSES_PER_TERM + (unit - 1)


def generate_records(
    students: pd.DataFrame,
    seed: int,
    chunk: int,
    institutions: Sequence[InstitutionInfo],
    programmes: Sequence[ProgrammeInfo],
    *,
    as_of: date = AS_OF,
    activity_terms: int = 4,
    lms_per_week: float = 3.5,
) -> dict[str, pd.DataFrame]:
    """Terms, results, attendance and platform logs of one chunk of students.

    Rows point at students by ``student_pos`` (row number in ``students``) and at terms by
    ``term_t`` (0 is 2019-1). Nothing is recorded after ``as_of``: results of the running term
    are not known yet.
    """
    offerings = build_offerings(institutions, programmes)
    cal = Calendar(as_of)
    rng = _chunk_rng(seed, chunk, 2)
    taken = students["_terms_taken"].to_numpy()
    pos = np.repeat(np.arange(len(students)), taken)
    first = np.repeat(np.cumsum(taken) - taken, taken)
    semester = np.arange(len(pos)) - first + 1
    cohort = students["_cohort_t"].to_numpy()[pos]
    t = cohort + semester - 1
    drop_sem = students["_drop_sem"].to_numpy()[pos]
    leave = students["_leave_date"].to_numpy()[pos].astype("datetime64[D]")
    engagement = students["_engagement"].to_numpy()[pos]
    is_drop_term = (drop_sem > 0) & (semester == drop_sem)
    withdrawn = is_drop_term & (leave <= cal.as_of64)
    running = (cal.starts[t] <= cal.as_of64) & (cal.ends[t] >= cal.as_of64)
    status = np.where(withdrawn, "withdrawn", np.where(running | is_drop_term, "active", "completed")).astype(object)
    enrolments = pd.DataFrame(
        {
            "student_pos": pos,
            "term_t": t,
            "semester": semester,
            "status": status,
            "enrolled_on": cal.starts[t] - rng.integers(3, 20, len(pos)).astype("timedelta64[D]"),
            "withdrawn_on": np.where(withdrawn, leave, np.datetime64("NaT")).astype("datetime64[D]"),
        }
    )

    # Course results of completed terms. The semester before leaving goes worse.
    offering = students["_offering"].to_numpy()[pos]
    courses, course_names = _course_table(offerings)
    done = status == "completed"
    r_enrol = np.repeat(np.nonzero(done)[0], COURSES_PER_TERM)
    k = np.tile(np.arange(1, COURSES_PER_TERM + 1), int(done.sum()))
    pre_drop = (drop_sem[r_enrol] > 0) & (semester[r_enrol] == drop_sem[r_enrol] - 1)
    perf = _sigmoid(0.9 + 0.9 * engagement[r_enrol] - 0.7 * pre_drop + rng.normal(0, 0.8, len(r_enrol)))
    scales = np.array([o.grade_scale for o in offerings])[offering[r_enrol]]
    grade = np.round(scales[:, 0] + perf * (scales[:, 1] - scales[:, 0]), 1)
    sem_r = semester[r_enrol]
    results = pd.DataFrame(
        {
            "student_pos": pos[r_enrol],
            "term_t": t[r_enrol],
            "course_code": courses[_course_index(offering[r_enrol], sem_r, k)],
            "course_name": course_names[_course_index(offering[r_enrol], sem_r, k)],
            "grade": grade,
            "passed": grade >= scales[:, 2],
            "recorded_on": cal.ends[t[r_enrol]] + rng.integers(0, 11, len(r_enrol)).astype("timedelta64[D]"),
        }
    )

    # Weekly attendance and platform activity in the most recent terms.
    recent = t >= cal.current - activity_terms + 1
    a_enrol = np.repeat(np.nonzero(recent)[0], WEEKS_PER_TERM)
    week = np.tile(np.arange(WEEKS_PER_TERM), int(recent.sum()))
    day = cal.starts[t[a_enrol]] + (7 * week).astype("timedelta64[D]")
    leaving = is_drop_term[a_enrol]
    keep = (day <= cal.as_of64) & (day <= cal.ends[t[a_enrol]]) & ~(leaving & (day >= leave[a_enrol]))
    a_enrol, day, leaving = a_enrol[keep], day[keep], leaving[keep]
    shock = students["_shock"].to_numpy()[pos][a_enrol]
    window = np.where(shock, 1, 3 + (pos[a_enrol] % 4))  # weeks of warning
    weeks_before = (leave[a_enrol] - day).astype(int) / 7.0
    decline = np.where(leaving, np.clip((window - weeks_before) / window, 0, 1) * 3.0, 0.0)
    eng = engagement[a_enrol]
    present = rng.random(len(a_enrol)) < _sigmoid(2.2 + 0.9 * eng - decline)
    attendance = pd.DataFrame({"student_pos": pos[a_enrol], "date": day, "present": present})

    rate = lms_per_week * np.exp(0.45 * eng - 0.35 - 0.8 * decline)
    counts = rng.poisson(rate)
    l_row = np.repeat(np.arange(len(a_enrol)), counts)
    n_events = len(l_row)
    labels, components, probs = zip(*LMS_EVENTS, strict=True)
    kind = rng.choice(len(LMS_EVENTS), n_events, p=np.array(probs))
    seconds = rng.integers(13 * 3600, 28 * 3600, n_events) + rng.integers(0, 7, n_events) * 86400  # 8:00-23:00 UTC-5
    occurred = day[l_row].astype("datetime64[s]") + seconds.astype("timedelta64[s]")
    # Nothing after the demo date, nor after the day the student left.
    limit = np.where(leaving[l_row], leave[a_enrol][l_row], cal.as_of64 + 1).astype("datetime64[s]")
    limit = np.minimum(limit, (cal.as_of64 + 1).astype("datetime64[s]"))
    in_time = occurred < limit
    l_row, kind, occurred = l_row[in_time], kind[in_time], occurred[in_time]
    n_events = len(l_row)
    l_pos = pos[a_enrol][l_row]
    l_sem = semester[a_enrol][l_row]
    l_course = rng.integers(1, COURSES_PER_TERM + 1, n_events)
    course = courses[_course_index(offering[a_enrol][l_row], l_sem, l_course)]
    event = np.array(labels, dtype=object)[kind]
    # Synthetic log lines have no text to hash: a random 128-bit id keeps them unique.
    raw = rng.bytes(16 * n_events).hex()
    fingerprints = [f"syn-{raw[i : i + 32]}" for i in range(0, 32 * n_events, 32)]
    lms = pd.DataFrame(
        {
            "student_pos": l_pos,
            "occurred_at": occurred,
            "course_code": course,
            "event": event,
            "component": np.array(components, dtype=object)[kind],
            "fingerprint": fingerprints,
        }
    )
    return {"enrolments": enrolments, "results": results, "attendance": attendance, "lms": lms}


# --- Employers and vacancies --------------------------------------------------------------


def generate_employers(n: int, seed: int, countries: Sequence[str] = ("PE", "CL", "CO", "MX")) -> pd.DataFrame:
    """Fictional companies in the extractive, energy and tourism sectors, spread over the
    four countries and their mining regions."""
    rng = np.random.default_rng([seed, 0, 3])
    country = np.array(countries, dtype=object)[np.arange(n) % len(countries)]
    rows = []
    for i, c in enumerate(country):
        sectors = EMPLOYER_SECTORS_BY_COUNTRY[c]
        sector = rng.choice(list(sectors), p=np.array(list(sectors.values())))
        subs = EMPLOYER_SUBDIVISIONS[c]
        subdivision = rng.choice(list(subs), p=np.array(list(subs.values())))
        word = nm.EMPLOYER_SECTOR_WORDS[sector][rng.integers(len(nm.EMPLOYER_SECTOR_WORDS[sector]))]
        place = nm.EMPLOYER_PLACE_WORDS[c][rng.integers(len(nm.EMPLOYER_PLACE_WORDS[c]))]
        legal = nm.EMPLOYER_LEGAL_FORMS[c][rng.integers(len(nm.EMPLOYER_LEGAL_FORMS[c]))]
        rows.append(
            {
                "code": f"{SYNTHETIC_PREFIX}EMP-{c}-{i + 1:05d}",
                "name": f"{word} {place} {legal}",
                "country": c,
                "subdivision": str(subdivision),
                "sector": str(sector),
            }
        )
    return pd.DataFrame(rows, columns=["code", "name", "country", "subdivision", "sector"])


def generate_vacancies(n: int, seed: int, employers: pd.DataFrame, *, as_of: date = AS_OF) -> pd.DataFrame:
    """Vacancies posted over the 18 months before ``as_of``; ``employer_pos`` is the row of
    ``employers`` (whose columns are ``country``, ``subdivision``, ``sector`` and an optional
    ``weight``)."""
    rng = np.random.default_rng([seed, 0, 4])
    weights = employers["weight"].to_numpy(float) if "weight" in employers else np.ones(len(employers))
    employer_pos = rng.choice(len(employers), n, p=weights / weights.sum())
    posted = np.datetime64(as_of, "D") - rng.integers(0, 548, n).astype("timedelta64[D]")
    closes = posted + rng.integers(21, 61, n).astype("timedelta64[D]")
    open_now = closes >= np.datetime64(as_of, "D")
    draft = rng.random(n) < 0.03
    status = np.where(
        open_now, np.where(draft, "draft", "open"), np.where(rng.random(n) < 0.6, "filled", "closed")
    ).astype(object)
    rows = []
    sectors = employers["sector"].to_numpy()
    pick = rng.integers(0, 1_000, n)
    positions = np.minimum(rng.geometric(0.55, n), 8)
    for i in range(n):
        sector = sectors[employer_pos[i]]
        options = nm.VACANCY_TITLES[sector]
        title, isced = options[pick[i] % len(options)]
        rows.append((title, isced))
    titles, fields = zip(*rows, strict=True) if rows else ((), ())
    return pd.DataFrame(
        {
            "employer_pos": employer_pos,
            "reference": [f"{SYNTHETIC_PREFIX}V{i + 1:07d}" for i in range(n)],
            "title": list(titles),
            "isced_field": list(fields),
            "sector": sectors[employer_pos] if n else [],
            "country": employers["country"].to_numpy()[employer_pos] if n else [],
            "subdivision": employers["subdivision"].to_numpy()[employer_pos] if n else [],
            "positions": positions,
            "posted_on": posted,
            "closes_on": closes,
            "status": status,
        }
    )
