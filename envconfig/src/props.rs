//! Running this crate's property tests: one runner for all of them, so
//! that `PROPTEST_CASES` means the same everywhere.

use std::fmt::Debug;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// Runs `test` on values of `strategy`: `at_least` cases, or more when
/// `PROPTEST_CASES` asks for more. Failing cases are saved next to
/// `source_file` (`file!()` of the caller), as the `proptest!` macro
/// would; a failure panics with the shrunk input.
#[track_caller]
pub(crate) fn run<S>(
    source_file: &'static str,
    at_least: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S: Strategy,
    S::Value: Debug,
{
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .map_or(at_least, |cases: u32| cases.max(at_least));
    let config = Config {
        source_file: Some(source_file),
        ..Config::with_cases(cases)
    };
    if let Err(failure) = TestRunner::new(config).run(&strategy, test) {
        panic!("{failure}");
    }
}
