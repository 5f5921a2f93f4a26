"""What the demo adds to ``data/programme.yaml``: Spanish titles, sector codes, classifications.

The data file keeps the book's facts; the book is in French and the file adds English. The
product speaks Spanish first, so the Spanish titles of themes, projects and programmes are
written here (our translations, not the book's). Sector codes and the few ISCED mappings are
our classifications too; each mapping says why it is unambiguous. Nothing here is a figure.
"""

from __future__ import annotations

# --- Themes and projects: Spanish titles (our translation of the French titles as printed) ---

THEME_TITLES_ES: dict[int, str] = {
    1: "Colaboración y armonización en la región de la Alianza del Pacífico",
    2: "Valorización, acceso, éxito académico y empleabilidad",
    3: "Calidad de la educación y formación técnica y profesional (EFTP)",
    4: "Servicios a las empresas y a la comunidad",
}

PROJECT_TITLES_ES: dict[str, str] = {
    "A07.1": "Enfrentar los desafíos del empleo mediante un enfoque sectorial regional",
    "A07.2": (
        "Favorecer la movilidad de las personas mediante la elaboración de un marco regional de "
        "cualificaciones en la Alianza del Pacífico"
    ),
    "A08": (
        "Promoción de la EFTP mediante campañas nacionales y el fortalecimiento de capacidades en los "
        "ministerios de educación"
    ),
    "B01": (
        "Desarrollo de programas de estudio en electricidad y eficiencia energética, emprendimiento e "
        "iniciativas a favor de la igualdad de género en el sector extractivo"
    ),
    "B02": (
        "Desarrollo de programas de estudio en explotación minera, base de las instalaciones mineras y "
        "relaciones con las empresas"
    ),
    "B03": (
        "Fortalecimiento de los institutos al servicio del sector productivo y desarrollo de programas de "
        "estudio en supervisión minera"
    ),
    "B04": "Investigación aplicada: innovación al alcance de todas las personas y apoyo al emprendimiento",
    "B05": "Liderazgo y gestión del cambio en mecánica industrial y electromecánica industrial",
    "B06": (
        "Nuevo paradigma para el desarrollo de programas de estudio en energías renovables y fuentes de "
        "energía alternativas"
    ),
    "B07": "Apoyo al diseño de programas de estudio en mantenimiento de maquinaria pesada y metalurgia",
    "B08.1": "La enseñanza virtual como herramienta para una EFTP de alta calidad",
    "B08.2": "Innovación en los institutos: el ejemplo de los Fab Lab",
    "B09": "Vida estudiantil y servicios estudiantiles",
    "B10": "Apoyo al acceso inclusivo y a la permanencia de las y los estudiantes",
    "B11": "El poder de la pedagogía para una EFTP inclusiva",
    "B12": "Articulación de servicios para promover el éxito académico",
}

# --- Programmes of study: Spanish titles (our translation of ``name_fr``) ---

