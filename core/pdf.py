"""PDF documents from templates, set by WeasyPrint (Pango with libthai places Thai marks and
breaks Thai lines between words) in Sarabun from our own static files.

Both of Sarabun's subsets are loaded, Thai and Latin, each with its ``unicode-range``, so that
Thai, Latin letters and digits all have their glyphs. The fonts are read from the files the
static finders find, by ``file://`` URL; a document never fetches anything from the network
(``_local_fetcher`` refuses every other address).
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

# The ranges of @fontsource/sarabun's two subsets (static/css/sarabun.css).
THAI_RANGE = "U+02D7,U+0303,U+0331,U+0E01-0E5B,U+200C-200D,U+25CC"
LATIN_RANGE = (
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,"
    "U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD"
)
# Each subset is a family of its own: WeasyPrint merges the files of one family name into one
# PDF font, and the two subsets' glyph numbers then collide ("ABC" printed as "กฉช").
# ``FONT_STACK`` names them both, Latin first: Thai letters fall through to the Thai subset.
SUBSETS = (("latin", "Sarabun Latin", LATIN_RANGE), ("thai", "Sarabun", THAI_RANGE))
FONT_STACK = mark_safe('"Sarabun Latin", "Sarabun"')
FACES = (("400", "normal"), ("400", "italic"), ("600", "normal"), ("700", "normal"))


class MissingFont(RuntimeError):
    pass


def font_path(subset: str, weight: str, style: str) -> Path:
    name = f"vendor/sarabun/sarabun-{subset}-{weight}-{style}.woff"
    found = finders.find(name)
    if not found:
        raise MissingFont(f"{name} is not among the static files: run `make setup`")
    return Path(found).resolve()


@cache
def font_faces() -> SafeString:
    """The @font-face rules of every face of both subsets, by absolute ``file://`` URL."""
    rules = []
    for weight, style in FACES:
        for subset, family, ranges in SUBSETS:
            rules.append(
                f'@font-face {{ font-family: "{family}"; '
                f"font-weight: {weight}; font-style: {style}; "
                f'src: url("{font_path(subset, weight, style).as_uri()}") format("woff"); '
                f"unicode-range: {ranges}; }}"
            )
    return mark_safe("\n".join(rules))


def _allowed_roots() -> list[Path]:
    # The fonts' folder as found (static/vendor may be a link to another checkout's) and media.
    return [Path(settings.MEDIA_ROOT).resolve(), font_path("thai", "400", "normal").parent]


def _local_fetcher() -> Any:
    """A WeasyPrint fetcher of our own files (fonts, photos) and inline data, never the
    network: a report that named another address would fail rather than fetch it."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    class LocalFiles(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file://"):
                path = Path(unquote(urlparse(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in _allowed_roots()):
                    raise ValueError(f"a report may not read {path}")
            elif not url.startswith("data:"):
                raise ValueError(f"a report may not load {url[:80]}")
            return super().fetch(url, headers)

    return LocalFiles(allowed_protocols=("file", "data"))


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """The template rendered to an A4 PDF (the template extends ``core/reports/base.html``)."""
    from weasyprint import HTML

    fonts = {"font_faces": font_faces(), "font_stack": FONT_STACK}
    html = _decompose_sara_am(render_to_string(template_name, {**context, **fonts}))
    document = HTML(string=html, url_fetcher=_local_fetcher(), base_url=str(settings.BASE_DIR))
    return document.write_pdf()


def _decompose_sara_am(html: str) -> str:
    """Sara am (ำ) written as nikhahit and sara aa (ํา), as the font draws it anyway.

    Sarabun draws ำ with the glyph of า after a nikhahit, and WeasyPrint tells a PDF reader
    which text each glyph stands for by its first use: one ำ early on and every later า is
    read back (copied, searched) as ำ. Decomposed, each glyph stands for one letter; the text
    read back is ำ's compatibility decomposition, equal to it under NFKC."""
    parts = _TAG.split(html)
    return "".join(p if p.startswith("<") else p.replace("\u0e33", "\u0e4d\u0e32") for p in parts)


# A photo is drawn at most 8 cm wide: 1000 pixels are 320 dpi there, sharp in print.
PHOTO_PIXELS = 1000


def photo_data_uri(path: str, *, pixels: int = PHOTO_PIXELS) -> str:
    """A photo made small enough for a report, as a ``data:`` URI ("" when it cannot be read).

    A phone's 12-megapixel JPEG embedded as it is makes a report of ten photos 30 MB; JPEG's
    draft mode decodes it at a fraction of its size directly (a few hundredths of a second)."""
    import base64

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            # A quarter of a phone's 4032×3024 is decoded straight from the JPEG's blocks.
            image.draft("RGB", (pixels, pixels // 2))
            image = image.convert("RGB")
            image.thumbnail((pixels, pixels))
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=82, optimize=False)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode()


THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TAG = re.compile(r"(<[^>]*>)")


def thai_digits(text: str) -> str:
    return text.translate(THAI_DIGITS)


def thai_digits_html(html: str) -> SafeString:
    """Arabic digits of the text written as Thai digits, leaving tags and attributes alone."""
    parts = _TAG.split(str(html))
    return mark_safe("".join(part if part.startswith("<") else thai_digits(part) for part in parts))
