"""Qualification search and equivalence suggestions over 50 000 qualifications.

``run()`` creates a throw-away database (``test_<name>`` of the configured one, SQLite or
PostgreSQL), loads the demo frameworks and referencing, imports ESCO occupations and skills
(the full v1.0 Spanish files from ``../shared/data/esco-v1.0-es`` when present, else the demo
subset) through the shared tabular import, then generates N synthetic qualifications in the four
countries: titles from ESCO occupation labels (masculine or feminine form, with or without a
specialisation), a level of the country's framework, an ISCED-F field, the occupation, and three
learning outcomes built from ESCO skill labels. It then times:

1. **search** — :func:`services.search_qualifications` for queries sampled from the titles and
   damaged the way people type them: accents removed, other gender form, one typo, a prefix;
   baseline: the naive ``search_text LIKE %word%`` filter the programmes list uses (which finds
   no typo), both fetching the first 50 rows;
2. **suggestions** — :func:`services.suggest_equivalents` for random qualifications against all
   others (three per other country, with the evidence); baseline: a plain Python loop computing
   only the title similarity (rapidfuzz) against every qualification of the other countries.

It reports p50/p95/p99 in ms, ``ratio`` = baseline p95 / ours (the speed-up), the index build times, and the
targets (search p95 < 100 ms, suggestions p95 < 1 s).

    .venv/bin/python -m bench.bench_frameworks
    BENCH_FRAMEWORKS_QUALIFICATIONS=10000 .venv/bin/python -m bench frameworks
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/puente_h6 .venv/bin/python -m bench.bench_frameworks
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_QUALIFICATIONS = int(os.getenv("BENCH_FRAMEWORKS_QUALIFICATIONS", "50000"))
SEARCH_TARGET_MS = 100.0
SUGGEST_TARGET_MS = 1000.0
SHARED_ESCO = Path(__file__).resolve().parents[2] / "shared" / "data" / "esco-v1.0-es"
SUFFIXES = ["", "", "", " de hotel", " industrial", " de nivel básico", " especializado", " en turismo", " de planta"]


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puente.settings")
    import django

    django.setup()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def _summary(samples: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples]
    return {
        "p50_ms": round(_percentile(ms, 50), 3),
        "p95_ms": round(_percentile(ms, 95), 3),
        "p99_ms": round(_percentile(ms, 99), 3),
        "mean_ms": round(statistics.fmean(ms), 3),
    }


def _esco_files() -> list[Path]:
    if (SHARED_ESCO / "esco_v1_0_occupations_es.csv").exists():
        return [SHARED_ESCO / "esco_v1_0_occupations_es.csv", SHARED_ESCO / "esco_v1_0_skills_es.csv"]
    from puente.frameworks.demo import DATA

    return [DATA / "esco_occupations_es.csv", DATA / "esco_skills_es.csv"]


def _generate(n: int, rng: random.Random) -> None:
    """N qualifications with occupations and outcomes, written in bulk."""
    if n <= 0:  # a kept database already has them
        return
    from puente.frameworks import referencing, services
    from puente.frameworks.models import (
        EscoConcept,
        Framework,
        LearningOutcome,
        LevelReference,
        Qualification,
    )
    from puente.frameworks.text import match_stems, qualification_search_keys

    occupations = list(
        EscoConcept.objects.filter(kind="occupation").values_list("uri", "preferred_label", "alt_labels")
    )
    skills = list(EscoConcept.objects.filter(kind="skill").values_list("uri", "preferred_label"))
    levels: dict[str, list[tuple[int, int]]] = {}
    for fw in Framework.objects.filter(code__in=["cl-mctp", "co-mnc", "mx-conocer", "pe-mncp"]):
        levels[fw.country_id] = list(fw.levels.values_list("pk", "number"))
    refs: dict[int, list[tuple[int, str]]] = {}
    for src, number, match in LevelReference.objects.values_list("source_id", "target__number", "match"):
        refs.setdefault(src, []).append((number, match))
    fields = ["1013", "1015", "0724", "0715", "1022"]
    countries = sorted(levels)
    related = {
        uri: services.occupation_search_stems([EscoConcept(preferred_label=label, alt_labels=alt)])
        for uri, label, alt in occupations
    }
    rows, occ_links, outcome_specs = [], [], []
    for i in range(n):
        uri, label, _alt = rng.choice(occupations)
        form = rng.choice([part.strip() for part in label.split("/") if part.strip()] or [label])
        title = (form[:1].upper() + form[1:] + rng.choice(SUFFIXES))[:300]
        country = countries[i % len(countries)]
        level_id, _number = rng.choice(levels[country])
        text, stemmed = qualification_search_keys({"es": title}, f"B-{i}")
        rows.append(
            Qualification(
                country_id=country,
                code=f"B-{country}-{i:06d}",
                title={"es": title},
                level_id=level_id,
                regional_level=referencing.best_regional_level(refs.get(level_id, [])),
                isced_field_id=rng.choice(fields),
                sector_id=None,
                search_text=text,
                search_stems=stemmed,
                search_related=related[uri],
            )
        )
        occ_links.append(uri)
        specs = [rng.sample(skills, 2) for _ in range(3)]
        outcome_specs.append(specs)
        rows[-1].match_stems = match_stems({"es": title}, [f"{a[1]} y {b[1]}" for a, b in specs])
    created = Qualification.objects.bulk_create(rows, batch_size=2000)
    if not created or created[0].pk is None:  # SQLite before 3.35 returns no ids
        created = list(Qualification.objects.filter(code__startswith="B-").order_by("pk"))
    through = Qualification.occupations.through
    through.objects.bulk_create(
        [through(qualification_id=q.pk, escoconcept_id=uri) for q, uri in zip(created, occ_links, strict=True)],
        batch_size=5000,
    )
    domains = ["knowledge", "skills", "autonomy"]
    outcomes = [
        LearningOutcome(
            qualification_id=q.pk,
            domain=domains[k],
            text={"es": f"{pair[0][1].capitalize()} y {pair[1][1]}."},
            order=k,
        )
        for q, specs in zip(created, outcome_specs, strict=True)
        for k, pair in enumerate(specs)
    ]
    LearningOutcome.objects.bulk_create(outcomes, batch_size=5000)


def _damage(title: str, rng: random.Random) -> str:
    """A query as a person may type it: no accents, the other gender form, a typo or a prefix."""
    from puente.lib.text import strip_accents

    words = [w for w in title.split() if len(w) > 3][:3] or title.split()[:1]
    query = " ".join(words)
    kind = rng.randrange(4)
    if kind == 0:
        return strip_accents(query).lower()
    if kind == 1:
        return " ".join(w[:-1] + ("a" if w.endswith("o") else "o") if w[-1] in "oa" else w for w in words)
    if kind == 2:
        w = words[0]
        pos = rng.randrange(1, len(w) - 1) if len(w) > 3 else 1
        return " ".join([w[:pos] + w[pos + 1 :], *words[1:]])
    return words[0][: max(4, len(words[0]) - 2)]


def run(
    n: int = 50_000, queries: int = 300, suggestions: int = 60, keep_db: bool = False, seed: int = 7
) -> dict[str, Any]:
    _setup_django()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from rapidfuzz import fuzz

    if connection.vendor == "sqlite":
        # With --keep-db the file keeps its name, so the next run reuses the generated rows.
        suffix = "" if keep_db else f"_{os.getpid()}"
        name = Path(tempfile.gettempdir()) / f"puente_bench_frameworks{suffix}.sqlite3"
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(name)
    databases = setup_databases(verbosity=0, interactive=False, keepdb=keep_db)
    rng = random.Random(seed)
    try:
        from puente.frameworks import demo, exchange, matching, search, services
        from puente.frameworks.models import Qualification
        from puente.frameworks.text import fold, stems

        clock = time.perf_counter
        started = clock()
        demo._ensure_reference_data()
        esco = services.import_esco_files(_esco_files(), version="v1.0-bench")
        exchange.import_document(demo.demo_document())
        esco_seconds = clock() - started
        started = clock()
        _generate(n - Qualification.objects.count(), rng)
        generate_seconds = clock() - started
        total = Qualification.objects.count()

        search.invalidate()
        started = clock()
        search.get_index()
        search_build = clock() - started
        started = clock()
        matching.get_index()
        matching_build = clock() - started

        titles = list(Qualification.objects.values_list("title", flat=True)[:: max(1, total // 2000)])
        texts = [(t if isinstance(t, dict) else json.loads(t)).get("es", "") for t in titles]
        sample = [_damage(text, rng) for text in texts if text.strip()]
        rng.shuffle(sample)
        sample = sample[:queries]
        for q in sample[:20]:  # warm up
            services.search_qualifications(q)
        ours, naive, found = [], [], 0
        for q in sample:
            t0 = clock()
            results = services.search_qualifications(q, limit=50)
            ours.append(clock() - t0)
            found += bool(results)
            t0 = clock()
            qs = Qualification.objects.select_related("country", "level__framework")
            for word in fold(q).split():
                qs = qs.filter(search_text__contains=word)
            list(qs[:50])
            naive.append(clock() - t0)

        ids = list(Qualification.objects.values_list("pk", flat=True))
        picks = Qualification.objects.in_bulk(rng.sample(ids, suggestions))
        suggest_times, loop_times = [], []
        index = matching.get_index()
        for i, q in enumerate(picks.values()):
            t0 = clock()
            services.suggest_equivalents(q)
            suggest_times.append(clock() - t0)
            if i < 10:
                row = index.row_of[q.pk]
                mine = " ".join(stems(q.title["es"]))
                t0 = clock()
                scores = [
                    fuzz.token_set_ratio(mine, index.titles[k])
                    for k in range(len(index.ids))
                    if index.countries[k] != index.countries[row]
                ]
                max(scores)
                loop_times.append(clock() - t0)

        s_ours, s_naive = _summary(ours), _summary(naive)
        g_ours, g_loop = _summary(suggest_times), _summary(loop_times)
        return {
            "benchmark": "frameworks",
            "database": connection.vendor,
            "qualifications": total,
            "esco_concepts_imported": esco,
            "setup_seconds": {"esco_and_demo": round(esco_seconds, 1), "generate": round(generate_seconds, 1)},
            "index_build_seconds": {"search": round(search_build, 2), "suggestions": round(matching_build, 2)},
            "search": {
                "queries": len(sample),
                "queries_with_results": found,
                "ours": s_ours,
                "baseline_like_filter": s_naive,
                "p95_ratio_ours_to_baseline": round(s_ours["p95_ms"] / s_naive["p95_ms"], 2),
                "ratio": round(s_naive["p95_ms"] / s_ours["p95_ms"], 2),
                "target_p95_ms": SEARCH_TARGET_MS,
                "meets_target": s_ours["p95_ms"] < SEARCH_TARGET_MS,
            },
            "suggestions": {
                "qualifications": len(suggest_times),
                "ours": g_ours,
                "baseline_title_loop": g_loop,
                "p95_ratio_ours_to_baseline": round(g_ours["p95_ms"] / g_loop["p95_ms"], 2),
                "ratio": round(g_loop["p95_ms"] / g_ours["p95_ms"], 2),
                "target_p95_ms": SUGGEST_TARGET_MS,
                "meets_target": g_ours["p95_ms"] < SUGGEST_TARGET_MS,
            },
        }
    finally:
        teardown_databases(databases, verbosity=0, keepdb=keep_db)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=DEFAULT_QUALIFICATIONS)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--suggestions", type=int, default=60)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args(argv)
    json.dump(run(args.n, args.queries, args.suggestions, args.keep_db), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
