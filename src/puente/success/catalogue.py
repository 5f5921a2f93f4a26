"""The demo services catalogue: 41 services written in the spirit of the B09 guide (Chile).

The seed names only four of the guide's services (support for students who struggle with
learning, mental health, student associations and networking, mock job interviews) and the
counts per category (18 academic, 2 health, 9 student life, 12 employability); the other
services below were written by the Puente team from the B09–B12 project descriptions
(pivot teachers, individual pedagogical aides, peer tutoring, first-year accompaniment,
wellbeing and employability units, safe spaces for women, sign-language interpreting).
"""

from __future__ import annotations

from django.db import transaction

from puente.core.models import Organisation, OrganisationKind

from .models import CrisisRoute, Service, ServiceCategory

A, H, L, E = (
    ServiceCategory.ACADEMIC,
    ServiceCategory.HEALTH,
    ServiceCategory.STUDENT_LIFE,
    ServiceCategory.EMPLOYABILITY,
)

# (code, category, level, unit, crisis route, sign language, name es/fr/en, description es/fr/en)
DEMO_SERVICES: list[tuple[str, str, int, str, str, bool, tuple[str, str, str], tuple[str, str, str]]] = [
    (
        "induction",
        A,
        1,
        "academic",
        "",
        True,
        ("Inducción a la vida estudiantil", "Accueil et intégration des nouveaux étudiants", "Student induction"),
        (
            "Primeras semanas: cómo funciona el instituto, tus derechos y deberes, y a quién acudir.",
            "Les premières semaines : le fonctionnement de l'établissement, vos droits et devoirs, et à qui vous adresser.",
            "Your first weeks: how the institute works, your rights and duties, and whom to ask.",
        ),
    ),
    (
        "academic-advising",
        A,
        1,
        "academic",
        "",
        False,
        ("Orientación académica", "Orientation scolaire", "Academic advising"),
        (
            "Te ayudamos a planificar tu semestre, inscribir unidades y resolver dudas de tu plan de estudios.",
            "Aide pour planifier votre semestre, vous inscrire aux cours et comprendre votre programme.",
            "Help to plan your term, register for courses and understand your programme.",
        ),
    ),
    (
        "learning-support",
        A,
        1,
        "academic",
        "",
        True,
        (
            "Apoyo a estudiantes con dificultades de aprendizaje",
            "Soutien aux étudiants ayant des difficultés d'apprentissage",
            "Learning support",
        ),
        (
            "Acompañamiento individual cuando un curso se te complica: diagnóstico, plan y seguimiento.",
            "Accompagnement individuel quand un cours devient difficile : diagnostic, plan et suivi.",
            "One-to-one support when a course gets hard: assessment, plan and follow-up.",
        ),
    ),
    (
        "pivot-teacher",
        A,
        1,
        "academic",
        "",
        False,
        ("Docente pivote", "Enseignant·e-pivot", "Pivot teacher"),
        (
            "Un docente de referencia que te conoce, te escucha y te conecta con los servicios de bienestar.",
            "Un·e enseignant·e de référence qui vous connaît, vous écoute et vous met en lien avec les services de bien-être.",
            "A reference teacher who knows you, listens and connects you with wellbeing services.",
        ),
    ),
    (
        "peer-tutoring",
        A,
        2,
        "academic",
        "",
        False,
        ("Tutoría entre pares", "Tutorat par les pairs", "Peer tutoring"),
        (
            "Estudiantes de semestres avanzados te acompañan en los cursos con mayor dificultad.",
            "Des étudiant·e·s plus avancé·e·s vous accompagnent dans les cours les plus difficiles.",
            "Senior students help you through the hardest courses.",
        ),
    ),
    (
        "pedagogical-aide",
        A,
        3,
        "academic",
        "",
        False,
        ("Ayudante pedagógico individual", "Aide pédagogique individuel", "Individual pedagogical aide"),
        (
            "Seguimiento personalizado de tu avance, en coordinación con tu docente pivote (plan Padrino).",
            "Suivi personnalisé de votre progression, en lien avec votre enseignant·e-pivot (plan Parrain).",
            "Personal follow-up of your progress, with your pivot teacher (sponsor plan).",
        ),
    ),
    (
        "first-year",
        A,
        2,
        "academic",
        "",
        False,
        ("Acompañamiento de primer año", "Accompagnement de première année", "First-year accompaniment"),
        (
            "Talleres y encuentros durante tu primer año para que llegues bien al segundo.",
            "Ateliers et rencontres pendant la première année pour bien passer en deuxième.",
            "Workshops and meetings in your first year so you make it to the second.",
        ),
    ),
    (
        "study-skills",
        A,
        2,
        "academic",
        "",
        False,
        ("Talleres de técnicas de estudio", "Ateliers de méthodes de travail", "Study-skills workshops"),
        (
            "Organización del tiempo, toma de apuntes y preparación de evaluaciones.",
            "Gestion du temps, prise de notes et préparation des évaluations.",
            "Time management, note-taking and exam preparation.",
        ),
    ),
    (
        "maths-support",
        A,
        2,
        "academic",
        "",
        False,
        ("Reforzamiento de matemáticas", "Renforcement en mathématiques", "Maths support"),
        (
            "Clases de apoyo en matemáticas y física aplicadas a tu carrera.",
            "Cours d'appui en mathématiques et physique appliquées à votre programme.",
            "Support classes in maths and physics applied to your programme.",
        ),
    ),
    (
        "writing-centre",
        A,
        3,
        "academic",
        "",
        False,
        ("Centro de escritura y comunicación", "Centre d'aide en rédaction", "Writing centre"),
        (
            "Ayuda para redactar informes técnicos, correos y presentaciones.",
            "Aide pour rédiger rapports techniques, courriels et présentations.",
            "Help writing technical reports, emails and presentations.",
        ),
    ),
    (
        "digital-skills",
        A,
        2,
        "academic",
        "",
        False,
        (
            "Apoyo digital y aula virtual",
            "Soutien numérique et plateforme en ligne",
            "Digital skills and online classroom",
        ),
        (
            "Acceso al aula virtual, préstamo de equipos y ayuda con la conexión.",
            "Accès à la plateforme en ligne, prêt d'équipement et aide à la connexion.",
            "Access to the online classroom, device loans and help getting connected.",
        ),
    ),
    (
        "library",
        A,
        1,
        "academic",
        "",
        False,
        (
            "Biblioteca y recursos de aprendizaje",
            "Bibliothèque et ressources d'apprentissage",
            "Library and learning resources",
        ),
        (
            "Libros, normas técnicas, espacios de estudio y bases de datos.",
            "Livres, normes techniques, espaces d'étude et bases de données.",
            "Books, technical standards, study spaces and databases.",
        ),
    ),
    (
        "disability-support",
        A,
        1,
        "ube",
        CrisisRoute.DISABILITY,
        True,
        (
            "Inclusión y apoyo a estudiantes con discapacidad",
            "Inclusion et soutien aux étudiants en situation de handicap",
            "Disability and inclusion support",
        ),
        (
            "Ajustes razonables en clases y evaluaciones, materiales accesibles y acompañamiento confidencial.",
            "Aménagements raisonnables des cours et évaluations, matériel accessible et accompagnement confidentiel.",
            "Reasonable adjustments to classes and assessments, accessible materials and confidential support.",
        ),
    ),
    (
        "sign-language",
        A,
        4,
        "ube",
        "",
        True,
        ("Interpretación en lengua de señas", "Interprétation en langue des signes", "Sign-language interpreting"),
        (
            "Intérpretes para clases, evaluaciones y trámites, a pedido.",
            "Interprètes pour les cours, les évaluations et les démarches, sur demande.",
            "Interpreters for classes, assessments and paperwork, on request.",
        ),
    ),
    (
        "early-alert",
        A,
        3,
        "ube",
        "",
        False,
        ("Alerta temprana y seguimiento", "Alerte précoce et suivi", "Early alert and follow-up"),
        (
            "Tu tutor o tutora se comunica contigo si notamos que algo no va bien, para ofrecerte apoyo a tiempo.",
            "Votre tuteur ou tutrice vous contacte si quelque chose ne va pas, pour vous offrir de l'aide à temps.",
            "Your tutor gets in touch if something seems wrong, to offer support in time.",
        ),
    ),
    (
        "prior-learning",
        A,
        4,
        "academic",
        "",
        False,
        ("Reconocimiento de aprendizajes previos", "Reconnaissance des acquis", "Recognition of prior learning"),
        (
            "Convalida lo que ya sabes por tu experiencia laboral o estudios anteriores.",
            "Faites reconnaître ce que vous savez déjà par votre expérience ou vos études.",
            "Get credit for what you already know from work or earlier studies.",
        ),
    ),
    (
        "women-mentoring",
        A,
        3,
        "ube",
        "",
        False,
        (
            "Mentoría para mujeres en carreras técnicas",
            "Mentorat pour les femmes en formation technique",
            "Mentoring for women in technical programmes",
        ),
        (
            "Mentoras del sector acompañan a estudiantes en carreras tradicionalmente masculinas.",
            "Des mentores du secteur accompagnent les étudiantes dans des programmes traditionnellement masculins.",
            "Women from industry mentor students in traditionally male-dominated programmes.",
        ),
    ),
    (
        "open-labs",
        A,
        2,
        "academic",
        "",
        False,
        ("Laboratorios y talleres abiertos", "Laboratoires et ateliers ouverts", "Open labs and workshops"),
        (
            "Horarios libres en talleres y laboratorios para practicar con supervisión.",
            "Plages libres dans les ateliers et laboratoires pour pratiquer sous supervision.",
            "Free slots in workshops and labs to practise under supervision.",
        ),
    ),
    (
        "mental-health",
        H,
        1,
        "ube",
        CrisisRoute.MENTAL_HEALTH,
        True,
        ("Salud mental y apoyo psicológico", "Santé mentale et soutien psychologique", "Mental health and counselling"),
        (
            "Atención psicológica confidencial, individual o grupal. En una emergencia, acude de inmediato.",
            "Soutien psychologique confidentiel, individuel ou en groupe. En cas d'urgence, venez tout de suite.",
            "Confidential counselling, one-to-one or in groups. In an emergency, come straight away.",
        ),
    ),
    (
        "health-care",
        H,
        2,
        "ube",
        "",
        False,
        (
            "Salud, primeros auxilios y prevención",
            "Santé, premiers secours et prévention",
            "Health, first aid and prevention",
        ),
        (
            "Primeros auxilios, campañas de salud y orientación hacia la red pública de salud.",
            "Premiers secours, campagnes de santé et orientation vers le réseau public de santé.",
            "First aid, health campaigns and referral to public health services.",
        ),
    ),
    (
        "student-associations",
        L,
        2,
        "ube",
        "",
        False,
        (
            "Asociaciones estudiantiles y redes",
            "Associations étudiantes et réseautage",
            "Student associations and networking",
        ),
        (
            "Centros de estudiantes, clubes y redes para participar y conocer gente.",
            "Associations, clubs et réseaux pour participer et rencontrer d'autres personnes.",
            "Student unions, clubs and networks to take part and meet people.",
        ),
    ),
    (
        "sports",
        L,
        3,
        "ube",
        "",
        False,
        ("Deportes y actividad física", "Sports et activité physique", "Sports and physical activity"),
        (
            "Talleres deportivos, selecciones y uso del gimnasio.",
            "Activités sportives, équipes et accès à la salle de sport.",
            "Sports activities, teams and gym access.",
        ),
    ),
    (
        "arts-culture",
        L,
        3,
        "ube",
        "",
        False,
        ("Arte y cultura", "Arts et culture", "Arts and culture"),
        (
            "Talleres de música, teatro, danza y actividades culturales.",
            "Ateliers de musique, théâtre, danse et activités culturelles.",
            "Music, theatre and dance workshops and cultural activities.",
        ),
    ),
    (
        "financial-aid",
        L,
        1,
        "ube",
        "",
        False,
        ("Becas y apoyo económico", "Bourses et aide financière", "Grants and financial aid"),
        (
            "Información y postulación a becas, gratuidad, alimentación y fondos de emergencia.",
            "Information et demandes de bourses, gratuité, alimentation et fonds d'urgence.",
            "Information on and applications for grants, free tuition, meals and emergency funds.",
        ),
    ),
    (
        "student-parents",
        L,
        3,
        "ube",
        "",
        False,
        ("Apoyo a madres y padres estudiantes", "Soutien aux parents étudiants", "Support for student parents"),
        (
            "Horarios flexibles, sala de lactancia y orientación para compatibilizar estudios y cuidados.",
            "Horaires souples, salle d'allaitement et conseils pour concilier études et responsabilités familiales.",
            "Flexible schedules, a nursing room and advice to combine studies and care.",
        ),
    ),
    (
        "safe-spaces",
        L,
        1,
        "ube",
        CrisisRoute.SAFETY,
        False,
        (
            "Espacios seguros y atención ante acoso o violencia",
            "Espaces sûrs et aide en cas de harcèlement ou de violence",
            "Safe spaces and help with harassment or violence",
        ),
        (
            "Atención confidencial ante acoso sexual, discriminación o violencia, y acompañamiento a la denuncia.",
            "Écoute confidentielle en cas de harcèlement sexuel, de discrimination ou de violence, et accompagnement des signalements.",
            "Confidential help with sexual harassment, discrimination or violence, and support to report it.",
        ),
    ),
    (
        "intercultural",
        L,
        4,
        "ube",
        "",
        False,
        ("Acompañamiento intercultural", "Accompagnement interculturel", "Intercultural support"),
        (
            "Apoyo a estudiantes indígenas, migrantes y de zonas rurales.",
            "Soutien aux étudiant·e·s autochtones, migrant·e·s et issu·e·s de zones rurales.",
            "Support for Indigenous, migrant and rural students.",
        ),
    ),
    (
        "volunteering",
        L,
        4,
        "ube",
        "",
        False,
        (
            "Voluntariado y vinculación con la comunidad",
            "Bénévolat et engagement communautaire",
            "Volunteering and community engagement",
        ),
        (
            "Proyectos con la comunidad donde aplicas lo que aprendes.",
            "Projets avec la communauté pour mettre en pratique ce que vous apprenez.",
            "Community projects where you apply what you learn.",
        ),
    ),
    (
        "transport-housing",
        L,
        5,
        "ube",
        "",
        False,
        ("Apoyo de transporte y alojamiento", "Aide au transport et au logement", "Transport and housing support"),
        (
            "Convenios de transporte y orientación para encontrar alojamiento cerca del campus.",
            "Ententes de transport et conseils pour trouver un logement près du campus.",
            "Transport agreements and help finding housing near campus.",
        ),
    ),
    (
        "career-guidance",
        E,
        1,
        "ube",
        "",
        False,
        ("Orientación vocacional y de carrera", "Orientation professionnelle", "Career guidance"),
        (
            "Descubre qué trabajos abre tu carrera y planifica tu trayectoria.",
            "Découvrez les emplois auxquels mène votre programme et planifiez votre parcours.",
            "Find out which jobs your programme leads to and plan your path.",
        ),
    ),
    (
        "cv-workshop",
        E,
        2,
        "ube",
        "",
        False,
        (
            "Taller de currículum y carta de presentación",
            "Atelier CV et lettre de motivation",
            "CV and cover-letter workshop",
        ),
        (
            "Prepara un currículum por competencias y una carta para cada postulación.",
            "Préparez un CV par compétences et une lettre pour chaque candidature.",
            "Prepare a skills-based CV and a letter for each application.",
        ),
    ),
    (
        "mock-interviews",
        E,
        2,
        "ube",
        "",
        False,
        ("Simulación de entrevistas de trabajo", "Simulations d'entretiens d'embauche", "Mock job interviews"),
        (
            "Practica entrevistas con profesionales de empresas y recibe retroalimentación.",
            "Entraînez-vous à l'entretien avec des professionnel·le·s d'entreprises et recevez des commentaires.",
            "Practise interviews with company professionals and get feedback.",
        ),
    ),
    (
        "internships",
        E,
        1,
        "ube",
        "",
        False,
        ("Prácticas profesionales", "Stages", "Internships"),
        (
            "Búsqueda de centro de práctica, convenio y seguimiento durante la práctica.",
            "Recherche d'un milieu de stage, convention et suivi pendant le stage.",
            "Finding a placement, the agreement and follow-up during the internship.",
        ),
    ),
    (
        "job-board",
        E,
        2,
        "ube",
        "",
        False,
        ("Bolsa de empleo", "Bourse de l'emploi", "Job board"),
        (
            "Ofertas de trabajo de empresas en convenio, actualizadas cada cuatro meses.",
            "Offres d'emploi des entreprises partenaires, mises à jour tous les quatre mois.",
            "Vacancies from partner companies, updated every four months.",
        ),
    ),
    (
        "soft-skills",
        E,
        2,
        "ube",
        "",
        False,
        (
            "Habilidades socioemocionales para el trabajo",
            "Compétences socio-émotionnelles pour l'emploi",
            "Soft skills for work",
        ),
        (
            "Trabajo en equipo, comunicación y resolución de conflictos.",
            "Travail d'équipe, communication et résolution de conflits.",
            "Teamwork, communication and conflict resolution.",
        ),
    ),
    (
        "employer-fairs",
        E,
        3,
        "ube",
        "",
        False,
        (
            "Ferias de empleo y encuentros con empresas",
            "Salons de l'emploi et rencontres avec les entreprises",
            "Job fairs and employer meetings",
        ),
        (
            "Conoce empresas del sector, sus procesos de selección y sus vacantes.",
            "Rencontrez les entreprises du secteur, leurs processus de recrutement et leurs postes.",
            "Meet companies, their hiring processes and their vacancies.",
        ),
    ),
    (
        "entrepreneurship",
        E,
        4,
        "ube",
        "",
        False,
        ("Emprendimiento e incubación", "Entrepreneuriat et incubation", "Entrepreneurship and incubation"),
        (
            "Asesoría para convertir una idea en un negocio, con apoyo del Fab Lab.",
            "Conseils pour transformer une idée en entreprise, avec l'appui du Fab Lab.",
            "Advice to turn an idea into a business, with Fab Lab support.",
        ),
    ),
    (
        "graduate-tracking",
        E,
        3,
        "ube",
        "",
        False,
        ("Seguimiento de egresados", "Suivi des personnes diplômées", "Graduate tracking"),
        (
            "Encuestas a los 6 y 12 meses y apoyo a egresadas y egresados que buscan empleo.",
            "Enquêtes à 6 et 12 mois et soutien aux diplômé·e·s en recherche d'emploi.",
            "Surveys at 6 and 12 months and support for graduates looking for work.",
        ),
    ),
    (
        "skills-certification",
        E,
        4,
        "ube",
        "",
        False,
        (
            "Certificación de competencias laborales",
            "Certification des compétences professionnelles",
            "Occupational skills certification",
        ),
        (
            "Preparación para certificar tus competencias ante el organismo nacional.",
            "Préparation à la certification de vos compétences auprès de l'organisme national.",
            "Preparation to certify your skills with the national body.",
        ),
    ),
    (
        "women-in-extractives",
        E,
        4,
        "ube",
        "",
        False,
        ("Mujeres en minería y energía", "Femmes dans les mines et l'énergie", "Women in mining and energy"),
        (
            "Red y mentoría con profesionales del sector extractivo para estudiantes y egresadas.",
            "Réseau et mentorat avec des professionnelles du secteur extractif pour étudiantes et diplômées.",
            "Network and mentoring with women working in the extractive sector.",
        ),
    ),
    (
        "alumni-network",
        E,
        5,
        "ube",
        "",
        False,
        ("Red de egresados", "Réseau des diplômé·e·s", "Alumni network"),
        (
            "Mantente en contacto, comparte ofertas y vuelve a formarte.",
            "Restez en contact, partagez des offres et continuez à vous former.",
            "Stay in touch, share job offers and keep learning.",
        ),
    ),
]

