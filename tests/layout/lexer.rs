//! Rust source as the tokens the layout rules need: identifiers, string
//! literals and punctuation, each with its line, with comments and every
//! other literal out of the way (a `crate::` inside a string or a comment is
//! no import).

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// An identifier or keyword; a raw identifier without its `r#`.
    Ident(String),
    /// A string literal's content, escapes left as written.
    Str(String),
    /// `::`, or any other single punctuation character.
    Punct(&'static str),
    /// A number, a character, a lifetime, a punctuation this file has no
    /// use for.
    Other,
}

#[derive(Debug, Clone)]
pub struct Token {
    pub tok: Tok,
    pub line: usize,
}

impl Token {
    pub fn is_ident(&self, name: &str) -> bool {
        matches!(&self.tok, Tok::Ident(ident) if ident == name)
    }

    pub fn is_punct(&self, punct: &str) -> bool {
        matches!(self.tok, Tok::Punct(p) if p == punct)
    }

    pub fn ident(&self) -> Option<&str> {
        match &self.tok {
            Tok::Ident(ident) => Some(ident),
            _ => None,
        }
    }
}

pub fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        let start_line = line;
        let mut push = |tok: Tok| {
            out.push(Token {
                tok,
                line: start_line,
            })
        };
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if c == '"' {
            let (content, end) = quoted(&chars, i + 1, &mut line);
            push(Tok::Str(content));
            i = end;
        } else if c == '\'' {
            i = char_or_lifetime(&chars, i);
            push(Tok::Other);
        } else if c.is_ascii_digit() {
            while at(i).is_alphanumeric()
                || at(i) == '_'
                || (at(i) == '.' && at(i + 1).is_ascii_digit())
            {
                i += 1;
            }
            push(Tok::Other);
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while at(i).is_alphanumeric() || at(i) == '_' {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            match (word.as_str(), at(i)) {
                ("r", '#') if at(i + 1).is_alphabetic() || at(i + 1) == '_' => {
                    let start = i + 1;
                    i = start;
                    while at(i).is_alphanumeric() || at(i) == '_' {
                        i += 1;
                    }
                    push(Tok::Ident(chars[start..i].iter().collect()));
                }
                ("r" | "br" | "cr", '#' | '"') => {
                    let (content, end) = raw_quoted(&chars, i, &mut line);
                    push(Tok::Str(content));
                    i = end;
                }
                ("b" | "c", '"') => {
                    let (content, end) = quoted(&chars, i + 1, &mut line);
                    push(Tok::Str(content));
                    i = end;
                }
                ("b", '\'') => {
                    i = char_or_lifetime(&chars, i);
                    push(Tok::Other);
                }
                _ => push(Tok::Ident(word)),
            }
        } else if c == ':' && at(i + 1) == ':' {
            push(Tok::Punct("::"));
            i += 2;
        } else {
            push(punct(c).map_or(Tok::Other, Tok::Punct));
            i += 1;
        }
    }
    out
}

/// A string's content from `start` (after its opening quote) to its closing
/// quote, and the index after that quote.
fn quoted(chars: &[char], start: usize, line: &mut usize) -> (String, usize) {
    let mut i = start;
    while i < chars.len() && chars[i] != '"' {
        if chars[i] == '\\' {
            i += 1;
        }
        if chars.get(i) == Some(&'\n') {
            *line += 1;
        }
        i += 1;
    }
    (chars[start..i.min(chars.len())].iter().collect(), i + 1)
}

/// A raw string from its `#`s or opening quote at `start`.
fn raw_quoted(chars: &[char], start: usize, line: &mut usize) -> (String, usize) {
    let hashes = chars[start..].iter().take_while(|&&c| c == '#').count();
    let open = start + hashes + 1;
    let mut i = open;
    while i < chars.len() {
        if chars[i] == '"'
            && chars[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes
        {
            return (chars[open..i].iter().collect(), i + 1 + hashes);
        }
        *line += usize::from(chars[i] == '\n');
        i += 1;
    }
    (chars[open..].iter().collect(), i)
}

/// Skips a character literal (`'a'`, `'\n'`, `'\u{1F600}'`) or a lifetime
/// (`'a`) from its quote at `start`; the index after it.
fn char_or_lifetime(chars: &[char], start: usize) -> usize {
    let quote = start + chars[start..].iter().position(|&c| c == '\'').unwrap_or(0);
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    if at(quote + 1) == '\\' {
        // After the escaped character, which may be a quote itself.
        let mut i = quote + 3;
        while i < chars.len() && chars[i] != '\'' {
            i += 1;
        }
        i + 1
    } else if at(quote + 2) == '\'' {
        quote + 3
    } else {
        let mut i = quote + 1;
        while at(i).is_alphanumeric() || at(i) == '_' {
            i += 1;
        }
        i
    }
}

/// The punctuation the layout rules read.
fn punct(c: char) -> Option<&'static str> {
    Some(match c {
        '{' => "{",
        '}' => "}",
        '(' => "(",
        ')' => ")",
        '[' => "[",
        ']' => "]",
        ';' => ";",
        ',' => ",",
        '*' => "*",
        '#' => "#",
        '!' => "!",
        '=' => "=",
        '$' => "$",
        '<' => "<",
        _ => return None,
    })
}
