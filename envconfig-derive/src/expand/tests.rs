//! What `expand` emits: its size per field, and the whole of it for one
//! struct of every kind of field, pinned in `tests/snapshots/expand.snap`.

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};

use crate::Errors;
use crate::model::Config;

/// The expansion of `source`, a valid config struct.
fn expand(source: &str) -> TokenStream {
    let input: syn::DeriveInput = syn::parse_str(source).expect("a struct");
    let errors = Errors::default();
    let config = Config::from_input(&input, &errors);
    if let Some(error) = errors.finish() {
        panic!("{source} is not a valid config struct: {error}");
    }
    super::config(&config)
}

/// The field types of the cost measurements' 40-field struct, cycled.
const FIELDS: [&str; 6] = [
    "#[config(default = 8080)] port_{i}: u16",
    "#[config(default = false)] debug_{i}: bool",
    "#[config(default = \"30s\")] timeout_{i}: std::time::Duration",
    "name_{i}: String",
    "retries_{i}: Option<u32>",
    "#[config(separator = \",\")] hosts_{i}: Vec<String>",
];

/// The token trees and bytes the derive expands a struct of `fields`
/// documented fields into.
fn expanded_size(fields: usize) -> (usize, usize) {
    let body: String = (0..fields)
        .map(|i| {
            let field = FIELDS[i % FIELDS.len()].replace("{i}", &i.to_string());
            format!("/// Field number {i}.\n{field},\n")
        })
        .collect();
    let tokens = expand(&format!(
        "#[config(prefix = \"APP_\")] struct Settings {{ {body} }}"
    ));
    fn count(tokens: TokenStream) -> usize {
        tokens
            .into_iter()
            .map(|tree| match tree {
                TokenTree::Group(group) => 1 + count(group.stream()),
                _ => 1,
            })
            .sum()
    }
    (count(tokens.clone()), tokens.to_string().len())
}

/// What each field adds to the expansion: a `static` table entry and two
/// calls to shared generic functions, never a parser of its own. The
/// README's Cost section quotes the printed figures
/// (`cargo test -p envconfig-derive each_field -- --nocapture`).
#[test]
fn each_field_expands_to_a_table_entry_and_two_calls() {
    let (base_tokens, base_bytes) = expanded_size(0);
    let (tokens, bytes) = expanded_size(60);
    let per_field = ((tokens - base_tokens) / 60, (bytes - base_bytes) / 60);
    println!(
        "expanded: {base_tokens} token trees ({base_bytes} bytes) per struct, \
         {} token trees ({} bytes) per field",
        per_field.0, per_field.1
    );
    // About 140 token trees; an inlined parser would be thousands.
    assert!(per_field.0 < 200, "{per_field:?}");
}

/// A string default of a type the derive does not parse itself (a
/// `Choice`, should it be one) adds two constants that the compiler
/// evaluates, and nothing the program runs: no function, no call.
#[test]
fn a_default_left_to_the_compiler_adds_constants_only() {
    let tokens = |field: &str| {
        let names = crate::ident_names(expand(&format!("struct S {{ {field} }}")));
        let count = |word: &str| names.iter().filter(|name| *name == word).count();
        (names.len(), count("fn"), count("const"))
    };
    let (plain, plain_fns, plain_consts) = tokens("level: Level");
    let (checked, fns, consts) = tokens("#[config(default = \"info\")] level: Level");
    println!(
        "a checked string default: {} identifiers more",
        checked - plain
    );
    assert_eq!(fns, plain_fns);
    assert_eq!(consts, plain_consts + 2);
    assert!(checked - plain < 30, "{plain} -> {checked}");
}

/// One field of each kind.
const SNAPSHOT_INPUT: &str = r#"/// Settings of the billing service.
#[config(prefix = "BILLING_", validate = limits_agree)]
struct Settings {
    /// Port the HTTP server listens on.
    #[config(range = 1024..=49151, value_name = "PORT")]
    port: u16,
    #[config(default = "30s")]
    request_timeout: Duration,
    #[config(default = 60 * 60, alias = "MAX_AGE", alias = "BILLING_TTL")]
    max_age_secs: u32,
    #[config(secret)]
    api_key: String,
    #[config(env = "PAYMENT_TOKEN", example = "tok_123")]
    payment_token: SecretString,
    sentry_dsn: Option<String>,
    #[config(separator = ";", deprecated = "set BILLING_ALLOWLIST instead")]
    allowed_hosts: Vec<String>,
    pin: SecretBox<u32>,
    #[config(parse_with = parse_level, validate = not_trace)]
    log_level: Level,
    #[config(default = "warn")]
    audit_level: Level,
    #[config(range = "1s"..)]
    retry_every: Vec<Duration>,
    #[config(parse_with = parse_token)]
    backup_token: Option<SecretString>,
    #[config(nested)]
    db: DbPool,
    #[doc = include_str!("cache.md")]
    #[config(nested, prefix = "CACHE_")]
    cache: DbPool,
}"#;

