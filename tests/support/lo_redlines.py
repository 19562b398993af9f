#!/usr/bin/python3
"""Open a DOCX in LibreOffice (headless, through UNO) and report what it
sees, as tab-separated lines on standard output:

    redline <TAB> type <TAB> author      one per redline (Insert, Delete, ...),
                                         stacked ones (inserted by one author,
                                         deleted by another) counted for both
    change <TAB> type <TAB> author       one per change: a maximal run of
                                         redlines of that type and author
                                         with nothing between them but other
                                         authors' redlines and comment anchors
    comment <TAB> author                 one per comment (annotation field)
    accepted <TAB> text                  one per paragraph after "accept all"
    rejected <TAB> text                  one per paragraph after "reject all"
    pdf <TAB> path                       when a PDF path is given: exported

Paragraph text includes the list label Word numbering gives it, then a tab.
Footnotes (their mark, a space, their text) follow the body; table cells
are read row by row.

Usage: lo_redlines.py FILE.docx [OUT.pdf]

It starts its own soffice with a private profile and pipe name, so runs in
parallel do not meet. Exit status 0 on success; 2 when soffice or UNO is
missing, with the package to install on standard error.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
except ImportError:
    sys.stderr.write(
        "python3-uno is missing: apt-get install python3-uno libreoffice-writer\n"
    )
    sys.exit(2)


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe, proc):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    url = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe
    deadline = time.time() + 60
    while True:
        try:
            return resolver.resolve(url)
        except NoConnectException:
            if proc.poll() is not None or time.time() > deadline:
                raise
            time.sleep(0.1)


class SofficeMissing(Exception):
    """No soffice on PATH."""


@contextlib.contextmanager
def office(setup=None):
    """A private headless soffice (its own profile and pipe), connected:
    yields (ctx, desktop), and on exit terminates it and removes its
    profile. `setup(ctx)` runs before the desktop is made (a user name)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SofficeMissing()
    profile = tempfile.mkdtemp(prefix="rapporteur-lo-")
    pipe = "rapporteur_%d_%d" % (os.getpid(), int(time.time() * 1000))
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
        # Its own process group, so that soffice.bin (a grandchild) can be
        # stopped with it.
        start_new_session=True,
    )
    desktop = None
    try:
        ctx = connect(pipe, proc)
        if setup is not None:
            setup(ctx)
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx
        )
        yield ctx, desktop
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:
                pass  # the bridge goes down with soffice
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


def with_office(body, setup=None):
    """`body(ctx, desktop)`'s exit status inside `office`; 2, with the
    package to install, when soffice is missing."""
    try:
        with office(setup) as (ctx, desktop):
            return body(ctx, desktop)
    except SofficeMissing:
        sys.stderr.write("soffice is missing: apt-get install libreoffice-writer python3-uno\n")
        return 2


def write_lines(out):
    sys.stdout.write("".join(line.replace("\n", " ") + "\n" for line in out))


def bullet(el):
    """A bulleted paragraph's label, which ListLabelString leaves empty:
    "•" for any bullet, whatever glyph draws it (Word writes Symbol and
    Wingdings bullets as private-use characters), "" for none."""
    if not el.getPropertyValue("NumberingIsNumber"):
        return ""
    rules = el.getPropertyValue("NumberingRules")
    if rules is None:
        return ""
    level = dict((p.Name, p.Value) for p in rules.getByIndex(el.getPropertyValue("NumberingLevel")))
    # com.sun.star.style.NumberingType.CHAR_SPECIAL
    return "\u2022" if level.get("NumberingType") == 6 else ""


def paragraphs(text):
    """Paragraph strings of a text, tables cell by cell, in order."""
    out = []
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            label = ""
            try:
                label = el.getPropertyValue("ListLabelString") or ""
                if not label:
                    label = bullet(el)
            except Exception:
                label = ""
            s = el.getString()
            out.append((label + "\t" + s) if label else s)
        elif el.supportsService("com.sun.star.text.TextTable"):
            for name in el.getCellNames():
                out.extend(paragraphs(el.getCellByName(name).getText()))
    return out


def document_text(doc):
    out = paragraphs(doc.getText())
    notes = doc.getFootnotes()
    for i in range(notes.getCount()):
        note = notes.getByIndex(i)
        # The mark as the reader sees it: Word's number, or the custom `*`.
        out.append(note.getAnchor().getString() + " " + note.getString())
    return out


class Redline:
    def __init__(self, kind, author, start, end):
        self.kind = kind
        self.author = author
        self.start = start
        self.end = end


