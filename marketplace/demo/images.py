"""Generate demo pictures with Pillow: nothing is downloaded."""

import hashlib
import io

from PIL import Image, ImageDraw

from marketplace.core.text import fold_vi

_PALETTE = [
    ((46, 125, 50), (200, 230, 201)),
    ((230, 81, 0), (255, 224, 178)),
    ((121, 85, 72), (215, 204, 200)),
    ((0, 105, 92), (178, 223, 219)),
    ((249, 168, 37), (255, 249, 196)),
    ((106, 27, 154), (225, 190, 231)),
]


def picture_jpeg(label: str, *, variant: int = 0, size=(800, 600)) -> bytes:
    """Return a JPEG picture for ``label``: a gradient, a motif and the name.

    The same label and variant always give the same picture.
    """
    digest = hashlib.sha256(f"{label}:{variant}".encode()).digest()
    dark, light = _PALETTE[digest[0] % len(_PALETTE)]
    width, height = size
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        colour = tuple(int(light[i] * (1 - t) + dark[i] * t * 0.35) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    cx, cy = width // 2 + (digest[1] % 120) - 60, height // 2 - 40
    radius = 110 + digest[2] % 60
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=dark)
    draw.ellipse(
        [cx - radius // 3, cy - radius // 2, cx + radius // 6, cy - radius // 5],
        fill=light,
    )
    # Pillow's built-in font has no Vietnamese marks: write the folded name.
    text = fold_vi(label)[:40]
    draw.rectangle([0, height - 90, width, height], fill=dark)
    draw.text((30, height - 70), text, fill=(255, 255, 255), font_size=40)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()
