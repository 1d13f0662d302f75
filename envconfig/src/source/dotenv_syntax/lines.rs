//! dotenvy's line splitter (`QuotedLines` in its `src/iter.rs`), on bytes:
//! which physical lines make up each logical line, the unit its parser reads.

use super::reason;

/// A logical line: what dotenvy's splitter hands its parser, or why it
/// hands it none.
pub(super) struct LogicalLine<'a> {
    /// The 1-based line of its first character.
    pub line: usize,
    /// The 1-based line of its last physical line.
    pub last_line: usize,
    pub text: Text<'a>,
}

pub(super) enum Text<'a> {
    /// Without the final `\n` or `\r\n`, or cut before a comment.
    Complete(&'a str),
    /// The file ends inside it: the rest of the file, and why.
    Unterminated(&'a str, &'static str),
    /// A physical line of it is not UTF-8, which ends it there (dotenvy's
    /// reader fails on that line and starts afresh after it): the text
    /// before the first byte that is not.
    NotUtf8(&'a str),
}

/// The logical lines of a file, comment lines left out.
pub(super) struct LogicalLines<'a> {
    bytes: &'a [u8],
    /// Where the next physical line starts.
    start: usize,
    /// Its 1-based number.
    line: usize,
}

impl<'a> LogicalLines<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> LogicalLines<'a> {
        LogicalLines {
            bytes,
            start: 0,
            line: 1,
        }
    }

    /// The text between two offsets, which the caller has found to be UTF-8
    /// physical line by physical line.
    fn text(&self, start: usize, end: usize) -> &'a str {
        let bytes = self.bytes.get(start..end).unwrap_or_default();
        std::str::from_utf8(bytes).unwrap_or_default()
    }
}

impl<'a> Iterator for LogicalLines<'a> {
    type Item = LogicalLine<'a>;

    fn next(&mut self) -> Option<LogicalLine<'a>> {
        'logical: loop {
            let (start, line) = (self.start, self.line);
            let mut last_line = line;
            let mut state = Split::Complete;
            let text = loop {
                let physical_start = self.start;
                let rest = self.bytes.get(physical_start..).unwrap_or_default();
                if rest.is_empty() {
                    let why = state.unterminated()?;
                    break Text::Unterminated(self.text(start, physical_start), why);
                }
                let length = rest
                    .iter()
                    .position(|&byte| byte == b'\n')
                    .map_or(rest.len(), |newline| newline + 1);
                self.start += length;
                last_line = self.line;
                self.line += usize::from(rest[length - 1] == b'\n');
                let physical = match std::str::from_utf8(&rest[..length]) {
                    Ok(physical) => physical,
                    Err(error) => {
                        break Text::NotUtf8(
                            self.text(start, physical_start + error.valid_up_to()),
                        );
                    }
                };
                // dotenvy checks this on each physical line, but only the
                // first can match: a logical line goes on only where a
                // quote opened. Checking the others would look through the
                // first line's blanks again for each of them: quadratic.
                if physical_start == start && physical.trim_start().starts_with('#') {
                    continue 'logical;
                }
                if let Some(comment) = state.run(physical) {
                    break Text::Complete(self.text(start, physical_start + comment));
                }
                if let Split::Complete = state {
                    let text = self.text(start, self.start);
                    let text = match text.strip_suffix('\n') {
                        Some(text) => text.strip_suffix('\r').unwrap_or(text),
                        None => text,
                    };
                    break Text::Complete(text);
                }
            };
            return Some(LogicalLine {
                line,
                last_line,
                text,
            });
        }
    }
}

/// The state of dotenvy's line splitter after a character.
#[derive(Clone, Copy)]
enum Split {
    Complete,
    /// After an odd run of blanks outside quotes: a `#` here starts a comment.
    AfterBlank,
    Escape,
    Single,
    SingleEscape,
    Double,
    DoubleEscape,
}

impl Split {
    /// Runs over a physical line: the offset of the `#` that starts a
    /// comment, if one does.
    fn run(&mut self, physical: &str) -> Option<usize> {
        for (offset, c) in physical.char_indices() {
            match self.after(c) {
                Some(next) => *self = next,
                None => return Some(offset),
            }
        }
        None
    }

    /// The state after `c`, or `None` when `c` starts a comment.
    fn after(self, c: char) -> Option<Split> {
        Some(match (self, c) {
            (Split::AfterBlank, '#') => return None,
            (Split::Complete | Split::AfterBlank, '\\') => Split::Escape,
            (Split::Complete | Split::AfterBlank, '"') => Split::Double,
            (Split::Complete | Split::AfterBlank, '\'') => Split::Single,
            // A second blank goes back to `Complete`: `#` after two is text.
            (Split::Complete, c) if c.is_whitespace() && c != '\n' && c != '\r' => {
                Split::AfterBlank
            }
            (Split::Complete | Split::AfterBlank | Split::Escape, _) => Split::Complete,
            (Split::Single, '\\') => Split::SingleEscape,
            (Split::Single, '\'') => Split::Complete,
            (Split::Single, _) | (Split::SingleEscape, _) => Split::Single,
            (Split::Double, '\\') => Split::DoubleEscape,
            (Split::Double, '"') => Split::Complete,
            (Split::Double, _) | (Split::DoubleEscape, _) => Split::Double,
        })
    }

    /// Why a file that ends in this state has an unterminated entry.
    fn unterminated(self) -> Option<&'static str> {
        match self {
            Split::Complete => None,
            Split::AfterBlank => Some(reason::BLANK_AT_END),
            Split::Escape => Some(reason::BACKSLASH_AT_END),
            Split::Single | Split::SingleEscape | Split::Double | Split::DoubleEscape => {
                Some(reason::UNCLOSED_QUOTE_AT_END)
            }
        }
    }
}
