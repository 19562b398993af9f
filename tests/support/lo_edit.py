#!/usr/bin/python3
"""Edit a DOCX in LibreOffice (headless, through UNO) as a delegation does
in Word, and save it as DOCX.

Usage: lo_edit.py IN.docx OUT.docx "USER NAME" EDITS.json

The user name is the author of the tracked changes and comments. EDITS.json
holds {"track": true|false, "edits": [...]}, each edit one of:

    {"op": "replace", "find": "old words", "with": "new words"}
    {"op": "insert_after", "find": "words", "text": " more words"}
    {"op": "delete", "find": "words"}
    {"op": "comment", "find": "words", "text": "the comment"}
    {"op": "new_paragraph_after", "find": "end of a paragraph.", "text": "New text."}
    {"op": "footnote_append", "index": 0, "text": " more"}
    {"op": "accept", "author": "United States", "find": "words in the change"}
    {"op": "reject", "author": "United States", "find": "words in the change"}

"find" is searched in the body (the first match, or the first after the
first match of an optional "after"); it may fall in another author's
tracked change. Exit status 0 on success, 1 when a "find" is not
found, 2 when soffice or UNO is missing.

It starts its own soffice with a private profile and pipe name, as
lo_redlines.py does.
"""

import json
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

PARAGRAPH_BREAK = 0


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


def set_user(ctx, name):
    """The name LibreOffice writes as the author of changes and comments."""
    provider = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.UserProfile/Data"),),
    )
    first, _, last = name.partition(" ")
    access.setPropertyValue("givenname", first)
    access.setPropertyValue("sn", last)
    access.commitChanges()


class NotFound(Exception):
    pass


def search_for(doc, text):
    search = doc.createSearchDescriptor()
    search.SearchString = text
    search.SearchCaseSensitive = True
    return search


def find(doc, text, after=None):
    """The first match of text, or the first after the first match of
    `after` (to pick one occurrence of a common word)."""
    if after is not None:
        start = find(doc, after)
        found = doc.findNext(start.getStart(), search_for(doc, text))
    else:
        found = doc.findFirst(search_for(doc, text))
    if found is None:
        raise NotFound(text if after is None else "%s after %s" % (text, after))
    return found


def dispatch(ctx, doc, command):
    helper = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.DispatchHelper", ctx
    )
    frame = doc.getCurrentController().getFrame()
    helper.executeDispatch(frame, command, "", 0, ())


def redline_at(doc, author, found):
    """The redline by this author that holds the found range."""
    enum = doc.getRedlines().createEnumeration()
    while enum.hasMoreElements():
        r = enum.nextElement()
        if r.getPropertyValue("RedlineAuthor") != author:
            continue
        start = r.getPropertyValue("RedlineStart")
        end = r.getPropertyValue("RedlineEnd")
        try:
            text = start.getText()
            if (
                text.compareRegionStarts(start, found) >= 0
                and text.compareRegionEnds(found, end) >= 0
            ):
                return start, end
        except Exception:
            continue
    raise NotFound("a change by %s holding %r" % (author, found.getString()))


def apply(ctx, doc, edit, user):
    op = edit["op"]
    after = edit.get("after")
    if op == "replace":
        find(doc, edit["find"], after).setString(edit["with"])
    elif op == "delete":
        find(doc, edit["find"], after).setString("")
    elif op == "insert_after":
        r = find(doc, edit["find"], after)
        r.getText().insertString(r.getEnd(), edit["text"], False)
    elif op == "new_paragraph_after":
        r = find(doc, edit["find"], after)
        text = r.getText()
        cursor = text.createTextCursorByRange(r.getEnd())
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, edit["text"], False)
    elif op == "comment":
        r = find(doc, edit["find"], after)
        note = doc.createInstance("com.sun.star.text.textfield.Annotation")
        note.setPropertyValue("Author", user)
        note.setPropertyValue("Content", edit["text"])
        r.getText().insertTextContent(r, note, True)
    elif op == "footnote_append":
        note = doc.getFootnotes().getByIndex(edit["index"])
        text = note.getText()
        cursor = text.createTextCursor()
        cursor.gotoEnd(False)
        text.insertString(cursor, edit["text"], False)
    elif op in ("accept", "reject"):
        start, end = redline_at(doc, edit["author"], find(doc, edit["find"], after))
        cursor = start.getText().createTextCursorByRange(start)
        cursor.gotoRange(end, True)
        doc.getCurrentController().select(cursor)
        dispatch(
            ctx,
            doc,
            ".uno:AcceptTrackedChange" if op == "accept" else ".uno:RejectTrackedChange",
        )
    else:
        raise ValueError("unknown edit %r" % op)


def main():
    if len(sys.argv) != 5:
        sys.stderr.write(__doc__)
        return 2
    src, dst, user, spec_path = sys.argv[1:]
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.stderr.write("soffice is missing: apt-get install libreoffice-writer python3-uno\n")
        return 2
    profile = tempfile.mkdtemp(prefix="rapporteur-lo-")
    pipe = "rapporteur_edit_%d_%d" % (os.getpid(), int(time.time() * 1000))
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
    status = 0
    try:
        ctx = connect(pipe, proc)
        set_user(ctx, user)
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx
        )
        url = uno.systemPathToFileUrl(os.path.abspath(src))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            sys.stderr.write("LibreOffice could not open %s\n" % src)
            return 1
        doc.setPropertyValue("RecordChanges", bool(spec.get("track", True)))
        try:
            for edit in spec["edits"]:
                apply(ctx, doc, edit, user)
        except NotFound as e:
            sys.stderr.write("not found: %s\n" % e)
            status = 1
        if status == 0:
            doc.storeToURL(
                uno.systemPathToFileUrl(os.path.abspath(dst)),
                (prop("FilterName", "MS Word 2007 XML"),),
            )
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
    return status


if __name__ == "__main__":
    sys.exit(main())
