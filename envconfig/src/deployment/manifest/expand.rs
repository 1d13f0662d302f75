//! `$(NAME)` in a container's `env` values, expanded as the kubelet expands
//! it: a port of Kubernetes' `third_party/forked/golang/expansion/expand.go`,
//! rule for rule, and tested with its table.
//!
//! - `$(NAME)` is replaced by the value of `NAME` when it is defined (by an
//!   entry above, an `envFrom` source, or a Service of the cluster), and
//!   left as written when it is not;
//! - `$$` is one `$`, so `$$(NAME)` is the text `$(NAME)`;
//! - a `$` followed by anything else, an unclosed `$(`, and a `$` that ends
//!   the value are left as written; nothing else is special (`${NAME}`,
//!   `$NAME`, backslashes).

use zeroize::Zeroizing;

use super::env::{Env, Setting, Var, node_key};
use super::facts::{HowSet, Shape};
use super::service_links;
use crate::order::sorted_names;
use crate::provenance::Provenance;
use crate::shown::Abridged;
use crate::warning::Warning;

/// The longest environment string Linux starts a process with,
/// `NAME=value` and its final NUL (`MAX_ARG_STRLEN`): `execve` refuses a
/// longer one, so the container would not start.
const MAX_ARG_STRLEN: usize = 128 * 1024;

/// `input` with its references expanded, and whether the kubelet's value
/// is no UTF-8 at all. `resolve(name, out)` pushes the value of `name`
/// onto `out` and says whether `name` is defined.
///
/// Kubernetes copies a `$` that starts nothing with the next byte read as
/// a character of its own (`string(input[0])` in `tryReadVariableName`):
/// before a character that is not ASCII, the value it starts a container
/// with is not UTF-8. The text here keeps the character whole.
pub(super) fn expand(
    input: &str,
    mut resolve: impl FnMut(&str, &mut String) -> bool,
) -> (Zeroizing<String>, bool) {
    let mut out = Zeroizing::new(String::with_capacity(input.len()));
    let mut not_utf8 = false;
    let bytes = input.as_bytes();
    // Up to where `input` is copied into `out`.
    let mut checkpoint = 0;
    let mut cursor = 0;
    while cursor < bytes.len() {
        if bytes[cursor] == b'$' && cursor + 1 < bytes.len() {
            out.push_str(&input[checkpoint..cursor]);
            let rest = &input[cursor + 1..];
            // How many bytes after the `$` are consumed.
            let advance = match rest.chars().next() {
                Some('$') => {
                    out.push('$');
                    1
                }
                Some('(') => match rest.find(')') {
                    Some(close) => {
                        let name = &rest[1..close];
                        if !resolve(name, &mut out) {
                            out.push_str("$(");
                            out.push_str(name);
                            out.push(')');
                        }
                        close + 1
                    }
                    None => {
                        out.push_str("$(");
                        1
                    }
                },
                Some(other) => {
                    not_utf8 |= !other.is_ascii();
                    out.push('$');
                    out.push(other);
                    other.len_utf8()
                }
                None => 0,
            };
            cursor += advance;
            checkpoint = cursor + 1;
        }
        cursor += 1;
    }
    out.push_str(&input[checkpoint..]);
    (out, not_utf8)
}

