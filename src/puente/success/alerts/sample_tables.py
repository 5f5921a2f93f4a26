"""Synthetic flat tables of past students, to check ``puente alerts evaluate`` on known ground.

Two generators, both deterministic for a seed:

- :func:`academic_record_table` — a table shaped like the registers many higher-education
  institutions export (one row per student enrolled in a degree): integer codes for
  categorical things (marital status, application mode, course, nationality, parents'
  qualification and occupation — many levels), admission grades, curricular units *credited,
  enrolled, evaluated, approved, without evaluation* and the mean grade per semester, fees and
  scholarship flags, a 0/1 sex column, weak macro-economic columns (unemployment, inflation, GDP
  of the entry year) and a three-class outcome ``Dropout`` / ``Enrolled`` / ``Graduate``.
  The outcome comes from a latent model with real interactions: the share of enrolled units a
  student passes matters *relative to the course's difficulty*, unpaid fees matter less for
  scholarship holders, age matters more in daytime courses, and part of the dropouts leave late
  with an unremarkable record (so no model is perfect).
- :func:`demo_flat_table` — the demo's synthetic people (:mod:`puente.demo.synthetic`) turned
  into the product's own feature table (``services.training_table``): one row per
  student-term at week 4, target "not enrolled next term". Needs Django set up.

:func:`write_messy_csv` writes a frame the way real exports look: ``;`` separators, BOM,
CRLF line ends, stray tabs and spaces around header names, decimal commas.

    python -m puente.success.alerts.sample_tables --out /tmp/academic.csv
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _codes(rng: np.random.Generator, values: list[int], n: int, scores: np.ndarray, slopes: np.ndarray) -> np.ndarray:
    """One code per row; code k's log-weight is its base weight plus ``slopes[k] × scores``."""
    base = np.log(np.geomspace(1.0, 0.01, len(values)))
    logits = base[None, :] + scores[:, None] * slopes[None, :]
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    u = rng.random(n)[:, None]
    pick = (p.cumsum(axis=1) < u).sum(axis=1)
    return np.asarray(values)[np.minimum(pick, len(values) - 1)]


COURSES = [33, 171, 8014, 9003, 9070, 9085, 9119, 9130, 9147, 9238, 9254, 9500, 9556, 9670, 9773, 9853, 9991]
APPLICATION_MODES = [1, 17, 39, 43, 44, 7, 18, 42, 51, 53, 15, 16, 5, 10, 2, 57, 26, 27]
NATIONALITIES = [1, 41, 26, 6, 22, 24, 100, 11, 103, 21, 101, 62, 2, 25, 14, 17, 32, 105, 108, 109, 13]
QUALIFICATIONS = [1, 19, 37, 38, 3, 34, 2, 4, 12, 39, 40, 5, 9, 10, 11, 14, 18, 22, 26, 27, 29, 30, 35, 36, 41, 42]
OCCUPATIONS = [9, 7, 5, 4, 3, 10, 8, 6, 0, 2, 1, 90, 99, 191, 192, 193, 194, 171, 151, 152, 153, 141, 143, 144]
MARITAL = [1, 2, 4, 5, 6, 3]
PREVIOUS = [1, 39, 19, 3, 12, 40, 2, 42, 6, 9, 4, 38, 43, 10, 15, 5, 14]


