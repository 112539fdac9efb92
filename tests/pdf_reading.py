# SPDX-License-Identifier: EUPL-1.2
"""Reading the PDFs WeasyPrint writes, for tests: each object's dictionary, its stream inflated,
and the text drawn. Streams are cut by their declared /Length, never by looking for "endstream":
compressed bytes may end in a carriage return, and a regular expression would then cut one byte
short and lose the stream (a failure seen once in CI out of thousands of runs)."""

from __future__ import annotations

import re
import zlib

_OBJECT_START = re.compile(rb"(\d+) 0 obj\s*")
_LENGTH = re.compile(rb"/Length (\d+)(?! \d+ R)")


def _stream_of(pdf: bytes, head_start: int) -> tuple[bytes, bytes, int]:
    """The object's dictionary, its raw stream (empty when it has none), and where it ends."""
    end = pdf.index(b"endobj", head_start)
    stream_at = pdf.find(b"stream", head_start, end)
    if stream_at == -1:
        return pdf[head_start:end], b"", end
    head = pdf[head_start:stream_at]
    length = _LENGTH.search(head)
    data_start = stream_at + len(b"stream")
    data_start += 2 if pdf[data_start : data_start + 2] == b"\r\n" else 1
    if length is None:
        data_end = pdf.index(b"endstream", data_start)
        return head, pdf[data_start:data_end].rstrip(b"\r\n"), pdf.index(b"endobj", data_end)
    data_end = data_start + int(length.group(1))
    return head, pdf[data_start:data_end], pdf.index(b"endobj", data_end)


def pdf_object_table(pdf: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Every object as (dictionary, inflated stream), including those packed in object streams."""
    objects: dict[int, tuple[bytes, bytes]] = {}
    position = 0
    while (match := _OBJECT_START.search(pdf, position)) is not None:
        number = int(match.group(1))
        head, raw, position = _stream_of(pdf, match.end())
        data = zlib.decompress(raw) if raw and b"/FlateDecode" in head else raw
        if b"/ObjStm" in head:
            first = int(re.search(rb"/First (\d+)", head).group(1))
            numbers = list(map(int, data[:first].split()))
            pairs = list(zip(numbers[::2], numbers[1::2], strict=True))
            for index, (packed, offset) in enumerate(pairs):
                end = pairs[index + 1][1] if index + 1 < len(pairs) else len(data) - first
                objects[packed] = (data[first + offset : first + end], b"")
        else:
            objects[number] = (head, data)
    return objects


def pdf_objects(pdf: bytes) -> bytes:
    """Every object's dictionary and inflated stream, to read the PDF's metadata and links."""
    return b"".join(head + data for head, data in pdf_object_table(pdf).values())


def _cmap(data: bytes) -> dict[bytes, str]:
    mapping = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[code.lower()] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, start in re.findall(
            rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
        ):
            width, base = len(low), int(start, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[f"{code:0{width}x}".encode()] = chr(base + offset)
    return mapping


def pdf_text(pdf: bytes) -> str:
    """The text WeasyPrint drew, read through each font's ToUnicode map; words joined by spaces."""
    objects = pdf_object_table(pdf)
    fonts = {}
    for head, _data in objects.values():
        font = re.search(rb"/BaseFont /([A-Z]+)\+[^/]*/ToUnicode (\d+) 0 R", head)
        if font:
            fonts[font.group(1)] = _cmap(objects[int(font.group(2))][1])
    pieces = []
    for _head, data in objects.values():
        if b"BT" not in data or b"Tf" not in data:
            continue
        mapping: dict[bytes, str] = {}
        for token in re.finditer(
            rb"/(\w+) [\d.]+ Tf|\[(.*?)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj", data, re.S
        ):
            if token.group(1):
                mapping = fonts.get(token.group(1), {})
                continue
            hexes = re.findall(rb"<([0-9a-fA-F]*)>", token.group(2) or b"<" + token.group(3) + b">")
            text = ""
            for run in hexes:
                run = run.lower()
                text += "".join(mapping.get(run[i : i + 4], "") for i in range(0, len(run), 4))
            pieces.append(text)
    return " ".join(" ".join(pieces).split())
