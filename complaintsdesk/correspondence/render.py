"""A letter as a Word document (for editing) or a PDF (to send), from its merged text.

The same plain layout for both: the council, the date and address block, the subject in
bold, then the body's paragraphs. The PDF is tagged (PDF/UA-1) like the reports.
"""

import html
import io
from dataclasses import dataclass
from functools import lru_cache

from docx import Document
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse


@dataclass(frozen=True)
class LetterText:
    council: str
    date: str
    address: str  # the recipient's name and address, one line each
    subject: str
    body: str


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def letter_docx(letter: LetterText) -> bytes:
    document = Document()
    document.core_properties.title = letter.subject
    document.add_paragraph(letter.council)
    document.add_paragraph(letter.address)
    document.add_paragraph(letter.date)
    heading = document.add_paragraph()
    heading.add_run(letter.subject).bold = True
    for paragraph in _paragraphs(letter.body):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


_CSS = """
@page { size: A4; margin: 25mm 20mm; }
body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4; }
.council { font-weight: bold; font-size: 14pt; margin-bottom: 12mm; }
.address, .body p { white-space: pre-line; }
h1 { font-size: 12pt; margin: 8mm 0 4mm; }
"""


@lru_cache(maxsize=1)
def _fonts_and_styles() -> tuple[FontConfiguration, CSS]:
    fonts = FontConfiguration()
    return fonts, CSS(string=_CSS, font_config=fonts)


class _NoFetcher(URLFetcher):  # type: ignore[misc]
    """A letter is text only: it loads nothing from the network or the disk."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=())

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        raise ValueError(f"A letter loads no resources: {url}")


def letter_pdf(letter: LetterText) -> bytes:
    e = html.escape
    paragraphs = "".join(f"<p>{e(p)}</p>" for p in _paragraphs(letter.body))
    page = (
        f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{e(letter.subject)}</title></head><body>"
        f'<div class="council">{e(letter.council)}</div>'
        f'<div class="address">{e(letter.address)}</div>'
        f"<p>{e(letter.date)}</p><h1>{e(letter.subject)}</h1>"
        f'<div class="body">{paragraphs}</div></body></html>'
    )
    fonts, style = _fonts_and_styles()
    pdf: bytes = HTML(string=page, url_fetcher=_NoFetcher()).write_pdf(
        stylesheets=[style], font_config=fonts, pdf_variant="pdf/ua-1"
    )
    return pdf
