//! A description written as `#[doc = include_str!("...")]` or
//! `#[doc = concat!(...)]` is the variable's description (and a nested
//! field's group title) like a doc comment, mixed with `///` lines too:
//! its text is known only after macro expansion, and joined then as the
//! derive joins the text it can read.
#![allow(dead_code)]

use envconfig::Config;

#[derive(Config)]
#[config(prefix = "APP_")]
struct Settings {
    #[doc = include_str!("doc_attrs/port.txt")]
    port: u16,
    // The same text, written in the source: the same description.
    #[doc = "Port the HTTP server\r\n   listens on.\r\n\r\n  *  0 picks a free one.\r\n"]
    same_port: u16,
    /// Where the service
    #[doc = concat!("listens, ", "on ", stringify!(all), " interfaces")]
    ///   by default.
    host: String,
    /// A plain doc comment.
    plain: Option<u8>,
    #[doc = include_str!("doc_attrs/db.txt")]
    /// (primary)
    #[config(nested)]
    db: Db,
}

#[derive(Config)]
struct Db {
    /// Connection URL.
    url: Option<String>,
}

#[test]
fn macro_descriptions_are_joined_like_doc_comments() {
    let docs = Settings::docs();
    let rows: Vec<(&str, &str, Option<&str>)> = docs
        .vars()
        .iter()
        .map(|var| (&*var.name, &*var.description, var.group.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "APP_PORT",
                "Port the HTTP server listens on. 0 picks a free one.",
                None
            ),
            (
                "APP_SAME_PORT",
                "Port the HTTP server listens on. 0 picks a free one.",
                None
            ),
            (
                "APP_HOST",
                "Where the service listens, on all interfaces by default.",
                None
            ),
            ("APP_PLAIN", "A plain doc comment.", None),
            (
                "APP_DB_URL",
                "Connection URL.",
                Some("The database (primary)")
            ),
        ]
    );
}
