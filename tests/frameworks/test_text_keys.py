"""Search keys merge accents, gender and number forms (pure functions)."""

import pytest

from puente.frameworks.text import fold, qualification_search_keys, stems


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Cocinero", "cocinera"),
        ("cocineros", "COCINERAS"),
        ("Guía", "guias"),
        ("Técnico", "técnica"),
        ("profesor", "profesora"),
        ("hoteles", "hotel"),
        ("operadores", "operadora"),
        ("Recepción", "recepcion"),
    ],
)
def test_forms_of_one_word_share_a_stem(a, b):
    assert stems(a) == stems(b)


def test_slash_forms_and_stop_words_are_dropped():
    assert stems("Camarero/a de hotel") == stems("camarero hotel")
    assert fold("Garzón/Garzona") == "garzon garzona"


def test_keys_include_every_language_and_the_code():
    text, stemmed = qualification_search_keys({"es": "Guía de turismo", "en": "Tour guide"}, "CL-1")
    assert "guia de turismo" in text and "tour guide" in text
    assert "gui" in stemmed.split() and "tour" in stemmed.split()
