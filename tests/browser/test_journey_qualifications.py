"""Journeys of the qualifications and credentials modules (issue 3), clicked through the pages.

- A cook from Peru, not logged in, finds her qualification (even misspelt, without accents),
  its regional level and what it corresponds to elsewhere; then downloads the tourism report.
- Rosa (``bienestar.hde``, who may change students) issues a credential to a graduate and
  downloads it; an employer, not logged in, verifies it; Rosa revokes it; it no longer verifies.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from playwright.sync_api import expect

QUALIFICATION = "PE:PE-HDE-MET-5"  # awarded by the demo institute


def search(page, text: str):
    """Type a query in the search box and submit it; the results' status line."""
    box = page.get_by_role("searchbox", name="Título de la cualificación")
    box.fill(text)
    box.press("Enter")
    status = page.get_by_role("status").filter(has_text=text)
    expect(status).to_contain_text(re.compile(r"\d+ cualificaci(ón coincide|ones coinciden)"))
    return status


def test_a_visitor_finds_a_misspelt_qualification_its_level_and_its_equivalents(open_page):
    page = open_page()
    page.goto("/es/qualifications/")
    search(page, "cocinero")
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Cocinero/a", exact=True)).to_be_visible()

    search(page, "tecnico en cosina")  # no accent, and a typo
    result = results.get_by_role("listitem").filter(has=page.get_by_role("link", name="Técnico/a en Cocina"))
    expect(result).to_contain_text("Perú")
    expect(result).to_contain_text("Nivel 4 del MRC-AP")
    result.get_by_role("link", name="Técnico/a en Cocina").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Técnico/a en Cocina")
    facts = page.locator("main dl.facts")
    expect(facts.get_by_role("definition").filter(has_text="MRC-AP").first).to_contain_text("Nivel 4 del MRC-AP")

    expect(page.get_by_role("heading", name="A qué corresponde en los otros países")).to_be_visible()
    chile = page.get_by_role("region", name="Chile")
    expect(chile.get_by_role("link", name="Cocinero/a")).to_be_visible()
    for country in ("Colombia", "México"):
        expect(page.get_by_role("region", name=country)).to_be_visible()
    expect(page.get_by_role("region", name="Perú")).to_have_count(0)
    # Decided equivalences come first, suggestions after and labelled as such.
    tags = chile.get_by_text(re.compile(r"^(Decidida: |Sugerencia, no decidida)")).all_inner_texts()
    kinds = ["decided" if t.startswith("Decidida") else "suggestion" for t in tags]
    assert kinds and kinds[0] == "decided" and "suggestion" in kinds, tags
    assert kinds == sorted(kinds), f"a suggestion is listed before a decision: {tags}"
    colombia = page.get_by_role("region", name="Colombia")
    expect(colombia.get_by_text("Sugerencia, no decidida").first).to_be_visible()


def test_the_published_tourism_report_downloads_as_pdf_csv_and_json(open_page, tmp_path):
    page = open_page()
    page.goto("/es/qualifications/reports/")
    page.get_by_role("link", name=re.compile("Correlación de cualificaciones de turismo")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("turismo")

    files: dict[str, Path] = {}
    for fmt in ("PDF", "CSV", "JSON"):
        link = page.get_by_role("link", name=fmt, exact=True)
        with page.expect_download() as info:
            link.click()
        download = info.value
        assert download.suggested_filename.endswith(f".{fmt.lower()}"), download.suggested_filename
        files[fmt] = tmp_path / download.suggested_filename
        download.save_as(files[fmt])
        response = page.request.get(link.get_attribute("href"))
        assert response.status == 200
        expected_type = {"PDF": "application/pdf", "CSV": "text/csv", "JSON": "application/json"}[fmt]
        assert response.headers["content-type"].startswith(expected_type), response.headers["content-type"]

    assert files["PDF"].read_bytes().startswith(b"%PDF")
    rows = list(csv.reader(io.StringIO(files["CSV"].read_text(encoding="utf-8-sig"))))
    assert len(rows) > 1 and len(rows[0]) > 1, rows[:2]
    body = json.loads(files["JSON"].read_text(encoding="utf-8"))
    assert body["status"] == "published"
    assert "turismo" in body["title"]["es"].lower()


def verify(page, document_path: Path) -> None:
    """Upload a credential file on the public verification page."""
    page.goto("/es/credentials/verify/")
    page.get_by_label("Archivo de la credencial").set_input_files(document_path)
    page.get_by_role("button", name="Verificar", exact=True).click()


def test_an_issued_credential_verifies_until_it_is_revoked(open_page, tmp_path):
    officer = open_page(user="bienestar.hde")
    officer.goto("/es/students/")
    graduate = officer.get_by_role("row").filter(has_text="Egresado/a").first
    family_given = graduate.get_by_role("cell").nth(0).inner_text().strip()  # "Apaza Pérez, Joaquín"
    number = graduate.get_by_role("cell").nth(1).inner_text().strip()
    family, given = (part.strip() for part in family_given.split(",", 1))

    officer.goto("/es/credentials/")
    officer.get_by_role("link", name="Emitir una credencial").click()
    officer.get_by_label("Número de estudiante").fill(number)
    officer.get_by_label("Código de la cualificación o microcredencial").fill(QUALIFICATION)
    officer.get_by_role("button", name="Firmar y emitir").click()
    expect(officer.get_by_text("La credencial fue emitida y firmada.")).to_be_visible()
    expect(officer.get_by_role("heading", level=1)).to_contain_text("Metalurgia")
    credential_url = officer.url

    with officer.expect_download() as info:
        officer.get_by_role("link", name="Descargar la credencial (JSON)").click()
    document = tmp_path / info.value.suggested_filename
    info.value.save_as(document)
    assert json.loads(document.read_text(encoding="utf-8"))["credentialSubject"]["achievement"]

    employer = open_page()
    verify(employer, document)
    result = employer.get_by_role("status").filter(has=employer.get_by_role("heading", name=re.compile("válida")))
    expect(result.get_by_role("heading", level=2)).to_have_text(re.compile("Credencial válida"))
    expect(result).to_contain_text("Metalurgia")
    expect(result).to_contain_text(f"{given} {family}")

    officer.goto(credential_url)
    officer.get_by_label("Motivo").fill("Emitida por error en la prueba.")
    officer.get_by_role("button", name="Revocar esta credencial").click()
    expect(
        officer.get_by_text("La credencial quedó revocada. Quien la verifique la verá como revocada.")
    ).to_be_visible()
    expect(officer.locator("main dl.facts")).to_contain_text("Revocada")

    verify(employer, document)
    result = employer.get_by_role("status").filter(has=employer.get_by_role("heading", name="No válida"))
    expect(result).to_contain_text("El emisor revocó esta credencial.")
