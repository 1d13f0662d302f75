//! The start of a document, as go-yaml v2 parses it: implicit, or its
//! directives and `---`; and the tag handles its `%TAG` directives name.

use super::super::super::scalar::CORE_TAG_PREFIX;
use super::super::scanner::Directive;
use super::{Event, Kind, Mark, Parse, Parser, State, error};

impl Parser<'_> {
    /// The start of the first document: implicit, or after directives and
    /// `---`.
    pub(super) fn document_start(&mut self) -> Parse<(Event, Mark)> {
        let (kind, mark) = self.peek()?;
        match kind {
            Kind::StreamEnd => {
                self.take();
                self.state = State::End;
                Ok((Event::StreamEnd, mark))
            }
            Kind::Directive(_) | Kind::DocumentStart => {
                self.directives()?;
                let (kind, at) = self.peek()?;
                if kind != Kind::DocumentStart {
                    return Err(error(None, "did not find expected <document start>", at));
                }
                self.take();
                self.states.push(State::DocumentEnd);
                self.state = State::DocumentContent;
                Ok((Event::DocumentStart, mark))
            }
            _ => {
                self.states.push(State::DocumentEnd);
                self.state = State::BlockNode;
                Ok((Event::DocumentStart, mark))
            }
        }
    }

    /// At most one `%YAML`, of version 1.1; `%TAG`s of distinct handles.
    fn directives(&mut self) -> Parse<()> {
        let mut version = false;
        while let (Kind::Directive(directive), at) = self.peek()? {
            let token = self.take();
            match directive {
                Directive::Version(..) if version => {
                    return Err(error(None, "found duplicate %YAML directive", at));
                }
                Directive::Version(1, 1) => version = true,
                Directive::Version(..) => {
                    return Err(error(None, "found incompatible YAML document", at));
                }
                Directive::Tag => {
                    if self.tag_handles.iter().any(|(h, _)| *h == token.handle) {
                        return Err(error(None, "found duplicate %TAG directive", at));
                    }
                    self.tag_handles
                        .push((token.handle, token.text.to_string()));
                }
            }
        }
        Ok(())
    }

    /// What a tag's handle stands for: the document's `%TAG` for it, or
    /// `!` and `!!` as YAML defines them.
    pub(super) fn tag_prefix(&self, handle: &str) -> Option<&str> {
        let own = self.tag_handles.iter().find(|(h, _)| h == handle);
        match (own, handle) {
            (Some((_, prefix)), _) => Some(prefix),
            (None, "!") => Some("!"),
            (None, "!!") => Some(CORE_TAG_PREFIX),
            (None, _) => None,
        }
    }
}
