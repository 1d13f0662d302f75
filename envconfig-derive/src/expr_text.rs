//! The text of a `default = <expr>` for the docs, spaced the way rustfmt
//! would write it: tokens alone print as `Duration :: from_secs (30)`.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// The text of `tokens`, spaced as rustfmt would: `Duration::from_secs(30)`.
pub fn expr_text(tokens: &TokenStream) -> String {
    let mut atoms = Vec::new();
    atomize(tokens.clone(), &mut atoms, &mut 0);
    let mut text = String::new();
    for (i, atom) in atoms.iter().enumerate() {
        if i > 0 && spaced(&atoms[i - 1], atom) {
            text.push(' ');
        }
        text.push_str(atom.text());
    }
    text
}

/// A unit of an expression's text.
enum Atom {
    /// An identifier, literal or lifetime.
    Word(String),
    Open(char),
    Close(char),
    /// An operator; `prefix` when it applies to what follows (`-1`, `&x`,
    /// `!x`) rather than joining two operands.
    Op {
        text: String,
        prefix: bool,
    },
    /// The `!` of a macro call.
    Bang,
}

impl Atom {
    fn text(&self) -> &str {
        match self {
            Atom::Word(text) | Atom::Op { text, .. } => text,
            Atom::Open('(') => "(",
            Atom::Open('[') => "[",
            Atom::Open('{') => "{",
            Atom::Open(_) => "<",
            Atom::Close(')') => ")",
            Atom::Close(']') => "]",
            Atom::Close('}') => "}",
            Atom::Close(_) => ">",
            Atom::Bang => "!",
        }
    }

    fn is_op(&self, ops: &[&str]) -> bool {
        matches!(self, Atom::Op { text, .. } if ops.contains(&&**text))
    }
}

const OPERATORS: &[&str] = &[
    "::", "->", "=>", "..", "...", "..=", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "*=",
    "/=", "%=", "^=", "&=", "|=", "<<", ">>", "<<=", ">>=",
];

/// Splits tokens into atoms; `generics` counts the open `<` of a path's
/// generic arguments, which are brackets rather than operators.
fn atomize(tokens: TokenStream, atoms: &mut Vec<Atom>, generics: &mut usize) {
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Ident(ident) => atoms.push(Atom::Word(ident.to_string())),
            TokenTree::Literal(literal) => atoms.push(Atom::Word(literal.to_string())),
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ('(', ')'),
                    Delimiter::Bracket => ('[', ']'),
                    Delimiter::Brace => ('{', '}'),
                    Delimiter::None => {
                        atomize(group.stream(), atoms, generics);
                        continue;
                    }
                };
                atoms.push(Atom::Open(open));
                atomize(group.stream(), atoms, &mut 0);
                atoms.push(Atom::Close(close));
            }
            TokenTree::Punct(punct) => {
                let c = punct.as_char();
                let previous = atoms.last();
                if c == '\'' {
                    if let Some(TokenTree::Ident(lifetime)) = tokens.next() {
                        atoms.push(Atom::Word(format!("'{lifetime}")));
                    }
                    continue;
                }
                if c == '<' && (*generics > 0 || previous.is_none_or(|p| p.is_op(&["::"]))) {
                    *generics += 1;
                    atoms.push(Atom::Open('<'));
                    continue;
                }
                if c == '>' && *generics > 0 {
                    *generics -= 1;
                    atoms.push(Atom::Close('>'));
                    continue;
                }
                if c == '!'
                    && matches!(previous, Some(Atom::Word(_)))
                    && matches!(tokens.peek(), Some(TokenTree::Group(_)))
                {
                    atoms.push(Atom::Bang);
                    continue;
                }
                let mut text = c.to_string();
                let mut spacing = punct.spacing();
                while spacing == Spacing::Joint {
                    let Some(TokenTree::Punct(next)) = tokens.peek() else {
                        break;
                    };
                    let joined = format!("{text}{}", next.as_char());
                    if !OPERATORS.iter().any(|op| op.starts_with(&*joined)) {
                        break;
                    }
                    text = joined;
                    spacing = next.spacing();
                    tokens.next();
                }
                let prefix = match atoms.last() {
                    None | Some(Atom::Open(_) | Atom::Bang) => true,
                    Some(Atom::Op { text, .. }) => text != "?",
                    Some(Atom::Word(_) | Atom::Close(_)) => false,
                };
                atoms.push(Atom::Op { text, prefix });
            }
        }
    }
}

/// Whether a space goes between two atoms.
fn spaced(previous: &Atom, next: &Atom) -> bool {
    const TIGHT: &[&str] = &["::", ".", "..", "..="];
    if next.is_op(&[",", ";", ":", "?"]) {
        return false;
    }
    if previous.is_op(&[",", ";", ":"]) {
        return true;
    }
    if previous.is_op(TIGHT) || next.is_op(TIGHT) {
        return false;
    }
    match (previous, next) {
        (Atom::Open('{'), Atom::Close('}')) => false,
        (Atom::Open('{'), _) | (_, Atom::Close('}')) => true,
        (Atom::Open(_), _) | (_, Atom::Close(_)) => false,
        (Atom::Bang, _) | (_, Atom::Bang) => false,
        (Atom::Word(_) | Atom::Close(_), Atom::Open('(' | '[' | '<')) => false,
        (Atom::Op { prefix: true, .. }, _) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expression_text_is_spaced_like_rustfmt() {
        let table = [
            ("Duration :: from_secs(30)", "Duration::from_secs(30)"),
            ("- 1", "-1"),
            ("1 << 20", "1 << 20"),
            ("60 * 60 * 24", "60 * 60 * 24"),
            ("!false", "!false"),
            (
                "vec![\"a\".to_owned(), \"b\".into()]",
                "vec![\"a\".to_owned(), \"b\".into()]",
            ),
            ("Vec::<Vec<u8>>::new()", "Vec::<Vec<u8>>::new()"),
            ("<u16 as Default>::default()", "<u16 as Default>::default()"),
            (
                "Limits { max: 3, ..Limits::DEFAULT }",
                "Limits { max: 3, ..Limits::DEFAULT }",
            ),
            ("Empty {}", "Empty {}"),
            ("[1, 2][0]", "[1, 2][0]"),
            ("&'static str", "&'static str"),
            ("a.0 .. = b", "a.0..=b"),
            ("x? == -y", "x? == -y"),
        ];
        for (written, shown) in table {
            let tokens: TokenStream = written.parse().unwrap();
            assert_eq!(expr_text(&tokens), shown, "{written}");
        }
    }
}
