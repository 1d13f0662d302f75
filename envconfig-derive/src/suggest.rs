//! "Did you mean": the key a typo most likely meant, or the key that users
//! of other crates know by another name.

/// A key as users of serde, clap, confique or envy would write it, and what
/// to write here instead.
pub struct Synonym {
    /// What they write: `rename`, `flatten`, ...
    pub written: &'static [&'static str],
    /// The key meant here, if there is one.
    pub meant: Option<&'static str>,
    /// What that key does, or what to do instead.
    pub hint: &'static str,
}

/// What to say of the unknown key `written`: the key it stands for (or a
/// typo of), with a hint when it is known by another name.
pub fn suggestion(written: &str, allowed: &[&str], synonyms: &[Synonym]) -> Option<String> {
    if let Some(synonym) = synonyms
        .iter()
        .find(|synonym| synonym.written.contains(&written))
    {
        let hint = synonym.hint;
        return Some(match synonym.meant {
            Some(meant) => format!("did you mean `{meant}`? ({hint})"),
            None => hint.to_owned(),
        });
    }
    closest(written, allowed).map(|key| format!("did you mean `{key}`?"))
}

/// The allowed key closest to `written`, if it is close enough to be what
/// was meant.
pub fn closest<'a>(written: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|key| (envconfig_core::edit_distance(written, key), *key))
        .filter(|(distance, key)| *distance <= key.len() / 3)
        .min()
        .map(|(_, key)| key)
}

/// The keys of `#[config]` on a field, by the names other crates give them.
pub const FIELD_SYNONYMS: &[Synonym] = &[
    Synonym {
        written: &[
            "rename", "name", "var", "variable", "env_var", "env_name", "key",
        ],
        meant: Some("env"),
        hint: "`env = \"NAME\"` names the field's variable",
    },
    Synonym {
        written: &["default_value", "default_value_t", "default_t"],
        meant: Some("default"),
        hint: "`default = \"30s\"` is parsed like the variable; `default = <expression>` \
               is a value of the field's type",
    },
    Synonym {
        written: &["flatten"],
        meant: Some("nested"),
        hint: "`nested` reads the field's struct from variables of its own, under the \
               field's prefix",
    },
    Synonym {
        written: &[
            "with",
            "deserialize_with",
            "parse",
            "parser",
            "value_parser",
            "parse_env",
            "from_str",
        ],
        meant: Some("parse_with"),
        hint: "`parse_with = path::to::function`, a `fn(&str) -> Result<T, E>`, reads the value",
    },
    Synonym {
        written: &["sensitive", "redact", "redacted"],
        meant: Some("secret"),
        hint: "`secret` keeps the value out of every output",
    },
    Synonym {
        written: &["aliases"],
        meant: Some("alias"),
        hint: "`alias = \"OLD_NAME\"`, once for each name",
    },
    Synonym {
        written: &["sep", "delimiter", "delim", "value_delimiter"],
        meant: Some("separator"),
        hint: "`separator = \";\"` splits the value of a `Vec` field",
    },
    Synonym {
        written: &["validator", "validate_with", "check"],
        meant: Some("validate"),
        hint: "`validate = path::to::function`, a `fn(&T) -> Result<(), E>`",
    },
    Synonym {
        written: &["min", "max"],
        meant: Some("range"),
        hint: "`range = A..=B`, `range = A..` or `range = ..=B`",
    },
    Synonym {
        written: &["metavar"],
        meant: Some("value_name"),
        hint: "`value_name = \"URL\"` is what the docs call the value",
    },
    Synonym {
        written: &["doc", "help", "description", "about"],
        meant: None,
        hint: "the field's doc comment (`/// ...`) is its variable's description",
    },
    Synonym {
        written: &["skip", "skip_deserializing", "ignore"],
        meant: None,
        hint: "every field of a `Config` struct is read from a variable; keep a value that \
               is not configuration out of the struct",
    },
];

/// The keys of `#[config]` on a struct, by the names other crates give them.
pub const STRUCT_SYNONYMS: &[Synonym] = &[
    Synonym {
        written: &["env_prefix"],
        meant: Some("prefix"),
        hint: "`prefix = \"APP_\"` starts the name of every variable",
    },
    Synonym {
        written: &["krate", "crate_path"],
        meant: Some("crate"),
        hint: "`crate = \"path::to::envconfig\"`",
    },
    Synonym {
        written: &["validator", "check"],
        meant: Some("validate"),
        hint: "`validate = path::to::function`, a `fn(&Self) -> Result<(), Violation>`",
    },
    Synonym {
        written: &["rename_all"],
        meant: None,
        hint: "variables are named after the fields in SCREAMING_SNAKE_CASE; \
               `prefix = \"APP_\"` starts every name, and `env = \"NAME\"` on a field \
               names its variable",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_synonym_is_a_key_or_listed_twice() {
        for (synonyms, keys) in [
            (FIELD_SYNONYMS, crate::attr::FIELD_KEYS),
            (STRUCT_SYNONYMS, crate::attr::STRUCT_KEYS),
        ] {
            let written: Vec<&str> = synonyms.iter().flat_map(|s| s.written).copied().collect();
            for word in &written {
                assert!(!keys.contains(word), "{word} is a key");
                assert_eq!(written.iter().filter(|w| *w == word).count(), 1, "{word}");
            }
            for meant in synonyms.iter().filter_map(|s| s.meant) {
                assert!(keys.contains(&meant), "{meant} is no key");
            }
        }
    }

    #[test]
    fn keys_are_found_by_typo_and_by_other_names() {
        let table = [
            ("defualt", Some("did you mean `default`?")),
            ("seperator", Some("did you mean `separator`?")),
            ("rename", Some("did you mean `env`?")),
            ("flatten", Some("did you mean `nested`?")),
            ("default_value", Some("did you mean `default`?")),
            ("with", Some("did you mean `parse_with`?")),
            ("skip", Some("every field")),
            ("e", None),
        ];
        for (written, start) in table {
            let got = suggestion(written, crate::attr::FIELD_KEYS, FIELD_SYNONYMS);
            match (&got, start) {
                (Some(got), Some(start)) => assert!(got.starts_with(start), "{written}: {got}"),
                (None, None) => {}
                _ => panic!("{written}: {got:?}"),
            }
        }
    }
}
