//! Each misuse of `#[derive(Config)]` and `#[derive(Choice)]` (the
//! `choice_*` cases) is a compile error with a clear message pointing at
//! what the user wrote: `tests/ui/*.rs`, with the expected compiler output
//! next to each in a `.stderr` file.
//!
//! After a deliberate change of a message:
//! `TRYBUILD=overwrite cargo test -p envconfig-derive --test ui`, then read
//! the diff.
//!
//! Cost: trybuild checks all cases as binaries of one project, in its own
//! target directory, whose dependencies are the dependencies *and
//! dev-dependencies* of the package the test is in. In the `envconfig`
//! package, most of a cold run went to its dev-dependencies that no case
//! uses (proptest, serde_json, yaml-rust2 and what they pull in): 19 to 26 s
//! on two cores, against about 5 s here, where the dev-dependencies are
//! only what the cases use.

#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
