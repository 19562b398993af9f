mod emblem;
mod page_geometry;
mod pdf_cli;
mod pdf_layout;
mod pdf_properties;
mod pdf_text;
mod pdf_tools;
mod pdf_ua;
