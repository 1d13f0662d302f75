//! Tags (`!!str`, `!e!x`, `!<tag:yaml.org,2002:int>`) and directives
//! (`%YAML 1.1`, `%TAG !e! tag:e.com,2000:`), scanned as go-yaml v2 scans
//! them. A document that kubectl reads seldom starts with a directive: it
//! needs a `---` after it, and kubectl cuts the stream at every line that
//! starts with `---`, so only one after a line break that is no `\n` (a
//! lone `\r`, U+0085) can follow. A directive after a document ends it; it
//! is scanned, and refused if malformed, all the same.

use zeroize::Zeroizing;

use super::{Directive, Mark, Scan, Scanner, Token, TokenKind, is_alpha, is_blank, is_blankz};

/// The characters of a tag after its handle (`%` starts an escape).
fn is_uri_char(c: char) -> bool {
    is_alpha(c) || ";/?:@&=+$,.!~*'()[]%".contains(c)
}

/// The construct a tag's problem is in.
fn tag_context(directive: bool) -> &'static str {
    if directive {
        "while parsing a %TAG directive"
    } else {
        "while parsing a tag"
    }
}

impl Scanner<'_> {
    /// `!<uri>`, `!!suffix`, `!name!suffix`, `!suffix` or a lone `!`.
    pub(super) fn scan_tag(&mut self) -> Scan<Token> {
        let start = self.mark;
        let context = Some(("while scanning a tag", start));
        let (handle, suffix) = if self.at(1) == '<' {
            self.skip();
            self.skip();
            let suffix = self.scan_tag_uri(false, "", start)?;
            if self.at(0) != '>' {
                return Err(self.fail(context, "did not find the expected '>'"));
            }
            self.skip();
            (String::new(), suffix)
        } else {
            let mut handle = String::new();
            self.read(&mut handle);
            while is_alpha(self.at(0)) {
                self.read(&mut handle);
            }
            if self.at(0) == '!' {
                self.read(&mut handle);
            }
            if handle.len() > 1 && handle.ends_with('!') {
                let suffix = self.scan_tag_uri(false, "", start)?;
                (handle, suffix)
            } else {
                // `!suffix`: what looked like a handle is the suffix's start.
                let suffix = self.scan_tag_uri(false, &handle, start)?;
                if suffix.is_empty() {
                    (String::new(), "!".to_owned())
                } else {
                    ("!".to_owned(), suffix)
                }
            }
        };
        if !is_blankz(self.at(0)) {
            return Err(self.fail(context, "did not find expected whitespace or line break"));
        }
        let mut token = Token::new(TokenKind::Tag, start);
        token.text = Zeroizing::new(suffix);
        token.handle = handle;
        Ok(token)
    }

    /// A tag's URI (or a `%TAG` directive's prefix), after `head` (a
    /// primary handle, `!` and what followed it); `%XX` escapes are UTF-8
    /// octets.
    fn scan_tag_uri(&mut self, directive: bool, head: &str, start: Mark) -> Scan<String> {
        let context = Some((tag_context(directive), start));
        let mut bytes: Vec<u8> = head.get(1..).unwrap_or("").as_bytes().to_vec();
        let mut found = !head.is_empty();
        while is_uri_char(self.at(0)) {
            if self.at(0) == '%' {
                let mut width = 0;
                loop {
                    let hex: String = [self.at(1), self.at(2)].iter().collect();
                    let octet = match u8::from_str_radix(&hex, 16) {
                        Ok(octet) if self.at(0) == '%' && !hex.starts_with(['+', '-']) => octet,
                        _ => return Err(self.fail(context, "did not find URI escaped octet")),
                    };
                    if width == 0 {
                        width = match octet.leading_ones() {
                            0 => 1,
                            2 => 2,
                            3 => 3,
                            4 => 4,
                            _ => {
                                let problem = "found an incorrect leading UTF-8 octet";
                                return Err(self.fail(context, problem));
                            }
                        };
                    } else if octet & 0xC0 != 0x80 {
                        return Err(self.fail(context, "found an incorrect trailing UTF-8 octet"));
                    }
                    bytes.push(octet);
                    self.skip();
                    self.skip();
                    self.skip();
                    width -= 1;
                    if width == 0 {
                        break;
                    }
                }
            } else {
                let mut c = [0; 4];
                bytes.extend_from_slice(self.at(0).encode_utf8(&mut c).as_bytes());
                self.skip();
            }
            found = true;
        }
        if !found {
            return Err(self.fail(context, "did not find expected tag URI"));
        }
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    pub(super) fn fetch_directive(&mut self) -> Scan {
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_directive()?;
        self.tokens.push_back(token);
        Ok(())
    }

    /// `%`, the name, the value, then a comment or nothing to the line's
    /// end.
    fn scan_directive(&mut self) -> Scan<Token> {
        let start = self.mark;
        let context = Some(("while scanning a directive", start));
        self.skip();
        let mut name = String::new();
        while is_alpha(self.at(0)) {
            self.read(&mut name);
        }
        if name.is_empty() {
            return Err(self.fail(context, "could not find expected directive name"));
        }
        if !is_blankz(self.at(0)) {
            return Err(self.fail(context, "found unexpected non-alphabetical character"));
        }
        let token = match name.as_str() {
            "YAML" => {
                let (major, minor) = self.scan_version(start)?;
                Token::new(
                    TokenKind::Directive(Directive::Version(major, minor)),
                    start,
                )
            }
            "TAG" => {
                let (handle, prefix) = self.scan_tag_directive(start)?;
                let mut token = Token::new(TokenKind::Directive(Directive::Tag), start);
                token.handle = handle;
                token.text = Zeroizing::new(prefix);
                token
            }
            _ => return Err(self.fail(context, "found unknown directive name")),
        };
        self.end_line(context)?;
        Ok(token)
    }

    /// `1.1`: two numbers of one or two digits.
    fn scan_version(&mut self, start: Mark) -> Scan<(u8, u8)> {
        while is_blank(self.at(0)) {
            self.skip();
        }
        let major = self.scan_version_number(start)?;
        if self.at(0) != '.' {
            let context = Some(("while scanning a %YAML directive", start));
            return Err(self.fail(context, "did not find expected digit or '.' character"));
        }
        self.skip();
        let minor = self.scan_version_number(start)?;
        Ok((major, minor))
    }

    fn scan_version_number(&mut self, start: Mark) -> Scan<u8> {
        let context = Some(("while scanning a %YAML directive", start));
        let mut value = 0;
        let mut length = 0;
        while let Some(digit) = self.at(0).to_digit(10) {
            length += 1;
            if length > 2 {
                return Err(self.fail(context, "found extremely long version number"));
            }
            value = value * 10 + digit as u8;
            self.skip();
        }
        if length == 0 {
            return Err(self.fail(context, "did not find expected version number"));
        }
        Ok(value)
    }

    /// A handle (`!`, `!!`, `!name!`), blanks, and a prefix.
    fn scan_tag_directive(&mut self, start: Mark) -> Scan<(String, String)> {
        let context = Some(("while scanning a %TAG directive", start));
        while is_blank(self.at(0)) {
            self.skip();
        }
        let handle = self.scan_directive_handle(start)?;
        if !is_blank(self.at(0)) {
            return Err(self.fail(context, "did not find expected whitespace"));
        }
        while is_blank(self.at(0)) {
            self.skip();
        }
        let prefix = self.scan_tag_uri(true, "", start)?;
        if !is_blankz(self.at(0)) {
            return Err(self.fail(context, "did not find expected whitespace or line break"));
        }
        Ok((handle, prefix))
    }

    fn scan_directive_handle(&mut self, start: Mark) -> Scan<String> {
        let context = Some((tag_context(true), start));
        if self.at(0) != '!' {
            return Err(self.fail(context, "did not find expected '!'"));
        }
        let mut handle = String::new();
        self.read(&mut handle);
        while is_alpha(self.at(0)) {
            self.read(&mut handle);
        }
        if self.at(0) == '!' {
            self.read(&mut handle);
        } else if handle != "!" {
            return Err(self.fail(context, "did not find expected '!'"));
        }
        Ok(handle)
    }
}
