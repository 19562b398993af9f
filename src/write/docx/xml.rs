//! The XML layer every part of the package is written through: escaping,
//! the declaration, and a small element tree for the parts that are fixed
//! in shape (styles, settings, numbering, relationships, core properties).
//!
//! The body, the notes, the headers and footers are written straight into
//! byte buffers by [`super::wml`] with [`escape_into`]; the tree writes its
//! elements with the same function. Nothing is parsed back: every element
//! is written once, in schema order, where it stands.

/// The XML declaration every part starts with.
pub(crate) const DECLARATION: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// Appends `s` escaped for element text and attribute values alike: the
/// five markup characters as entities, newline and carriage return as
/// character references (so an attribute value keeps them), and the other
/// control characters, which XML 1.0 cannot carry at all, dropped: a
/// title or an author's name holding one must not make a part unreadable
/// (nor be taken for a revision id placeholder, see
/// [`super::revision_ids`]). Tabs stay.
pub(crate) fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // Nearly every byte of a body is plain: one table look-up each.
        if !SPECIAL[b as usize] {
            continue;
        }
        let replacement: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&apos;",
            b'\n' => b"&#xA;",
            b'\r' => b"&#13;",
            _ => b"",
        };
        out.extend_from_slice(&bytes[from..i]);
        out.extend_from_slice(replacement);
        from = i + 1;
    }
    out.extend_from_slice(&bytes[from..]);
}

/// The bytes [`escape_into`] replaces or drops: markup, and the control
/// characters but tab.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != b'\t' as usize;
        b += 1;
    }
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table
};

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Elem(Elem),
    /// Element text, escaped on writing.
    Text(String),
}

/// An element: its qualified name (`w:p`), attributes in the order they
/// are set, and children.
#[derive(Debug, Clone)]
pub(crate) struct Elem {
    name: String,
    attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Elem {
    pub fn new(name: &str) -> Elem {
        Elem {
            name: name.to_owned(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    pub fn with_attr(mut self, key: &str, value: &str) -> Elem {
        self.set_attr(key, value);
        self
    }

    pub fn with_child(mut self, child: Elem) -> Elem {
        self.children.push(Node::Elem(child));
        self
    }

    /// Sets an attribute: a new one goes last, an existing one keeps its
    /// place.
    pub fn set_attr(&mut self, key: &str, value: &str) {
        match self.attrs.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value.to_owned(),
            None => self.attrs.push((key.to_owned(), value.to_owned())),
        }
    }

    /// Appends this element and its descendants to `out`.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.push(b'<');
        out.extend_from_slice(self.name.as_bytes());
        for (key, value) in &self.attrs {
            out.push(b' ');
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"=\"");
            escape_into(out, value);
            out.push(b'"');
        }
        if self.children.is_empty() {
            out.extend_from_slice(b"/>");
            return;
        }
        out.push(b'>');
        for child in &self.children {
            match child {
                Node::Elem(e) => e.write(out),
                Node::Text(t) => escape_into(out, t),
            }
        }
        out.extend_from_slice(b"</");
        out.extend_from_slice(self.name.as_bytes());
        out.push(b'>');
    }
}

/// One XML part written from a tree: the declaration, then the root.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    pub root: Elem,
}

pub(crate) fn serialize(part: &Part) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(DECLARATION);
    part.root.write(&mut out);
    out
}

/// Text content of an element (`w:t`), escaped on writing.
pub(crate) fn text(value: &str) -> Node {
    Node::Text(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_newlines_and_carriage_returns() {
        let mut out = Vec::new();
        escape_into(&mut out, "a & <b> \"c\" 'd'\r\ne\u{1}\u{1F}\tf");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;&#13;&#xA;e\tf"
        );
    }

    #[test]
    fn a_tree_is_written_in_order_with_escaped_values() {
        let mut root = Elem::new("w:p")
            .with_attr("a", "1 & 2")
            .with_child(Elem::new("w:b"));
        root.children.push(text("x<y"));
        root.set_attr("a", "3");
        let bytes = serialize(&Part { root });
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:p a="3"><w:b/>x&lt;y</w:p>"#
        );
    }
}
