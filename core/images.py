"""An image's width and height read from its header, without decoding a single pixel.

Pillow is not among the project's dependencies, and decoding is what an image bomb attacks: a
20000×20000 PNG of one colour is a few kilobytes on disk and 1.2 GB once decoded. The sizes are
read from the PNG IHDR chunk, the JPEG SOF segment, the WEBP VP8/VP8L/VP8X chunk and the HEIF
``ispe`` property (the largest found, a grid photo's whole size).
"""

from __future__ import annotations

import struct
from typing import IO

# Start-of-frame markers: every SOFn except DHT (C4), JPG (C8) and DAC (CC).
JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
HEIF_HEAD = 256 * 1024  # where the meta box with its ispe properties is found


def _png(head: bytes) -> tuple[int, int] | None:
    if len(head) >= 24 and head[12:16] == b"IHDR":
        return struct.unpack(">II", head[16:24])
    return None


def _jpeg(file: IO[bytes]) -> tuple[int, int] | None:
    file.seek(2)
    while True:
        byte = file.read(1)
        if not byte:
            return None
        if byte != b"\xff":
            continue
        marker = file.read(1)
        while marker == b"\xff":  # fill bytes
            marker = file.read(1)
        if not marker:
            return None
        code = marker[0]
        if code == 0xD9 or code == 0xDA:  # end of image, or the scan began with no frame
            return None
        if code == 0x01 or 0xD0 <= code <= 0xD7:  # markers without a length
            continue
        length_bytes = file.read(2)
        if len(length_bytes) < 2:
            return None
        length = struct.unpack(">H", length_bytes)[0]
        if code in JPEG_SOF:
            frame = file.read(5)
            if len(frame) < 5:
                return None
            height, width = struct.unpack(">HH", frame[1:5])
            return width, height
        file.seek(length - 2, 1)


def _webp(head: bytes) -> tuple[int, int] | None:
    kind, data = head[12:16], head[20:30]
    if kind == b"VP8 " and len(data) >= 10 and data[3:6] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[6:10])
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L" and len(data) >= 5 and data[0] == 0x2F:
        bits = int.from_bytes(data[1:5], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X" and len(data) >= 10:
        width = int.from_bytes(data[4:7], "little") + 1
        height = int.from_bytes(data[7:10], "little") + 1
        return width, height
    return None


def _heif(head: bytes) -> tuple[int, int] | None:
    sizes = []
    start = head.find(b"ispe")
    while start >= 4:
        # size (4) "ispe" version+flags (4) width (4) height (4)
        if start + 16 <= len(head):
            sizes.append(struct.unpack(">II", head[start + 8 : start + 16]))
        start = head.find(b"ispe", start + 4)
    return max(sizes, key=lambda size: size[0] * size[1]) if sizes else None


def image_size(file: IO[bytes], content_type: str) -> tuple[int, int] | None:
    """``(width, height)`` of a JPEG, PNG, WEBP or HEIC file, or None when its header does not
    say. The file is left at its start."""
    try:
        file.seek(0)
        if content_type == "image/jpeg":
            return _jpeg(file)
        head = file.read(HEIF_HEAD if content_type == "image/heic" else 64)
        if content_type == "image/png":
            return _png(head)
        if content_type == "image/webp":
            return _webp(head)
        if content_type == "image/heic":
            return _heif(head)
        return None
    finally:
        file.seek(0)
