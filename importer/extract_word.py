"""Word (.docx) reader: mammoth turns the document into semantic HTML, read like any page.

mammoth keeps what matters here: heading styles become headings, Word's own numbered and
bulleted lists become lists (with their grouping under headings), tables become tables;
running headers, footers and page numbers are not part of its output at all.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .document import Extracted, ImportFailedError
from .extract_html import blocks_from_html

#: Word styles that hold a document's title, mapped to headings (mammoth knows Heading 1–6).
STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
"""
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_word(path: Path) -> Extracted:
    import mammoth  # type: ignore[import-untyped]  # mammoth ships no type hints and has no stubs

    head = path.read_bytes()[:8]
    if head == _OLE:
        raise ImportFailedError(
            "the Word file is encrypted (password-protected) or in the old .doc format",
            "open it in Word, remove the password if there is one, and save it as a .docx file, then import that",
        )
    try:
        with path.open("rb") as handle:
            result = mammoth.convert_to_html(handle, style_map=STYLE_MAP)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFailedError(
            f"the Word file cannot be read ({type(error).__name__})",
            "check it opens in Word; if it does, save it again as .docx (or as PDF) and import that",
        ) from None
    blocks, _, h1 = blocks_from_html(result.value)
    if not blocks:
        raise ImportFailedError("the Word file holds no text (empty document)", "check you chose the right file")
    return Extracted("Word", blocks, title_hint=h1)
