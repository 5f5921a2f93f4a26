"""How a person gets a qualification from another country recognised, per host country.

Illustrative guidance written for Puente's demo: it names the kinds of bodies and routes that
exist in each country, not an official procedure. A deployment replaces these texts with the
ones its ministries publish (one entry per ISO country code, in es/fr/en).
"""

from __future__ import annotations

from puente.lib.translated import TranslatedText, as_translated

GUIDANCE: dict[str, dict[str, str]] = {
    "CL": {
        "es": (
            "En Chile, una persona con experiencia laboral puede evaluarse y certificarse en un perfil "
            "ocupacional del sistema nacional de certificación de competencias laborales (ChileValora), "
            "sin volver a estudiar. Para continuar estudios, los centros de formación técnica pueden "
            "reconocer aprendizajes previos. Lleve su certificado, el programa de estudios con horas y "
            "una constancia de experiencia laboral."
        ),
        "fr": (
            "Au Chili, une personne ayant de l'expérience peut faire évaluer et certifier ses compétences "
            "sur un profil professionnel du système national de certification (ChileValora) sans reprendre "
            "ses études. Pour poursuivre des études, les centres de formation technique peuvent reconnaître "
            "les acquis. Apportez votre diplôme, le programme avec ses heures et une attestation d'expérience."
        ),
        "en": (
            "In Chile, a person with work experience can have their skills assessed and certified against "
            "an occupational profile of the national labour-competency certification system (ChileValora) "
            "without studying again. To continue studying, technical training centres can recognise prior "
            "learning. Bring your certificate, the programme with its hours and proof of work experience."
        ),
    },
    "CO": {
        "es": (
            "En Colombia, el SENA evalúa y certifica competencias laborales según normas sectoriales, y las "
            "instituciones de educación pueden homologar estudios realizados en el exterior. Para ejercer "
            "algunas ocupaciones reguladas se requiere además convalidar el título ante el Ministerio de "
            "Educación. Prepare su título apostillado, el plan de estudios y las certificaciones laborales."
        ),
        "fr": (
            "En Colombie, le SENA évalue et certifie les compétences professionnelles selon des normes "
            "sectorielles, et les établissements peuvent reconnaître des études faites à l'étranger. Certaines "
            "professions réglementées exigent en plus la validation du diplôme par le ministère de l'Éducation. "
            "Préparez votre diplôme apostillé, le plan d'études et vos attestations de travail."
        ),
        "en": (
            "In Colombia, SENA assesses and certifies labour competencies against sector standards, and "
            "institutions can accept studies done abroad. Some regulated occupations also require the "
            "Ministry of Education to validate the diploma. Prepare your apostilled diploma, the curriculum "
            "and letters from employers."
        ),
    },
    "MX": {
        "es": (
            "En México, los estándares de competencia del CONOCER permiten certificar lo que una persona "
            "sabe hacer, con evaluación en un centro acreditado. Para estudios formales, la SEP otorga la "
            "revalidación de estudios realizados en otro país. Reúna su certificado, el programa con horas o "
            "créditos y evidencias de su desempeño laboral."
        ),
        "fr": (
            "Au Mexique, les normes de compétence du CONOCER permettent de certifier ce qu'une personne sait "
            "faire, après une évaluation dans un centre accrédité. Pour les études formelles, la SEP accorde la "
            "revalidation des études faites dans un autre pays. Réunissez votre certificat, le programme avec "
            "ses heures ou crédits et des preuves de votre expérience."
        ),
        "en": (
            "In Mexico, CONOCER competency standards let a person certify what they can do, after an "
            "assessment at an accredited centre. For formal studies, the SEP grants revalidation of studies "
            "done in another country. Gather your certificate, the programme with its hours or credits and "
            "evidence of your work."
        ),
    },
    "PE": {
        "es": (
            "En el Perú, los centros de certificación autorizados evalúan y certifican competencias laborales "
            "según perfiles ocupacionales, y los institutos de educación superior tecnológica pueden "
            "convalidar estudios o reconocer la experiencia laboral. Lleve su título, el plan de estudios y "
            "constancias de trabajo."
        ),
        "fr": (
            "Au Pérou, des centres de certification agréés évaluent et certifient les compétences selon des "
            "profils professionnels, et les instituts d'enseignement supérieur technologique peuvent valider "
            "des études ou reconnaître l'expérience professionnelle. Apportez votre diplôme, le plan d'études et "
            "des attestations de travail."
        ),
        "en": (
            "In Peru, authorised certification centres assess and certify labour competencies against "
            "occupational profiles, and higher technological institutes can validate studies or recognise "
            "work experience. Bring your diploma, the curriculum and proof of work."
        ),
    },
}


def guidance_for(country_code: str) -> TranslatedText:
    """Recognition guidance for people arriving in ``country_code`` (empty when none is written)."""
    return as_translated(GUIDANCE.get(country_code.upper(), {}))