impl Env<'_, '_> {
    /// A `value`, its `$(NAME)` references expanded from what is set above
    /// it, as Kubernetes does. A reference to what is set from outside
    /// makes the value external; to what the documents leave open,
    /// unchecked.
    pub(super) fn expanded(&mut self, name: &str, text: &str, origin: Provenance) -> Var {
        let mut external: Option<String> = None;
        let mut unchecked: Option<String> = None;
        let mut copies: Vec<String> = Vec::new();
        let mut optional: Option<String> = None;
        let mut note: Option<String> = None;
        let mut undefined: Vec<String> = Vec::new();
        // What only the cluster knows and the value holds, with a known
        // shape (a cluster IP): the first such, in words.
        let mut shaped: Option<String> = None;
        // A secret's literal is secret text, whatever `$(` it holds; so is
        // its `NAME_FILE`'s, where the secret may be pasted by mistake.
        let is_secret = self.is_secret_text(name);
        let quoted = |reference: &str| {
            if is_secret {
                "...".to_owned()
            } else {
                Abridged::name(reference).to_string()
            }
        };
        // `$(A)$(A)` doubles a value, and an entry per line doubles it
        // again: expanding stops past what a container could start with,
        // and past what the whole build may copy.
        let longest = longest_value(name);
        if text.len() > longest {
            return Var::new(Setting::Undeployable(too_long_reason()), origin);
        }
        let mut too_long = false;
        let mut over_budget = false;
        // What the references put in the value, and where the first one
        // that is written in plain text is: a value that is only
        // `$(TOKEN)`, from a `secretKeyRef`, holds no text of the manifest.
        let mut expanded_len = 0;
        let mut copied_plain_text = None;
        // Whether a reference brings in text the manifest does not hold (a
        // `secretKeyRef`): then that is where the secret is taken to be,
        // and the text around it (`postgres://app:$(DB_PASSWORD)@$(HOST)`)
        // and the other entries it copies are its frame.
        let mut copies_unwritten_text = false;
        let links_enabled = self.links_enabled;
        let (vars, facts, budget) = (&self.vars, &self.facts, &mut self.budget);
        let (value, not_utf8) = expand(text, |reference, out| {
            let shown = quoted(reference);
            let (why, is_external) = match vars.get(reference) {
                Some(var) => {
                    copies.push(reference.to_owned());
                    copies.extend(var.copies.iter().cloned());
                    // What the name is now may be hidden later: the copy
                    // is of the node, and of every name it sets.
                    copies.extend(var.node.map(node_key));
                    if copied_plain_text.is_none() {
                        copied_plain_text.clone_from(&var.how.plain_text);
                    }
                    if optional.is_none() {
                        optional.clone_from(&var.how.optional);
                    }
                    if note.is_none() {
                        note.clone_from(&var.note);
                    }
                    match &var.setting {
                        Setting::Known(value) => {
                            if out.len() + value.len() > longest {
                                too_long = true;
                            } else if !budget.charge(value.len()) {
                                over_budget = true;
                            } else {
                                out.push_str(value);
                                expanded_len += value.len();
                            }
                            return true;
                        }
                        Setting::Shaped(shape) => {
                            out.push_str(&shape.shown);
                            shaped.get_or_insert_with(|| shape.unknown.clone());
                            return true;
                        }
                        Setting::External(from) => {
                            copies_unwritten_text |= var.how.plain_text.is_none();
                            (from.clone(), true)
                        }
                        Setting::Unchecked(_) => ("which is unchecked".to_owned(), false),
                        Setting::Undeployable(_) | Setting::Unreadable(_) => {
                            ("which would not deploy".to_owned(), false)
                        }
                    }
                }
                None => match facts.source_of(reference) {
                    Some(source) => {
                        copies_unwritten_text = true;
                        (format!("which may come from {}", source.what), true)
                    }
                    None if links_enabled && service_links::service_of(reference).is_some() => (
                        "which the kubelet sets if a Service of that name is in the namespace \
                         (none is among the documents)"
                            .to_owned(),
                        false,
                    ),
                    None => {
                        undefined.push(reference.to_owned());
                        return false;
                    }
                },
            };
            let reason = format!("its value expands $({shown}), {why}");
            match is_external {
                true => external.get_or_insert(reason),
                false => unchecked.get_or_insert(reason),
            };
            true
        });
        for reference in undefined {
            // A secret's literal is secret text, whatever `$(` it holds.
            let reference = match is_secret {
                true => "...".to_owned(),
                false => reference,
            };
            self.warnings.push(Warning::UndefinedReference {
                at: origin.clone(),
                var: name.to_owned(),
                reference,
            });
        }
        let mut copies = sorted_names(copies);
        if !copies.is_empty() {
            let list = format!("{name}\0{}", self.copy_lists.len());
            self.copy_lists.insert(list.clone(), copies);
            copies = vec![list];
        }
        let written_here = value.len() > expanded_len;
        let how = HowSet {
            plain_text: match (copies_unwritten_text, written_here) {
                (true, _) => None,
                (false, true) => Some(("a literal `value:`".into(), origin.clone())),
                (false, false) => copied_plain_text,
            },
            optional,
        };
        let setting = if too_long {
            Setting::Undeployable(too_long_reason())
        } else if not_utf8 {
            Setting::Undeployable(
                "its value has a `$` before a character that is not ASCII, which Kubernetes' \
                 expansion turns into bytes that are not UTF-8, so the container would not \
                 start (write `$$` for a `$`)"
                    .to_owned(),
            )
        } else if over_budget {
            Setting::Unchecked(
                "not built: the environment's copies went past envconfig's bound".to_owned(),
            )
        } else if let Some(reason) = unchecked {
            Setting::Unchecked(reason)
        } else if let Some(reason) = external {
            Setting::External(reason)
        } else if let Some(unknown) = shaped {
            match self.forms(text) {
                Some(forms) => Setting::Shaped(Shape {
                    forms,
                    shown: value,
                    unknown,
                }),
                None => Setting::Unchecked(
                    "not built: the environment's copies went past envconfig's bound".to_owned(),
                ),
            }
        } else {
            Setting::Known(value)
        };
        Var {
            setting,
            origin,
            copies,
            how,
            node: None,
            note,
            from_link: false,
            entry_line: None,
        }
    }
}

impl Env<'_, '_> {
    /// `text` expanded with each representative cluster IP in place of
    /// the unknown ones (every reference it makes is known or shaped);
    /// `None` past the budget.
    fn forms(&mut self, text: &str) -> Option<Vec<Zeroizing<String>>> {
        let mut forms = Vec::new();
        for at in 0..service_links::CLUSTER_IPS.len() {
            let (form, _) = expand(text, |reference, out| {
                match self.vars.get(reference).map(|var| &var.setting) {
                    Some(Setting::Known(value)) => out.push_str(value),
                    Some(Setting::Shaped(shape)) => out.push_str(&shape.forms[at]),
                    _ => return false,
                }
                true
            });
            if !self.budget.charge(form.len()) {
                return None;
            }
            forms.push(form);
        }
        Some(forms)
    }
}

/// The longest value `name` can be set to, as [`MAX_ARG_STRLEN`] counts:
/// `NAME=value` and its NUL.
pub(super) fn longest_value(name: &str) -> usize {
    MAX_ARG_STRLEN.saturating_sub(name.len() + 2)
}

/// Why a value longer than [`MAX_ARG_STRLEN`] would not deploy.
pub(super) fn too_long_reason() -> String {
    format!(
        "its value is longer than the {} KiB that Linux starts a process with for one variable \
         (with its name), so the container would not start",
        MAX_ARG_STRLEN / 1024
    )
}
