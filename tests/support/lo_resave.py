#!/usr/bin/python3
"""Open DOCX files in LibreOffice (headless, through UNO) and save each as
DOCX again, as a delegate who opens the draft and saves it does.

Usage: lo_resave.py IN.docx OUT.docx [IN.docx OUT.docx ...]

Starts its own soffice with a private profile and pipe name (see
lo_redlines.py, whose helpers it uses). Exit status 0 on success; 2 when
soffice or UNO is missing, with the package to install on standard error.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    import uno
    from lo_redlines import load, prop, with_office
except ImportError:
    sys.stderr.write("python3-uno is missing: apt-get install python3-uno libreoffice-writer\n")
    sys.exit(2)


def main():
    args = sys.argv[1:]
    if not args or len(args) % 2:
        sys.stderr.write(__doc__)
        return 2

    def resave(ctx, desktop):
        for src, dst in zip(args[0::2], args[1::2]):
            doc = load(desktop, src)
            if doc is None:
                sys.stderr.write("LibreOffice could not open %s\n" % src)
                return 1
            doc.storeToURL(
                uno.systemPathToFileUrl(os.path.abspath(dst)),
                (prop("FilterName", "MS Word 2007 XML"),),
            )
            doc.close(True)
        return 0

    return with_office(resave)

if __name__ == "__main__":
    sys.exit(main())
