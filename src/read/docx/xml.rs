//! A part's XML as a small tree, read as untrusted: no DTD (a DOCTYPE is
//! an error, so no entity is ever defined or expanded), only the five
//! predefined entities and character references, bounded depth and node
//! count. Names are kept as namespace and local name, so that a file that
//! binds WordprocessingML to another prefix reads the same.

use super::report::Problem;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::borrow::Cow;

/// Elements nested deeper than this: no document needs it.
pub const MAX_DEPTH: usize = 256;
/// Elements and text nodes of one part.
pub const MAX_NODES: usize = 8_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML main (transitional or strict).
    W,
    /// Word 2012 (`w15`: comment replies).
    W15,
    Other,
}

fn ns_of(uri: &str) -> Ns {
    match uri {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | "http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
        "http://schemas.microsoft.com/office/word/2012/wordml" => Ns::W15,
        _ => Ns::Other,
    }
}

/// An element of a part, its names and (unescaped) text borrowed from
/// the part's bytes: a large part is read without a string allocated per
/// name, attribute and run of text.
#[derive(Debug, Clone)]
pub struct Elem<'a> {
    pub ns: Ns,
    pub name: &'a str,
    /// Attributes by local name (`w:val` → `val`), with their namespace.
    pub attrs: Vec<(Ns, &'a str, Cow<'a, str>)>,
    pub children: Vec<Node<'a>>,
}

#[derive(Debug, Clone)]
pub enum Node<'a> {
    Elem(Elem<'a>),
    Text(Cow<'a, str>),
}

impl<'a> Elem<'a> {
    /// Is this the WordprocessingML element `name`?
    pub fn is(&self, name: &str) -> bool {
        self.ns == Ns::W && self.name == name
    }

    /// A WordprocessingML attribute (or one without namespace).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(ns, n, _)| *n == name && matches!(ns, Ns::W | Ns::Other))
            .map(|(_, _, v)| v.as_ref())
    }

    pub fn attr_ns(&self, ns: Ns, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, k, _)| *n == ns && *k == name)
            .map(|(_, _, v)| v.as_ref())
    }

    pub fn elems(&self) -> impl Iterator<Item = &Elem<'a>> {
        self.children.iter().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first WordprocessingML child named `name`.
    pub fn child(&self, name: &str) -> Option<&Elem<'a>> {
        self.elems().find(|e| e.is(name))
    }

    /// All text below this element.
    pub fn text(&self) -> String {
        let mut out = String::new();
        fn walk(e: &Elem<'_>, out: &mut String) {
            for n in &e.children {
                match n {
                    Node::Text(t) => out.push_str(t),
                    Node::Elem(c) => walk(c, out),
                }
            }
        }
        walk(self, &mut out);
        out
    }

    /// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`) of a property element.
    pub fn flag(&self, name: &str) -> bool {
        self.child(name)
            .is_some_and(|e| !matches!(e.attr("val"), Some("0" | "false" | "off" | "none")))
    }
}

