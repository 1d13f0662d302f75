//! Each misuse of `#[derive(Config)]` is a compile error with a clear message
//! pointing at what the user wrote: `tests/ui/*.rs`, with the expected
//! compiler output next to each in a `.stderr` file.
//!
//! After a deliberate change of a message:
//! `TRYBUILD=overwrite cargo test -p envconfig --test ui`, then read the diff.
//!
//! Cost: trybuild checks all cases as binaries of one project, in its own
//! target directory, whose dependencies are envconfig's dependencies *and
//! dev-dependencies*. Most of a cold run goes to dev-dependencies the cases
//! never use (proptest, serde_json, yaml-rust2 and what they pull in): on two
//! cores, 19 to 26 s with them, about 5 s without, the cases included.
//! Merging cases would save little and lose the one-misuse-per-file reading.

#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
