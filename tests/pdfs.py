"""Reading back the PDFs the reports write: their text, their fonts, their first page as an
image (Debian's poppler-utils ``pdftoppm``)."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader

SARABUN_FACES = {"Sarabun", "Sarabun-Bold", "Sarabun-Semi-Bold", "Sarabun-Italic"}
SARABUN_FACES |= {face.replace("Sarabun", "Sarabun-Latin") for face in SARABUN_FACES}
# Sarabun's Thai and Latin subsets have no "≤" (the limits of measured values: ≤ 20 mg/L):
# that one sign comes from the system's DejaVu.
SIGNS = {"DejaVu-Sans", "DejaVu-Sans-Bold"}


def pdf_text(content: bytes) -> str:
    """Every page's extracted text with no white space at all (a line broken between two Thai
    words still reads as the phrase), in NFKC: sara am (ำ) reads back as nikhahit and sara aa
    (ํา), which it is under NFKC (``core.pdf``)."""
    reader = PdfReader(io.BytesIO(content))
    return squeezed("".join(page.extract_text() for page in reader.pages))


def squeezed(text: str) -> str:
    return unicodedata.normalize("NFKC", "".join(text.split()))


def pdf_fonts(content: bytes) -> dict[str, bool]:
    """The base name of every font used on any page, and whether its file is embedded."""
    reader = PdfReader(io.BytesIO(content))
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            holder = descendants[0].get_object() if descendants else font
            descriptor = holder["/FontDescriptor"].get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"]).split("+", 1)[-1]] = embedded
    return fonts


def first_page_ink(content: bytes) -> float:
    """The share of the first page's pixels that are not white, at 30 dpi in grey."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: install Debian's poppler-utils (.ci/run does)")
    image = subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "30", "-gray", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout
    # A binary PGM: "P5\n<width> <height>\n<max>\n" and one byte a pixel.
    header, _sep, rest = image.partition(b"\n")
    assert header == b"P5"
    sizes, _sep, rest = rest.partition(b"\n")
    _max, _sep, pixels = rest.partition(b"\n")
    width, height = (int(n) for n in sizes.split())
    pixels = pixels[: width * height]
    return sum(1 for value in pixels if value < 200) / len(pixels)


def assert_set_in_sarabun(content: bytes, *, signs: bool = False) -> None:
    """The PDF is set in Sarabun alone (and DejaVu for ``signs``), every font embedded, with
    both subsets in use."""
    fonts = pdf_fonts(content)
    assert fonts, "no font at all"
    assert set(fonts) <= SARABUN_FACES | (SIGNS if signs else set()), fonts
    assert all(fonts.values()), f"not embedded: {fonts}"
    # Both subsets: Thai letters and Latin letters or digits each have their glyphs.
    assert any(name.startswith("Sarabun-Latin") for name in fonts)
    assert any(name in SARABUN_FACES and "Latin" not in name for name in fonts)
