//! The secret matrix: every value kind × every shape of a secret field,
//! declared once, from the two lists below, and shared by the sweep
//! (`tests/secret_sweep.rs`) and the binary it runs
//! (`examples/secret_matrix.rs`, which loads [`Matrix`] with
//! `envconfig::load_or_exit`).
//!
//! - A *kind* is a value type: one line in `kinds!` at the bottom of this
//!   file. The line names the kind's module and type (one identifier in
//!   scope), says which shapes the type allows (`zeroize`: `SecretBox<T>`
//!   needs `T: Zeroize`; `text`: the `SecretString` shapes are for the
//!   `String` kind; `runtime_default`: an invalid string default compiles;
//!   `range`: whether the kind takes `range`, and a range of it),
//!   and gives the kind's values: `plain` (valid, no canary: a list's other
//!   items), `valid` (the valid canary numbered `n`, the field's number in
//!   the whole matrix, or `i`, its number within the kind; `None` when the
//!   kind's valid values cannot be told apart in an output), the exact
//!   variable name, three aliases (the `alias` shape's, whose value is set
//!   under it; the `copied_alias` shape's; and the alias of the plain field
//!   that copies the `copied_by_alias` shape), and the literals of the
//!   defaults, each a canary of one
//!   field (a string default, an invalid string default, the default of a
//!   `parse_with` field, an expression default and its canary).
//! - A *shape* is how a field holds a secret: one line in `shapes!`, in the
//!   section saying where the field is (`top`; `nested`, in a
//!   `#[config(nested)]` struct; `optional`, in an `Option<Optional>` group,
//!   on when any of its variables is set; `switched`, in an
//!   `Option<Switched>` group that `enabled_by = switch` turns on, true in
//!   the valid runs and false in the invalid ones, which set its values all
//!   the same; `shared_before`/`shared_after`, read with a
//!   non-secret field of type `T`, of another nested struct, that reads the
//!   same variable before or after it; `copied`, in `Fields`, copied by a
//!   non-secret field of the kind's `Copiers` struct, whose value is a
//!   reference to the secret's variable or alias, `${NAME}` in a dotenv file
//!   and `$(NAME)` in a manifest; `ruled`, in the kind's `Ruled` struct,
//!   whose rule across fields quotes the secret and names a plain field,
//!   `check`, first). The line gives the field's name, the
//!   shape's label, the condition under which the kind allows it (and the
//!   [`Skip`] reason when not), the default's canary if it has one, then the
//!   field's attributes and type, written with `$K` for the kind's type (and
//!   in `copied`, after `copier =>`, the copier's attributes and type).
//!
//! For every kind, the lists make a module (`integer`, `duration`, ...)
//! holding a `Group` nested in [`Matrix`] (variables `SWEEP_<KIND>_...`),
//! and `FIELDS`, the table of its fields in the order of `Matrix::docs()`.
//! [`KINDS`] lists the kinds. A field the kind does not allow is compiled
//! out with `#[cfg(any())]`, and stays in the table, marked.

#![allow(dead_code)] // the binary loads the structs and never reads them

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use envconfig::{ByteSize, Config};
use secrecy::zeroize::Zeroize;
use secrecy::{SecretBox, SecretString};

/// `SecretString` under another name: the derive sees only this name, and
/// the parser tells that it is secret.
pub type RenamedSecret = SecretString;

/// One kind of value.
pub struct KindSpec {
    /// Its module: `integer`; the variables are `SWEEP_INTEGER_...`.
    pub name: &'static str,
    /// Its type: `u16`.
    pub ty: &'static str,
    /// A valid value that is no canary: the other items of a list.
    pub plain: &'static str,
    /// The valid canary of the field numbered `n` in the matrix, `i` within
    /// the kind.
    pub valid: fn(usize, usize) -> Option<String>,
    /// Its fields, in the order of [`Matrix::docs`].
    pub fields: &'static [FieldSpec],
    /// Whether envconfig's own parser (or the type's `FromStr`) rejects a
    /// value: `String` and `PathBuf` take any text.
    pub rejects: fn(&str) -> bool,
}

/// One field of a kind's module.
pub struct FieldSpec {
    pub field: &'static str,
    /// The shape, as written: `Option<SecretBox<T>>`.
    pub shape: &'static str,
    pub place: Place,
    /// Whether the kind allows the shape: if not, the field is compiled out.
    pub applies: bool,
    /// Why it does not.
    pub skip: Skip,
    pub default: Option<DefaultCanary>,
}