def redlines_of(doc):
    """Every redline, a stacked one (an insertion that another author
    deleted) as two, in document order."""
    out = []
    enum = doc.getRedlines().createEnumeration()
    while enum.hasMoreElements():
        r = enum.nextElement()
        kind = r.getPropertyValue("RedlineType")
        start = r.getPropertyValue("RedlineStart")
        end = r.getPropertyValue("RedlineEnd")
        out.append(Redline(kind, r.getPropertyValue("RedlineAuthor"), start, end))
        successor = r.getPropertyValue("RedlineSuccessorData")
        if successor:
            data = dict((p.Name, p.Value) for p in successor)
            out.append(Redline(data.get("RedlineType"), data.get("RedlineAuthor"), start, end))
    return out


def compare(a, b):
    """1 if point a is before b, 0 if equal, -1 if after; None when they
    are in different texts (body, a footnote, a table cell)."""
    try:
        return a.getText().compareRegionStarts(a, b)
    except Exception:
        return None


def empty_between(a, b):
    """Whether no character stands between points a and b: only anchors of
    comments (annotation fields), which a reader does not see as text."""
    try:
        c = a.getText().createTextCursorByRange(a)
        c.gotoRange(b, True)
        return c.getString() == ""
    except Exception:
        return False


def covered(gap_start, gap_end, others):
    """Whether [gap_start, gap_end] holds nothing but the given redlines
    and comment anchors."""
    pos = gap_start
    for _ in range(2 * len(others) + 2):
        c = compare(pos, gap_end)
        if c is None:
            return False
        if c <= 0:
            return True
        step = None
        for r in others:
            if compare(r.start, pos) in (1, 0) and compare(pos, r.end) == 1:
                step = r.end
                break
        if step is None:
            # Nothing covers pos: skip to the next redline (or the gap's
            # end) if nothing visible stands before it.
            stop = gap_end
            for r in others:
                if compare(pos, r.start) == 1 and compare(r.start, stop) == 1:
                    stop = r.start
            if not empty_between(pos, stop):
                return False
            step = stop
        pos = step
    return False


def changes(redlines):
    """Merge each author's redlines of one type into changes. Redlines come
    in document order, so only those listed between two redlines of one
    key can fill the gap between them."""
    out = []
    last = {}
    for i, r in enumerate(redlines):
        if r.kind not in ("Insert", "Delete"):
            continue
        key = (r.kind, r.author)
        if key in last:
            p = last[key]
            between = redlines[p + 1 : i]
            # The same author's change of the other kind ends this one.
            if any(o.author == r.author for o in between):
                out.append(key)
                last[key] = i
                continue
            c = compare(redlines[p].end, r.start)
            if c is not None and (c <= 0 or covered(redlines[p].end, r.start, between)):
                last[key] = i
                continue
        out.append(key)
        last[key] = i
    return out


def dispatch(ctx, doc, command):
    smgr = ctx.ServiceManager
    helper = smgr.createInstanceWithContext(
        "com.sun.star.frame.DispatchHelper", ctx
    )
    frame = doc.getCurrentController().getFrame()
    helper.executeDispatch(frame, command, "", 0, ())


def load(desktop, path):
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    return desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))


def log(msg):
    if os.environ.get("LO_REDLINES_DEBUG"):
        sys.stderr.write("%.2f %s\n" % (time.time(), msg))


def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    path = sys.argv[1]
    pdf = sys.argv[2] if len(sys.argv) > 2 else None
    out = []

    def read(ctx, desktop):
        log("connected")
        doc = load(desktop, path)
        log("loaded")
        if doc is None:
            sys.stderr.write("LibreOffice could not open %s\n" % path)
            return 1
        redlines = redlines_of(doc)
        out.extend("redline\t%s\t%s" % (r.kind, r.author) for r in redlines)
        out.extend("change\t%s\t%s" % key for key in changes(redlines))
        fields = doc.getTextFields().createEnumeration()
        while fields.hasMoreElements():
            f = fields.nextElement()
            if f.supportsService("com.sun.star.text.TextField.Annotation"):
                out.append("comment\t%s" % f.getPropertyValue("Author"))
        if pdf:
            doc.storeToURL(
                uno.systemPathToFileUrl(os.path.abspath(pdf)),
                (prop("FilterName", "writer_pdf_Export"),),
            )
            out.append("pdf\t%s" % pdf)
        dispatch(ctx, doc, ".uno:AcceptAllTrackedChanges")
        out.extend("accepted\t" + p for p in document_text(doc))
        doc.close(True)
        doc = load(desktop, path)
        dispatch(ctx, doc, ".uno:RejectAllTrackedChanges")
        out.extend("rejected\t" + p for p in document_text(doc))
        doc.close(True)
        return 0

    status = with_office(read)
    if status == 0:
        write_lines(out)
    return status


if __name__ == "__main__":
    sys.exit(main())
