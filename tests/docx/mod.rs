mod docx_latin_runs;
mod docx_package;
mod docx_revisions;
mod docx_robust;
mod docx_tools;
mod docx_word;
mod word_corpus;
