//! Shell syntax inside `${...}` that dotenvy does not have: it takes the
//! whole text up to `}` as the name, so `${X:-a}` expands the name `X:-a`,
//! which nothing sets, where a shell would give `a`.

/// A shell's form of `${...}` that a braced name is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ShellForm {
    /// `${NAME:-default}`
    Default,
    /// `${NAME-default}`
    DefaultIfUnset,
    /// `${NAME:=default}`
    Assign,
    /// `${NAME=default}`
    AssignIfUnset,
    /// `${NAME:?message}`
    Error,
    /// `${NAME?message}`
    ErrorIfUnset,
    /// `${NAME:+alternative}`
    Alternative,
    /// `${NAME+alternative}`
    AlternativeIfSet,
    /// `${#NAME}`
    Length,
    /// `${NAME#pattern}`, `${NAME##pattern}`
    RemovePrefix,
    /// `${NAME%pattern}`, `${NAME%%pattern}`
    RemoveSuffix,
    /// `${NAME/pattern/text}` (bash)
    Replace,
    /// `${NAME:offset}`, `${NAME:offset:length}` (bash)
    Substring,
    /// `${ NAME }`: blanks inside the braces.
    Blanks,
}

impl ShellForm {
    /// How a shell writes it, with placeholders for what the file wrote
    /// (which may be a secret's text): `${NAME:-default}`.
    pub(crate) fn written(self) -> &'static str {
        match self {
            ShellForm::Default => "${NAME:-default}",
            ShellForm::DefaultIfUnset => "${NAME-default}",
            ShellForm::Assign => "${NAME:=default}",
            ShellForm::AssignIfUnset => "${NAME=default}",
            ShellForm::Error => "${NAME:?message}",
            ShellForm::ErrorIfUnset => "${NAME?message}",
            ShellForm::Alternative => "${NAME:+alternative}",
            ShellForm::AlternativeIfSet => "${NAME+alternative}",
            ShellForm::Length => "${#NAME}",
            ShellForm::RemovePrefix => "${NAME#pattern}",
            ShellForm::RemoveSuffix => "${NAME%pattern}",
            ShellForm::Replace => "${NAME/pattern/text}",
            ShellForm::Substring => "${NAME:offset}",
            ShellForm::Blanks => "${ NAME }",
        }
    }
}

/// A braced name that a shell would read as shell syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ShellSyntax<'a> {
    pub form: ShellForm,
    /// The name a shell would expand: `X` of `${X:-a}`.
    pub shell_name: &'a str,
}

/// The operators that may follow a name inside `${...}`, longest first
/// where one starts another.
const OPERATORS: [(&str, ShellForm); 14] = [
    (":-", ShellForm::Default),
    (":=", ShellForm::Assign),
    (":?", ShellForm::Error),
    (":+", ShellForm::Alternative),
    (":", ShellForm::Substring),
    ("-", ShellForm::DefaultIfUnset),
    ("=", ShellForm::AssignIfUnset),
    ("?", ShellForm::ErrorIfUnset),
    ("+", ShellForm::AlternativeIfSet),
    ("##", ShellForm::RemovePrefix),
    ("#", ShellForm::RemovePrefix),
    ("%%", ShellForm::RemoveSuffix),
    ("%", ShellForm::RemoveSuffix),
    ("/", ShellForm::Replace),
];

/// The shell syntax that the text inside `${...}` is written in, if any:
/// none for a name (`${A}`, also `${A.B}`, which the file may set).
pub(super) fn shell_syntax(braced: &str) -> Option<ShellSyntax<'_>> {
    let trimmed = braced.trim();
    if trimmed.len() != braced.len() && !trimmed.is_empty() {
        let form = ShellForm::Blanks;
        let shell_name = &trimmed[..shell_name_end(trimmed)];
        return Some(ShellSyntax { form, shell_name });
    }
    if let Some(name) = braced.strip_prefix('#')
        && !name.is_empty()
        && shell_name_end(name) == name.len()
    {
        let form = ShellForm::Length;
        return Some(ShellSyntax {
            form,
            shell_name: name,
        });
    }
    let end = shell_name_end(braced);
    if end == 0 {
        return None;
    }
    let (shell_name, rest) = braced.split_at(end);
    let (_, form) = OPERATORS
        .iter()
        .find(|(operator, _)| rest.starts_with(operator))?;
    Some(ShellSyntax {
        form: *form,
        shell_name,
    })
}

/// The length of the shell name (`[A-Za-z_][A-Za-z0-9_]*`) that starts
/// `text`, 0 if none does.
fn shell_name_end(text: &str) -> usize {
    if !text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        return 0;
    }
    text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len())
}
