"""Build a real Outlook .msg (an OLE2 compound file of MAPI property streams) for the tests,
with the compound-file writer extract-msg itself ships, so the reader is tested on a file
laid out as Outlook lays one out, not on a stand-in."""

import struct
import tempfile
from pathlib import Path

from extract_msg.ole_writer import OleWriter


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _properties(top_level: bool, fixed: list[tuple[int, int, int]], attachments: int = 0) -> bytes:
    """The `__properties_version1.0` stream: a header, then 16-byte fixed-size properties
    (type, id, flags, value). The top level's header counts its attachments."""
    if top_level:
        header = struct.pack("<8xIIII8x", 0, attachments, 0, attachments)
    else:
        header = b"\x00" * 8
    entries = b"".join(
        struct.pack("<HHIQ", prop_type, prop_id, 6, value) for prop_type, prop_id, value in fixed
    )
    return header + entries


def msg_bytes(
    *,
    subject: str,
    body: str,
    sender_name: str,
    sender_email: str,
    attachments: list[tuple[str, bytes]] = (),  # type: ignore[assignment]
) -> bytes:
    writer = OleWriter()
    writer.addEntry("__substg1.0_001A001F", _utf16("IPM.Note"))
    writer.addEntry("__substg1.0_0037001F", _utf16(subject))
    writer.addEntry("__substg1.0_1000001F", _utf16(body))
    writer.addEntry("__substg1.0_0C1A001F", _utf16(sender_name))
    writer.addEntry("__substg1.0_0C1F001F", _utf16(sender_email))
    writer.addEntry("__substg1.0_5D01001F", _utf16(sender_email))
    writer.addEntry("__substg1.0_0065001F", _utf16(sender_email))  # sent-representing address
    writer.addEntry("__substg1.0_007D001F", _utf16(
        f"From: {sender_name} <{sender_email}>\r\nSubject: {subject}\r\n"
        "Message-ID: <outlook-saved@example.com>\r\n\r\n"
    ))  # fmt: skip
    writer.addEntry("__nameid_version1.0", storage=True)
    writer.addEntry("__nameid_version1.0/__substg1.0_00020102", b"")
    writer.addEntry("__nameid_version1.0/__substg1.0_00030102", b"")
    writer.addEntry("__nameid_version1.0/__substg1.0_00040102", b"")
    writer.addEntry(
        "__properties_version1.0",
        _properties(True, [(0x0003, 0x0E07, 0)], attachments=len(attachments)),
    )
    for i, (name, data) in enumerate(attachments):
        folder = f"__attach_version1.0_#{i:08X}"
        writer.addEntry(folder, storage=True)
        writer.addEntry(f"{folder}/__substg1.0_3707001F", _utf16(name))
        writer.addEntry(f"{folder}/__substg1.0_3704001F", _utf16(name[:8]))
        writer.addEntry(f"{folder}/__substg1.0_37010102", data)
        # PidTagAttachMethod = 1: the attachment is data held here.
        writer.addEntry(
            f"{folder}/__properties_version1.0", _properties(False, [(0x0003, 0x3705, 1)])
        )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "saved.msg"
        writer.write(path)
        return path.read_bytes()
