"""Draw the site's icons and its link-preview card into static/: a white speech bubble with three dots (customer
service) on the site's blue. The SVG is written by hand below; the PNG and ICO files are drawn with Pillow from the
same shapes. Run once after changing them: .venv/bin/python scripts/make_icons.py (the files are committed)."""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

STATIC = Path(__file__).resolve().parent.parent / "static"
BLUE, WHITE = (11, 92, 173), (255, 255, 255)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")  # the card's title (Debian's fonts-dejavu)

# The shapes on a 64 x 64 grid: the bubble (a rounded rectangle and its tail) and its three dots.
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<title>BPO Portal</title>
<rect width="64" height="64" rx="14" fill="#0b5cad"/>
<rect x="12" y="14" width="40" height="28" rx="8" fill="#fff"/>
<path d="M20 40 L18 52 L32 40 Z" fill="#fff"/>
<circle cx="23" cy="28" r="3.5" fill="#0b5cad"/>
<circle cx="32" cy="28" r="3.5" fill="#0b5cad"/>
<circle cx="41" cy="28" r="3.5" fill="#0b5cad"/>
</svg>
"""


def draw_icon(size: int, *, rounded: bool = True) -> Image.Image:
    scale = 8  # drawn large, then scaled down: smooth edges
    unit = size * scale / 64
    image = Image.new("RGBA", (size * scale, size * scale), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def box(x, y, w, h):
        return [x * unit, y * unit, (x + w) * unit, (y + h) * unit]

    pen.rounded_rectangle(box(0, 0, 64, 64), radius=14 * unit if rounded else 0, fill=BLUE)
    pen.rounded_rectangle(box(12, 14, 40, 28), radius=8 * unit, fill=WHITE)
    pen.polygon([(20 * unit, 40 * unit), (18 * unit, 52 * unit), (32 * unit, 40 * unit)], fill=WHITE)
    for x in (23, 32, 41):
        pen.ellipse(box(x - 3.5, 28 - 3.5, 7, 7), fill=BLUE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def draw_card() -> Image.Image:
    """The link-preview image (Open Graph, 1200 x 630): the icon and the site's name and promise."""
    card = Image.new("RGB", (1200, 630), BLUE)
    card.paste(draw_icon(220, rounded=False), (90, 205))
    pen = ImageDraw.Draw(card)
    pen.text((360, 215), "BPO Portal", font=ImageFont.truetype(str(FONT), 96), fill=WHITE)
    lines = ["Outsourcing partners for businesses.", "Customer service work for people."]
    size = 40
    while max(pen.textlength(line, font=ImageFont.truetype(str(FONT), size)) for line in lines) > 1200 - 364 - 70:
        size -= 1
    small = ImageFont.truetype(str(FONT), size)
    for index, line in enumerate(lines):
        pen.text((364, 345 + index * (size + 16)), line, font=small, fill=WHITE)
    return card


def main() -> None:
    icons = STATIC / "icons"
    icons.mkdir(exist_ok=True)
    (icons / "icon.svg").write_text(SVG)
    # Apple's touch icon is square and opaque (iOS rounds the corners itself).
    draw_icon(180, rounded=False).convert("RGB").save(icons / "apple-touch-icon.png", optimize=True)
    draw_icon(192).save(icons / "icon-192.png", optimize=True)
    draw_icon(512).save(icons / "icon-512.png", optimize=True)
    draw_icon(48).save(icons / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    draw_card().save(STATIC / "img" / "card.png", optimize=True)


if __name__ == "__main__":
    main()
