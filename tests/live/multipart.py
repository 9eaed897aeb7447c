"""Split a multipart/form-data body (RFC 7578) as Go's mime/multipart.Writer writes it."""

from __future__ import annotations

from email.message import Message


def form_parts(content_type: str, body: bytes) -> dict[str, tuple[dict[str, str], bytes]]:
    """{form name: (part headers, part bytes)}, in the order written; our words on any misfit."""
    header = Message()
    header["Content-Type"] = content_type
    boundary = header.get_param("boundary")
    assert header.get_content_maintype() == "multipart" and isinstance(boundary, str), (
        f"not a multipart body: Content-Type {content_type!r}"
    )
    delimiter = b"--" + boundary.encode()
    pieces = body.split(delimiter)
    # [preamble, part, part, ..., "--" + epilogue]: each part is CRLF headers CRLF CRLF data CRLF
    assert len(pieces) >= 3 and pieces[-1].startswith(b"--"), (
        f"unterminated multipart: {body[:200]!r}"
    )
    parts: dict[str, tuple[dict[str, str], bytes]] = {}
    for piece in pieces[1:-1]:
        assert piece.startswith(b"\r\n") and piece.endswith(b"\r\n"), (
            f"bad part framing: {piece[:80]!r}"
        )
        head, sep, data = piece[2:-2].partition(b"\r\n\r\n")
        assert sep, f"part without a header block: {piece[:80]!r}"
        headers = {}
        for line in head.decode("utf-8").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        disposition = Message()
        disposition["Content-Disposition"] = headers.get("content-disposition", "")
        name = disposition.get_param("name", header="content-disposition")
        assert isinstance(name, str), f"part without a form name: {headers}"
        parts[name] = (headers, data)
    return parts
