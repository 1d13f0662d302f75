//! `$(NAME)` expansion as the kubelet does it: Kubernetes' own table
//! (`expand_test.go`) and a model of its rules.

use super::expand::*;
use std::collections::HashMap;

fn expand_with(input: &str, context: &HashMap<&str, &str>) -> String {
    let (expanded, _) = expand(input, |name, out| match context.get(name) {
        Some(value) => {
            out.push_str(value);
            true
        }
        None => false,
    });
    expanded.as_str().to_owned()
}

/// Kubernetes' own table (`expand_test.go`, `doExpansionTest`), then
/// cases it does not spell out.
#[test]
fn kubernetes_expansion_table() {
    let context: HashMap<&str, &str> = [
        ("VAR_A", "A"),
        ("VAR_B", "B"),
        ("VAR_C", "C"),
        ("VAR_REF", "$(VAR_A)"),
        ("VAR_EMPTY", ""),
    ]
    .into_iter()
    .collect();
    let table = [
        ("$(VAR_A)", "A"),
        ("$(VAR_A)-$(VAR_A)", "A-A"),
        ("$(VAR_A)-1", "A-1"),
        ("___$(VAR_B)___", "___B___"),
        ("___$(VAR_C)", "___C"),
        ("$(VAR_A)_$(VAR_B)_$(VAR_C)", "A_B_C"),
        ("$$(VAR_B)_$(VAR_A)", "$(VAR_B)_A"),
        ("$$(VAR_A)_$$(VAR_B)", "$(VAR_A)_$(VAR_B)"),
        ("f000-$$VAR_A", "f000-$VAR_A"),
        ("foo\\$(VAR_C)bar", "foo\\Cbar"),
        ("foo\\\\$(VAR_C)bar", "foo\\\\Cbar"),
        ("foo\\\\\\\\$(VAR_A)bar", "foo\\\\\\\\Abar"),
        ("$(VAR_A$(VAR_B))", "$(VAR_A$(VAR_B))"),
        ("$(VAR_A$(VAR_B)", "$(VAR_A$(VAR_B)"),
        ("$(VAR_REF)", "$(VAR_A)"),
        ("%%$(VAR_REF)--$(VAR_REF)%%", "%%$(VAR_A)--$(VAR_A)%%"),
        ("foo$(VAR_EMPTY)bar", "foobar"),
        ("foo$(VAR_Awhoops!", "foo$(VAR_Awhoops!"),
        ("f00__(VAR_A)__", "f00__(VAR_A)__"),
        ("$?_boo_$!", "$?_boo_$!"),
        ("$VAR_A", "$VAR_A"),
        ("$(VAR_DNE)", "$(VAR_DNE)"),
        ("$$$$$$(BIG_MONEY)", "$$$(BIG_MONEY)"),
        ("$$$$$$(VAR_A)", "$$$(VAR_A)"),
        ("$$$$$$$(GOOD_ODDS)", "$$$$(GOOD_ODDS)"),
        ("$$$$$$$(VAR_A)", "$$$A"),
        ("$VAR_A)", "$VAR_A)"),
        ("${VAR_A}", "${VAR_A}"),
        ("$(VAR_B)_______$(A", "B_______$(A"),
        ("$(VAR_C)_______$(", "C_______$("),
        ("$(VAR_A)foobarzab$", "Afoobarzab$"),
        ("foo-\\$(VAR_A", "foo-\\$(VAR_A"),
        ("--$($($($($--", "--$($($($($--"),
        ("$($($($($--foo$(", "$($($($($--foo$("),
        ("foo0--$($($($(", "foo0--$($($($("),
        ("$(foo$$var)", "$(foo$$var)"),
        ("\n", "\n"),
        // Beyond Kubernetes' table: a `$` before a character of more
        // than one byte, an empty name, and a lone `$`.
        ("$é$(VAR_A)", "$éA"),
        ("é$$é", "é$é"),
        ("$()", "$()"),
        ("$", "$"),
        ("", ""),
    ];
    for (input, expected) in table {
        assert_eq!(expand_with(input, &context), expected, "{input:?}");
    }
}

