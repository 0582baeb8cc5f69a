"""Photos above a sane pixel count are refused from their header, before any pixel is decoded;
what was typed beside the photo stays in the form."""

from __future__ import annotations

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.images import image_size
from inspections.services.form import PHOTO_MAX_PIXELS
from tests.builders import png_upload, risky_factory, start


def png(width: int, height: int) -> bytes:
    """A real one-colour PNG, 1 bit a pixel, written row by row: 20000×20000 is 50 MB of rows
    that compress to about 50 KB, never held whole in memory."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    packer = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_header(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    exif = b"\xff\xe1" + struct.pack(">H", 2 + 300) + b"Exif\x00\x00" + b"\xff" * 294
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return (
        b"\xff\xd8" + app0 + exif + sof + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\xff\xd9"
    )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_size_is_read_from_the_header():
    import io

    assert image_size(io.BytesIO(png(20000, 20000)), "image/png") == (20000, 20000)
    assert image_size(io.BytesIO(jpeg_header(8160, 6120)), "image/jpeg") == (8160, 6120)
    vp8x = b"RIFF\x00\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00"
    vp8x += (4000 - 1).to_bytes(3, "little") + (3000 - 1).to_bytes(3, "little")
    assert image_size(io.BytesIO(vp8x), "image/webp") == (4000, 3000)
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
    heic += b"\x00\x00\x00\x14ispe\x00\x00\x00\x00" + struct.pack(">II", 512, 512)
    heic += b"\x00\x00\x00\x14ispe\x00\x00\x00\x00" + struct.pack(">II", 4032, 3024)
    assert image_size(io.BytesIO(heic), "image/heic") == (4032, 3024)
    assert image_size(io.BytesIO(b"\xff\xd8\xff\xd9"), "image/jpeg") is None


def test_a_50_megapixel_phone_photo_fits_the_bound():
    assert 8160 * 6120 <= PHOTO_MAX_PIXELS < 20000 * 20000


def test_a_20000_by_20000_png_is_refused_and_a_normal_photo_taken(client, member):
    inspection = start(risky_factory(), member)
    client.force_login(member)
    upload = reverse("inspections:photo_upload", kwargs={"pk": inspection.pk})
    bomb = SimpleUploadedFile("bomb.png", png(20000, 20000), content_type="image/png")
    response = client.post(upload, {"image": bomb, "caption": "บ่อบำบัด"})
    body = response.content.decode()
    assert response.status_code == 422
    assert "20000×20000 พิกเซล" in body and "ล้านพิกเซล" in body
    assert 'value="บ่อบำบัด"' in body  # the caption typed stays
    assert not inspection.photos.exists()
    phone = SimpleUploadedFile("IMG.jpg", jpeg_header(8160, 6120), content_type="image/jpeg")
    assert client.post(upload, {"image": phone, "caption": "ป้าย"}).status_code == 200
    assert client.post(upload, {"image": png_upload()}).status_code == 200
    assert inspection.photos.count() == 2


def test_a_photo_whose_size_cannot_be_read_is_refused(client, member):
    inspection = start(risky_factory(), member)
    client.force_login(member)
    broken = SimpleUploadedFile("IMG.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg")
    response = client.post(
        reverse("inspections:photo_upload", kwargs={"pk": inspection.pk}), {"image": broken}
    )
    assert response.status_code == 422 and "อ่านขนาดของภาพไม่ได้" in response.content.decode()