HOW_TO_REQUEST = {
    ServiceCategory.ACADEMIC: {
        "es": "Pide una cita en esta página o acércate a la Unidad Académica en horario de atención.",
        "fr": "Demandez un rendez-vous sur cette page ou passez à l'unité académique aux heures d'ouverture.",
        "en": "Ask for an appointment on this page or visit the Academic Unit during opening hours.",
    },
    ServiceCategory.HEALTH: {
        "es": "Pide una cita en esta página o acércate a la Unidad de Bienestar. En una emergencia, ve directamente.",
        "fr": "Demandez un rendez-vous sur cette page ou passez à l'unité de bien-être. En cas d'urgence, allez-y directement.",
        "en": "Ask for an appointment on this page or visit the Wellbeing Unit. In an emergency, go straight there.",
    },
    ServiceCategory.STUDENT_LIFE: {
        "es": "Pide una cita en esta página o escribe a la Unidad de Bienestar y Empleabilidad.",
        "fr": "Demandez un rendez-vous sur cette page ou écrivez à l'unité de bien-être et d'employabilité.",
        "en": "Ask for an appointment on this page or write to the Wellbeing and Employability Unit.",
    },
    ServiceCategory.EMPLOYABILITY: {
        "es": "Pide una cita en esta página; las actividades grupales se anuncian cada mes.",
        "fr": "Demandez un rendez-vous sur cette page ; les activités de groupe sont annoncées chaque mois.",
        "en": "Ask for an appointment on this page; group activities are announced every month.",
    },
}

