"""The chart helper renders SVG on the server, offline, with its data table and visible suppression."""

from __future__ import annotations

import re
import socket

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from puente.lib import charts


class Hidden:
    """A suppressed cell as puente.core.aggregates produces them."""

    suppressed = True

    def __init__(self, label: str = "<10") -> None:
        self.label = label

    def __str__(self) -> str:
        return self.label


ROWS = [
    {"inst": "Instituto Andino", "sex": "Mujeres", "n": 1234},
    {"inst": "Instituto Andino", "sex": "Hombres", "n": Hidden()},
    {"inst": "Instituto Caribe", "sex": "Mujeres", "n": 40},
    {"inst": "Instituto Caribe", "sex": "Hombres", "n": 57},
]


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("builder", [charts.bar_chart, charts.stacked_bar, charts.line_chart])
def test_it_renders_svg_without_network(builder, no_network):
    chart = builder(ROWS, "inst", "n", "sex", title="Estudiantes", x_title="Institución", y_title="Personas")
    svg = chart.svg()
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "Instituto Andino" in svg


def test_inline_svg_is_one_image_with_a_name_and_description():
    chart = charts.bar_chart(ROWS, "inst", "n", "sex", title="Estudiantes por institución")
    markup = str(chart.svg_markup())
    assert 'role="img"' in markup
    assert f'aria-labelledby="{chart.dom_id}-svg-title {chart.dom_id}-svg-desc"' in markup
    assert "<title" in markup and "Estudiantes por institución" in markup
    assert "graphics-symbol" not in markup and "aria-roledescription" not in markup


def test_the_table_beside_the_chart_contains_every_value():
    with translation.override("en"):
        chart = charts.stacked_bar(ROWS, "inst", "n", "sex", title="Students", x_title="Institution")
        html = render_to_string("lib/chart_with_table.html", {"chart": chart})
    for text in ("1,234", "40", "57", "&lt;10", "Instituto Andino", "Instituto Caribe", "Mujeres", "Hombres"):
        assert text in html
    assert '<th scope="col"' in html and '<th scope="row">' in html
    assert "<caption" in html and "<svg" in html


def test_suppression_is_visible_in_chart_and_table():
    chart = charts.bar_chart(ROWS, "inst", "n", "sex", title="Estudiantes")
    svg = chart.svg()
    assert "&lt;10" in svg or "<10" in svg.replace("&lt;", "<")
    html = render_to_string("lib/chart_with_table.html", {"chart": chart})
    assert 'class="num suppressed"' in html
    assert chart.has_suppressed and chart.note_lines()


def test_complementary_suppression_label_is_explained():
    rows = [{"x": "a", "n": Hidden("suppressed")}, {"x": "b", "n": Hidden()}]
    chart = charts.bar_chart(rows, "x", "n", title="T")
    assert len(chart.note_lines()) == 2


@pytest.mark.parametrize(
    ("language", "expected", "tick"),
    [("es", "1\u00a0234", "1\u00a0200"), ("fr", "1\u00a0234", "1\u00a0200"), ("en", "1,234", "1,200")],
)
def test_numbers_follow_the_active_language(language, expected, tick):
    with translation.override(language):
        chart = charts.bar_chart([{"x": "a", "n": 1234}], "x", "n", title="T")
        assert charts.format_number(1234) == expected
        assert chart.data_table().display_rows()[0]["cells"][0]["text"] == expected
        assert f">{tick}</text>" in chart.svg()  # the axis writes numbers like the table


@pytest.mark.parametrize("builder", [charts.bar_chart, charts.stacked_bar, charts.line_chart])
def test_small_counts_get_whole_number_ticks_only(builder):
    rows = [
        {"step": step, "n": n, "who": "Todos"} for step, n in [("Alertas", 2), ("Contactados", 1), ("Derivados", 0)]
    ]
    svg = builder(rows, "step", "n", "who", title="Embudo").svg()
    ticks = re.findall(r">(\d+)</text>", svg)
    assert ticks == ["0", "1", "2"], ticks  # not "0 1 1 2 2" from ticks at 0.5 and 1.5


def test_png_for_pdfs():
    chart = charts.line_chart([{"year": "2022", "n": 3}, {"year": "2023", "n": 5}], "year", "n", title="T")
    assert chart.png().startswith(b"\x89PNG\r\n\x1a\n")
    assert chart.svg_bytes().startswith(b"<svg")


def test_summary_names_the_highest_value_and_hidden_count():
    with translation.override("en"):
        chart = charts.bar_chart(ROWS, "inst", "n", "sex", title="T", x_title="Institution", y_title="Students")
        summary = chart.summary()
    assert "Instituto Andino (Mujeres)" in summary and "1,234" in summary
    assert "1 value is hidden" in summary


def test_empty_chart_says_so():
    chart = charts.bar_chart([], "x", "n", title="T")
    assert chart.summary()
    assert "<svg" in chart.svg()


def test_palette_colours_have_enough_contrast_on_white():
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for colour in charts.PALETTE:
        assert (1.05) / (luminance(colour) + 0.05) >= 3, colour


def test_a_chart_goes_into_a_pdf(no_network):
    from weasyprint import HTML

    chart = charts.stacked_bar(ROWS, "inst", "n", "sex", title="Estudiantes")
    html = f'<html lang="es"><body><h1>Informe</h1>{chart.svg(include_title=True)}<img src="{chart.svg_data_uri()}" alt=""></body></html>'
    assert HTML(string=html).write_pdf().startswith(b"%PDF")
