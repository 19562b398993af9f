mod lists;
mod parser_properties;
mod source_roundtrip;
mod tables;