/// Where a field is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// In the kind's `Fields` struct.
    Top,
    /// In a `#[config(nested)]` struct inside `Fields`.
    Nested,
    /// In `Fields`, reading the variable that a non-secret field of the
    /// kind's `Before` struct has read already.
    SharedBefore,
    /// In `Fields`, reading the variable that a non-secret field of the
    /// kind's `After` struct reads next.
    SharedAfter,
    /// The non-secret field that reads a shared variable: no canary of its
    /// own, it reads its secret partner's.
    Partner,
    /// In the kind's `Ruled` struct, a `#[config(nested)]` one whose rule
    /// across fields quotes the secret and names a plain field first.
    Ruled,
    /// That plain field, `check`: set in the invalid runs, it breaks the
    /// rule (the secrets stay valid, so that the rule runs).
    RulePartner,
    /// In an optional group (`Option<Optional>` in `Fields`), on when any
    /// of its variables is set.
    Optional,
    /// In a group that a switch turns on (`#[config(nested, enabled_by =
    /// switch)] Option<Switched>` in `Fields`).
    Switched,
    /// That switch, `switch`: true in the valid runs, which load the group,
    /// and false in the invalid ones, whose values the group then ignores
    /// (a warning naming each).
    Switch,
    /// A non-secret field of the kind's `Copiers` struct that copies the
    /// secret field of the same name: its value is a reference to the
    /// secret's variable (or alias) in a dotenv file and in a manifest's
    /// `value:`, and a plain value elsewhere.
    Copier,
}

impl Place {
    /// Whether the field is a secret of the matrix (a cell), not a plain
    /// field that reads, copies or checks one.
    pub fn is_secret(self) -> bool {
        !matches!(
            self,
            Place::Partner | Place::RulePartner | Place::Copier | Place::Switch
        )
    }
}

/// Why a shape does not apply to a kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    /// It applies.
    Applies,
    /// `SecretBox<T>` needs `T: Zeroize`, which `Duration`, `ByteSize` and
    /// `PathBuf` are not (and a test cannot make them): the type system
    /// forbids the field.
    NotZeroize,
    /// `SecretString` holds text: its shapes are for the `String` kind. (The
    /// `parse_with` shapes of `SecretString` validate any kind, and apply to
    /// all.)
    NotText,
    /// An invalid string default: a string default of a built-in value type
    /// is checked when the program is compiled (DESIGN.md, "A richer
    /// schema"), and `String` and `PathBuf` have no invalid value. Only
    /// `FromStr` kinds can have one.
    NoInvalidDefault,
    /// `range` is for integers, floats, durations and byte sizes.
    NotRanged,
}

impl Skip {
    /// Whether it is the type system that forbids the field.
    pub fn by_type_system(self) -> bool {
        self == Skip::NotZeroize
    }

    pub fn reason(self) -> &'static str {
        match self {
            Skip::Applies => "",
            Skip::NotZeroize => "SecretBox<T> needs T: Zeroize",
            Skip::NotText => "SecretString shapes are for the String kind",
            Skip::NoInvalidDefault => "an invalid string default compiles only for FromStr kinds",
            Skip::NotRanged => "range is for numbers, durations and sizes",
        }
    }
}

/// A field's default, when it is a canary of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultCanary {
    /// A valid default: applied when the variable is unset.
    Valid(&'static str),
    /// An invalid one: a problem when the variable is unset.
    Invalid(&'static str),
}

impl DefaultCanary {
    pub fn text(self) -> &'static str {
        match self {
            DefaultCanary::Valid(text) | DefaultCanary::Invalid(text) => text,
        }
    }
}

/// The matrix's `secrets_dir`: `secrets` in the working directory of the
/// process that loads it, through the link Linux gives every process to
/// its own. The attribute takes a constant absolute path; this one lets
/// each run of the sweep's binaries, started in a temporary directory of
/// its own, have a directory of its own, with no path shared between
/// runs or fixed on the machine. (The sweep's loads in process run in the
/// package's directory, which has no `secrets`.)
pub const SECRETS_DIR: &str = "/proc/self/cwd/secrets";

/// The non-secret control: its invalid value must appear in every error
/// output, or the sweep proves nothing.
#[derive(Config)]
pub struct Control {
    /// A port: `SWEEP_CONTROL_PORT`.
    pub port: u16,
}

/// The control's invalid value.
pub const CONTROL_INVALID: &str = "not-a-port-control-3b1e";
/// Its valid value.
pub const CONTROL_VALID: &str = "8443";

/// A type whose `FromStr` error echoes its whole input, as many do.
#[derive(Debug)]
pub struct Token(String);

impl Token {
    pub fn new(text: &str) -> Token {
        Token(text.to_owned())
    }
}

