"""Spanish given names (per sex) and family names (per country) for synthetic people.

Common names in the four countries, chosen by hand; family names include Quechua and Aymara
(Peru), Mapuche and Diaguita (Chile) and Maya (Campeche, Mexico) names, as in the regions of
the book's institutions. Every synthetic person gets one given name and two family names.
"""

from __future__ import annotations

# fmt: off
GIVEN_FEMALE = (
    "María", "Ana", "Lucía", "Valentina", "Camila", "Sofía", "Daniela", "Gabriela", "Fernanda", "Carolina",
    "Andrea", "Paola", "Alejandra", "Natalia", "Mariana", "Isabel", "Rosa", "Carmen", "Milagros", "Yesenia",
    "Katherine", "Luz", "Diana", "Juliana", "Valeria", "Ximena", "Guadalupe", "Itzel", "Jimena", "Javiera",
    "Constanza", "Catalina", "Francisca", "Antonella", "Nicole", "Flor", "Rocío", "Pamela", "Liliana", "Sandra",
    "Yanet", "Nayeli", "Brenda", "Karla", "Mónica", "Verónica", "Angélica", "Marisol", "Estefanía", "Lorena",
)

GIVEN_MALE = (
    "José", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "Diego", "Andrés", "Javier", "Alejandro",
    "Daniel", "Sebastián", "Mateo", "Santiago", "Nicolás", "Felipe", "Cristian", "Ricardo", "Fernando", "Óscar",
    "Víctor", "Raúl", "Eduardo", "Iván", "Rodrigo", "Héctor", "Jesús", "Francisco", "Manuel", "Pedro",
    "Kevin", "Brayan", "Jhon", "Wilmer", "Édgar", "Álvaro", "Gonzalo", "Matías", "Benjamín", "Joaquín",
    "Emiliano", "Ángel", "Marco", "Rubén", "Hugo", "Julio", "César", "Renzo", "Franco", "Tomás",
)

GIVEN_OTHER = ("Alex", "Ariel", "Dani", "Sasha", "Cruz", "René", "Noa", "Guadalupe")

FAMILY_COMMON = (
    "García", "Rodríguez", "López", "Martínez", "González", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores",
    "Rivera", "Gómez", "Díaz", "Vargas", "Castro", "Rojas", "Morales", "Herrera", "Jiménez", "Ruiz",
    "Mendoza", "Ortiz", "Silva", "Romero", "Reyes", "Cruz", "Gutiérrez", "Chávez", "Ramos", "Medina",
)

FAMILY_BY_COUNTRY: dict[str, tuple[str, ...]] = {
    "PE": (
        "Quispe", "Mamani", "Condori", "Huamán", "Choque", "Ccori", "Apaza", "Ticona", "Cárdenas", "Zegarra",
        "Delgado", "Paredes", "Salas", "Núñez", "Valdivia", "Chávez", "Llerena", "Huanca", "Cutipa", "Pari",
    ),
    "CL": (
        "Muñoz", "Soto", "Contreras", "Araya", "Espinoza", "Fuentes", "Valenzuela", "Tapia", "Carrasco", "Cortés",
        "Vega", "Olivares", "Huenchullán", "Catrileo", "Millán", "Pizarro", "Alfaro", "Rivera", "Aguilera", "Ossandón",
    ),
    "CO": (
        "Restrepo", "Cárdenas", "Moreno", "Vargas", "Pineda", "Suárez", "Rincón", "Niño", "Cely", "Barrera",
        "Pérez", "Camargo", "Ochoa", "Sandoval", "Acevedo", "Quintero", "Hernández", "Duarte", "Mora", "Patiño",
    ),
    "MX": (
        "Hernández", "Canché", "Pech", "Chan", "May", "Can", "Uc", "Ku", "Góngora", "Ávila",
        "Ríos", "Soberanis", "Aguilar", "Delgado", "Rentería", "Carrillo", "Salazar", "Ibarra", "Guerrero", "Zapata",
    ),
}

