mod html_browser;
mod html_colours;
mod html_page;
