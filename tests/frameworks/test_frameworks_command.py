"""`puente frameworks import|export|esco`: a registry moves between deployments whole or not at all."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from puente.frameworks import services
from puente.frameworks.models import Correlation, EscoConcept, EscoRelease, Framework, Qualification

DEMO = Path(services.__file__).resolve().parent / "demo_data"


def _counts() -> tuple[int, int, int]:
    return Framework.objects.count(), Qualification.objects.count(), Correlation.objects.count()


def _export(tmp_path: Path, *extra: str) -> dict:
    out = tmp_path / "registry.json"
    call_command("frameworks", "export", "--out", str(out), *extra)
    return json.loads(out.read_text(encoding="utf-8"))


def test_an_export_imported_into_an_empty_registry_gives_the_same_registry(demo, tmp_path, request, capsys):
    before = _export(tmp_path)
    counts = _counts()
    assert counts[1] > 20 and counts[2] > 0
    request.getfixturevalue("empty_registry")
    assert _counts() == (0, 0, 0)

    # A new deployment: ESCO first (the registry refers to its URIs), then the document.
    with pytest.raises(CommandError, match="Unknown ESCO URI"):
        call_command("frameworks", "import", str(tmp_path / "registry.json"))
    assert _counts() == (0, 0, 0)
    call_command(
        "frameworks", "esco", str(DEMO / "esco_occupations_es.csv"), str(DEMO / "esco_skills_es.csv"),
        "--release", "v1.0-demo",
    )  # fmt: skip
    call_command("frameworks", "import", str(tmp_path / "registry.json"))
    assert "Imported:" in capsys.readouterr().out
    assert _counts() == counts
    after = _export(tmp_path)
    assert after["qualifications"] == before["qualifications"]
    assert after["correlations"] == before["correlations"]


def test_export_can_keep_one_country(demo, tmp_path):
    document = _export(tmp_path, "--country", "pe", "--no-correlations")
    assert document["qualifications"] and {q["country"] for q in document["qualifications"]} == {"PE"}
    assert not document.get("correlations")


@pytest.fixture
def demo_document(empty_registry, tmp_path):
    """The demo's document (without programmes this database lacks), ESCO already imported."""
    from puente.frameworks.demo import demo_document

    services.import_esco_files([DEMO / "esco_occupations_es.csv", DEMO / "esco_skills_es.csv"], version="v1.0-demo")
    return demo_document()


def test_a_document_with_one_bad_qualification_imports_nothing(demo_document, tmp_path):
    demo_document["qualifications"][-1]["level"] = None  # a qualification without a level
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(demo_document), encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported") as error:
        call_command("frameworks", "import", str(path))
    assert demo_document["qualifications"][-1]["code"] in str(error.value)
    assert _counts() == (0, 0, 0)


def test_a_dry_run_checks_and_saves_nothing(demo_document, tmp_path, capsys):
    path = tmp_path / "good.json"
    path.write_text(json.dumps(demo_document), encoding="utf-8")
    call_command("frameworks", "import", str(path), "--dry-run")
    assert "Dry run" in capsys.readouterr().out
    assert _counts() == (0, 0, 0)
    call_command("frameworks", "import", str(path))
    assert _counts()[1] == len(demo_document["qualifications"])


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b'{"format": "something-else"}'])
def test_a_file_that_is_not_a_document_is_refused(empty_registry, tmp_path, content):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("frameworks", "import", str(path))
    assert _counts() == (0, 0, 0)


def test_an_esco_download_folder_is_imported_as_a_release(empty_registry, tmp_path, capsys):
    folder = tmp_path / "ESCO dataset - v1.2.0 - classification - es - csv"
    folder.mkdir()
    shutil.copy(DEMO / "esco_occupations_es.csv", folder / "occupations_es.csv")
    shutil.copy(DEMO / "esco_skills_es.csv", folder / "skills_es.csv")
    (folder / "skillGroups_es.csv").write_text("conceptType,conceptUri\n", encoding="utf-8")  # not imported

    call_command("frameworks", "esco", str(folder), "--release", "v1.2.0", "--released-on", "2024-05-15")
    assert "ESCO v1.2.0 (es)" in capsys.readouterr().out
    release = EscoRelease.objects.get()
    assert (release.version, release.language, str(release.released_on)) == ("v1.2.0", "es", "2024-05-15")
    kinds = set(EscoConcept.objects.values_list("kind", flat=True))
    assert kinds == {"occupation", "skill"}
    total = EscoConcept.objects.count()

    call_command("frameworks", "esco", str(folder), "--release", "v1.2.0")
    assert EscoConcept.objects.count() == total and EscoRelease.objects.count() == 1


def test_an_esco_folder_without_the_files_is_explained(empty_registry, tmp_path):
    with pytest.raises(CommandError, match=r"occupations_xx\.csv"):
        call_command("frameworks", "esco", str(tmp_path), "--release", "v1.2.0")
