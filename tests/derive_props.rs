//! The derive, property-tested: for generated environments in which any
//! variable may be missing, empty, valid or invalid, the `Error` names
//! exactly the missing and invalid variables, each once; and when there is
//! none, every field holds the value that was set, or its default.
//!
//! At least 10 000 cases, more when `PROPTEST_CASES` asks for more.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::time::Duration;

use envconfig::{ByteSize, Config};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, FileFailurePersistence, TestRunner};
use secrecy::{ExposeSecret, SecretBox};

/// A bit of every shape: required, defaulted, optional, exact name,
/// list, secret, nested.
#[derive(Config)]
#[config(prefix = "P_")]
struct Props {
    small: u8,
    offset: i64,
    #[config(default = 5)]
    retries: u16,
    debug: bool,
    timeout: Duration,
    size: ByteSize,
    name: String,
    #[config(separator = ";")]
    ports: Vec<u16>,
    limit: Option<u32>,
    token: SecretBox<u32>,
    #[config(env = "EXACT_RATIO")]
    ratio: f64,
    #[config(nested)]
    pool: Pool,
}

#[derive(Config)]
struct Pool {
    size: u32,
    #[config(default = "5m")]
    idle: Duration,
}

/// What one variable is set to.
#[derive(Clone, Debug)]
enum State<T> {
    Absent,
    Empty,
    Valid(T),
    Invalid(String),
}

impl<T> State<T> {
    /// The field's value when loading succeeds: the valid value, else the
    /// default.
    fn or(&self, default: T) -> T
    where
        T: Clone,
    {
        match self {
            State::Valid(value) => value.clone(),
            _ => default,
        }
    }
}

fn state<T: Clone + Debug + 'static>(
    valid: impl Strategy<Value = T> + 'static,
    invalid: impl Strategy<Value = String> + 'static,
) -> BoxedStrategy<State<T>> {
    prop_oneof![
        1 => Just(State::Absent),
        1 => Just(State::Empty),
        10 => valid.prop_map(State::Valid),
        2 => invalid.prop_map(State::Invalid),
    ]
    .boxed()
}

/// A string no parser of that type accepts.
fn bad(pattern: &str) -> proptest::string::RegexGeneratorStrategy<String> {
    proptest::string::string_regex(pattern).expect("a valid regex")
}