/// The whole expansion of `SNAPSHOT_INPUT`, as checked in. A change to
/// `expand` shows here as a diff to review; after a deliberate one,
/// `UPDATE_SNAPSHOTS=1 cargo test -p envconfig-derive expansion` rewrites
/// the file.
#[test]
fn expansion_matches_the_snapshot() {
    const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/expand.snap");
    let input: String = SNAPSHOT_INPUT
        .lines()
        .map(|line| format!("// {line}").trim_end().to_owned() + "\n")
        .collect();
    let expanded = format!(
        "// `SNAPSHOT_INPUT` of envconfig-derive/src/expand/tests.rs, and below, its\n\
         // expansion. Rewrite: UPDATE_SNAPSHOTS=1 cargo test -p envconfig-derive expansion\n\
         //\n{input}\n{}",
        readable(expand(SNAPSHOT_INPUT))
    );
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(PATH, &expanded).expect("the snapshot is writable");
        return;
    }
    let snapshot = include_str!("../../tests/snapshots/expand.snap");
    if expanded != snapshot {
        let line = expanded
            .lines()
            .zip(snapshot.lines())
            .position(|(now, then)| now != then)
            .unwrap_or_else(|| expanded.lines().count().min(snapshot.lines().count()));
        panic!(
            "the expansion differs from {PATH} from line {}:\n\
             now:  {:?}\nthen: {:?}\n\
             if the change is deliberate, rerun with UPDATE_SNAPSHOTS=1\n\n{expanded}",
            line + 1,
            expanded.lines().nth(line),
            snapshot.lines().nth(line),
        );
    }
}

/// With `crate = "..."`, the runtime is reached through that path only:
/// the expansion names no `envconfig`.
#[test]
fn a_renamed_crate_is_the_only_path_to_the_runtime() {
    let source = r#"#[config(crate = "typedenv", prefix = "APP_")]
        struct Settings {
            #[config(default = 8080)] port: u16,
            token: Option<secrecy::SecretString>,
            #[config(nested)] db: Db,
        }"#;
    let names = crate::ident_names(expand(source));
    assert!(names.iter().any(|name| name == "typedenv"), "{names:?}");
    assert!(!names.iter().any(|name| name == "envconfig"), "{names:?}");
}

#[test]
fn readable_breaks_blocks_and_lists_and_spaces_like_rustfmt() {
    let table = [
        ("const _ : () = { } ;", "const _: () = {};\n"),
        (
            "fn f (x : & mut a :: B < '_ >) -> Option < Self > { let y = g (& & x) ; y }",
            "fn f(x: &mut a::B<'_>) -> Option<Self> {\n    let y = g(&&x);\n    y\n}\n",
        ),
        (
            "static T : [F ; 2] = [F { a : 1 , } , F { a : 2 , }] ;",
            "static T: [F; 2] = [\n    F {\n        a: 1,\n    },\n    F {\n        a: 2,\n    }\n];\n",
        ),
        (
            "# [allow (x)] impl :: c :: T for S { }",
            "#[allow(x)]\nimpl ::c::T for S {}\n",
        ),
        (
            "let a = < T as :: c :: C > :: f (Some (|| 8080) , \"s\") ? ;",
            "let a = <T as ::c::C>::f(Some(|| 8080), \"s\")?;\n",
        ),
        ("unreachable ! ()", "unreachable!()\n"),
    ];
    for (tokens, text) in table {
        assert_eq!(readable(tokens.parse().unwrap()), text, "{tokens}");
    }
}

/// The expansion as a reviewer reads it: a line for each statement, item,
/// attribute and entry of a list of structs, blocks indented, and spaces
/// roughly where rustfmt puts them. Not a pretty-printer: it knows the
/// shapes `expand` emits, and assumes every `<` opens generic arguments.
fn readable(tokens: TokenStream) -> String {
    let mut printer = Printer::default();
    printer.stream(tokens, true);
    printer.newline();
    printer.out
}

#[derive(Default)]
struct Printer {
    out: String,
    indent: usize,
    /// The last atom of the current line; `None` at the start of a line.
    last: Option<Atom>,
}

#[derive(Clone, Debug)]
enum Atom {
    Word(String),
    /// An operator; `prefix` when it applies to what follows (`&x`).
    Op {
        text: String,
        prefix: bool,
    },
    Open(char),
    Close(char),
}

const KEYWORDS: &[&str] = &[
    "as", "const", "dyn", "fn", "for", "impl", "in", "let", "mut", "pub", "static", "use", "where",
];
const OPERATORS: &[&str] = &["::", "->", "=>", "&&", "||", "==", "!=", "<=", ">=", ".."];
const PREFIX_OPERATORS: &[&str] = &["&", "&&", "!", "-", "*"];

