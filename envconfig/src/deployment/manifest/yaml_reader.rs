//! go-yaml's reader, as far as it shows in what kubectl refuses: it
//! decodes its input in blocks of 512 bytes, each when the scanner first
//! asks for a character of it, and refuses a block that holds a control
//! character ("control characters are not allowed"). go-yaml reads a part
//! of the stream no further than the end of its first document (a `...`,
//! a directive), so a control character in a block past it is never seen;
//! and one in a block the scanner asked for is refused before anything
//! the scanner finds after asking.

use std::cell::Cell;

/// The bytes go-yaml reads from its input at a time.
const BLOCK: usize = 512;

pub(super) struct Reader {
    /// The bytes of go-yaml's input before the text: a BOM it skipped.
    skipped: usize,
    /// The first character go-yaml refuses: the end of its bytes, and its
    /// line (by `\n`) from 0.
    forbidden: Option<(usize, usize)>,
    /// The end of the furthest character the scanner asked for, in bytes;
    /// `usize::MAX` once it asked for more than there is.
    asked: Cell<usize>,
}

impl Reader {
    pub(super) fn new(text: &str, skipped: usize) -> Reader {
        let mut line = 0;
        let mut forbidden = None;
        for (at, c) in text.char_indices() {
            if !is_allowed(c) {
                forbidden = Some((at + c.len_utf8(), line));
                break;
            }
            line += usize::from(c == '\n');
        }
        Reader {
            skipped,
            forbidden,
            asked: Cell::new(0),
        }
    }

    /// The scanner asks for the text up to byte `end`; `None` for more than
    /// there is.
    pub(super) fn ask(&self, end: Option<usize>) {
        let end = end.unwrap_or(usize::MAX);
        if end > self.asked.get() {
            self.asked.set(end);
        }
    }

    /// The line of the control character that go-yaml has decoded by now,
    /// if there is one.
    pub(super) fn refused(&self) -> Option<usize> {
        let (end, line) = self.forbidden?;
        let decoded = match self.asked.get() {
            usize::MAX => usize::MAX,
            asked => (asked + self.skipped).div_ceil(BLOCK) * BLOCK - self.skipped,
        };
        (end <= decoded).then_some(line)
    }
}

/// Whether go-yaml's reader takes `c`: tab, line feed, carriage return,
/// printable ASCII, U+0085, and the rest of Unicode but C1 controls,
/// U+FFFE and U+FFFF.
pub(super) fn is_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_character_shows_once_its_block_is_asked_for() {
        // The control character is the 513th byte, on the second line.
        let text = format!("{}\n\u{1}{}", "a".repeat(511), "b".repeat(600));
        let reader = Reader::new(&text, 0);
        assert_eq!(reader.refused(), None);
        reader.ask(Some(512));
        assert_eq!(reader.refused(), None);
        reader.ask(Some(513));
        assert_eq!(reader.refused(), Some(1));
        // A BOM before the text shifts the blocks.
        let reader = Reader::new(&text, 3);
        reader.ask(Some(509));
        assert_eq!(reader.refused(), None);
        reader.ask(Some(510));
        assert_eq!(reader.refused(), Some(1));
        let reader = Reader::new("a\u{1}", 0);
        reader.ask(None);
        assert_eq!(reader.refused(), Some(0));
        assert_eq!(Reader::new("a\u{85}b\u{2028}", 0).forbidden, None);
    }
}