type Units = ((u64, &'static str), u64);

/// One generated environment.
#[derive(Clone, Debug)]
struct Case {
    small: State<u8>,
    offset: State<i64>,
    retries: State<u16>,
    debug: State<(bool, &'static str)>,
    timeout: State<(u64, u64, u64)>,
    size: State<Units>,
    name: State<String>,
    ports: State<Vec<u16>>,
    limit: State<u32>,
    token: State<u32>,
    ratio: State<f64>,
    pool_size: State<u32>,
    pool_idle: State<u64>,
}

const BOOLS: [(bool, &str); 8] = [
    (true, "true"),
    (false, "FALSE"),
    (true, "1"),
    (false, "0"),
    (true, "Yes"),
    (false, "no"),
    (true, "ON"),
    (false, "off"),
];

const SIZE_UNITS: [(u64, &str); 6] = [
    (1, ""),
    (1_000, "k"),
    (1_024, "Ki"),
    (1_000_000, "M"),
    (1 << 20, "Mi"),
    (1 << 30, "GiB"),
];

fn any_case() -> impl Strategy<Value = Case> {
    let first = (
        state(any::<u8>(), bad("[a-z]{1,5}|25[6-9]|[3-9][0-9]{2}|-[1-9]")),
        state(any::<i64>(), bad("[1-9][0-9]{19,24}|[0-9]{1,3}x")),
        state(any::<u16>(), bad("6553[6-9]|[a-z]{2,4}")),
        state(
            proptest::sample::select(&BOOLS[..]),
            bad("maybe|2|yess|tru"),
        ),
        state(
            (0..100u64, 0..60u64, 0..60u64),
            // A bare number asks for a unit; `x` is no unit.
            bad("[1-9][0-9]{0,4}|[0-9]{1,3}x"),
        ),
        state(
            (proptest::sample::select(&SIZE_UNITS[..]), 0..100_000u64),
            bad("[0-9]{1,4}Q|Mi|[0-9]{1,4}\\.[0-9]\\.[0-9]"),
        ),
    );
    let second = (
        // Strings are taken verbatim: any set value is valid.
        prop_oneof![
            1 => Just(State::Absent),
            1 => Just(State::Empty),
            10 => "[a-z][a-z0-9 ./:-]{0,29}".prop_map(State::Valid),
        ],
        state(
            proptest::collection::vec(any::<u16>(), 1..5),
            bad("[0-9]{1,4};[a-z]{1,3}|;;x"),
        ),
        state(any::<u32>(), bad("x[a-z]{0,4}|-[1-9]")),
        state(any::<u32>(), bad("x[a-z]{1,6}")),
        state(-1e6..1e6f64, bad("[0-9]\\.[0-9]\\.[0-9]|x[a-z]{1,4}")),
        state(any::<u32>(), bad("[1-9][0-9]{10,14}")),
        state(0..100_000u64, bad("[0-9]{1,3}parsecs")),
    );
    (first, second).prop_map(
        |(
            (small, offset, retries, debug, timeout, size),
            (name, ports, limit, token, ratio, pool_size, pool_idle),
        )| Case {
            small,
            offset,
            retries,
            debug,
            timeout,
            size,
            name,
            ports,
            limit,
            token,
            ratio,
            pool_size,
            pool_idle,
        },
    )
}

/// What the environment of one variable is, and whether it is a problem.
struct Planned {
    name: &'static str,
    value: Option<String>,
    problem: bool,
}

fn plan<T>(
    name: &'static str,
    required: bool,
    state: &State<T>,
    format: impl Fn(&T) -> String,
) -> Planned {
    let (value, problem) = match state {
        State::Absent => (None, required),
        State::Empty => (Some(String::new()), required),
        State::Valid(value) => (Some(format(value)), false),
        State::Invalid(text) => (Some(text.clone()), true),
    };
    Planned {
        name,
        value,
        problem,
    }
}

impl Case {
    fn planned(&self) -> Vec<Planned> {
        vec![
            plan("P_SMALL", true, &self.small, u8::to_string),
            // Surrounding whitespace is trimmed.
            plan("P_OFFSET", true, &self.offset, |v| format!(" {v}\t")),
            plan("P_RETRIES", false, &self.retries, u16::to_string),
            plan("P_DEBUG", true, &self.debug, |(_, text)| (*text).to_owned()),
            plan("P_TIMEOUT", true, &self.timeout, |(h, m, s)| {
                format!("{h}h{m}m{s}s")
            }),
            plan("P_SIZE", true, &self.size, |((_, unit), n)| {
                format!("{n}{unit}")
            }),
            plan("P_NAME", true, &self.name, Clone::clone),
            plan("P_PORTS", true, &self.ports, |ports| {
                let ports: Vec<String> = ports.iter().map(u16::to_string).collect();
                ports.join(";")
            }),
            plan("P_LIMIT", false, &self.limit, u32::to_string),
            plan("P_TOKEN", true, &self.token, u32::to_string),
            plan("EXACT_RATIO", true, &self.ratio, f64::to_string),
            plan("P_POOL_SIZE", true, &self.pool_size, u32::to_string),
            plan("P_POOL_IDLE", false, &self.pool_idle, |ms| {
                format!("{ms}ms")
            }),
        ]
    }
}

/// The number of cases: `PROPTEST_CASES` if it asks for more than 10 000.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .map_or(10_000, |cases: u32| cases.max(10_000))
}

fn check(case: Case) -> Result<(), TestCaseError> {
    let planned = case.planned();
    let vars: Vec<(&str, String)> = planned
        .iter()
        .filter_map(|var| Some((var.name, var.value.clone()?)))
        .collect();
    let expected: Vec<&str> = planned
        .iter()
        .filter(|var| var.problem)
        .map(|var| var.name)
        .collect();

    match Props::from_vars(vars) {
        Err(error) => {
            let named: Vec<&str> = error.problems().iter().map(|p| p.var()).collect();
            // In field order, so equal lists mean the same set, each once.
            prop_assert_eq!(&named, &expected);
            let text = error.to_string();
            let lines: Vec<&str> = text.lines().skip(1).collect();
            prop_assert_eq!(lines.len(), expected.len(), "{}", text);
            for (line, var) in lines.iter().zip(&expected) {
                prop_assert!(line.starts_with(&format!("  {var}: ")), "{}", line);
            }
        }
        Ok(props) => {
            prop_assert!(expected.is_empty(), "loaded despite {:?}", expected);
            let State::Valid(small) = case.small else {
                return Err(TestCaseError::fail("loaded without P_SMALL"));
            };
            prop_assert_eq!(props.small, small);
            prop_assert_eq!(props.offset, case.offset.or(0));
            prop_assert_eq!(props.retries, case.retries.or(5));
            prop_assert_eq!(props.debug, case.debug.or((false, "")).0);
            let (h, m, s) = case.timeout.or((0, 0, 0));
            prop_assert_eq!(props.timeout, Duration::from_secs(h * 3600 + m * 60 + s));
            let ((unit, _), n) = case.size.or(((0, ""), 0));
            prop_assert_eq!(props.size.bytes(), n * unit);
            prop_assert_eq!(props.name, case.name.or(String::new()));
            prop_assert_eq!(props.ports, case.ports.or(Vec::new()));
            let limit = match case.limit {
                State::Valid(limit) => Some(limit),
                _ => None,
            };
            prop_assert_eq!(props.limit, limit);
            prop_assert_eq!(*props.token.expose_secret(), case.token.or(0));
            prop_assert_eq!(props.ratio, case.ratio.or(0.0));
            prop_assert_eq!(props.pool.size, case.pool_size.or(0));
            let idle = Duration::from_millis(case.pool_idle.or(300_000));
            prop_assert_eq!(props.pool.idle, idle);
        }
    }
    Ok(())
}

#[test]
fn the_error_names_exactly_the_missing_and_invalid_variables() {
    let config = RunnerConfig {
        source_file: Some(file!()),
        // Failing cases are saved next to this file: the default looks for
        // a `src/lib.rs` to save them beside, warns, and does the same.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..RunnerConfig::with_cases(cases())
    };
    let mut runner = TestRunner::new(config);
    // How often each variable was a problem: the generator must exercise
    // every one, or the property proves little.
    let problems: RefCell<BTreeMap<&str, u32>> = RefCell::default();
    let loaded = Cell::new(0);
    let result = runner.run(&any_case(), |case| {
        let planned = case.planned();
        let mut problems = problems.borrow_mut();
        for var in planned.iter().filter(|var| var.problem) {
            *problems.entry(var.name).or_default() += 1;
        }
        if !planned.iter().any(|var| var.problem) {
            loaded.set(loaded.get() + 1);
        }
        check(case)
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    let problems = problems.into_inner();
    eprintln!(
        "{} cases; {} loaded; problems per variable: {problems:?}",
        cases(),
        loaded.get()
    );
    assert_eq!(
        problems.len(),
        13,
        "every variable was a problem: {problems:?}"
    );
    assert!(
        loaded.get() > 100,
        "environments that load are exercised too"
    );
}
