"""Importing a board's existing reports (PDF, Word, HTML, plain text) as draft reviews.

`scripts/import_reports.py` (`make import SOURCE=path`) drives it:

- `extract_pdf`, `extract_word`, `extract_html`, `extract_text`: one reader per format, each
  giving the same `Block`s (headings, paragraphs, list items) from `document`;
- `clean`: running headers and footers, page numbers, hyphenation and hard line breaks;
- `recognise`: title, board, date, type, pseudonym and the body's sections and points;
- `suggest`: themes ranked from the text, each with its reason;
- `write`: the draft file (never overwriting), `report`: the run's report;
- `run`: one file or a folder, end to end. The check that keeps a draft's "TO FILL:" values
  from passing `make check` is the model's (`model/placeholders.py`).

Everything taken from the rest of the package goes through `model`, one module.
"""
