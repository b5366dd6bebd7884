"""Printable documents (ReportLab platypus): one page template with the
confidentiality marking, header, footer and page numbers, shared styles, and
the flowables each document is built from."""
