"""The files of a theme, checked by their content: a logo is a PNG or JPEG picture (the
documents' type check, so SVG is refused for the same reason), a font is one WOFF2 file.
Each function returns the bytes' MIME type or raises a ValidationError with a Dutch reason."""

from __future__ import annotations

import io
import struct

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from programmes.documents.uploads import JPEG, PNG, detect_type

from .constants import FONT_MAX_BYTES, LOGO_MAX_BYTES, WOFF2_MAGIC, WOFF2_MIME

LOGO_TYPE = "Een logo moet een PNG- of JPEG-afbeelding zijn."
LOGO_BROKEN = "Het logo is geen leesbare PNG- of JPEG-afbeelding."
LOGO_DIMENSIONS = "Het logo is te groot: ten hoogste 2000 bij 2000 pixels."
FONT_TYPE = (
    "Een lettertype moet een WOFF2-bestand zijn (.woff2). Andere lettertypebestanden kunt u "
    "omzetten naar WOFF2."
)
FONT_BROKEN = "Het lettertypebestand is beschadigd of geen geldig WOFF2-bestand."
LOGO_MAX_PIXELS = 2000


def _too_large(what: str, limit: int) -> str:
    return f"{what} is te groot: de grens is {filesizeformat(limit)}."


def read_capped(upload, limit: int, what: str) -> bytes:
    """The upload's bytes, reading no more than one byte over `limit` (then refused)."""
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    if len(data) > limit:
        raise ValidationError(_too_large(what, limit), code="too_large")
    if not data:
        raise ValidationError("Het bestand is leeg.", code="empty")
    return data


def check_logo(name: str, data: bytes) -> str:
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(_too_large("Het logo", LOGO_MAX_BYTES), code="too_large")
    kind = detect_type(name, data)  # refuses SVG, HTML, executables with their own reason
    if kind not in (PNG, JPEG):
        raise ValidationError(LOGO_TYPE, code="logo_type")
    # The first bytes say PNG or JPEG; the picture must also decode (no truncated or forged
    # file ends up in the header and in every report).
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG"):
                raise ValidationError(LOGO_TYPE, code="logo_type")
            width, height = image.size
            if width > LOGO_MAX_PIXELS or height > LOGO_MAX_PIXELS:
                raise ValidationError(LOGO_DIMENSIONS, code="logo_dimensions")
            image.verify()
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001  whatever Pillow stumbles on: no usable picture
        raise ValidationError(LOGO_BROKEN, code="logo_broken") from exc
    return kind.mime


def check_font(data: bytes) -> str:
    if len(data) > FONT_MAX_BYTES:
        raise ValidationError(_too_large("Het lettertype", FONT_MAX_BYTES), code="too_large")
    if not data.startswith(WOFF2_MAGIC):
        raise ValidationError(FONT_TYPE, code="font_type")
    # WOFF2 header: signature, flavor, then the file's total length (big-endian uint32).
    if len(data) < 48 or struct.unpack(">I", data[8:12])[0] != len(data):
        raise ValidationError(FONT_BROKEN, code="font_broken")
    return WOFF2_MIME
