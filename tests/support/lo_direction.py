#!/usr/bin/python3
"""Open a DOCX in LibreOffice (headless, through UNO) and report the writing
direction LibreOffice gives each body paragraph, as tab-separated lines:

    paragraph <TAB> rtl|ltr <TAB> text
    label <TAB> list label <TAB> text      for a paragraph Word's numbering labels

(`rtl` when the paragraph's WritingMode is RL_TB.) Usage:
lo_direction.py FILE.docx. Starts its own soffice with a private profile,
as lo_redlines.py does (whose helpers it uses). Exit status 2 when soffice
or UNO is missing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    import uno
    from lo_redlines import load, with_office, write_lines
except ImportError:
    sys.stderr.write("python3-uno is missing: apt-get install python3-uno libreoffice-writer\n")
    sys.exit(2)

RL_TB = 1  # com.sun.star.text.WritingMode2.RL_TB


def directions(text):
    out = []
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            mode = el.getPropertyValue("WritingMode")
            out.append("paragraph\t%s\t%s" % ("rtl" if mode == RL_TB else "ltr", el.getString()))
            try:
                label = el.getPropertyValue("ListLabelString") or ""
            except Exception:
                label = ""
            if label:
                out.append("label\t%s\t%s" % (label, el.getString()))
        elif el.supportsService("com.sun.star.text.TextTable"):
            for name in el.getCellNames():
                out.extend(directions(el.getCellByName(name).getText()))
    return out


def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    out = []

    def read(ctx, desktop):
        doc = load(desktop, sys.argv[1])
        if doc is None:
            sys.stderr.write("LibreOffice could not open %s\n" % sys.argv[1])
            return 1
        out.extend(directions(doc.getText()))
        doc.close(True)
        return 0

    status = with_office(read)
    if status == 0:
        write_lines(out)
    return status

if __name__ == "__main__":
    sys.exit(main())