ACCESSIBLE = {
    "es": "Oficina en primer piso con acceso sin escalones. Atención con intérprete de lengua de señas a pedido.",
    "fr": "Bureau au rez-de-chaussée, accès sans marche. Interprète en langue des signes sur demande.",
    "en": "Ground-floor office with step-free access. Sign-language interpreter on request.",
}
STEP_FREE = {
    "es": "Oficina en primer piso con acceso sin escalones.",
    "fr": "Bureau au rez-de-chaussée, accès sans marche.",
    "en": "Ground-floor office with step-free access.",
}

UNITS = {
    "academic": {"es": "Unidad Académica", "fr": "Unité académique", "en": "Academic Unit"},
    "ube": {
        "es": "Unidad de Bienestar y Empleabilidad (UBE)",
        "fr": "Unité de bien-être et d'employabilité (UBE)",
        "en": "Wellbeing and Employability Unit (UBE)",
    },
}


def _unit(institution: Organisation, key: str) -> Organisation:
    unit, _created = Organisation.objects.get_or_create(
        code=f"{institution.code}-{key}"[:40],
        defaults={
            "name": UNITS[key],
            "acronym": "UBE" if key == "ube" else "",
            "kind": OrganisationKind.INSTITUTIONAL_UNIT,
            "country_id": institution.country_id,
            "parent": institution,
            "source": "Puente demo catalogue",
        },
    )
    return unit


@transaction.atomic
def load_demo_catalogue(institution: Organisation) -> int:
    """Create (or refresh) the 41 demo services of an institution. Idempotent; returns the count."""
    units = {key: _unit(institution, key) for key in UNITS}
    for order, (code, category, level, unit, crisis, signed, names, descriptions) in enumerate(DEMO_SERVICES):
        Service.objects.update_or_create(
            institution=institution,
            code=code,
            defaults={
                "category": category,
                "level": level,
                "name": dict(zip(("es", "fr", "en"), names, strict=True)),
                "description": dict(zip(("es", "fr", "en"), descriptions, strict=True)),
                "how_to_request": HOW_TO_REQUEST[ServiceCategory(category)],
                "accessibility": ACCESSIBLE if signed else STEP_FREE,
                "provider_unit": units[unit],
                "languages": ["es", "sgn"] if signed else ["es"],
                "crisis_route": crisis,
                "location": "",
                "order": order,
                "active": True,
            },
        )
    return len(DEMO_SERVICES)