PROGRAMME_TITLES_ES: dict[str, str] = {
    "PS-CL-CEDUC-ELEC": "Electricidad",
    "PS-CL-CEDUC-EE": "Eficiencia energética",
    "PS-CL-DONBOSCO-ELEC": "Especialidad de electricidad del Colegio Técnico Industrial Don Bosco",
    "PS-CL-WOMEN-ENTREPRENEURSHIP": "Curso corto de emprendimiento para mujeres",
    "PS-CL-CEDUC-ARI": "Curso de investigación aplicada e innovación",
    "PS-CL-CEDUC-HARASSMENT": (
        "Módulos de formación sobre conducta sexual inapropiada y entornos de trabajo libres de acoso y violencia"
    ),
    "PS-CL-ZERO-WASTE": "Curso «Basura cero»",
    "PS-CL-ECOCONSTRUCTION": "Taller de ecoconstrucción",
    "PS-CL-MINING-INSTALLATIONS": "Operación de instalaciones mineras",
    "PS-CL-MINING-BASICS": "Base de las instalaciones mineras",
    "PS-CL-CONCENTRATION-PLANTS": "Curso de técnicas de operación de plantas concentradoras de minerales",
    "PS-CL-B02-MOODLE": "Formación virtual para docentes (módulos asincrónicos en Moodle)",
    "PS-CO-MINING-SUPERVISION": "Tecnología en supervisión de labores mineras",
    "PS-CO-CMRB-OHS": "Programa de seguridad y salud en el trabajo",
    "PS-CO-CMRB-ABC-WORKSHOPS": (
        "Talleres sobre el enfoque basado en competencias (técnicas de enseñanza, evaluación de competencias, "
        "formación en el sector minero)"
    ),
    "PS-CO-UTS-ENV-RESOURCES": "Tecnología en recursos ambientales",
    "PS-CO-UTS-COMPUTING": "Programa de informática de las UTS",
    "PS-CO-UTS-AR-PROGRAMME": "Programa de formación en investigación aplicada",
    "PS-CO-B10-TRAINING": "Formaciones en éxito académico, pedagogía inclusiva, aprendizaje y evaluación",
    "PS-MX-UTCAM-TSU-MI-BID": (
        "Técnico Superior Universitario (TSU) en Mecánica Industrial, modalidad bilingüe, internacional y "
        "sustentable (BIS)"
    ),
    "PS-MX-CONALEP021-MI": "Mecánica industrial (CONALEP 021)",
    "PS-MX-ELECTROMECHANICS": "Electromecánica industrial",
    "PS-MX-BRIDGE-COURSE": "Curso «puente» para docentes del CONALEP 021 y de la UTCAM",
    "PS-MX-CONALEP021-WELDING": "Curso de soldadura",
    "PS-MX-UTCAM-NDT": "Curso de ensayos no destructivos (END)",
    "PS-MX-CHANGE-LEADERSHIP": "«Gestión avanzada» y «Liderazgo en la gestión del cambio»",
    "PS-MX-ARI-INTRO": "Iniciación a la investigación aplicada y a la innovación",
    "PS-MX-TESOL": "Formación TESOL (enseñanza del inglés como segunda lengua)",
    "PS-MX-UTCAM-IND-MAINTENANCE": "Mantenimiento industrial",
    "PS-MX-UTCAM-PET-MAINTENANCE": "Mantenimiento petrolero",
    "PS-MX-UTLD-RENEWABLE": "Energías renovables",
    "PS-MX-UTLD-ALT-ENERGY": "Fuentes de energía alternativas",
    "PS-MX-CONALEP146-ALT-ENERGY": "Profesional Técnico Bachiller en Fuentes Alternas de Energía",
    "PS-MX-CONALEP146-BIOENERGY-TRACK": (
        "Trayecto técnico en instalación, operación y mantenimiento de sistemas bioenergéticos"
    ),
    "PS-MX-UTLD-BIODIESEL": "Formación corta en producción de biodiésel",
    "PS-MX-UTLD-BIOMASS": "Aplicación de métodos de tratamiento de la biomasa",
    "PS-MX-B06-TEACHER-RE": "Formación docente en energías renovables (solar fotovoltaica, eólica y bioenergía)",
    "PS-MX-UTLD-MINING-ENGINEERING": "Ingeniería en minería",
    "PS-MX-B11-TUTORING": "Formación para implementar un programa de tutorías",
    "PS-MX-B11-GENDER-WORKSHOPS": (
        "Talleres de formación (perspectiva de género, equidad e igualdad, estereotipos, masculinidades, "
        "acoso escolar, empoderamiento)"
    ),
    "PS-PE-HDE-METALLURGY": "Metalurgia",
    "PS-PE-HDE-HEAVY-MACHINERY": "Mantenimiento de maquinaria pesada",
    "PS-PE-HDE-ARI": "Formación en investigación aplicada e innovación adaptada a las necesidades del IESTP-HDE",
    "PS-PE-HDE-WASTE-WORKSHOP": "Taller de eliminación de residuos orgánicos e inorgánicos",
    "PS-PE-B07-REINTEGRATION": "Seminario sobre el retorno de las y los estudiantes a la enseñanza presencial",
    "PS-PE-B07-TECH-ENGLISH": "Alfabetización técnica en inglés",
    "PS-PE-CHANGE-MANAGEMENT": "Programa de formación en gestión del cambio",
    "PS-PE-ONLINE-TEACHING": (
        "Programa de formación en enseñanza en línea desde una perspectiva de aprendizaje con enfoque basado en "
        "competencias"
    ),
    "PS-PE-FABLAB-60H": "Programa de formación de 60 horas (Fab Lab)",
    "PS-PE-FAB-LAB-MED": "Gestión estratégica de la enseñanza en Fab Lab (FAB-LAB-MED)",
    "PS-PE-WELLBEING-120H": "Curso en línea de 120 horas (servicio de bienestar estudiantil)",
    "PS-REG-A08-MODULES": "Módulos virtuales de formación en marketing y comunicaciones",
}

