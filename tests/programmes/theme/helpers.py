"""Theme test data: small real files and form data."""

import io
import struct

from django.core.files.uploadedfile import SimpleUploadedFile

from programmes.theme.constants import DEFAULT_COLOURS


def png_bytes(size=(40, 20), colour=(200, 30, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def woff2_bytes(body: bytes = b"\x00" * 64) -> bytes:
    """A WOFF2 header (signature, flavor, total length) and a body: what the check reads."""
    total = 48 + len(body)
    header = b"wOF2" + b"\x00\x01\x00\x00" + struct.pack(">I", total) + b"\x00" * 36
    return header + body


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def colours(**changes) -> dict[str, str]:
    data = {name: value for name, value in DEFAULT_COLOURS.items()}
    data["primary_hover_colour"] = ""
    data.update(changes)
    return data