FAMILY_DEFAULT = FAMILY_COMMON

# Employer names: a sector word, a place-like word per country, a legal form per country.
EMPLOYER_SECTOR_WORDS: dict[str, tuple[str, ...]] = {
    "mining": ("Minera", "Compañía Minera", "Minerales", "Metales"),
    "oil-gas": ("Petrolera", "Servicios Petroleros", "Hidrocarburos", "Gas y Petróleo"),
    "energy": ("Energía", "Solar", "Eólica", "Bioenergía", "Renovables"),
    "electricity": ("Eléctrica", "Electroservicios", "Transmisora Eléctrica", "Montajes Eléctricos"),
    "tourism": ("Hoteles", "Turismo", "Viajes", "Hospedaje", "Expediciones"),
}

EMPLOYER_PLACE_WORDS: dict[str, tuple[str, ...]] = {
    "PE": ("Misti", "Colca", "Altiplano", "Cóndor", "Sur Andino", "Chili", "Moche", "Huascarán", "Titicaca", "Yura"),
    "CL": ("Atacama", "Elqui", "Limarí", "Pacífico Norte", "La Serena", "Desierto", "Loa", "Choapa", "Tamarugal"),
    "CO": ("Boyacá", "Sugamuxi", "Chicamocha", "Santander", "Andina", "Llanos", "Tundama", "Oriente", "Cesar"),
    "MX": ("Campeche", "Laguna", "Peninsular", "Golfo", "Del Carmen", "Nazas", "Sierra Madre", "Maya", "Durango"),
}

EMPLOYER_LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "PE": ("S.A.C.", "S.A.A.", "E.I.R.L."),
    "CL": ("SpA", "S.A.", "Ltda."),
    "CO": ("S.A.S.", "S.A.", "Ltda."),
    "MX": ("S.A. de C.V.", "S. de R.L. de C.V."),
}

# fmt: on

# Vacancy titles per sector (inclusive Spanish), with an ISCED-F field only when the job
# leaves no doubt about the training it asks for.
VACANCY_TITLES: dict[str, tuple[tuple[str, str | None], ...]] = {
    "mining": (
        ("Operador/a de planta concentradora", "0724"),
        ("Técnico/a en operaciones mineras", "0724"),
        ("Supervisor/a de labores mineras", "0724"),
        ("Mecánico/a de maquinaria pesada", None),
        ("Técnico/a metalurgista", None),
        ("Técnico/a en seguridad y salud en el trabajo", "1022"),
        ("Electricista industrial", "0713"),
        ("Soldador/a calificado/a", "0715"),
    ),
    "oil-gas": (
        ("Técnico/a de mantenimiento petrolero", None),
        ("Mecánico/a industrial para plataforma", "0715"),
        ("Inspector/a de ensayos no destructivos", None),
        ("Soldador/a TIG/MIG", "0715"),
        ("Técnico/a en seguridad industrial", "1022"),
    ),
    "energy": (
        ("Instalador/a de sistemas fotovoltaicos", "0713"),
        ("Técnico/a en energías renovables", "0713"),
        ("Técnico/a en eficiencia energética", "0713"),
        ("Operador/a de planta de biodiésel", None),
        ("Técnico/a de mantenimiento de aerogeneradores", "0713"),
    ),
    "electricity": (
        ("Técnico/a electricista", "0713"),
        ("Liniero/a de distribución eléctrica", "0713"),
        ("Técnico/a en electromecánica", None),
        ("Supervisor/a de montaje eléctrico", "0713"),
    ),
    "tourism": (
        ("Recepcionista de hotel", "1013"),
        ("Guía de turismo", "1015"),
        ("Cocinero/a", "1013"),
        ("Agente de viajes", "1015"),
        ("Coordinador/a de eventos", "1015"),
    ),
}
