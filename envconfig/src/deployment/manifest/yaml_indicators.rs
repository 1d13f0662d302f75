//! Indicators, simple keys and indentation: where a key starts (`?`, or a
//! scalar that a `:` follows on its line), where a block collection opens
//! and closes, and the flow collections' levels.

use super::{MAX_DEPTH, Mark, Scan, Scanner, SimpleKey, Token, TokenKind};

impl Scanner<'_> {
    /// Whether the simple key of flow level `level` can still become a key;
    /// a required one that no longer can is an error.
    pub(super) fn simple_key_is_valid(&mut self, level: usize) -> Scan<bool> {
        let Some(&key) = self.simple_keys.get(level) else {
            return Ok(false);
        };
        if !key.possible {
            return Ok(false);
        }
        if key.mark.line < self.mark.line || key.mark.index + 1024 < self.mark.index {
            if key.required {
                let context = Some(("while scanning a simple key", key.mark));
                return Err(self.fail(context, "could not find expected ':'"));
            }
            self.simple_keys[level].possible = false;
            return Ok(false);
        }
        Ok(true)
    }

    pub(super) fn save_simple_key(&mut self) -> Scan {
        if !self.simple_key_allowed {
            return Ok(());
        }
        let key = SimpleKey {
            possible: true,
            required: self.flow_level == 0 && self.indent == self.mark.column as isize,
            token_number: self.tokens_parsed + self.tokens.len(),
            mark: self.mark,
        };
        self.remove_simple_key()?;
        let level = self.simple_keys.len() - 1;
        self.simple_keys[level] = key;
        self.simple_keys_by_token.insert(key.token_number, level);
        Ok(())
    }

    pub(super) fn remove_simple_key(&mut self) -> Scan {
        let Some(&key) = self.simple_keys.last() else {
            return Ok(());
        };
        if key.possible {
            if key.required {
                let context = Some(("while scanning a simple key", key.mark));
                return Err(self.fail(context, "could not find expected ':'"));
            }
            if let Some(last) = self.simple_keys.last_mut() {
                last.possible = false;
            }
            self.simple_keys_by_token.remove(&key.token_number);
        }
        Ok(())
    }

    /// Opens a block collection at `column` if it is deeper than the current
    /// one: its start token goes before token `number` (or last).
    pub(super) fn roll_indent(
        &mut self,
        column: usize,
        number: Option<usize>,
        kind: TokenKind,
        mark: Mark,
    ) -> Scan {
        if self.flow_level > 0 || self.indent >= column as isize {
            return Ok(());
        }
        self.indents.push(self.indent);
        self.indent = column as isize;
        if self.indents.len() > MAX_DEPTH {
            let context = Some(("while increasing indent level", mark));
            return Err(self.fail(context, "exceeded max depth of 10000"));
        }
        self.insert(number, Token::new(kind, mark));
        Ok(())
    }

    /// Puts a token before token `number` of the stream, or last when that
    /// one has left the queue (as go-yaml does), or for none.
    pub(super) fn insert(&mut self, number: Option<usize>, token: Token) {
        let at = number.and_then(|number| number.checked_sub(self.tokens_parsed));
        match at {
            Some(at) if at <= self.tokens.len() => self.tokens.insert(at, token),
            _ => self.tokens.push_back(token),
        }
    }

    /// Closes the block collections deeper than `column`.
    pub(super) fn unroll_indent(&mut self, column: isize) {
        if self.flow_level > 0 {
            return;
        }
        while self.indent > column {
            self.push(TokenKind::BlockEnd, self.mark);
            self.indent = self.indents.pop().unwrap_or(-1);
        }
    }

    pub(super) fn fetch_indicator(&mut self, kind: TokenKind) {
        let start = self.mark;
        self.skip();
        self.push(kind, start);
    }

    pub(super) fn fetch_stream_end(&mut self) -> Scan {
        if self.mark.column != 0 {
            self.mark.column = 0;
            self.mark.line += 1;
        }
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        self.stream_end_fetched = true;
        self.push(TokenKind::StreamEnd, self.mark);
        Ok(())
    }

    pub(super) fn fetch_document_indicator(&mut self, kind: TokenKind) -> Scan {
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        let start = self.mark;
        self.skip();
        self.skip();
        self.skip();
        self.push(kind, start);
        Ok(())
    }

    pub(super) fn fetch_flow_collection_start(&mut self, kind: TokenKind) -> Scan {
        self.save_simple_key()?;
        self.simple_keys.push(SimpleKey {
            token_number: self.tokens_parsed + self.tokens.len(),
            mark: self.mark,
            ..SimpleKey::default()
        });
        self.flow_level += 1;
        if self.flow_level > MAX_DEPTH {
            let context = Some(("while increasing flow level", self.mark));
            return Err(self.fail(context, "exceeded max depth of 10000"));
        }
        self.simple_key_allowed = true;
        self.fetch_indicator(kind);
        Ok(())
    }

    pub(super) fn fetch_flow_collection_end(&mut self, kind: TokenKind) -> Scan {
        self.remove_simple_key()?;
        if self.flow_level > 0 {
            self.flow_level -= 1;
            if let Some(key) = self.simple_keys.pop() {
                self.simple_keys_by_token.remove(&key.token_number);
            }
        }
        self.simple_key_allowed = false;
        self.fetch_indicator(kind);
        Ok(())
    }

    pub(super) fn fetch_block_entry(&mut self) -> Scan {
        if self.flow_level == 0 {
            if !self.simple_key_allowed {
                return Err(self.fail(
                    None,
                    "block sequence entries are not allowed in this context",
                ));
            }
            let mark = self.mark;
            self.roll_indent(mark.column, None, TokenKind::BlockSequenceStart, mark)?;
        }
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        self.fetch_indicator(TokenKind::BlockEntry);
        Ok(())
    }

    pub(super) fn fetch_key(&mut self) -> Scan {
        if self.flow_level == 0 {
            if !self.simple_key_allowed {
                return Err(self.fail(None, "mapping keys are not allowed in this context"));
            }
            let mark = self.mark;
            self.roll_indent(mark.column, None, TokenKind::BlockMappingStart, mark)?;
        }
        self.remove_simple_key()?;
        self.simple_key_allowed = self.flow_level == 0;
        self.fetch_indicator(TokenKind::Key);
        Ok(())
    }

    pub(super) fn fetch_value(&mut self) -> Scan {
        let level = self.simple_keys.len() - 1;
        if self.simple_key_is_valid(level)? {
            // The simple key was one: its KEY token (and the mapping's start)
            // go before its first token.
            let key = self.simple_keys[level];
            self.insert(Some(key.token_number), Token::new(TokenKind::Key, key.mark));
            self.roll_indent(
                key.mark.column,
                Some(key.token_number),
                TokenKind::BlockMappingStart,
                key.mark,
            )?;
            self.simple_keys[level].possible = false;
            self.simple_keys_by_token.remove(&key.token_number);
            self.simple_key_allowed = false;
        } else {
            if self.flow_level == 0 {
                if !self.simple_key_allowed {
                    return Err(self.fail(None, "mapping values are not allowed in this context"));
                }
                let mark = self.mark;
                self.roll_indent(mark.column, None, TokenKind::BlockMappingStart, mark)?;
            }
            self.simple_key_allowed = self.flow_level == 0;
        }
        self.fetch_indicator(TokenKind::Value);
        Ok(())
    }

    /// An anchor, alias, tag or quoted scalar: it may start a simple key,
    /// and no other may start after it on its line.
    pub(super) fn fetch_property(&mut self, scan: impl FnOnce(&mut Self) -> Scan<Token>) -> Scan {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let token = scan(self)?;
        self.tokens.push_back(token);
        Ok(())
    }
}
