#!/usr/bin/python3
"""Edit a DOCX in LibreOffice (headless, through UNO) as a delegation does
in Word, and save it as DOCX.

Usage: lo_edit.py IN.docx OUT.docx "USER NAME" EDITS.json

The user name is the author of the tracked changes and comments. EDITS.json
holds {"track": true|false, "edits": [...]}, each edit one of:

    {"op": "replace", "find": "old words", "with": "new words"}
    {"op": "insert_after", "find": "words", "text": " more words"}
    {"op": "delete", "find": "words"}
    {"op": "delete_paragraph", "find": "words in it"}
    {"op": "comment", "find": "words", "text": "the comment"}
    {"op": "new_paragraph_after", "find": "end of a paragraph.", "text": "New text."}
    {"op": "footnote_append", "index": 0, "text": " more"}
    {"op": "split_paragraph", "find": "words the first part ends with"}
    {"op": "join_paragraphs", "find": "words a paragraph ends with"}
    {"op": "new_list_item_after", "find": "end of a list item", "text": "New item."}
    {"op": "accept", "author": "United States", "find": "words in the change"}
    {"op": "reject", "author": "United States", "find": "words in the change"}

"split_paragraph" presses Enter after "find" (the rest of the paragraph
becomes a new one with the same style and list); "join_paragraphs" deletes
the mark of the paragraph that "find" ends (Delete at its end), joining the
next paragraph to it; "new_list_item_after" presses Enter at the end of the
list item holding "find" and types the text: the new paragraph continues
the list, as in Word.

"delete_paragraph" deletes the whole paragraph holding "find" as Word does:
with its own mark when another paragraph follows, else (the last paragraph,
or one right before a table, whose mark Word cannot delete) with the mark
of the paragraph before it.

"find" is searched in the body (the first match, or the first after the
first match of an optional "after"); it may fall in another author's
tracked change. Exit status 0 on success, 1 when a "find" is not
found, 2 when soffice or UNO is missing.

It starts its own soffice with a private profile and pipe name, as
lo_redlines.py does.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    import uno
    from lo_redlines import dispatch, load, prop, with_office
except ImportError:
    sys.stderr.write(
        "python3-uno is missing: apt-get install python3-uno libreoffice-writer\n"
    )
    sys.exit(2)

PARAGRAPH_BREAK = 0


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


def delete_paragraph(doc, found):
    """Deletes the body paragraph holding `found`, with its own mark when
    a paragraph follows it, else with the mark of the paragraph before."""
    text = doc.getText()
    blocks = []
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        blocks.append(enum.nextElement())
    for i, block in enumerate(blocks):
        if block.supportsService("com.sun.star.text.TextTable"):
            continue
        if text.compareRegionStarts(block.getStart(), found) < 0:
            continue
        if text.compareRegionEnds(found, block.getEnd()) < 0:
            continue
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        before = blocks[i - 1] if i > 0 else None
        if after is not None and after.supportsService("com.sun.star.text.Paragraph"):
            cursor = text.createTextCursorByRange(block.getStart())
            cursor.gotoRange(after.getStart(), True)
        elif before is not None and before.supportsService("com.sun.star.text.Paragraph"):
            cursor = text.createTextCursorByRange(before.getEnd())
            cursor.gotoRange(block.getEnd(), True)
        else:
            cursor = text.createTextCursorByRange(block)
        cursor.setString("")
        return
    raise NotFound("a body paragraph holding %r" % found.getString())


def apply(ctx, doc, edit, user):
    op = edit["op"]
    after = edit.get("after")
    if op == "replace":
        find(doc, edit["find"], after).setString(edit["with"])
    elif op == "delete":
        find(doc, edit["find"], after).setString("")
    elif op == "delete_paragraph":
        delete_paragraph(doc, find(doc, edit["find"], after))
    elif op == "insert_after":
        r = find(doc, edit["find"], after)
        r.getText().insertString(r.getEnd(), edit["text"], False)
    elif op == "new_paragraph_after":
        r = find(doc, edit["find"], after)
        text = r.getText()
        cursor = text.createTextCursorByRange(r.getEnd())
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, edit["text"], False)
    elif op == "split_paragraph":
        r = find(doc, edit["find"], after)
        text = r.getText()
        cursor = text.createTextCursorByRange(r.getEnd())
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
    elif op == "join_paragraphs":
        r = find(doc, edit["find"], after)
        text = r.getText()
        cursor = text.createTextCursorByRange(r.getEnd())
        if not cursor.isEndOfParagraph():
            raise NotFound("%r at the end of a paragraph" % edit["find"])
        cursor.goRight(1, True)
        cursor.setString("")
    elif op == "new_list_item_after":
        r = find(doc, edit["find"], after)
        text = r.getText()
        cursor = text.createTextCursorByRange(r.getEnd())
        cursor.gotoEndOfParagraph(False)
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

    def edit(ctx, desktop):
        doc = load(desktop, src)
        if doc is None:
            sys.stderr.write("LibreOffice could not open %s\n" % src)
            return 1
        doc.setPropertyValue("RecordChanges", bool(spec.get("track", True)))
        status = 0
        try:
            for e in spec["edits"]:
                apply(ctx, doc, e, user)
        except NotFound as e:
            sys.stderr.write("not found: %s\n" % e)
            status = 1
        if status == 0:
            doc.storeToURL(
                uno.systemPathToFileUrl(os.path.abspath(dst)),
                (prop("FilterName", "MS Word 2007 XML"),),
            )
        doc.close(True)
        return status

    return with_office(edit, setup=lambda ctx: set_user(ctx, user))


if __name__ == "__main__":
    sys.exit(main())
