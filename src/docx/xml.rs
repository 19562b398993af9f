//! A small element tree over quick-xml, for the parts docx-rs builds but
//! gets wrong (child order, process-wide ids) and for the parts written
//! whole here. Text and other events pass through untouched, so patching a
//! part never re-escapes what docx-rs escaped.

use super::Error;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

#[derive(Debug, Clone)]
pub(crate) enum Node {
    Elem(Elem),
    /// Text, entity references, comments: kept as read.
    Other(Event<'static>),
    /// Markup already patched and serialized, written out as is: the
    /// document body, which is patched one block at a time (see
    /// `body::Builder::emit`) so that no tree of the whole body is ever held.
    Raw(Vec<u8>),
}

#[derive(Debug, Clone)]
pub(crate) struct Elem {
    pub start: BytesStart<'static>,
    pub children: Vec<Node>,
}

impl Elem {
    pub fn new(name: &str) -> Elem {
        Elem {
            start: BytesStart::new(name.to_owned()),
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

    /// The qualified name as written: `w:p`.
    pub fn name(&self) -> &str {
        self.start.name().into_inner()
    }

    pub fn is(&self, name: &str) -> bool {
        self.start.name().into_inner() == name
    }

    pub fn attr(&self, key: &str) -> Option<String> {
        self.start
            .attributes()
            .flatten()
            .find(|a| a.key.into_inner() == key)
            .map(|a| a.value.into_owned())
    }

    /// Sets (or replaces, in place) an attribute; `value` is escaped.
    pub fn set_attr(&mut self, key: &str, value: &str) {
        let value = escape_attr(value);
        let ends_clean = !self.start.as_ref().ends_with(char::is_whitespace);
        if ends_clean && self.attr(key).is_none() {
            // A new attribute goes last: no need to take the others apart
            // (building a part attribute by attribute was quadratic in
            // allocations).
            self.start
                .push_attribute(quick_xml::events::attributes::Attribute {
                    key: quick_xml::name::QName(key),
                    value: std::borrow::Cow::Borrowed(&value),
                });
            return;
        }
        self.rebuild_attrs(key, Some(&value));
    }

    pub fn remove_attr(&mut self, key: &str) {
        self.rebuild_attrs(key, None);
    }

    fn rebuild_attrs(&mut self, key: &str, value: Option<&str>) {
        let mut attrs: Vec<(String, String)> = self
            .start
            .attributes()
            .flatten()
            .map(|a| (a.key.into_inner().to_owned(), a.value.into_owned()))
            .collect();
        match (attrs.iter().position(|(k, _)| k == key), value) {
            (Some(i), Some(v)) => attrs[i].1 = v.to_owned(),
            (Some(i), None) => {
                attrs.remove(i);
            }
            (None, Some(v)) => attrs.push((key.to_owned(), v.to_owned())),
            (None, None) => return,
        }
        let mut start = BytesStart::new(self.name().to_owned());
        for (k, v) in &attrs {
            // Values are already escaped (read raw or escaped above).
            start.push_attribute(quick_xml::events::attributes::Attribute {
                key: quick_xml::name::QName(k),
                value: std::borrow::Cow::Borrowed(v),
            });
        }
        self.start = start.into_owned();
    }

    pub fn elems(&self) -> impl Iterator<Item = &Elem> {
        self.children.iter().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Other(_) | Node::Raw(_) => None,
        })
    }

    pub fn elems_mut(&mut self) -> impl Iterator<Item = &mut Elem> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Other(_) | Node::Raw(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Elem> {
        self.elems().find(|e| e.is(name))
    }

    pub fn child_mut(&mut self, name: &str) -> Option<&mut Elem> {
        self.elems_mut().find(|e| e.is(name))
    }

    /// Visits this element and every descendant, parents before children,
    /// in document order.
    pub fn walk_mut(&mut self, f: &mut dyn FnMut(&mut Elem)) {
        f(self);
        for child in self.elems_mut() {
            child.walk_mut(f);
        }
    }

    /// Visits every descendant before its parent.
    pub fn walk_post_mut(&mut self, f: &mut dyn FnMut(&mut Elem)) {
        for child in self.elems_mut() {
            child.walk_post_mut(f);
        }
        f(self);
    }
}

fn escape_attr(value: &str) -> String {
    quick_xml::escape::escape(value).into_owned()
}

/// One XML part: what stands before the root (declaration) and the root.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    pub prolog: Vec<Event<'static>>,
    pub root: Elem,
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Part, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::Xml(e.to_string()))?;
    let mut reader = Reader::from_str(text);
    let mut prolog = Vec::new();
    let mut stack: Vec<Elem> = Vec::new();
    let mut root = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| Error::Xml(format!("at {}: {e}", reader.buffer_position())))?;
        match event {
            Event::Start(s) => stack.push(Elem {
                start: s.into_owned(),
                children: Vec::new(),
            }),
            Event::Empty(s) => {
                let e = Elem {
                    start: s.into_owned(),
                    children: Vec::new(),
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Elem(e)),
                    None => root = Some(e),
                }
            }
            Event::End(_) => {
                let e = stack
                    .pop()
                    .ok_or_else(|| Error::Xml("unbalanced end tag".into()))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Elem(e)),
                    None => root = Some(e),
                }
            }
            Event::Eof => break,
            other => match stack.last_mut() {
                Some(parent) => parent.children.push(Node::Other(other.into_owned())),
                // Whitespace between the declaration and the root is dropped.
                None => {
                    if !matches!(other, Event::Text(_)) {
                        prolog.push(other.into_owned())
                    }
                }
            },
        }
    }
    if !stack.is_empty() {
        return Err(Error::Xml("unclosed element".into()));
    }
    let root = root.ok_or_else(|| Error::Xml("no root element".into()))?;
    Ok(Part { prolog, root })
}

pub(crate) fn serialize(part: &Part) -> Vec<u8> {
    let mut writer = Writer::new(Vec::with_capacity(4096));
    for event in &part.prolog {
        // Writing to a Vec cannot fail.
        let _ = writer.write_event(event.borrow());
    }
    write_elem(&mut writer, &part.root);
    writer.into_inner()
}

/// Appends one element and its descendants to `out`, as [`serialize`]
/// writes them within a part (the writer does not indent, so an element's
/// bytes do not depend on where it stands).
pub(crate) fn serialize_elem_into(out: &mut Vec<u8>, elem: &Elem) {
    let mut writer = Writer::new(out);
    write_elem(&mut writer, elem);
}

fn write_elem<W: std::io::Write>(writer: &mut Writer<W>, elem: &Elem) {
    if elem.children.is_empty() {
        let _ = writer.write_event(Event::Empty(elem.start.borrow()));
        return;
    }
    let _ = writer.write_event(Event::Start(elem.start.borrow()));
    for child in &elem.children {
        match child {
            Node::Elem(e) => write_elem(writer, e),
            Node::Other(ev) => {
                let _ = writer.write_event(ev.borrow());
            }
            Node::Raw(bytes) => {
                let _ = writer.get_mut().write_all(bytes);
            }
        }
    }
    let _ = writer.write_event(Event::End(elem.start.to_end()));
}

/// The XML declaration every part starts with.
pub(crate) fn declaration() -> Event<'static> {
    Event::Decl(quick_xml::events::BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    ))
}

/// Text content of an element (`w:t`), escaped on writing.
pub(crate) fn text(value: &str) -> Node {
    Node::Other(Event::Text(
        quick_xml::events::BytesText::new(value).into_owned(),
    ))
}