# --- Sectors ---

SECTORS: dict[str, dict[str, str]] = {
    "extractive": {"es": "Sector extractivo", "fr": "Secteur extractif", "en": "Extractive sector"},
    "mining": {"es": "Minería", "fr": "Mines", "en": "Mining"},
    "oil-gas": {"es": "Petróleo y gas", "fr": "Pétrole et gaz", "en": "Oil and gas"},
    "energy": {"es": "Energía", "fr": "Énergie", "en": "Energy"},
    "electricity": {"es": "Electricidad", "fr": "Électricité", "en": "Electricity"},
    "metallurgy": {"es": "Metalurgia", "fr": "Métallurgie", "en": "Metallurgy"},
    "industrial-maintenance": {
        "es": "Mecánica y mantenimiento industrial",
        "fr": "Mécanique et maintenance industrielles",
        "en": "Industrial mechanics and maintenance",
    },
    "environment": {"es": "Medio ambiente", "fr": "Environnement", "en": "Environment"},
    "tourism": {"es": "Turismo", "fr": "Tourisme", "en": "Tourism"},
    "ict": {
        "es": "Tecnologías de la información",
        "fr": "Technologies de l'information",
        "en": "Information technology",
    },
    "innovation": {
        "es": "Investigación aplicada, innovación y emprendimiento",
        "fr": "Recherche appliquée, innovation et entrepreneuriat",
        "en": "Applied research, innovation and entrepreneurship",
    },
    "education": {"es": "Educación", "fr": "Éducation", "en": "Education"},
}

# ``sector_en`` of a programme of study (as written in the data file) -> sector code.
# "gender equality" is a topic, not an economic sector: those programmes get no sector.
PROGRAMME_SECTOR: dict[str, str | None] = {
    "electricity": "electricity",
    "energy efficiency": "energy",
    "renewable energy": "energy",
    "alternative energy": "energy",
    "bioenergy": "energy",
    "biodiesel": "energy",
    "biomass": "energy",
    "mining": "mining",
    "mining operations": "mining",
    "mineral processing": "mining",
    "mining supervision": "mining",
    "occupational health and safety (mining)": "mining",
    "metallurgy": "metallurgy",
    "heavy machinery maintenance": "industrial-maintenance",
    "industrial mechanics": "industrial-maintenance",
    "industrial electromechanics": "industrial-maintenance",
    "industrial maintenance": "industrial-maintenance",
    "welding (TIG and MIG)": "industrial-maintenance",
    "non-destructive testing": "industrial-maintenance",
    "petroleum maintenance": "oil-gas",
    "environmental resources": "environment",
    "environment (classifying plastics and other recyclable waste)": "environment",
    "environment (from starting a business to building with everyday waste)": "environment",
    "environment (waste management)": "environment",
    "computing": "ict",
    "entrepreneurship": "innovation",
    "applied research": "innovation",
    "applied research and innovation": "innovation",
    "digital fabrication, innovation, business incubation": "innovation",
    "management": "innovation",
    "pedagogy": "education",
    "pedagogy and student success": "education",
    "pedagogy (competency-based teaching and assessment)": "education",
    "pedagogy (post-pandemic)": "education",
    "student success (peer tutoring)": "education",
    "student wellbeing and tutoring": "education",
    "online teaching": "education",
    "change management for e-learning": "education",
    "Fab Lab pedagogy": "education",
    "English as a second language": "education",
    "English for technical purposes": "education",
    "TVET promotion campaigns": "education",
    "gender equality": None,
}

