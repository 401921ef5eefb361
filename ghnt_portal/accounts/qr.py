"""A QR code as inline SVG, made here: no request leaves the portal (the secret in it must
never reach a third-party QR service)."""

import io
import re

import qrcode
import qrcode.image.svg


def qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    # Drop the XML declaration so the SVG can sit inside the HTML page.
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :].lstrip()
    # Sized by CSS, announced as one image (the key is also shown as text beside it).
    head, rest = svg.split(">", 1)
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    label = "QR-code om in uw authenticator-app te scannen"
    return f'{head} class="qr-code" role="img" aria-label="{label}">{rest}'
