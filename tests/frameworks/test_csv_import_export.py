"""Frameworks, levels, domains, descriptors and qualifications go out and back in as CSV through
the shared import mechanism, with the same columns; bad rows are named and nothing is written."""

import csv
import io

from puente.frameworks import exchange
from puente.frameworks.models import Descriptor, Domain, Framework, Level, Qualification
from puente.lib.tabular import get_spec, run_import


def _write(tmp_path, slug, header, rows):
    path = tmp_path / f"{slug}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_csv_round_trip(demo, tmp_path):
    before = {slug: exchange.csv_table(slug) for slug in exchange.CSV_TABLES}
    paths = {slug: _write(tmp_path, slug, *before[slug]) for slug in exchange.CSV_TABLES}
    Qualification.objects.all().delete()
    Descriptor.objects.all().delete()
    Level.objects.all().delete()
    Domain.objects.all().delete()
    Framework.objects.all().delete()
    for slug in exchange.CSV_TABLES:
        outcome = run_import(get_spec(slug), paths[slug], write=True)
        assert outcome.ok, (slug, [str(e) for e in outcome.errors[:5]])
    after = {slug: exchange.csv_table(slug) for slug in exchange.CSV_TABLES}
    assert after == before
    cook = Qualification.objects.get(code="CL-TUR-COC-3")
    assert cook.regional_level == 4 or cook.regional_level is None  # references travel in JSON


def test_a_qualification_without_a_level_is_refused(demo, tmp_path):
    header, rows = exchange.csv_table("qualifications", Qualification.objects.filter(code="PE-IEST-COC-4"))
    row = dict(zip(header, rows[0], strict=True))
    row.update(code="PE-NEW-9", level="")
    path = _write(tmp_path, "q", header, [[row[h] for h in header]])
    outcome = run_import(get_spec("qualifications"), path, write=True)
    assert [e.code for e in outcome.errors] == ["level_required"]
    assert not Qualification.objects.filter(code="PE-NEW-9").exists()


def test_a_level_of_another_country_is_refused(demo, tmp_path):
    header, rows = exchange.csv_table("qualifications", Qualification.objects.filter(code="PE-IEST-COC-4"))
    row = dict(zip(header, rows[0], strict=True))
    row.update(code="PE-NEW-8", level="co-mnc@1/4")
    path = _write(tmp_path, "q", header, [[row[h] for h in header]])
    outcome = run_import(get_spec("qualifications"), path, write=True)
    assert [e.code for e in outcome.errors] == ["level_other_country"]


def test_the_csv_export_pages(demo, client):
    response = client.get("/es/qualifications/export/qualifications.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and rows[0]["level"].count("@") == 1
    assert client.get("/es/qualifications/export/nope.csv").status_code == 404