/// Kubernetes' rules (`tryReadVariableName`) restated over chars, with
/// each case of the rule written out: the port must agree with it on
/// any text. Where Kubernetes, working on bytes, writes `$` and the
/// first byte of a character of several bytes as a character of its
/// own (mangling it), the model keeps the character, as the port does.
fn model(input: &str, context: &HashMap<&str, &str>) -> String {
    let mut out = String::new();
    let mut rest = input;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        let after = &rest[dollar + 1..];
        let mut chars = after.chars();
        rest = match chars.next() {
            // A `$` that ends the input stays.
            None => {
                out.push('$');
                ""
            }
            // `$$` is an escaped `$`.
            Some('$') => {
                out.push('$');
                chars.as_str()
            }
            // `$(NAME)` is the value of NAME, or stays when NAME is not
            // defined; `$(` with no `)` after it stays.
            Some('(') => {
                let inside = chars.as_str();
                match inside.split_once(')') {
                    Some((name, after)) => {
                        match context.get(name) {
                            Some(value) => out.push_str(value),
                            None => out.push_str(&format!("$({name})")),
                        }
                        after
                    }
                    None => {
                        out.push_str("$(");
                        inside
                    }
                }
            }
            // Any other character after a `$` is copied with it, and is
            // not read as the start of anything.
            Some(other) => {
                out.push('$');
                out.push(other);
                chars.as_str()
            }
        };
    }
    out.push_str(rest);
    out
}

#[test]
fn agrees_with_a_model_of_kubernetes_rules() {
    use proptest::collection::vec;
    use proptest::prelude::*;
    use proptest::sample::select;

    let context: HashMap<&str, &str> = [
        ("A", "a"),
        ("B", "$(A)"),
        ("EMPTY", ""),
        ("$", "dollar"),
        ("(", "paren"),
        ("A B", "spaced"),
        ("\u{e9}", "e"),
    ]
    .into_iter()
    .collect();
    const PIECES: &[&str] = &[
        "$",
        "$",
        "$",
        "(",
        ")",
        "A",
        "B",
        "EMPTY",
        "C",
        " ",
        "\\",
        "\u{e9}",
        "\u{1f600}",
        "x",
    ];
    let text = vec(select(PIECES), 0..24).prop_map(|pieces| pieces.concat());
    crate::props::run(file!(), 5_000, text, |text| {
        prop_assert_eq!(
            expand_with(&text, &context),
            model(&text, &context),
            "{:?}",
            text
        );
        Ok(())
    });
}

/// Kubernetes' `TestMapReference`: each entry sees the ones above it,
/// expanded.
#[test]
fn each_entry_expands_from_those_above() {
    let mut context: HashMap<&str, String> = HashMap::new();
    for (name, value) in [("FOO", "bar"), ("ZOO", "$(FOO)-1"), ("BLU", "$(ZOO)-2")] {
        let (expanded, _) = expand(value, |name, out| match context.get(name) {
            Some(value) => {
                out.push_str(value);
                true
            }
            None => false,
        });
        context.insert(name, expanded.as_str().to_owned());
    }
    assert_eq!(context["ZOO"], "bar-1");
    assert_eq!(context["BLU"], "bar-1-2");
}

/// A `$` that starts nothing, before a character that is not ASCII,
/// makes the kubelet's value no UTF-8; an escaped one, a reference,
/// or ASCII after it does not.
#[test]
fn a_dollar_before_a_character_that_is_not_ascii_breaks_utf8() {
    let breaks = |input: &str| expand(input, |_, _| false).1;
    for input in ["$\u{e9}", "a$\u{20ac}b", "$$$\u{e9}"] {
        assert!(breaks(input), "{input}");
    }
    for input in ["$$\u{e9}", "$(\u{e9})", "\u{e9}$", "$x\u{e9}", "\u{e9}"] {
        assert!(!breaks(input), "{input}");
    }
}
