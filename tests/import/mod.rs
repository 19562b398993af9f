mod docx_import;
mod docx_import_plain;
mod docx_read_losses;
mod import_cli;