# Words of a project's ``sectors_topics_en`` / ``sectors_topics_fr`` (Figure 1 and the project
# page) -> sector code.
# Only economic sectors: pedagogy, gender, campaigns and services are topics, kept in
# ``Project.topics`` as printed.
PROJECT_TOPIC_SECTORS: tuple[tuple[str, str], ...] = (
    ("extractive", "extractive"),
    ("extractif", "extractive"),
    ("minière", "mining"),
    ("minier", "mining"),
    ("électricité", "electricity"),
    ("énergie", "energy"),
    ("métallurgie", "metallurgy"),
    ("machinerie", "industrial-maintenance"),
    ("mécanique", "industrial-maintenance"),
    ("mining", "mining"),
    ("mineral", "mining"),
    ("electricity", "electricity"),
    ("energy", "energy"),
    ("bioenergy", "energy"),
    ("biodiesel", "energy"),
    ("metallurgy", "metallurgy"),
    ("machinery", "industrial-maintenance"),
    ("mechanics", "industrial-maintenance"),
    ("electromechanics", "industrial-maintenance"),
    ("welding", "industrial-maintenance"),
    ("non-destructive", "industrial-maintenance"),
    ("tourism", "tourism"),
    ("environmental resources", "environment"),
    ("environment", "environment"),
    ("applied research", "innovation"),
    ("entrepreneurship", "innovation"),
    ("fab lab", "innovation"),
    ("innovation", "innovation"),
)

# --- ISCED-F 2013 detailed fields, only where the programme's subject leaves no doubt ---
# Keyed by ``sector_en``. Left out on purpose (ambiguous): industrial electromechanics
# (0713/0714/0715), heavy machinery maintenance (0715/0716), metallurgy (0715/0722/0724),
# petroleum maintenance, non-destructive testing, biodiesel and biomass (0711/0713),
# pedagogy and staff training, gender equality, entrepreneurship, applied research.
ISCED_FIELD_BY_SECTOR_EN: dict[str, str] = {
    "electricity": "0713",  # Electricity and energy
    "energy efficiency": "0713",
    "renewable energy": "0713",
    "alternative energy": "0713",
    "bioenergy": "0713",
    "mining": "0724",  # Mining and extraction
    "mining operations": "0724",
    "mineral processing": "0724",
    "mining supervision": "0724",
    "occupational health and safety (mining)": "1022",  # Occupational health and safety
    "industrial mechanics": "0715",  # Mechanics and metal trades
    "industrial maintenance": "0715",
    "welding (TIG and MIG)": "0715",
    "environmental resources": "0712",  # Environmental protection technology
    "computing": "0610",  # ICT not further defined: the book names no speciality
    "management": "0413",  # Management and administration
}

# --- ISCED 2011 levels, only where the credential named by the book settles it ---
ISCED_LEVEL_BY_CREDENTIAL: dict[str, int] = {
    # Chile: CFT medium-duration programmes lead to "técnico de nivel superior" (short-cycle tertiary).
    "medium-duration programme (programme de moyenne durée)": 5,
    # Colombia: "tecnólogo" and "tecnología" programmes are short-cycle tertiary.
    "technologist (tecnólogo)": 5,
    "technology, within a propaedeutic cycle": 5,
    # Mexico: "técnico superior universitario" is short-cycle tertiary.
    "TSU (técnico superior universitario)": 5,
    # Mexico: CONALEP's "profesional técnico bachiller" is upper secondary.
    "professional technician-baccalaureate": 3,
}

# --- Organisation names: the name as printed is French unless listed here ---
# (a name given with ``name_fr`` is in the local language: Spanish, or English in Canada)
PRINTED_NAME_LANGUAGE: dict[str, str] = {
    "CA-BCIT": "en",
    "CA-CNC": "en",
    "CA-NLC": "en",
    "CA-VIU": "en",
    "CA-MI": "en",
    "CA-NSCC": "en",
    "CA-DURHAM": "en",
    "CA-FANSHAWE": "en",
    "CA-HUMBER": "en",
    "CA-NIAGARA": "en",
    "CA-BCIT-SIEC": "en",
    "CL-FUNDACION-CHILE": "es",
    "CO-MOHAN-TOURS": "es",
    "MX-GENDES": "es",
    "MX-CICSA": "es",
    "MX-PEMEX": "es",
    "MX-UTCAM-MAPACHES": "es",
    "MX-UTCAM-PATRULLA": "es",
    "PE-IESTP-FYA": "es",
}

