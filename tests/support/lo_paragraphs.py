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
import shutil
import signal
import subprocess
import sys
import tempfile
import time

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
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.stderr.write("soffice is missing: apt-get install libreoffice-writer python3-uno\n")
        return 2
    profile = tempfile.mkdtemp(prefix="rapporteur-lo-")
    pipe = "rapporteur_p_%d_%d" % (os.getpid(), int(time.time() * 1000))
    proc = subprocess.Popen(
        [
            soffice,
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--accept=pipe,name=%s;urp;" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    desktop = None
    out = []
    try:
        ctx = lo_redlines.connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx
        )
        for path in paths:
            read(ctx, desktop, path, ".uno:AcceptAllTrackedChanges", "accepted", out)
            read(ctx, desktop, path, ".uno:RejectAllTrackedChanges", "rejected", out)
    except RuntimeError as e:
        sys.stderr.write("%s\n" % e)
        return 1
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:
                pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
    sys.stdout.write("".join(line.replace("\n", " ") + "\n" for line in out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
