"""Demo users: one per persona of PRODUCT.md, each with the role that persona holds.

The institution staff work at the IESTP Honorio Delgado Espinoza (Arequipa, Peru). It is the
one AP institution that took part in both a programme-design project and a student-services
project: B07 revised its Metallurgy and Heavy-machinery-maintenance programmes (the extractive
sector, with programmes the book names, so it has students) and B12 set up its wellbeing and
employability unit (UBE), with a tutoring plan and an employment agreement with the regional
labour directorate — the work of the student-services officer, the tutor and the placement
officer. A second student-services officer works at the Unidades Tecnológicas de Santander
(Colombia, B10's student-services app), so the isolation between institutions is visible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from puente.core.models import DemoAccount, Membership, Organisation, OrganisationKind, Subdivision
from puente.core.roles import Role
from puente.success.models import Student, StudentStatus, TutorProfile, TutorType

from .synthetic import SYNTHETIC_PREFIX

TUTOR_CASELOAD = 30
DEMO_EMPLOYER_CODE = "DEMO-PE-MINERA"
DEMO_EMPLOYER_NAME = "Minera Sur Andino S.A.C."
HOME_INSTITUTION = "PE-IESTP-HDE"
SECOND_INSTITUTION = "CO-UTS"


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: str | None  # None: system administrator (superuser, no membership)
    organisation: str | None
    description: dict[str, str]


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "admin",
        "Ada",
        "Rojas",
        None,
        None,
        {
            "es": "Administradora del sistema: ve y gestiona todo, incluida la bitácora de auditoría.",
            "fr": "Administratrice du système : voit et gère tout, y compris le journal d'audit.",
            "en": "System administrator: sees and manages everything, including the audit log.",
        },
    ),
    Persona(
        "analista.minedu",
        "Martín",
        "Salazar",
        Role.MINISTRY_ANALYST,
        "PE-MINEDU",
        {
            "es": "Analista del Ministerio de Educación del Perú (MINEDU): cifras nacionales agregadas, "
            "nunca datos de una persona.",
            "fr": "Analyste au ministère de l'Éducation du Pérou (MINEDU) : chiffres nationaux agrégés, "
            "jamais les données d'une personne.",
            "en": "Analyst at Peru's Ministry of Education (MINEDU): national aggregates, never a person's data.",
        },
    ),
    Persona(
        "analista.ap",
        "Claudia",
        "Ortega",
        Role.REGIONAL_ANALYST,
        "AP-GTE",
        {
            "es": "Analista del Grupo Técnico de Educación de la Alianza del Pacífico: marco regional de "
            "cualificaciones y cifras agregadas de los cuatro países.",
            "fr": "Analyste du Groupe technique sur l'éducation de l'Alliance du Pacifique : cadre régional "
            "de qualifications et chiffres agrégés des quatre pays.",
            "en": "Analyst of the Pacific Alliance technical group on education: the regional qualifications "
            "framework and aggregates of the four countries.",
        },
    ),
    Persona(
        "gestora.cican",
        "Emily",
        "Tremblay",
        Role.PROGRAMME_MANAGER,
        "CA-CICAN",
        {
            "es": "Gestora del programa EPE-AP en Colegios e Institutos de Canadá (CICan): marco de "
            "resultados, indicadores y reportes desagregados por sexo.",
            "fr": "Gestionnaire du programme EPE-AP chez Collèges et instituts Canada (CICan) : cadre de "
            "résultats, indicateurs et rapports ventilés par sexe.",
            "en": "EPE-AP programme manager at Colleges and Institutes Canada (CICan): results framework, "
            "indicators and sex-disaggregated reports.",
        },
    ),
    Persona(
        "coordinador.hde",
        "Jorge",
        "Zegarra",
        Role.PROGRAMME_COORDINATOR,
        HOME_INSTITUTION,
        {
            "es": "Coordinador de programas del IESTP Honorio Delgado Espinoza (Arequipa): Metalurgia y "
            "Mantenimiento de maquinaria pesada, su permanencia y sus resultados.",
            "fr": "Coordonnateur de programmes à l'IESTP Honorio Delgado Espinoza (Arequipa) : Métallurgie "
            "et Maintenance de machinerie lourde, leur rétention et leurs résultats.",
            "en": "Programme coordinator at IESTP Honorio Delgado Espinoza (Arequipa): Metallurgy and Heavy "
            "machinery maintenance, their retention and outcomes.",
        },
    ),
    Persona(
        "bienestar.hde",
        "Rosa",
        "Huamán",
        Role.STUDENT_SERVICES,
        HOME_INSTITUTION,
        {
            "es": "Responsable de la Unidad de Bienestar y Empleabilidad (UBE) del IESTP Honorio Delgado "
            "Espinoza: servicios, derivaciones y casos de sus estudiantes.",
            "fr": "Responsable de l'Unité de bien-être et d'employabilité (UBE) de l'IESTP Honorio Delgado "
            "Espinoza : services, orientations et dossiers de ses étudiant·e·s.",
            "en": "Head of the wellbeing and employability unit (UBE) of IESTP Honorio Delgado Espinoza: "
            "services, referrals and cases of its students.",
        },
    ),
    Persona(
        "tutora.hde",
        "Carmen",
        "Apaza",
        Role.TUTOR,
        HOME_INSTITUTION,
        {
            "es": "Docente pivote (tutora) del IESTP Honorio Delgado Espinoza: ve solo a sus estudiantes "
            "y a quién contactar esta semana.",
            "fr": "Enseignante-pivot (tutrice) à l'IESTP Honorio Delgado Espinoza : ne voit que ses "
            "étudiant·e·s et qui contacter cette semaine.",
            "en": "Pivot teacher (tutor) at IESTP Honorio Delgado Espinoza: sees only her own students and "
            "whom to contact this week.",
        },
    ),
    Persona(
        "empleabilidad.hde",
        "Luis",
        "Paredes",
        Role.PLACEMENT_OFFICER,
        HOME_INSTITUTION,
        {
            "es": "Encargado de empleabilidad e inserción laboral del IESTP Honorio Delgado Espinoza: "
            "bolsa de empleo, prácticas y seguimiento de egresados.",
            "fr": "Chargé de l'employabilité et de l'insertion professionnelle à l'IESTP Honorio Delgado "
            "Espinoza : bourse de l'emploi, stages et suivi des diplômé·e·s.",
            "en": "Placement officer at IESTP Honorio Delgado Espinoza: job board, internships and graduate tracking.",
        },
    ),
    Persona(
        "bienestar.uts",
        "Diana",
        "Cely",
        Role.STUDENT_SERVICES,
        SECOND_INSTITUTION,
        {
            "es": "Oficial de servicios estudiantiles de las Unidades Tecnológicas de Santander (Colombia): "
            "ve a las y los estudiantes de las UTS, nunca a los de otra institución.",
            "fr": "Agente des services aux étudiant·e·s des Unités technologiques de Santander (Colombie) : "
            "voit les étudiant·e·s des UTS, jamais ceux d'une autre institution.",
            "en": "Student-services officer at Unidades Tecnológicas de Santander (Colombia): sees UTS "
            "students, never another institution's.",
        },
    ),
    Persona(
        "empresa.minera",
        "Ricardo",
        "Valdivia",
        Role.EMPLOYER,
        DEMO_EMPLOYER_CODE,
        {
            "es": "Jefe de recursos humanos de una empresa minera ficticia de Arequipa: publica vacantes y "
            "busca egresadas y egresados por competencia.",
            "fr": "Responsable des ressources humaines d'une entreprise minière fictive d'Arequipa : publie "
            "des offres et cherche des diplômé·e·s par compétence.",
            "en": "HR manager of a fictional mining company in Arequipa: posts vacancies and looks for "
            "graduates by competency.",
        },
    ),
    Persona(
        "estudiante.hde",
        "",
        "",
        Role.STUDENT,
        HOME_INSTITUTION,
        {
            "es": "Estudiante del IESTP Honorio Delgado Espinoza: su propio expediente, los servicios de su "
            "sede y las vacantes.",
            "fr": "Étudiante de l'IESTP Honorio Delgado Espinoza : son propre dossier, les services de son "
            "campus et les offres d'emploi.",
            "en": "Student at IESTP Honorio Delgado Espinoza: her own record, her campus's services and vacancies.",
        },
    ),
)


def ensure_demo_employer() -> Organisation:
    """The fictional mining company of the employer persona (not a synthetic row: it survives
    regeneration, so the employer user keeps their membership)."""
    subdivision = Subdivision.objects.filter(code="PE-ARE").first()
    org, _created = Organisation.objects.get_or_create(
        code=DEMO_EMPLOYER_CODE,
        defaults={
            "name": {"es": DEMO_EMPLOYER_NAME},
            "kind": OrganisationKind.EMPLOYER,
            "country_id": "PE",
            "subdivision": subdivision,
            "city": "Arequipa",
            "note": "Empresa ficticia de la demostración.",
            "source": "Ficticia: creada por «puente demo» para el usuario empleador",
        },
    )
    return org


def _password_hash(users: list[Any], password: str) -> str:
    """One hash shared by every demo user, recomputed only when the password changed (hashing
    is slow on purpose, and the demo password is public anyway)."""
    current = {u.password for u in users if u.password}
    if len(current) == 1:
        (encoded,) = current
        if check_password(password, encoded):
            return encoded
    return make_password(password)


@transaction.atomic
def create_demo_users() -> list[tuple[Any, Persona]]:
    """Create or refresh the demo users, their memberships and their DemoAccount rows."""
    user_model = get_user_model()
    ensure_demo_employer()
    orgs = {o.code: o for o in Organisation.objects.filter(code__in={p.organisation for p in PERSONAS})}
    users = []
    for order, persona in enumerate(PERSONAS, start=1):
        user, _created = user_model.objects.get_or_create(username=persona.username)
        is_admin = persona.role is None
        changed = []
        for name, value in (
            ("is_superuser", is_admin),
            ("is_staff", is_admin),
            ("email", f"{persona.username}@demo.example.org"),
        ):
            if getattr(user, name) != value:
                setattr(user, name, value)
                changed.append(name)
        if persona.first_name and (user.first_name, user.last_name) != (persona.first_name, persona.last_name):
            user.first_name, user.last_name = persona.first_name, persona.last_name
            changed += ["first_name", "last_name"]
        if changed:
            user.save(update_fields=changed)
        # Exactly the persona's membership: drop any other (a persona changed, or a test added one).
        memberships = Membership.objects.filter(user=user)
        if persona.role is not None and persona.organisation:
            organisation = orgs[persona.organisation]
            memberships = memberships.exclude(organisation=organisation, role=persona.role)
            Membership.objects.get_or_create(user=user, organisation=organisation, role=persona.role)
        memberships.delete()
        account, created = DemoAccount.objects.get_or_create(
            user=user, defaults={"description": persona.description, "order": order}
        )
        if not created and (dict(account.description), account.order) != (persona.description, order):
            account.description, account.order = persona.description, order
            account.save(update_fields=["description", "order"])
        users.append((user, persona))
    encoded = _password_hash([u for u, _p in users], settings.DEMO_PASSWORD)
    stale = [u.pk for u, _p in users if u.password != encoded]
    if stale:
        user_model.objects.filter(pk__in=stale).update(password=encoded)
    return users


def link_demo_people() -> dict[str, Any]:
    """Give the tutor a caseload and the student persona a student record (after the
    synthetic students exist). Safe to run again: it converges to the same links."""
    user_model = get_user_model()
    tutor = user_model.objects.get(username="tutora.hde")
    student_user = user_model.objects.get(username="estudiante.hde")
    synthetic = Student.objects.filter(institution__code=HOME_INSTITUTION, external_id__startswith=SYNTHETIC_PREFIX)
    caseload = list(
        synthetic.filter(status=StudentStatus.ENROLLED)
        .order_by("external_id")
        .values_list("pk", flat=True)[:TUTOR_CASELOAD]
    )
    Student.objects.filter(tutor=tutor).exclude(pk__in=caseload).update(tutor=None)
    Student.objects.filter(pk__in=caseload).update(tutor=tutor)
    institution = Organisation.objects.get(code=HOME_INSTITUTION)
    TutorProfile.objects.update_or_create(
        user=tutor, institution=institution, defaults={"tutor_type": TutorType.PIVOT_TEACHER}
    )
    # A woman currently enrolled when there is one (there always is at the demo's scales).
    record = (
        synthetic.filter(status=StudentStatus.ENROLLED, sex="F").order_by("external_id").first()
        or synthetic.filter(status=StudentStatus.ENROLLED).order_by("external_id").first()
        or synthetic.order_by("external_id").first()
    )
    if record is not None and record.user_id != student_user.pk:
        Student.objects.filter(user=student_user).exclude(pk=record.pk).update(user=None)
        Student.objects.filter(pk=record.pk).update(user=student_user)
        student_user.first_name, student_user.last_name = record.given_name, record.family_name
        student_user.save(update_fields=["first_name", "last_name"])
    return {"tutor_students": len(caseload), "student_record": record}