def academic_record_table(n: int = 4424, seed: int = 0, positive_rate: float = 0.32) -> pd.DataFrame:
    """A three-class outcome table with ~``positive_rate`` dropouts (see the module docstring)."""
    rng = np.random.default_rng(seed)
    ability = rng.normal(size=n)
    motivation = rng.normal(size=n)
    ses = rng.normal(size=n)  # socio-economic status
    maturity = rng.normal(size=n)  # drives age, marriage, evening courses, application mode

    course_weights = rng.dirichlet(np.full(len(COURSES), 1.5))
    course_idx = rng.choice(len(COURSES), n, p=course_weights)
    course = np.asarray(COURSES)[course_idx]
    difficulty = rng.normal(0, 0.6, len(COURSES))[course_idx]  # harder courses: fewer units passed…
    attrition = rng.normal(0, 0.35, len(COURSES))[course_idx]  # …but dropout varies by course differently
    units = rng.choice([5, 6, 6, 7, 8], len(COURSES))[course_idx]
    no_units_course = course == 171  # a course that registers no curricular units in year 1
    evening_course = np.isin(course, [9991, 8014]) | (rng.random(n) < 0.03)
    daytime = (~(evening_course & (rng.random(n) < 0.85))).astype(int)

    age = np.round(17.5 + np.exp(1.0 + 0.55 * maturity + 0.9 * (1 - daytime) + rng.normal(0, 0.3, n)) - 1.5)
    age = np.clip(age, 17, 70)
    older = (age - 20) / 6
    marital = np.where(
        rng.random(n) < _sigmoid(-3.2 + 1.3 * older), rng.choice([2, 4, 5, 6, 3], n, p=[0.7, 0.15, 0.1, 0.03, 0.02]), 1
    )
    app_mode = np.where(
        age >= 23,
        _codes(rng, [39, 1, 7, 43, 44, 18, 42, 17, 2], n, maturity, np.linspace(1.0, -1.0, 9)),
        _codes(rng, APPLICATION_MODES, n, ability, np.linspace(0.6, -0.4, len(APPLICATION_MODES))),
    )
    app_order = np.clip(np.round(rng.exponential(1.0 - 0.2 * np.tanh(ability), n)), 0, 9).astype(int)
    previous = _codes(rng, PREVIOUS, n, maturity, np.linspace(-0.3, 0.8, len(PREVIOUS)))
    previous_grade = np.round(np.clip(132 + 12 * (0.8 * ability + 0.6 * rng.normal(size=n)), 95, 190), 1)
    admission = np.round(np.clip(127 + 13 * (0.85 * ability + 0.5 * rng.normal(size=n)), 95, 190), 1)
    foreign = rng.random(n) < 0.025
    nationality = np.where(foreign, _codes(rng, NATIONALITIES[1:], n, ses, np.zeros(len(NATIONALITIES) - 1)), 1)
    international = (foreign & (rng.random(n) < 0.9)).astype(int)
    mother_q = _codes(rng, QUALIFICATIONS, n, ses, np.linspace(-1.0, 1.2, len(QUALIFICATIONS)))
    father_q = _codes(
        rng, QUALIFICATIONS, n, ses + 0.3 * rng.normal(size=n), np.linspace(-1.0, 1.2, len(QUALIFICATIONS))
    )
    mother_o = _codes(rng, OCCUPATIONS, n, ses, np.linspace(-0.8, 0.8, len(OCCUPATIONS)))
    father_o = _codes(rng, OCCUPATIONS, n, ses, np.linspace(-0.8, 0.8, len(OCCUPATIONS)))
    displaced = (rng.random(n) < _sigmoid(0.2 - 0.8 * older)).astype(int)
    special_needs = (rng.random(n) < 0.012).astype(int)
    gender = (rng.random(n) < _sigmoid(-0.62 + 0.5 * np.isin(course, [9119, 9130, 9991]))).astype(int)
    scholarship = (rng.random(n) < _sigmoid(-1.3 - 0.9 * ses + 0.5 * ability - 0.5 * older)).astype(int)
    debtor = (rng.random(n) < _sigmoid(-2.4 - 0.7 * ses + 0.4 * older - 0.3 * motivation)).astype(int)
    fees_ok = (rng.random(n) < _sigmoid(2.6 + 0.6 * ses - 2.2 * debtor + 0.4 * motivation + 1.2 * scholarship)).astype(
        int
    )
    year = rng.integers(0, 10, n)
    macro = np.array(
        [
            [10.8, 1.4, 1.74],
            [13.9, -0.3, 0.79],
            [9.4, -0.8, -3.12],
            [16.2, 0.3, -0.92],
            [15.5, 2.8, -4.06],
            [8.9, 1.4, 3.51],
            [12.7, 3.7, -1.7],
            [11.1, 0.6, 2.02],
            [7.6, 2.6, 0.32],
            [12.4, 0.5, 1.79],
        ]
    )[year]

    # The dropout propensity: engagement, money, age (more so in daytime courses), course.
    eta = (
        -1.05 * motivation
        - 0.35 * ability
        + 0.35 * older * (1.0 + 0.8 * daytime)
        + 1.9 * (1 - fees_ok) * (1.0 - 0.5 * scholarship)
        + 0.5 * debtor
        - 0.7 * scholarship
        + attrition
        + 0.3 * gender
        + 0.25 * (app_mode == 39)
        + 0.4 * international * (rng.random(n) < 0.5)
        + 0.04 * (macro[:, 0] - 11.5)
        - 0.03 * macro[:, 2]
        + 0.35 * rng.normal(size=n)
    )
    lo, hi = -10.0, 10.0
    for _ in range(60):  # the intercept that gives the wanted dropout share
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _sigmoid(eta + mid).mean() < positive_rate else (lo, mid)
    dropout = rng.random(n) < _sigmoid(eta + lo)
    # When they leave: during the 1st semester, during the 2nd, or later (invisible in year 1).
    stage = np.where(dropout, rng.choice([1, 2, 3], n, p=[0.3, 0.3, 0.4]), 0)

    def semester(k: int, previous_rate: np.ndarray | None) -> dict[str, np.ndarray]:
        credited = np.where(np.isin(app_mode, [7, 18, 42, 43, 44]) & (rng.random(n) < 0.7), rng.integers(1, 12, n), 0)
        enrolled = np.where(no_units_course & (rng.random(n) < 0.8), 0, units + credited // 2)
        enrolled = np.where((rng.random(n) < 0.08), enrolled + rng.integers(1, 4, n), enrolled)
        gone = stage == k
        gone_before = (stage > 0) & (stage < k)
        skill = 1.4 + 1.0 * ability + 0.8 * motivation - difficulty + 0.6 * (1 - daytime) * (ability > 0)
        if previous_rate is not None:
            skill = skill + 0.8 * (np.nan_to_num(previous_rate, nan=0.7) - 0.7)
        skill = skill - np.where(gone, 2.8, 0.0) - np.where(gone_before, 5.0, 0.0) - 0.8 * (stage == 3)
        p = _sigmoid(skill + rng.normal(0, 0.5, n))
        approved = rng.binomial(enrolled, p)
        approved = np.where(gone_before & (rng.random(n) < 0.85), 0, approved)
        extra = rng.poisson(np.clip(1.5 + 1.5 * (1 - p), 0, None))
        evaluations = np.where(
            enrolled > 0, enrolled + extra - np.where(gone | gone_before, rng.integers(0, 8, n), 0), 0
        )
        evaluations = np.where(gone_before & (rng.random(n) < 0.7), 0, np.clip(evaluations, 0, None))
        without = np.where(
            enrolled > 0, rng.binomial(1, 0.05 + 0.25 * (gone | gone_before), n) * rng.integers(1, 4, n), 0
        )
        grade = np.where(
            approved > 0,
            np.clip(11.0 + 1.1 * ability + 0.4 * motivation - 0.3 * difficulty + rng.normal(0, 0.9, n), 10.0, 18.9),
            0.0,
        )
        grade = np.round(grade, 6)
        return {
            "credited": credited,
            "enrolled": enrolled,
            "evaluations": evaluations,
            "approved": approved,
            "grade": grade,
            "without evaluations": without,
        }

    s1 = semester(1, None)
    rate1 = np.where(s1["enrolled"] > 0, s1["approved"] / np.maximum(s1["enrolled"], 1), np.nan)
    s2 = semester(2, rate1)
    rate2 = np.where(s2["enrolled"] > 0, s2["approved"] / np.maximum(s2["enrolled"], 1), np.nan)
    progress = np.nan_to_num(0.5 * (rate1 + rate2), nan=0.6)
    graduate = rng.random(n) < _sigmoid(-0.2 + 4.0 * (progress - 0.75) + 0.5 * motivation + 0.6 * fees_ok)
    target = np.where(dropout, "Dropout", np.where(graduate, "Graduate", "Enrolled"))

    frame = pd.DataFrame(
        {
            "Marital status": marital,
            "Application mode": app_mode,
            "Application order": app_order,
            "Course": course,
            "Daytime/evening attendance": daytime,
            "Previous qualification": previous,
            "Previous qualification (grade)": previous_grade,
            "Nacionality": nationality,
            "Mother's qualification": mother_q,
            "Father's qualification": father_q,
            "Mother's occupation": mother_o,
            "Father's occupation": father_o,
            "Admission grade": admission,
            "Displaced": displaced,
            "Educational special needs": special_needs,
            "Debtor": debtor,
            "Tuition fees up to date": fees_ok,
            "Gender": gender,
            "Scholarship holder": scholarship,
            "Age at enrollment": age.astype(int),
            "International": international,
        }
    )
    for label, sem in (("1st", s1), ("2nd", s2)):
        for key, values in sem.items():
            frame[f"Curricular units {label} sem ({key})"] = values
    frame["Unemployment rate"] = macro[:, 0]
    frame["Inflation rate"] = macro[:, 1]
    frame["GDP"] = macro[:, 2]
    frame["Target"] = target
    return frame


def write_messy_csv(frame: pd.DataFrame, path: str | Path, *, sep: str = ";", decimal: str = ".") -> Path:
    """Write ``frame`` as real exports look: BOM, CRLF, stray tabs/spaces around some header
    names (``Daytime/evening attendance\\t``), optional decimal commas."""
    path = Path(path)
    headers = []
    for i, name in enumerate(frame.columns):
        if "attendance" in name.lower():
            headers.append(f"{name}\t")
        elif i % 7 == 3:
            headers.append(f" {name} ")
        else:
            headers.append(name)
    out = frame.copy()
    out.columns = headers
    text = out.to_csv(sep=sep, index=False, lineterminator="\r\n", decimal=decimal)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def demo_flat_table(students: int = 6000, seed: int = 42, point: str = "week_4") -> pd.DataFrame:
    """The demo's synthetic people as the product's feature table (Django must be set up).

    Every institution's students are pooled (they share the demo's calendar); the institution is
    a categorical column, the term code is the cohort, the target column is ``outcome``
    (``left`` = not enrolled in the next term without graduating)."""
    from datetime import timedelta

    from puente.demo import synthetic as syn
    from puente.demo.catalogue import catalogue_from_data
    from puente.demo.programme import read_programme_data

    from .features import Records
    from .services import training_table

    institutions, programmes = catalogue_from_data(read_programme_data())
    people = syn.generate_students(students, seed, institutions, programmes)
    parts: dict[str, list[pd.DataFrame]] = {"enrolments": [], "results": [], "attendance": [], "lms": []}
    for chunk, start in enumerate(range(0, students, syn.CHUNK_SIZE)):
        block = people.iloc[start : start + syn.CHUNK_SIZE].reset_index(drop=True)
        records = syn.generate_records(block, seed, chunk, institutions, programmes)
        for name, frame in records.items():
            parts[name].append(frame.assign(student_pos=frame["student_pos"] + start))
    rec = {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}
    cal = syn.Calendar()
    n_terms = cal.current + 1
    terms = pd.DataFrame(
        {
            "term_id": np.arange(n_terms),
            "code": [syn.term_code(t) for t in range(n_terms)],
            "starts_on": [syn.term_start(t) for t in range(n_terms)],
            "ends_on": [syn.term_end(t) for t in range(n_terms)],
        }
    )
    programme_code = {p.id: p.code for p in programmes}
    student_frame = pd.DataFrame(
        {
            "student_id": np.arange(len(people)),
            "sex": people["sex"],
            "birth_date": people["birth_date"],
            "enrolled_on": people["enrolled_on"],
            "programme": people["programme_id"].map(programme_code),
            "campus": people["institution_id"].astype(str),
            "disability": np.where(people["disability"], "yes", "no"),
            "graduated_on": people["graduated_on"],
            "left_on": people["left_on"],
        }
    )
    lms = rec["lms"]
    history = Records(
        students=student_frame,
        terms=terms,
        enrolments=rec["enrolments"].rename(columns={"student_pos": "student_id", "term_t": "term_id"}),
        results=rec["results"]
        .rename(columns={"student_pos": "student_id", "term_t": "term_id"})
        .assign(passed=lambda f: f["passed"].astype(float)),
        attendance=rec["attendance"]
        .rename(columns={"student_pos": "student_id"})
        .assign(present=lambda f: f["present"].astype(float)),
        lms=pd.DataFrame({"student_id": lms["student_pos"], "day": pd.to_datetime(lms["occurred_at"]).dt.normalize()}),
    )
    as_of = syn.AS_OF - timedelta(days=0)
    table, y, groups, meta = training_table(
        history, target="not_enrolled_next_term", point=point, as_of=as_of, options={}, max_terms=40
    )
    table = table.rename(columns={"campus": "institution"})
    table["sex"] = meta["sex"].to_numpy()
    table["disability"] = meta["disability"].to_numpy()
    table["term"] = groups
    table["outcome"] = np.where(y == 1, "left", "stayed")
    return table


def main(argv: Any = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=4424)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    write_messy_csv(academic_record_table(args.rows, args.seed), args.out)


if __name__ == "__main__":
    main()