SUBDIVISION_CATEGORY_ES: dict[str, str] = {
    "Region": "Región",
    "Department": "Departamento",
    "State": "Estado",
    "Province": "Provincia",
    "Territory": "Territorio",
    "Capital district": "Distrito capital",
    "Federal entity": "Entidad federativa",
    "Municipality": "Municipalidad",
}

# --- Project objectives in Spanish (our translation of the data file's English paraphrase) ---

PROJECT_OBJECTIVES_ES: dict[str, str] = {
    "A07.1": (
        "Ayudar a Chile, Colombia, México y Perú a construir o enriquecer un enfoque sectorial que ajuste mejor la "
        "oferta de formación a la demanda laboral del sector extractivo. Un enfoque sectorial permite a los "
        "empleadores de un mismo sector abordar juntos los problemas del mercado laboral: primero comprender la "
        "brecha entre oferta y demanda y sus causas, luego crear herramientas y programas que favorezcan el ajuste."
    ),
    "A07.2": (
        "Construir un marco regional de cualificaciones (MRC) de la Alianza del Pacífico que facilite la movilidad "
        "educativa, formativa y laboral entre los países miembros, reconociendo los aprendizajes formales (estudios) "
        "e informales (experiencia laboral). Un marco ordena las cualificaciones por nivel para compararlas en la "
        "región; las equivalencias acercan a la región al reconocimiento mutuo y dan a las personas cierta "
        "resiliencia socioeconómica ante la migración dentro de la AP."
    ),
    "A08": (
        "Primero, diseñar y realizar en cada país de la AP una campaña que promueva la EFTP, mejore su acceso y su "
        "valoración, y difunda nuevos programas de formación y oportunidades de empleo en los sectores extractivos, "
        "con prioridad en la contratación de mujeres y la lucha contra los estereotipos de género. Segundo, "
        "trabajar con cada ministerio de educación en competencias de comunicación y buenas prácticas que "
        "sostengan las estrategias de promoción, y revisar y recomendar nuevas normas para promover la EFTP en la "
        "región, con un enfoque de igualdad de género en la imagen institucional, las campañas y los equipos de "
        "comunicación."
    ),
    "B01": (
        "Revisar y mejorar dos programas, Electricidad y Eficiencia energética, y crear un curso corto de "
        "emprendimiento para mujeres, junto con la industria local que emplea a las personas egresadas. Los socios "
        "canadienses y chilenos también adquirieron equipos didácticos eficientes, desarrollaron currículos, "
        "crearon servicios a empresas (actualización, investigación aplicada, transferencia tecnológica) e "
        "integraron las perspectivas de género y ambiental. El género importaba sobre todo en el CTI Don Bosco, un "
        "colegio solo de varones que pasa a ser mixto en 2024."
    ),
    "B02": (
        "Tres productos: (1) diseño y rediseño de programas de corta y media duración para la operación de "
        "instalaciones mineras; (2) equipos para cubrir las brechas del nuevo currículo, que permitieron al CEDUC "
        "UCN Coquimbo adquirir equipamiento de punta; (3) mejores relaciones con la industria y servicios a "
        "empresas, que dieron a los socios chilenos nuevas perspectivas para cambiar ciertos hábitos en la relación "
        "entre las instituciones educativas y la industria."
    ),
    "B03": (
        "Revisar y actualizar el programa de tecnología en supervisión de labores mineras del SENA CMRB según "
        "estándares internacionales, con la participación de empleadores del sector productivo, para que el "
        "estudiantado esté preparado para trabajar con nuevas tecnologías. Se fortalecieron las competencias "
        "técnicas y pedagógicas del personal formador, incluido un software de gestión minera de punta; la "
        "tecnología hizo el programa más atractivo para las mujeres jóvenes y aumentó la matrícula femenina."
    ),
    "B04": (
        "Cuatro ejes (investigación aplicada, género, emprendimiento e innovación, medio ambiente) para las UTS, "
        "institución pública colombiana con más de 22 000 estudiantes. El proyecto difundió los valores y enfoques "
        "de dos nuevos centros: CEDERA UTS, de investigación aplicada, y CAFE UTS, de emprendimiento, con docentes, "
        "personal administrativo, empresas y estudiantes, preparando a nuevas generaciones para una cultura de "
        "innovación y apoyando a la comunidad local con proyectos en terreno."
    ),
    "B05": (
        "Dos partes, ambas con el CONALEP 021 (Ciudad del Carmen, Campeche) y la UTCAM. Tema 3: construir una "
        "visión compartida de los procesos pedagógicos que fortalecen a las instituciones de EFTP, promover la "
        "educación basada en competencias con herramientas claras para el profesorado y explorar propuestas "
        "tecnológicas de formación y comunicación en línea. Tema 4: liderazgo en la gestión del cambio y creación "
        "del centro de investigación aplicada CIACIP de la UTCAM, mediante formación e intercambios con otros "
        "países de la AP."
    ),
    "B06": (
        "Tres productos en energías renovables y alternativas: nuevos programas por competencias en energía "
        "sustentable; equipos para la práctica del estudiantado; y servicios a empresas más sólidos, como la "
        "rehabilitación de una planta que convierte aceite usado en biodiésel. Al llevar la teoría a la práctica, "
        "el proyecto amplió los empleos a los que pueden aspirar las personas egresadas del CONALEP 146 y de la UTLD."
    ),
    "B07": (
        "Beneficiarios directos: el IESTP Honorio Delgado Espinoza (Arequipa) y el IEST Pedro P. Díaz. El proyecto "
        "revisó y mejoró los programas de Metalurgia y de Mantenimiento de maquinaria pesada, formó al personal "
        "docente y administrativo, adquirió equipos, introdujo la investigación aplicada y trabajó la igualdad de "
        "género y el medio ambiente. La pandemia obligó a pasar contenidos, métodos y recursos a la enseñanza "
        "virtual y a superar el escaso dominio de herramientas digitales."
    ),
    "B08.1": (
        "Pilotear un sistema nacional de gestión del aprendizaje en línea (SGA) en varios institutos, vinculado a "
        "los sistemas de información de la DIGESUTPA del MINEDU y con un programa de formación docente basado en "
        "competencias. Concernía a 342 instituciones públicas con unos 130 000 estudiantes en todo el Perú, donde "
        "estudiantes y docentes no tienen el mismo acceso a internet ni a dispositivos; el género se consideró en "
        "todo momento por las brechas de acceso a la tecnología entre mujeres y hombres."
    ),
    "B08.2": (
        "Alianza entre el Ministerio de Educación del Perú y Humber College para instalar Fab Lab en los 26 "
        "Institutos de Excelencia (IDEX), piloto de una red nacional para 25 428 jóvenes (46 % mujeres, 54 % "
        "hombres), el 19,5 % del estudiantado de los IESTP públicos. Los Fab Lab son talleres de fabricación "
        "digital para prototipar rápido y a bajo costo; la formación buscó dar las competencias para crearlos y "
        "fortalecerlos, y para liderar la innovación y el cambio en cada institución."
    ),
    "B09": (
        "Fortalecer las capacidades de las instituciones de educación superior para implementar paso a paso "
        "servicios estudiantiles en el CEDUC UCN (privado) y en los CFT públicos creados por el Estado chileno en "
        "2017. Dos productos centrados en los desafíos de las mujeres: (1) servicios de éxito académico (elegidos "
        "por el CFT público); (2) servicios de empleabilidad e inserción laboral (elegidos por el CEDUC UCN)."
    ),
    "B10": (
        "Contribuir a reducir la deserción y a aumentar la titulación oportuna y la empleabilidad de estudiantes y "
        "aprendices de las UTS y del CMRB del SENA en Sogamoso. Se realizaron tres acciones piloto en cada "
        "institución."
    ),
    "B11": (
        "Mejorar el éxito estudiantil estudiando por qué el estudiantado abandona y diseñando estrategias para que "
        "continúe y termine; mejorar la empleabilidad y la inserción laboral revisando los procesos y servicios "
        "con personas egresadas y empleadoras; y construir un sistema de seguimiento de egresados al servicio del "
        "sector extractivo en Campeche y Durango."
    ),
    "B12": (
        "Crear unidades de bienestar y empleabilidad (UBE) en dos institutos tecnológicos públicos de Arequipa, "
        "Honorio Delgado Espinoza y Pedro P. Díaz, según la resolución ministerial 428-2018-MINEDU, que exige un "
        "servicio de apoyo al éxito académico y la empleabilidad. Ambos institutos fueron pilotos de una estrategia "
        "nacional replicable en el Perú, en particular en los 26 Institutos de Excelencia (IDEX) designados en 2017."
    ),
}