/// Parses one part; `part` names it in errors.
pub fn parse<'a>(part: &str, bytes: &'a [u8]) -> Result<Elem<'a>, Problem> {
    let bad = |what: String| Problem::Xml(format!("{part}: {what}"));
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| bad(format!("not UTF-8 ({e})")))?;
    let mut reader = NsReader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    reader.config_mut().check_end_names = true;
    // The open elements, and the children of all of them in one stack:
    // an element's children are moved into a vector of their exact size
    // when it ends (no vector grown child by child).
    let mut stack: Vec<Open<'a>> = Vec::new();
    let mut children: Vec<Node<'a>> = Vec::new();
    let mut attr_buf: Vec<(Ns, &'a str, Cow<'a, str>)> = Vec::new();
    let mut root: Option<Elem<'a>> = None;
    // A name or text of the part, as a slice of it (never otherwise for a
    // reader of a `str`).
    let in_part = |piece: &[u8]| -> Result<&'a str, Problem> {
        let (at, base) = (piece.as_ptr() as usize, text.as_ptr() as usize);
        at.checked_sub(base)
            .and_then(|from| text.get(from..from + piece.len()))
            .ok_or_else(|| bad("a name outside the part".into()))
    };
    let borrowed = |cow: Cow<'_, str>| -> Result<Cow<'a, str>, Problem> {
        Ok(match cow {
            Cow::Borrowed(s) => Cow::Borrowed(in_part(s.as_bytes())?),
            Cow::Owned(s) => Cow::Owned(s),
        })
    };
    let mut nodes = 0usize;
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ResolveResult::Bound(n), event)) => (ns_of(n.0), event),
            Ok((_, event)) => (Ns::Other, event),
            Err(e) => {
                let at = reader.error_position();
                return Err(bad(format!("at byte {at}: {e}")));
            }
        };
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(bad(format!("more than {MAX_NODES} XML nodes")));
        }
        match event {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(bad(format!("elements nested deeper than {MAX_DEPTH}")));
                }
                let name = in_part(start.local_name().into_inner().as_bytes())?;
                attr_buf.clear();
                for attr in start.attributes() {
                    let attr = attr.map_err(|e| bad(e.to_string()))?;
                    if attr.key.as_ref().starts_with("xmlns") {
                        continue;
                    }
                    let (res, local) = reader.resolver().resolve_attribute(attr.key);
                    let ans = match res {
                        ResolveResult::Bound(n) => {
                            ns_of(n.0)
                        }
                        _ => Ns::Other,
                    };
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| bad(e.to_string()))?;
                    attr_buf.push((ans, in_part(local.into_inner().as_bytes())?, borrowed(value)?));
                }
                // A vector of its exact size; the buffer keeps its own.
                let mut attrs = Vec::with_capacity(attr_buf.len());
                attrs.append(&mut attr_buf);
                stack.push(Open {
                    ns,
                    name,
                    attrs,
                    first_child: children.len(),
                });
            }
            Event::End(_) => {
                let open = stack.pop().ok_or_else(|| bad("unbalanced end tag".into()))?;
                let done = Elem {
                    ns: open.ns,
                    name: open.name,
                    attrs: open.attrs,
                    children: children.drain(open.first_child..).collect(),
                };
                if stack.is_empty() {
                    root = Some(done);
                } else {
                    children.push(Node::Elem(done));
                }
            }
            Event::Text(t) => push_text(&stack, &mut children, borrowed(t.xml10_content())?),
            Event::CData(t) => push_text(&stack, &mut children, borrowed(t.xml10_content())?),
            Event::GeneralRef(r) => {
                let c = reference(&r).map_err(bad)?;
                push_text(&stack, &mut children, Cow::Owned(c));
            }
            Event::DocType(_) => {
                return Err(bad(
                    "has a DOCTYPE: DTDs are refused (they can define entities that expand without end)"
                        .into(),
                ))
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(bad("ends inside an element (truncated?)".into()));
    }
    root.ok_or_else(|| bad("has no root element".into()))
}

/// The text of a character reference or one of XML's five entities;
/// any other entity is refused (no DTD is read).
fn reference(r: &quick_xml::events::BytesRef<'_>) -> Result<String, String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Ok(c.to_string()),
        Ok(None) => {
            let name = r.xml10_content();
            quick_xml::escape::resolve_predefined_entity(&name)
                .map(str::to_string)
                .ok_or_else(|| {
                    format!(
                        "the entity &{name}; is not one of XML's five (DTD entities are not read)"
                    )
                })
        }
        Err(e) => Err(e.to_string()),
    }
}

/// An element whose end is still to come; its children are those of the
/// parser's stack from `first_child` on.
struct Open<'a> {
    ns: Ns,
    name: &'a str,
    attrs: Vec<(Ns, &'a str, Cow<'a, str>)>,
    first_child: usize,
}

fn push_text<'a>(stack: &[Open<'a>], children: &mut Vec<Node<'a>>, text: Cow<'a, str>) {
    // Text outside the root element is only white space in a well-formed part.
    let Some(top) = stack.last() else { return };
    if children.len() > top.first_child {
        if let Some(Node::Text(prev)) = children.last_mut() {
            prev.to_mut().push_str(&text);
            return;
        }
    }
    children.push(Node::Text(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doctype_is_refused() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol2;</w:document>"#;
        let err = parse("word/document.xml", bomb.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("DOCTYPE"), "{err}");
    }

    #[test]
    fn an_undefined_entity_is_refused_and_predefined_ones_read() {
        let ok = parse("p", b"<a>x &amp; &#65; &lt;</a>").unwrap();
        assert_eq!(ok.text(), "x & A <");
        assert!(parse("p", b"<a>&lol;</a>").is_err());
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        let err = parse("p", deep.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("deeper"), "{err}");
    }

    #[test]
    fn another_prefix_for_wordprocessingml_reads_the_same() {
        let e = parse(
            "p",
            br#"<x:p xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" x:val="1"/>"#,
        )
        .unwrap();
        assert!(e.is("p"));
        assert_eq!(e.attr("val"), Some("1"));
    }
}
