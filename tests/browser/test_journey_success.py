"""Journeys of the student-success loop (issue 4), clicked through the real pages.

- Carmen (``tutora.hde``) opens her week, contacts her highest-risk student and refers the case
  to a service; Rosa (``bienestar.hde``) then sees the contact in the outcomes funnel.
- An anonymous student on a phone finds a service with the keyboard alone and asks for an
  appointment; Rosa prints the QR sheet, one labelled code per service.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}


def tab_to(page, target, *, limit: int = 80) -> None:
    """Press Tab until ``target`` has the keyboard focus (as a keyboard user would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {target}")


def test_a_tutor_contacts_a_high_risk_student_and_refers_the_case_which_the_funnel_counts(open_page):
    page = open_page(user="tutora.hde")
    page.goto("/es/students/week/")
    week = page.get_by_role("table", name=re.compile("Para contactar esta semana"))
    row = week.get_by_role("row").filter(has_text="Riesgo alto").first
    expect(row).to_be_visible()
    name_link = row.get_by_role("rowheader").get_by_role("link")
    family_given = name_link.inner_text().strip()  # "Ramírez Ortiz, Karla"
    # The reasons are sentences in Spanish, not the model's feature names.
    reasons = row.get_by_role("listitem")
    assert reasons.count() >= 1
    for reason in reasons.all_inner_texts():
        assert " " in reason.strip() and "_" not in reason, reason
    expect(row).to_contain_text("Aún sin contacto")

    row.get_by_role("link", name=re.compile("^Registrar un contacto")).click()
    form = page.get_by_role("form", name=re.compile("^Contacto con"))
    form.get_by_label("Cómo").select_option(label="Llamada telefónica")
    form.get_by_role("radio", name="Sí").check()
    form.get_by_label("Resumen").fill("Conversamos sobre las notas; acordamos tutoría de pares.")
    form.get_by_role("button", name="Guardar contacto").click()
    done = page.get_by_role("status").filter(has_text="registrado")
    expect(done).to_contain_text(re.compile(r"Contacto con .+ registrado\."))

    # The week list's follow-up column now shows the contact.
    page.reload()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=family_given, exact=True))
    expect(row).to_contain_text("Último contacto")
    expect(row).not_to_contain_text("Aún sin contacto")

    row.get_by_role("link", name=re.compile("^Derivar a un servicio")).click()
    page.wait_for_url(re.compile(r"/es/students/cases/\d+/"))
    contacts = page.get_by_role("table", name="Contactos")
    expect(contacts).to_contain_text("acordamos tutoría de pares")
    expect(contacts).to_contain_text("Llamada telefónica")
    page.get_by_label(re.compile("^Servicio")).select_option(label="Tutoría entre pares")
    page.get_by_label("Nota para el servicio").fill("Necesita apoyo en matemáticas.")
    page.get_by_role("button", name="Derivar", exact=True).click()
    expect(page.get_by_text("Derivación enviada al servicio.")).to_be_visible()
    referrals = page.get_by_role("table", name="Derivaciones a servicios")
    expect(referrals.get_by_role("row").filter(has_text="Tutoría entre pares")).to_contain_text("Derivado")

    # The wellbeing officer sees the loop in the outcomes report: chart and data table.
    officer = open_page(user="bienestar.hde")
    officer.goto("/es/students/outcomes/")
    funnel = officer.get_by_role("region", name="De la alerta a la permanencia")
    expect(funnel.get_by_role("img")).to_be_visible()
    ticks = funnel.locator("svg text").all_text_contents()
    numbers = [t for t in ticks if t.strip().isdigit()]
    assert len(numbers) == len(set(numbers)), f"repeated axis ticks: {numbers}"
    funnel_table = funnel.get_by_role("table", name=re.compile("Datos del gráfico"))
    for step in ("Estudiantes contactados", "Derivados a un servicio"):
        cell = funnel_table.get_by_role("row", name=re.compile(step)).get_by_role("cell")
        assert int(cell.inner_text()) >= 1, step
    retention = officer.get_by_role("table", name="Datos del gráfico «Retención por sexo»")
    for sex in ("Mujer", "Hombre"):
        expect(retention.get_by_role("rowheader", name=sex, exact=True)).to_be_visible()


def test_a_student_on_a_phone_finds_a_service_with_the_keyboard_and_asks_for_an_appointment(open_page):
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto("/es/services/")
    institute = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name=re.compile("Honorio Delgado Espinoza"))
    )
    tab_to(page, institute.get_by_role("link", name="Sede central"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Servicios en Sede central")

    tab_to(page, page.get_by_role("link", name="Orientación académica", exact=True))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Orientación académica")
    expect(page.get_by_role("heading", name="Pedir una cita")).to_be_visible()

    for label, text in [
        ("Tu nombre", "Lucía Quispe"),
        ("Tu correo electrónico", "lucia.quispe@example.org"),
        ("Cuándo te acomoda", "Martes por la mañana"),
        ("¿De qué te gustaría conversar?", "Quiero cambiar de turno."),
    ]:
        tab_to(page, page.get_by_label(label))
        page.keyboard.type(text)
    tab_to(page, page.get_by_role("button", name="Enviar solicitud"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Solicitud enviada")
    expect(page.get_by_text("Tu solicitud fue enviada. La unidad te contactará pronto.")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Orientación académica")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"


def test_the_printed_qr_sheet_has_one_labelled_code_per_service(open_page):
    page = open_page(user="bienestar.hde")
    page.goto("/es/services/PE-IESTP-HDE/")
    names = [n.strip() for n in page.locator("main .service-list > li > a").all_inner_texts()]
    assert len(names) > 10, names

    page.goto("/es/services/PE-IESTP-HDE/qr/")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Imprimir")).to_be_hidden()
    cards = page.locator("main .qr-sheet > li")
    expect(cards).to_have_count(len(names))
    for card in cards.all():
        name = card.locator(".qr-card__name").inner_text().strip()
        qr = card.get_by_role("img")
        expect(qr).to_have_count(1)
        expect(qr).to_have_accessible_name(name)
        expect(qr).to_be_visible()
    qr_names = [c.get_by_role("img").get_attribute("aria-label") for c in cards.all()]
    assert sorted(qr_names) == sorted(names)