# --- Spanish names of Pacific Alliance bodies the book prints only in French ---
# Written by Puente's team (the organisations' own Spanish names where they are well known,
# otherwise a faithful translation), so Spanish pages do not show French names.
SPANISH_NAMES: dict[str, str] = {
    "CL-CEDUC-ANT": "Centro de Formación Técnica de la Universidad Católica del Norte (CEDUC UCN), sede Antofagasta",
    "CL-CEDUC-COQ": "Centro de Formación Técnica de la Universidad Católica del Norte (CEDUC UCN), sede Coquimbo",
    "CL-ECORAYEN": "Fundación Parque Ecológico Ecorayen",
    "CL-MINEDUC": "Ministerio de Educación de Chile",
    "CL-MINREL": "Ministerio de Relaciones Exteriores de Chile",
    "CL-VIVERO-VIDA-VERDE": "Vivero Vida Verde de Antofagasta",
    "CL-WIM": "Women in Mining Chile",
    "CO-LA-FUENTE": "Municipio de La Fuente",
    "CO-MEN": "Ministerio de Educación Nacional de Colombia",
    "CO-MINCIT": "Ministerio de Comercio, Industria y Turismo de Colombia",
    "CO-MINENERGIA": "Ministerio de Minas y Energía de Colombia",
    "CO-UTS-ADAPTED": "Centro de servicios adaptados de las UTS",
    "CO-WIM": "Women in Mining Colombia",
    "MX-COMITE": "Agencia Comite",
    "MX-CONALEP-021": "Colegio Nacional de Educación Profesional Técnica (CONALEP 021) de Ciudad del Carmen, Campeche",
    "MX-CONALEP-021-ENV": "Comité ambiental del CONALEP 021",
    "MX-CONALEP-021-WELD": "Centro de certificación en soldadura del CONALEP 021",
    "MX-CONALEP-146": "Colegio Nacional de Educación Profesional Técnica, plantel Centro Mexicano Francés de Durango (CONALEP 146)",
    "MX-SEP": "Secretaría de Educación Pública (SEP) de México",
    "MX-SEP-DGAIR": "Dirección General de Acreditación, Incorporación y Revalidación (DGAIR)",
    "MX-UTCAM-ENV": "Comité ambiental de la UTCAM",
    "MX-UTCAM-GENDER": "Comité de igualdad de género de la UTCAM",
    "MX-WIM": "Women in Mining México",
    "PE-DRE-LL": "Dirección Regional de Educación (DRE) de La Libertad",
    "PE-DRTPE-AQP": "Dirección Regional de Trabajo y Promoción del Empleo de Arequipa",
    "PE-IEST-PPD": "Instituto de Educación Superior Tecnológico (IEST) Pedro P. Díaz",
    "PE-IESTP-HDE": "Instituto de Educación Superior Tecnológico Público Honorio Delgado Espinoza",
    "PE-IESTP-HDE-GENDER": "Comité de igualdad de género del IESTP Honorio Delgado Espinoza",
    "PE-ISUR": "Instituto del Sur de Arequipa",
    "PE-MIN-LABOUR": "Ministerio de Trabajo y Promoción del Empleo del Perú",
    "PE-WIM": "Women in Mining Perú",
}
