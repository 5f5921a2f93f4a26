"""QR codes as inline, accessible SVG for the printable services map."""

from __future__ import annotations

import io

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, title: str) -> SafeString:
    """An SVG QR code with a <title> (screen readers announce the service, not a pattern)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    svg = svg[svg.index("<svg") :]  # drop the XML declaration: the SVG is inlined in HTML
    head_end = svg.index(">") + 1
    label = escape(title)
    head = svg[:head_end].replace("<svg", f'<svg role="img" aria-label="{label}" class="qr"', 1)
    return mark_safe(f"{head}<title>{label}</title>{svg[head_end:]}")  # noqa: S308 - escaped above
