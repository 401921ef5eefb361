"""Colour arithmetic for the region accent colour (WCAG 2.1 relative luminance and contrast)."""

WHITE = "#ffffff"
MIN_TEXT_CONTRAST = 4.5  # WCAG 2.1 AA, 1.4.3: normal text


def _channels(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(hex_colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darken(hex_colour: str, amount: float = 0.3) -> str:
    """The colour mixed with `amount` black: the hover and active shade of buttons."""
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in _channels(hex_colour))
