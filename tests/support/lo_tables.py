#!/usr/bin/python3
"""Open DOCX files in one LibreOffice (headless, through UNO) and print the
cells of their tables as LibreOffice reads them, as tab-separated lines:

    FILE <TAB> TABLE <TAB> CELL <TAB> ROWSPAN <TAB> PARAGRAPHS

TABLE counts the document's tables from 0; CELL is LibreOffice's cell
name (`B2`: the second cell of the second row; a row of a cell spanning
columns has fewer cells); ROWSPAN is the cell's RowSpan (more than 1 for
a cell merged down, negative for the cells it covers); PARAGRAPHS are the
cell's paragraphs joined by U+00B6.

Usage: lo_tables.py [--accept | --reject] FILE.docx...

With --accept (--reject) the cells are read after Accept All (Reject All).

Exit status 0 on success; 2 when soffice or UNO is missing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lo_redlines  # noqa: E402  (the shared UNO helpers; exits 2 without UNO)


def read(ctx, desktop, path, command, out):
    doc = lo_redlines.load(desktop, path)
    if doc is None:
        raise RuntimeError("LibreOffice could not open %s" % path)
    if command:
        lo_redlines.dispatch(ctx, doc, command)
    tables = doc.getTextTables()
    for t in range(tables.getCount()):
        table = tables.getByIndex(t)
        for name in table.getCellNames():
            cell = table.getCellByName(name)
            try:
                span = cell.getPropertyValue("RowSpan")
            except Exception:
                span = 1
            paras = lo_redlines.paragraphs(cell.getText())
            out.append("%s\t%d\t%s\t%d\t%s" % (path, t, name, span, "\u00b6".join(paras)))
    doc.close(True)


def main():
    paths = sys.argv[1:]
    commands = {
        "--accept": ".uno:AcceptAllTrackedChanges",
        "--reject": ".uno:RejectAllTrackedChanges",
    }
    command = None
    if paths and paths[0] in commands:
        command = commands[paths.pop(0)]
    if not paths:
        sys.stderr.write(__doc__)
        return 2
    out = []

    def read_all(ctx, desktop):
        try:
            for path in paths:
                read(ctx, desktop, path, command, out)
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
