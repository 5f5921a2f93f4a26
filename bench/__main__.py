"""``make bench``: run every ``bench/bench_*.py`` module and write ``bench/results/<name>.json``.

Each module measures its own ratios against a baseline in the same run (so the numbers mean
something on any machine) and exposes ``main()`` printing one JSON object. Modules run one at a
time, each in its own process (they create throw-away databases and measure memory).

    .venv/bin/python -m bench                    # every benchmark
    .venv/bin/python -m bench import synthetic   # some of them
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/puente_bench .venv/bin/python -m bench import

Sizes are set per module by environment variables (e.g. ``BENCH_IMPORT_ROWS=1000000``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def discover() -> list[str]:
    return sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))


def run_one(name: str) -> tuple[bool, float]:
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, "-m", f"bench.bench_{name}"], cwd=HERE.parent, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        sys.stderr.write(f"bench {name}: failed ({child.returncode})\n{child.stderr[-4000:]}\n")
        return False, seconds
    text = child.stdout
    try:
        result = json.loads(text[text.index("{") :])
    except ValueError:
        sys.stderr.write(f"bench {name}: no JSON result\n{text[-2000:]}\n")
        return False, seconds
    result.setdefault("measured_at", time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"bench {name}: {seconds:.0f} s → bench/results/{name}.json")
    return True, seconds


def main(argv: list[str]) -> int:
    names = argv or discover()
    unknown = sorted(set(names) - set(discover()))
    if unknown:
        sys.stderr.write(f"unknown benchmarks: {', '.join(unknown)} (known: {', '.join(discover())})\n")
        return 2
    failures = [name for name in names if not run_one(name)[0]]
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