impl FromStr for Token {
    type Err = String;
    fn from_str(text: &str) -> Result<Token, String> {
        if text.starts_with("tok-") {
            Ok(Token::new(text))
        } else {
            Err(format!("bad token {text}"))
        }
    }
}

impl Zeroize for Token {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

macro_rules! animals {
    ($($variant:ident $name:literal,)*) => {
        /// An enum read through its `FromStr`, whose error does not quote
        /// the input. Its valid values are few and fixed, so each is a
        /// canary of one field: the names from the fifth on, one per field
        /// of the kind.
        #[derive(Clone, Copy, Debug)]
        pub enum Animal {
            $($variant,)*
        }

        /// Every animal's name, in the order of the variants.
        pub const ANIMALS: &[&str] = &[$($name,)*];

        impl FromStr for Animal {
            type Err = String;
            fn from_str(text: &str) -> Result<Animal, String> {
                $(
                    if text.eq_ignore_ascii_case($name) {
                        return Ok(Animal::$variant);
                    }
                )*
                Err("not an animal of the zoo".to_owned())
            }
        }
    };
}

animals! {
    // The kind's plain value, its defaults: string, `parse_with`'s, expression.
    Dodo "dodo", Quokka "quokka", Okapi "okapi", Narwhal "narwhal",
    // The valid canaries.
    Aardvark "aardvark", Axolotl "axolotl", Barracuda "barracuda", Capybara "capybara",
    Chinchilla "chinchilla", Dugong "dugong", Echidna "echidna", Flamingo "flamingo",
    Gazelle "gazelle", Hedgehog "hedgehog", Jackal "jackal", Kinkajou "kinkajou",
    Lemming "lemming", Mongoose "mongoose", Numbat "numbat", Ocelot "ocelot",
    Pangolin "pangolin", Quetzal "quetzal", Salamander "salamander", Tapir "tapir",
    Vicuna "vicuna", Walrus "walrus", Wolverine "wolverine", Zorilla "zorilla",
    Ibex "ibex", Marmot "marmot", Platypus "platypus", Serval "serval",
    Wombat "wombat", Yak "yak", Bonobo "bonobo", Caracal "caracal", Gecko "gecko",
    Lynx "lynx",
}

/// A `#[derive(Choice)]` enum. Its choices are public (the docs list
/// them), so, as with a bool, only its invalid values are canaries.
#[derive(Clone, Copy, Debug, envconfig::Choice)]
pub enum Mode {
    Fast,
    Slow,
    Eco,
}

impl Zeroize for Animal {
    fn zeroize(&mut self) {
        *self = Animal::Dodo;
    }
}

/// The valid canary of the `i`th field of the `Animal` kind.
fn animal(i: usize) -> Option<String> {
    let canaries = &ANIMALS[4..];
    assert!(
        i < canaries.len(),
        "the Animal kind has more fields than animals: add some to `animals!`"
    );
    Some(canaries[i].to_owned())
}

/// Every shape of a secret field, one line each, for the kind `$K`.
///
/// A line: `name "label" if [cfg predicate] else SkipReason
/// [default DefaultCanary::...(canary)] => #[attributes] Type;`. The
/// predicate is the kind's `$zeroize`, `$text` or `$runtime_default`, or
/// `all()`. In attributes, `as_kind`, `as_secret_string` and
/// `as_secret_box` are the kind's `parse_with` functions, whose error
/// echoes the input.
macro_rules! shapes {
    (
        $kind:ident $K:ident [$($zeroize:tt)*] [$($text:tt)*] [$($runtime_default:tt)*]
        [$($ranged:tt)*] { $($range:tt)* }
        $exact:tt $alias:tt $copied_alias:tt $copier_alias:tt
        $default:tt $invalid_default:tt $with_default:tt { $($expr:tt)* } $expr_canary:tt
    ) => {
        kind_module! { $kind $K, [$($zeroize)*]
            top {
                secret_attr "#[config(secret)] T" if [all()] else Applies
                    => #[config(secret)] $K;
                secret_box "SecretBox<T>" if [$($zeroize)*] else NotZeroize
                    => SecretBox<$K>;
                secret_string "SecretString" if [$($text)*] else NotText
                    => SecretString;
                option_attr "#[config(secret)] Option<T>" if [all()] else Applies
                    => #[config(secret)] Option<$K>;
                option_box "Option<SecretBox<T>>" if [$($zeroize)*] else NotZeroize
                    => Option<SecretBox<$K>>;
                option_string "Option<SecretString>" if [$($text)*] else NotText
                    => Option<SecretString>;
                vec_attr "#[config(secret)] Vec<T>" if [all()] else Applies
                    => #[config(secret)] Vec<$K>;
                vec_box "Vec<SecretBox<T>>" if [$($zeroize)*] else NotZeroize
                    => Vec<SecretBox<$K>>;
                vec_string "Vec<SecretString>" if [$($text)*] else NotText
                    => Vec<SecretString>;
                renamed_string "a type alias of SecretString" if [$($text)*] else NotText
                    => RenamedSecret;
                with_attr "#[config(secret, parse_with = f)] T" if [all()] else Applies
                    => #[config(secret, parse_with = as_kind)] $K;
                with_string "#[config(parse_with = f)] SecretString" if [all()] else Applies
                    => #[config(parse_with = as_secret_string)] SecretString;
                with_box "#[config(parse_with = f)] SecretBox<T>" if [$($zeroize)*] else NotZeroize
                    => #[config(parse_with = as_secret_box)] SecretBox<$K>;
                with_option_string "#[config(parse_with = f)] Option<SecretString>" if [all()] else Applies
                    => #[config(parse_with = as_secret_string)] Option<SecretString>;
                with_renamed "#[config(parse_with = f)] a type alias of SecretString" if [all()] else Applies
                    => #[config(parse_with = as_secret_string)] RenamedSecret;
                with_default "#[config(parse_with = f, default = \"..\")] SecretString" if [all()] else Applies
                    default DefaultCanary::Valid($with_default)
                    => #[config(parse_with = as_secret_string, default = $with_default)] SecretString;
                string_default "#[config(secret, default = \"..\")] T" if [all()] else Applies
                    default DefaultCanary::Valid($default)
                    => #[config(secret, default = $default)] $K;
                expr_default "#[config(secret, default = <expr>)] T" if [all()] else Applies
                    default DefaultCanary::Valid($expr_canary)
                    => #[config(secret, default = $($expr)*)] $K;
                invalid_default "#[config(secret, default = \"<invalid>\")] T" if [$($runtime_default)*] else NoInvalidDefault
                    default DefaultCanary::Invalid($invalid_default)
                    => #[config(secret, default = $invalid_default)] $K;
                exact_name "#[config(secret, env = \"NAME\")] T" if [all()] else Applies
                    => #[config(secret, env = $exact)] $K;
                alias "#[config(secret, alias = \"OLD\")] T, set through the alias" if [all()] else Applies
                    => #[config(secret, alias = $alias)] $K;
                deprecated "#[config(secret, deprecated = \"..\")] T" if [all()] else Applies
                    => #[config(secret, deprecated = "set it elsewhere")] $K;
                value_name "#[config(secret, value_name = \"..\")] T" if [all()] else Applies
                    => #[config(secret, value_name = "SECRET-THING")] $K;
                validate "#[config(secret, validate = f)] T" if [all()] else Applies
                    => #[config(secret, validate = validate_kind)] $K;
                range "#[config(secret, range = ..)] T" if [$($ranged)*] else NotRanged
                    => #[config(secret, range = $($range)*)] $K;
            }
            nested {
                secret_attr "nested: #[config(secret)] T" if [all()] else Applies
                    => #[config(secret)] $K;
                secret_box "nested: SecretBox<T>" if [$($zeroize)*] else NotZeroize
                    => SecretBox<$K>;
                secret_string "nested: SecretString" if [$($text)*] else NotText
                    => SecretString;
            }
            optional {
                secret_attr "optional group: #[config(secret)] T" if [all()] else Applies
                    => #[config(secret)] $K;
                secret_box "optional group: SecretBox<T>" if [$($zeroize)*] else NotZeroize
                    => SecretBox<$K>;
                secret_string "optional group: SecretString" if [$($text)*] else NotText
                    => SecretString;
            }
            switched {
                secret_attr "switched group: #[config(secret)] T" if [all()] else Applies
                    => #[config(secret)] $K;
                secret_box "switched group: SecretBox<T>" if [$($zeroize)*] else NotZeroize
                    => SecretBox<$K>;
                secret_string "switched group: SecretString" if [$($text)*] else NotText
                    => SecretString;
            }
            shared_before {
                shared_plain_first "shared variable: T, then #[config(secret)] T" if [all()] else Applies
                    => #[config(secret)] $K;
            }
            shared_after {
                shared_secret_first "shared variable: #[config(secret)] T, then T" if [all()] else Applies
                    => #[config(secret)] $K;
                shared_box_first "shared variable: SecretBox<T>, then T" if [$($zeroize)*] else NotZeroize
                    => SecretBox<$K>;
            }
            copied {
                copied "#[config(secret)] T, copied by a plain T: dotenv COPY=${NAME}, manifest $(NAME)" if [all()] else Applies
                    => #[config(secret)] $K; copier => $K;
                copied_alias "#[config(secret, alias = \"OLD\")] T set through the alias, copied by a plain T: COPY=${OLD}" if [all()] else Applies
                    => #[config(secret, alias = $copied_alias)] $K; copier => $K;
                copied_by_alias "#[config(secret)] T, copied by a plain T read through its alias: OLD_COPY=${NAME}" if [all()] else Applies
                    => #[config(secret)] $K; copier => #[config(alias = $copier_alias)] $K;
            }
            // A `ruled` type exposes its text (`ExposeSecret<str>`), which
            // the rule quotes as it was set: a `$K` quoted with `{:?}` would
            // not show every kind's canary (a `Duration` of `001h59m7s` is
            // `7147s`), and the scan would not see it.
            ruled {
                rule "#[config(parse_with = f)] SecretString, quoted by its struct's rule, which names a plain field first" if [all()] else Applies
                    => #[config(parse_with = as_secret_string)] SecretString;
            }
        }
    };
}

/// The module of one kind, from its shapes.
macro_rules! kind_module {
    (
        $kind:ident $K:ty, [$($zeroize:tt)*]
        top { $(
            $name:ident $label:literal if [$($pred:tt)*] else $skip:ident
            $(default $default:expr)? => $(#[$($attr:tt)*])* $ty:ty;
        )* }
        nested { $(
            $n_name:ident $n_label:literal if [$($n_pred:tt)*] else $n_skip:ident
            $(default $n_default:expr)? => $(#[$($n_attr:tt)*])* $n_ty:ty;
        )* }
        optional { $(
            $o_name:ident $o_label:literal if [$($o_pred:tt)*] else $o_skip:ident
            $(default $o_default:expr)? => $(#[$($o_attr:tt)*])* $o_ty:ty;
        )* }
        switched { $(
            $s_name:ident $s_label:literal if [$($s_pred:tt)*] else $s_skip:ident
            $(default $s_default:expr)? => $(#[$($s_attr:tt)*])* $s_ty:ty;
        )* }
        shared_before { $(
            $b_name:ident $b_label:literal if [$($b_pred:tt)*] else $b_skip:ident
            $(default $b_default:expr)? => $(#[$($b_attr:tt)*])* $b_ty:ty;
        )* }
        shared_after { $(
            $a_name:ident $a_label:literal if [$($a_pred:tt)*] else $a_skip:ident
            $(default $a_default:expr)? => $(#[$($a_attr:tt)*])* $a_ty:ty;
        )* }
        copied { $(
            $c_name:ident $c_label:literal if [$($c_pred:tt)*] else $c_skip:ident
            $(default $c_default:expr)? => $(#[$($c_attr:tt)*])* $c_ty:ty;
            copier => $(#[$($c_copier_attr:tt)*])* $c_copier_ty:ty;
        )* }
        ruled { $(
            $r_name:ident $r_label:literal if [$($r_pred:tt)*] else $r_skip:ident
            $(default $r_default:expr)? => $(#[$($r_attr:tt)*])* $r_ty:ty;
        )* }
    ) => {
        pub mod $kind {
            use super::*;

            /// The kind's fields, all under one prefix: the non-secret
            /// readers of the shared variables before and after the rest.
            #[derive(Config)]
            pub struct Group {
                #[config(nested, prefix = "")]
                pub before: Before,
                #[config(nested, prefix = "")]
                pub fields: Fields,
                #[config(nested, prefix = "")]
                pub after: After,
            }

            #[derive(Config)]
            pub struct Before {
                $( #[cfg($($b_pred)*)] pub $b_name: $K, )*
            }

            #[derive(Config)]
            pub struct Fields {
                $( #[cfg($($pred)*)] $(#[$($attr)*])* pub $name: $ty, )*
                $( #[cfg($($b_pred)*)] $(#[$($b_attr)*])* pub $b_name: $b_ty, )*
                $( #[cfg($($a_pred)*)] $(#[$($a_attr)*])* pub $a_name: $a_ty, )*
                $( #[cfg($($c_pred)*)] $(#[$($c_attr)*])* pub $c_name: $c_ty, )*
                #[config(nested)]
                pub nested: Nested,
                #[config(nested)]
                pub ruled: Ruled,
                #[config(nested)]
                pub copiers: Copiers,
                #[config(nested)]
                pub optional: Option<Optional>,
                #[config(default = false)]
                pub switch: bool,
                #[config(nested, enabled_by = switch)]
                pub switched: Option<Switched>,
            }

            /// On when any of its variables is set.
            #[derive(Config)]
            pub struct Optional {
                $( #[cfg($($o_pred)*)] $(#[$($o_attr)*])* pub $o_name: $o_ty, )*
            }

            /// On when `switch` is true.
            #[derive(Config)]
            pub struct Switched {
                $( #[cfg($($s_pred)*)] $(#[$($s_attr)*])* pub $s_name: $s_ty, )*
            }

            #[derive(Config)]
            pub struct Nested {
                $( #[cfg($($n_pred)*)] $(#[$($n_attr)*])* pub $n_name: $n_ty, )*
            }

            /// The secrets of the `ruled` shapes, under a rule of the
            /// struct that quotes them and names `check`, a plain field,
            /// first: the rule's problem sits on `check`'s line of the
            /// `--check-env` report. It is broken when `check` is set, in
            /// the sweep's invalid runs (which set the secrets valid).
            #[derive(Config)]
            #[config(validate = rule_quotes_secrets)]
            pub struct Ruled {
                #[config(default = false)]
                pub check: bool,
                $( #[cfg($($r_pred)*)] $(#[$($r_attr)*])* pub $r_name: $r_ty, )*
            }

            /// A rule across fields whose words quote the secrets, as a
            /// careless rule's do.
            fn rule_quotes_secrets(ruled: &Ruled) -> Result<(), envconfig::Violation> {
                if !ruled.check {
                    return Ok(());
                }
                #[allow(unused_mut)]
                let mut quoted: Vec<String> = Vec::new();
                #[allow(unused_mut)]
                let mut named = vec!["check"];
                $(
                    #[cfg($($r_pred)*)]
                    quoted.push(secrecy::ExposeSecret::expose_secret(&ruled.$r_name).to_owned());
                    #[cfg($($r_pred)*)]
                    named.push(stringify!($r_name));
                )*
                Err(envconfig::Violation::new(format!("{} do not pass the check", quoted.join(", ")))
                    .of(named))
            }

            /// The plain fields that copy the `copied` shapes' secrets:
            /// each is named after the secret it copies, and is set to a
            /// reference to it in a dotenv file (`${NAME}`) or a manifest's
            /// `value:` (`$(NAME)`), to a plain value elsewhere.
            #[derive(Config)]
            pub struct Copiers {
                $( #[cfg($($c_pred)*)] $(#[$($c_copier_attr)*])* pub $c_name: $c_copier_ty, )*
            }

            #[derive(Config)]
            pub struct After {
                $( #[cfg($($a_pred)*)] pub $a_name: $K, )*
            }

            /// The kind parsed by envconfig, for the `parse_with` functions.
            #[derive(Config)]
            struct Check {
                #[config(env = "VALUE")]
                value: $K,
            }

            /// Whether envconfig rejects `text` for this kind.
            pub fn rejects(text: &str) -> bool {
                Check::from_vars([("VALUE", text)]).is_err()
            }

            /// The kind, as envconfig parses it, also rejecting every
            /// `canary-invalid-...` (which `String` and `PathBuf` take); the
            /// error echoes the input, as parsers' errors often do.
            pub fn as_kind(text: &str) -> Result<$K, String> {
                match Check::from_vars([("VALUE", text)]) {
                    Ok(check) if !text.starts_with("canary-invalid") => Ok(check.value),
                    _ => Err(format!("bad value {text}")),
                }
            }

            /// A field's rule that rejects every `canary-invalid-...` that
            /// the kind's parser takes (`String`, `PathBuf`), its error
            /// echoing the value, as rules' errors often do.
            pub fn validate_kind(value: &$K) -> Result<(), String> {
                let shown = format!("{value:?}");
                if shown.contains("canary-invalid") {
                    Err(format!("bad value {shown}"))
                } else {
                    Ok(())
                }
            }

            pub fn as_secret_string(text: &str) -> Result<SecretString, String> {
                as_kind(text).map(|_| SecretString::from(text.to_owned()))
            }

            #[cfg($($zeroize)*)]
            pub fn as_secret_box(text: &str) -> Result<SecretBox<$K>, String> {
                as_kind(text).map(|value| SecretBox::new(Box::new(value)))
            }

            /// Every field, in the order of `Matrix::docs()`.
            pub const FIELDS: &[FieldSpec] = &[
                $( kind_module!(@spec $b_name $b_label Partner [$($b_pred)*] $b_skip), )*
                $( kind_module!(@spec $name $label Top [$($pred)*] $skip $($default)?), )*
                $( kind_module!(@spec $b_name $b_label SharedBefore [$($b_pred)*] $b_skip $($b_default)?), )*
                $( kind_module!(@spec $a_name $a_label SharedAfter [$($a_pred)*] $a_skip $($a_default)?), )*
                $( kind_module!(@spec $c_name $c_label Top [$($c_pred)*] $c_skip $($c_default)?), )*
                $( kind_module!(@spec $n_name $n_label Nested [$($n_pred)*] $n_skip $($n_default)?), )*
                FieldSpec {
                    field: "check",
                    shape: "",
                    place: Place::RulePartner,
                    applies: true,
                    skip: Skip::Applies,
                    default: None,
                },
                $( kind_module!(@spec $r_name $r_label Ruled [$($r_pred)*] $r_skip $($r_default)?), )*
                $( kind_module!(@spec $c_name $c_label Copier [$($c_pred)*] $c_skip), )*
                $( kind_module!(@spec $o_name $o_label Optional [$($o_pred)*] $o_skip $($o_default)?), )*
                FieldSpec {
                    field: "switch",
                    shape: "",
                    place: Place::Switch,
                    applies: true,
                    skip: Skip::Applies,
                    default: None,
                },
                $( kind_module!(@spec $s_name $s_label Switched [$($s_pred)*] $s_skip $($s_default)?), )*
                $( kind_module!(@spec $a_name $a_label Partner [$($a_pred)*] $a_skip), )*
            ];
        }
    };
    (@default) => { None };
    (@default $default:expr) => { Some($default) };
    (@spec $name:ident $label:literal $place:ident [$($pred:tt)*] $skip:ident $($default:expr)?) => {
        FieldSpec {
            field: stringify!($name),
            shape: $label,
            place: Place::$place,
            applies: cfg!($($pred)*),
            skip: if cfg!($($pred)*) { Skip::Applies } else { Skip::$skip },
            default: kind_module!(@default $($default)?),
        }
    };
}

/// The root struct, from `name: Type` pairs.
///
/// Its field types pass through a `ty` fragment: the derive spans the code
/// of a field on its type, and a type written by another macro's caller
/// (`$kind::Group` in `kinds!`) does not see the derive's local variables
/// (`cannot find value __loader`).
macro_rules! matrix_struct {
    ($( $kind:ident: $group:ty, )*) => {
        /// The configuration of the sweep: every kind's fields, and the
        /// control. What is unset is read from [`SECRETS_DIR`].
        #[derive(Config)]
        #[config(prefix = "SWEEP_", secrets_dir = "/proc/self/cwd/secrets")]
        pub struct Matrix {
            $(
                #[config(nested)]
                pub $kind: $group,
            )*
            #[config(nested)]
            pub control: Control,
        }
    };
}

/// Every kind, one line each: see the top of this file.
macro_rules! kinds {
    ($(
        $kind:ident: $K:ident
            zeroize [$($zeroize:tt)*] text [$($text:tt)*] runtime_default [$($runtime_default:tt)*]
            range [$($ranged:tt)*] { $($range:tt)* }
            plain $plain:tt valid $valid:expr, exact $exact:tt
            alias $alias:tt $copied_alias:tt $copier_alias:tt
            default $default:tt invalid_default $invalid_default:tt with_default $with_default:tt
            expr { $($expr:tt)* } $expr_canary:tt;
    )*) => {
        $(
            shapes! {
                $kind $K [$($zeroize)*] [$($text)*] [$($runtime_default)*]
                [$($ranged)*] { $($range)* }
                $exact $alias $copied_alias $copier_alias
                $default $invalid_default $with_default { $($expr)* } $expr_canary
            }
        )*

        matrix_struct! { $( $kind: $kind::Group, )* }

        /// Every kind, in the order of [`Matrix`]'s fields.
        pub const KINDS: &[KindSpec] = &[$(
            KindSpec {
                name: stringify!($kind),
                ty: stringify!($K),
                plain: $plain,
                valid: $valid,
                fields: $kind::FIELDS,
                rejects: $kind::rejects,
            },
        )*];
    };
}

kinds! {
    string: String zeroize [all()] text [all()] runtime_default [any()]
        range [any()] { 0..=1 }
        plain "plain-text" valid |n, _| Some(format!("canary-valid-{n:03}")), exact "EXACT_STRING"
        alias "OLD_STRING" "OLD_COPIED_STRING" "OLD_COPIER_STRING"
        default "canary-string-default-d01" invalid_default "" with_default "canary-string-with-default-w01"
        expr { String::from("canary-string-expr-e01") } "canary-string-expr-e01";
    // A valid bool is one of true/false, 1/0, yes/no, on/off: words that
    // every output uses ("required: true"), so a scan cannot tell a leaked
    // one from the output's own words. Its invalid values are canaries.
    boolean: bool zeroize [all()] text [any()] runtime_default [any()]
        range [any()] { 0..=1 }
        plain "on" valid |_, _| None, exact "EXACT_BOOL"
        alias "OLD_BOOL" "OLD_COPIED_BOOL" "OLD_COPIER_BOOL"
        default "on" invalid_default "" with_default "off"
        expr { true } "true";
    integer: u16 zeroize [all()] text [any()] runtime_default [any()]
        range [all()] { 1..=65535 }
        plain "7" valid |n, _| Some((40_000 + 97 * n).to_string()), exact "EXACT_U16"
        alias "OLD_U16" "OLD_COPIED_U16" "OLD_COPIER_U16"
        default "39119" invalid_default "" with_default "38211"
        expr { 38873 } "38873";
    float: f64 zeroize [all()] text [any()] runtime_default [any()]
        range [all()] { 0.0..=100000.0 }
        plain "0.5" valid |n, _| Some(format!("{n:03}.0078125")), exact "EXACT_F64"
        alias "OLD_F64" "OLD_COPIED_F64" "OLD_COPIER_F64"
        default "988.5078125" invalid_default "" with_default "966.5625"
        expr { 9770.375 } "9770.375";
    duration: Duration zeroize [any()] text [any()] runtime_default [any()]
        range [all()] { "1s"..=Duration::from_secs(3_600_000) }
        plain "1s" valid |n, _| Some(format!("{n:03}h59m7s")), exact "EXACT_DURATION"
        alias "OLD_DURATION" "OLD_COPIED_DURATION" "OLD_COPIER_DURATION"
        default "986h1m1s" invalid_default "" with_default "975h3m3s"
        expr { Duration::from_secs(86399) } "86399";
    byte_size: ByteSize zeroize [any()] text [any()] runtime_default [any()]
        range [all()] { ..=ByteSize::new(1 << 40) }
        plain "1Ki" valid |n, _| Some(format!("{n:03}.5Mi")), exact "EXACT_BYTE_SIZE"
        alias "OLD_BYTE_SIZE" "OLD_COPIED_BYTE_SIZE" "OLD_COPIER_BYTE_SIZE"
        default "9.25Gi" invalid_default "" with_default "8.75Gi"
        expr { ByteSize::new(9876543) } "9876543";
    path: PathBuf zeroize [any()] text [any()] runtime_default [any()]
        range [any()] { 0..=1 }
        plain "/srv/plain" valid |n, _| Some(format!("/srv/canary-path-{n:03}")), exact "EXACT_PATH"
        alias "OLD_PATH" "OLD_COPIED_PATH" "OLD_COPIER_PATH"
        default "/srv/canary-path-default-d07" invalid_default "" with_default "/srv/canary-path-with-default-w07"
        expr { PathBuf::from("/srv/canary-path-expr-e07") } "/srv/canary-path-expr-e07";
    token: Token zeroize [all()] text [any()] runtime_default [all()]
        range [any()] { 0..=1 }
        plain "tok-plain" valid |n, _| Some(format!("tok-canary-{n:03}")), exact "EXACT_TOKEN"
        alias "OLD_TOKEN" "OLD_COPIED_TOKEN" "OLD_COPIER_TOKEN"
        default "tok-canary-default-d08" invalid_default "canary-invalid-default-i08" with_default "tok-canary-with-default-w08"
        expr { Token::new("tok-canary-expr-e08") } "tok-canary-expr-e08";
    choice: Animal zeroize [all()] text [any()] runtime_default [all()]
        range [any()] { 0..=1 }
        plain "dodo" valid |_, i| animal(i), exact "EXACT_ANIMAL"
        alias "OLD_ANIMAL" "OLD_COPIED_ANIMAL" "OLD_COPIER_ANIMAL"
        default "quokka" invalid_default "canary-invalid-default-i09" with_default "okapi"
        expr { Animal::Narwhal } "narwhal";
    mode: Mode zeroize [any()] text [any()] runtime_default [any()]
        range [any()] { 0..=1 }
        plain "fast" valid |_, _| None, exact "EXACT_MODE"
        alias "OLD_MODE" "OLD_COPIED_MODE" "OLD_COPIER_MODE"
        default "slow" invalid_default "" with_default "eco"
        expr { Mode::Slow } "slow";
}
