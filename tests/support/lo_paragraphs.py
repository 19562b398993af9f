#!/usr/bin/python3
"""Open DOCX files in one LibreOffice (headless, through UNO) and print the
paragraphs it reads after "accept all" and after "reject all", as
tab-separated lines on standard output:

    FILE <TAB> accepted <TAB> text       one per paragraph after accept all
    FILE <TAB> rejected <TAB> text       one per paragraph after reject all

Paragraphs are read as lo_redlines.py reads them (list label, a tab, the
text; table cells row by row; footnotes after the body), empty paragraphs
included, so that a stray paragraph left by accepting or rejecting shows.

Usage: lo_paragraphs.py FILE.docx...

Exit status 0 on success; 2 when soffice or UNO is missing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lo_redlines  # noqa: E402  (the shared UNO helpers; exits 2 without UNO)

import uno  # noqa: E402


def read(ctx, desktop, path, command, label, out):
    doc = lo_redlines.load(desktop, path)
    if doc is None:
        raise RuntimeError("LibreOffice could not open %s" % path)
    lo_redlines.dispatch(ctx, doc, command)
    out.extend("%s\t%s\t%s" % (path, label, p) for p in lo_redlines.document_text(doc))
    doc.close(True)


def main():
    paths = sys.argv[1:]
    if not paths:
        sys.stderr.write(__doc__)
        return 2
    out = []

    def read_all(ctx, desktop):
        try:
            for path in paths:
                read(ctx, desktop, path, ".uno:AcceptAllTrackedChanges", "accepted", out)
                read(ctx, desktop, path, ".uno:RejectAllTrackedChanges", "rejected", out)
        except RuntimeError as e:
            sys.stderr.write("%s\n" % e)
            return 1
        return 0

    status = lo_redlines.with_office(read_all)
    if status == 0:
        lo_redlines.write_lines(out)
    return status

if __name__ == "__main__":
    sys.exit(main())