impl Printer {
    /// Prints a stream; `lines` when a `,` ends a line (in a block, or a
    /// list of blocks).
    fn stream(&mut self, tokens: TokenStream, lines: bool) {
        let mut tokens = tokens.into_iter().peekable();
        while let Some(token) = tokens.next() {
            match token {
                TokenTree::Group(group) => self.group(&group),
                TokenTree::Ident(ident) => self.atom(Atom::Word(ident.to_string())),
                TokenTree::Literal(literal) => self.atom(Atom::Word(literal.to_string())),
                TokenTree::Punct(punct) if punct.as_char() == '\'' => {
                    let name = tokens.next().map(|name| name.to_string());
                    self.atom(Atom::Word(format!("'{}", name.unwrap_or_default())));
                }
                TokenTree::Punct(punct) => {
                    let mut text = punct.as_char().to_string();
                    let mut spacing = punct.spacing();
                    while spacing == Spacing::Joint {
                        let Some(TokenTree::Punct(next)) = tokens.peek() else {
                            break;
                        };
                        let joined = format!("{text}{}", next.as_char());
                        if !OPERATORS.contains(&&*joined) {
                            break;
                        }
                        text = joined;
                        spacing = next.spacing();
                        tokens.next();
                    }
                    let prefix = PREFIX_OPERATORS.contains(&&*text)
                        && match &self.last {
                            None | Some(Atom::Open(_)) => true,
                            Some(Atom::Op { text, .. }) => text != "?",
                            Some(Atom::Word(word)) => KEYWORDS.contains(&&**word),
                            Some(Atom::Close(_)) => false,
                        };
                    let attribute = text == "#";
                    self.atom(Atom::Op {
                        text: text.clone(),
                        prefix,
                    });
                    if attribute {
                        if let Some(TokenTree::Group(group)) = tokens.next() {
                            self.group(&group);
                        }
                        if lines {
                            self.newline();
                        }
                    } else if lines && (text == ";" || text == ",") {
                        self.newline();
                    }
                }
            }
            // An item's block ends its line.
            if lines
                && matches!(self.last, Some(Atom::Close('}')))
                && !matches!(tokens.peek(), Some(TokenTree::Punct(p)) if ";,.?".contains(p.as_char()))
            {
                self.newline();
            }
        }
    }

    fn group(&mut self, group: &Group) {
        let (open, close) = match group.delimiter() {
            Delimiter::Parenthesis => ('(', ')'),
            Delimiter::Bracket => ('[', ']'),
            Delimiter::Brace => ('{', '}'),
            Delimiter::None => return self.stream(group.stream(), false),
        };
        let holds_block = group.stream().into_iter().any(
            |token| matches!(token, TokenTree::Group(inner) if inner.delimiter() == Delimiter::Brace),
        );
        self.atom(Atom::Open(open));
        if group.stream().is_empty() || !(open == '{' || holds_block) {
            self.stream(group.stream(), false);
        } else {
            self.indent += 1;
            self.newline();
            self.stream(group.stream(), true);
            self.indent -= 1;
            self.newline();
        }
        self.atom(Atom::Close(close));
    }

    fn newline(&mut self) {
        if self.last.take().is_some() {
            self.out.push('\n');
        }
    }

    fn atom(&mut self, atom: Atom) {
        match &self.last {
            None => self.out.push_str(&"    ".repeat(self.indent)),
            Some(last) if spaced(last, &atom) => self.out.push(' '),
            Some(_) => {}
        }
        match &atom {
            Atom::Word(text) | Atom::Op { text, .. } => self.out.push_str(text),
            Atom::Open(c) | Atom::Close(c) => self.out.push(*c),
        }
        self.last = Some(atom);
    }
}

/// Whether a space goes between two atoms on one line.
fn spaced(last: &Atom, next: &Atom) -> bool {
    let is =
        |atom: &Atom, ops: &[&str]| matches!(atom, Atom::Op { text, .. } if ops.contains(&&**text));
    let keyword = matches!(last, Atom::Word(word) if KEYWORDS.contains(&&**word));
    match (last, next) {
        (Atom::Open(_), _) | (_, Atom::Close(_)) => false,
        (_, Atom::Op { text, .. }) if [",", ";", ":", "?", "."].contains(&&**text) => false,
        (Atom::Op { text, .. }, _) if text == "." || text == "#" || text == "::" => false,
        (Atom::Op { prefix: true, .. }, _) => false,
        (_, Atom::Op { text, .. }) if text == "::" => keyword || is(last, &["=", "->", ":", ","]),
        (_, Atom::Op { text, .. }) if text == "<" => keyword || !matches!(last, Atom::Word(_)),
        (_, Atom::Op { text, .. }) if text == ">" => false,
        _ if is(last, &["<"]) => false,
        (Atom::Word(_), Atom::Op { text, .. }) if text == "!" => false,
        (_, Atom::Open('{')) => true,
        (Atom::Word(_), Atom::Open(_)) => keyword,
        (Atom::Close(_), Atom::Open(_)) => false,
        (Atom::Op { .. }, Atom::Open(_)) => !is(last, &[">", "!"]),
        _ => true,
    }
}
