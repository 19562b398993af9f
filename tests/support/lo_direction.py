#!/usr/bin/python3
"""Open a DOCX in LibreOffice (headless, through UNO) and report the writing
direction LibreOffice gives each body paragraph, as tab-separated lines:

    paragraph <TAB> rtl|ltr <TAB> text

(`rtl` when the paragraph's WritingMode is RL_TB.) Usage:
lo_direction.py FILE.docx. Starts its own soffice with a private profile,
as lo_redlines.py does (whose helpers it uses). Exit status 2 when soffice
or UNO is missing.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    import uno
    from lo_redlines import connect, load
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
        elif el.supportsService("com.sun.star.text.TextTable"):
            for name in el.getCellNames():
                out.extend(directions(el.getCellByName(name).getText()))
    return out


def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.stderr.write("soffice is missing: apt-get install libreoffice-writer python3-uno\n")
        return 2
    profile = tempfile.mkdtemp(prefix="rapporteur-lo-")
    pipe = "rapporteur_dir_%d_%d" % (os.getpid(), int(time.time() * 1000))
    proc = subprocess.Popen(
        [soffice, "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    desktop = None
    out = []
    try:
        ctx = connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = load(desktop, sys.argv[1])
        if doc is None:
            sys.stderr.write("LibreOffice could not open %s\n" % sys.argv[1])
            return 1
        out = directions(doc.getText())
        doc.close(True)
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
