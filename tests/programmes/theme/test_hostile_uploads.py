"""Hostile theme files, by property: whatever the bytes, the check answers with a type or a
Dutch ValidationError (never another exception), and only real PNG/JPEG/WOFF2 pass."""

from django.core.exceptions import ValidationError

from hypothesis import given, settings
from hypothesis import strategies as st

from programmes.theme.uploads import check_font, check_logo

from .helpers import png_bytes, woff2_bytes

PREFIXES = [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"wOF2", b"<svg", b"%PDF-", b"PK\x03\x04"]


@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=2048), name=st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_bytes_as_a_logo_are_refused_in_dutch_or_are_a_real_picture(prefix, body, name):
    try:
        mime = check_logo(name, prefix + body)
    except ValidationError as error:
        assert error.messages and all(m.strip() for m in error.messages)
    else:
        assert mime in ("image/png", "image/jpeg")


@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=2048))
@settings(max_examples=300, deadline=None)
def test_any_bytes_as_a_font_are_refused_in_dutch_unless_a_woff2_header(prefix, body):
    data = prefix + body
    try:
        assert check_font(data) == "font/woff2"
    except ValidationError as error:
        assert error.messages
    else:
        assert data.startswith(b"wOF2") and int.from_bytes(data[8:12], "big") == len(data)


@given(cut=st.integers(min_value=1, max_value=200))
@settings(deadline=None)
def test_a_truncated_png_is_refused(cut):
    data = png_bytes()
    try:
        check_logo("logo.png", data[: max(len(data) - cut, 8)])
    except ValidationError as error:
        assert "PNG" in " ".join(error.messages)


def test_real_files_pass():
    assert check_logo("logo.png", png_bytes()) == "image/png"
    assert check_font(woff2_bytes()) == "font/woff2"
