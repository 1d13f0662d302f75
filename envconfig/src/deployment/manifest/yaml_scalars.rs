//! Scalars and anchors, scanned as go-yaml v2 scans them: its
//! escapes (`\'` is one, `\/` is not), its folding of line breaks (U+2028
//! and U+2029 are kept where a `\n` would fold), and its indentation rules.

use zeroize::Zeroizing;

use super::{
    Mark, Scan, Scanner, Style, Token, TokenKind, is_alpha, is_blank, is_blankz, is_break,
    is_breakz,
};

/// Joins what a run of blanks and line breaks inside a scalar becomes: a
/// single `\n` folds into a space, more keep all but the first; a U+2028
/// or U+2029 that starts the run is kept, with the rest.
fn fold(into: &mut String, leading_break: &str, trailing_breaks: &str) {
    if leading_break.starts_with('\n') {
        if trailing_breaks.is_empty() {
            into.push(' ');
        } else {
            into.push_str(trailing_breaks);
        }
    } else {
        into.push_str(leading_break);
        into.push_str(trailing_breaks);
    }
}

fn scalar(text: Zeroizing<String>, style: Style, start: Mark) -> Token {
    let mut token = Token::new(TokenKind::Scalar(style), start);
    token.text = text;
    token
}

impl Scanner<'_> {
    /// `&name` or `*name`: letters, digits, `_` and `-`, then a blank or
    /// one of `?:,]}%@` and a backquote.
    pub(super) fn scan_anchor(&mut self) -> Scan<Token> {
        let start = self.mark;
        let alias = self.at(0) == '*';
        self.skip();
        let mut name = String::new();
        while is_alpha(self.at(0)) {
            self.read(&mut name);
        }
        let next = self.at(0);
        if name.is_empty() || !(is_blankz(next) || "?:,]}%@`".contains(next)) {
            let context = if alias {
                "while scanning an alias"
            } else {
                "while scanning an anchor"
            };
            return Err(self.fail(
                Some((context, start)),
                "did not find expected alphabetic or numeric character",
            ));
        }
        let kind = if alias {
            TokenKind::Alias
        } else {
            TokenKind::Anchor
        };
        let mut token = Token::new(kind, start);
        token.text = Zeroizing::new(name);
        Ok(token)
    }

    /// `|` or `>`, its header (chomping, indentation), and its lines.
    pub(super) fn scan_block_scalar(&mut self, literal: bool) -> Scan<Token> {
        let start = self.mark;
        let context = Some(("while scanning a block scalar", start));
        self.skip();
        let mut chomping = 0;
        let mut increment = 0;
        for _ in 0..2 {
            match self.at(0) {
                '+' | '-' if chomping == 0 => {
                    chomping = if self.at(0) == '+' { 1 } else { -1 };
                    self.skip();
                }
                '0' if increment == 0 => {
                    return Err(self.fail(context, "found an indentation indicator equal to 0"));
                }
                c @ '1'..='9' if increment == 0 => {
                    increment = c as isize - '0' as isize;
                    self.skip();
                }
                _ => break,
            }
        }
        self.end_line(context)?;
        let mut indent = 0;
        if increment > 0 {
            indent = if self.indent >= 0 {
                self.indent + increment
            } else {
                increment
            };
        }
        let mut text = Zeroizing::new(String::new());
        let mut leading_break = Zeroizing::new(String::new());
        let mut trailing_breaks = Zeroizing::new(String::new());
        self.block_scalar_breaks(&mut indent, &mut trailing_breaks, start)?;
        let mut leading_blank = false;
        while self.mark.column as isize == indent && self.at(0) != '\0' {
            let trailing_blank = is_blank(self.at(0));
            if !literal && !leading_blank && !trailing_blank && leading_break.starts_with('\n') {
                if trailing_breaks.is_empty() {
                    text.push(' ');
                }
            } else {
                text.push_str(&leading_break);
            }
            leading_break.clear();
            text.push_str(&trailing_breaks);
            trailing_breaks.clear();
            leading_blank = is_blank(self.at(0));
            while !is_breakz(self.at(0)) {
                self.read(&mut text);
            }
            self.read_line(&mut leading_break);
            self.block_scalar_breaks(&mut indent, &mut trailing_breaks, start)?;
        }
        if chomping != -1 {
            text.push_str(&leading_break);
        }
        if chomping == 1 {
            text.push_str(&trailing_breaks);
        }
        let style = if literal {
            Style::Literal
        } else {
            Style::Folded
        };
        Ok(scalar(text, style, start))
    }

    /// The indentation and empty lines before a block scalar's next line;
    /// the first sets the indentation when the header does not.
    fn block_scalar_breaks(
        &mut self,
        indent: &mut isize,
        breaks: &mut String,
        start: Mark,
    ) -> Scan {
        let mut max_indent = 0;
        loop {
            while (*indent == 0 || (self.mark.column as isize) < *indent) && self.at(0) == ' ' {
                self.skip();
            }
            max_indent = max_indent.max(self.mark.column as isize);
            if (*indent == 0 || (self.mark.column as isize) < *indent) && self.at(0) == '\t' {
                return Err(self.fail(
                    Some(("while scanning a block scalar", start)),
                    "found a tab character where an indentation space is expected",
                ));
            }
            if !is_break(self.at(0)) {
                break;
            }
            self.read_line(breaks);
        }
        if *indent == 0 {
            *indent = max_indent.max(self.indent + 1).max(1);
        }
        Ok(())
    }

    /// A single- or double-quoted scalar.
    pub(super) fn scan_flow_scalar(&mut self, single: bool) -> Scan<Token> {
        let start = self.mark;
        let context = Some(("while scanning a quoted scalar", start));
        self.skip();
        let mut text = Zeroizing::new(String::new());
        let mut leading_break = Zeroizing::new(String::new());
        let mut trailing_breaks = Zeroizing::new(String::new());
        let mut whitespaces = Zeroizing::new(String::new());
        loop {
            self.cache(4);
            if self.mark.column == 0
                && ((self.at(0) == '-' && self.at(1) == '-' && self.at(2) == '-')
                    || (self.at(0) == '.' && self.at(1) == '.' && self.at(2) == '.'))
                && is_blankz(self.at(3))
            {
                return Err(self.fail(context, "found unexpected document indicator"));
            }
            if self.at(0) == '\0' {
                return Err(self.fail(context, "found unexpected end of stream"));
            }
            let mut leading_blanks = false;
            while !is_blankz(self.at(0)) {
                let c = self.at(0);
                if single && c == '\'' && self.at(1) == '\'' {
                    text.push('\'');
                    self.skip();
                    self.skip();
                } else if c == if single { '\'' } else { '"' } {
                    break;
                } else if !single && c == '\\' && is_break(self.at(1)) {
                    self.skip();
                    self.skip_line();
                    leading_blanks = true;
                    break;
                } else if !single && c == '\\' {
                    self.scan_escape(&mut text, start)?;
                } else {
                    self.read(&mut text);
                }
                self.cache(2);
            }
            if self.at(0) == if single { '\'' } else { '"' } {
                break;
            }
            while is_blank(self.at(0)) || is_break(self.at(0)) {
                if is_blank(self.at(0)) {
                    if leading_blanks {
                        self.skip();
                    } else {
                        self.read(&mut whitespaces);
                    }
                } else if leading_blanks {
                    self.read_line(&mut trailing_breaks);
                } else {
                    whitespaces.clear();
                    self.read_line(&mut leading_break);
                    leading_blanks = true;
                }
            }
            if leading_blanks {
                fold(&mut text, &leading_break, &trailing_breaks);
                leading_break.clear();
                trailing_breaks.clear();
            } else {
                text.push_str(&whitespaces);
                whitespaces.clear();
            }
        }
        self.skip();
        let style = if single {
            Style::SingleQuoted
        } else {
            Style::DoubleQuoted
        };
        Ok(scalar(text, style, start))
    }

    /// An escape of a double-quoted scalar, at its `\`.
    fn scan_escape(&mut self, into: &mut String, start: Mark) -> Scan {
        let context = Some(("while parsing a quoted scalar", start));
        let simple = match self.at(1) {
            '0' => Some('\0'),
            'a' => Some('\x07'),
            'b' => Some('\x08'),
            't' | '\t' => Some('\t'),
            'n' => Some('\n'),
            'v' => Some('\x0b'),
            'f' => Some('\x0c'),
            'r' => Some('\r'),
            'e' => Some('\x1b'),
            ' ' => Some(' '),
            '"' => Some('"'),
            '\'' => Some('\''),
            '\\' => Some('\\'),
            'N' => Some('\u{85}'),
            '_' => Some('\u{a0}'),
            'L' => Some('\u{2028}'),
            'P' => Some('\u{2029}'),
            'x' => None,
            'u' => None,
            'U' => None,
            _ => return Err(self.fail(context, "found unknown escape character")),
        };
        let digits = match self.at(1) {
            'x' => 2,
            'u' => 4,
            _ => 8,
        };
        self.skip();
        self.skip();
        if let Some(c) = simple {
            into.push(c);
            return Ok(());
        }
        self.cache(digits);
        let mut value: u32 = 0;
        for k in 0..digits {
            let Some(digit) = self.at(k).to_digit(16) else {
                return Err(self.fail(context, "did not find expected hexdecimal number"));
            };
            value = (value << 4) + digit;
        }
        let Some(c) = char::from_u32(value) else {
            return Err(self.fail(context, "found invalid Unicode character escape code"));
        };
        into.push(c);
        for _ in 0..digits {
            self.skip();
        }
        Ok(())
    }

    /// A plain scalar: it ends at `: `, ` #`, a line less indented than
    /// the block it is in, and in flow context at `,[]{}`.
    pub(super) fn scan_plain_scalar(&mut self) -> Scan<Token> {
        let start = self.mark;
        let indent = self.indent + 1;
        let mut text = Zeroizing::new(String::new());
        let mut leading_break = Zeroizing::new(String::new());
        let mut trailing_breaks = Zeroizing::new(String::new());
        let mut whitespaces = Zeroizing::new(String::new());
        let mut leading_blanks = false;
        loop {
            self.cache(4);
            if self.mark.column == 0
                && ((self.at(0) == '-' && self.at(1) == '-' && self.at(2) == '-')
                    || (self.at(0) == '.' && self.at(1) == '.' && self.at(2) == '.'))
                && is_blankz(self.at(3))
            {
                break;
            }
            if self.at(0) == '#' {
                break;
            }
            while !is_blankz(self.at(0)) {
                let c = self.at(0);
                if (c == ':' && is_blankz(self.at(1)))
                    || (self.flow_level > 0 && ",?[]{}".contains(c))
                {
                    break;
                }
                if leading_blanks {
                    fold(&mut text, &leading_break, &trailing_breaks);
                    leading_break.clear();
                    trailing_breaks.clear();
                    leading_blanks = false;
                } else if !whitespaces.is_empty() {
                    text.push_str(&whitespaces);
                    whitespaces.clear();
                }
                self.read(&mut text);
                self.cache(2);
            }
            if !(is_blank(self.at(0)) || is_break(self.at(0))) {
                break;
            }
            while is_blank(self.at(0)) || is_break(self.at(0)) {
                if is_blank(self.at(0)) {
                    if leading_blanks && (self.mark.column as isize) < indent && self.at(0) == '\t'
                    {
                        return Err(self.fail(
                            Some(("while scanning a plain scalar", start)),
                            "found a tab character that violates indentation",
                        ));
                    }
                    if leading_blanks {
                        self.skip();
                    } else {
                        self.read(&mut whitespaces);
                    }
                } else if leading_blanks {
                    self.read_line(&mut trailing_breaks);
                } else {
                    whitespaces.clear();
                    self.read_line(&mut leading_break);
                    leading_blanks = true;
                }
            }
            if self.flow_level == 0 && (self.mark.column as isize) < indent {
                break;
            }
        }
        if leading_blanks {
            self.simple_key_allowed = true;
        }
        Ok(scalar(text, Style::Plain, start))
    }
}
