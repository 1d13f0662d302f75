//! Each misuse of `#[derive(Config)]` is a compile error with a clear message
//! pointing at what the user wrote: `tests/ui/*.rs`, with the expected
//! compiler output next to each in a `.stderr` file.
//!
//! After a deliberate change of a message:
//! `TRYBUILD=overwrite cargo test -p envconfig --test ui`, then read the diff.

#[test]
fn ui() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
