use super::*;

#[test]
fn names_read_by_more_than_one_field() {
    let table: &[(&[&str], &[&str])] = &[
        (&[], &[]),
        (&["A", "B"], &[]),
        (&["B", "A", "B"], &["B"]),
        (&["A_B", "A", "A_B", "A", "A_B"], &["A", "A_B"]),
    ];
    for (names, expected) in table {
        assert_eq!(repeated(names), *expected, "{names:?}");
    }
}

#[test]
fn unknown_variables_and_their_suggestions() {
    let known = [
        "BILLING_PORT",
        "BILLING_DATABASE_URL",
        "BILLING_DB_MAX_CONNECTIONS",
        "PAYMENT_TOKEN",
    ];
    let set = [
        "BILLING_PROT",
        "BILLING_PORT",
        "BILLING_DATABASE_URL_FILE",
        "BILLING_DATABASE_URL_FIEL",
        "billing_port",
        "BILLING_COMPLETELY_DIFFERENT",
        "BILLING_DB_MAX_CONECTIONS",
        "PATH",
        "PAYMENT_TOKENS",
        "BILLING_",
        "BILL",
    ];
    let unknown = unknown_vars("BILLING_", false, &known, set.into_iter());
    let got: Vec<(&str, Option<&str>)> = unknown
        .iter()
        .map(|u| (u.name.as_str(), u.did_you_mean.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("BILLING_", None),
            ("BILLING_COMPLETELY_DIFFERENT", None),
            (
                "BILLING_DATABASE_URL_FIEL",
                Some("BILLING_DATABASE_URL_FILE")
            ),
            (
                "BILLING_DB_MAX_CONECTIONS",
                Some("BILLING_DB_MAX_CONNECTIONS")
            ),
            ("BILLING_PROT", Some("BILLING_PORT")),
            ("billing_port", Some("BILLING_PORT")),
        ]
    );
}

#[test]
fn no_prefix_no_warnings() {
    assert_eq!(unknown_vars("", false, &["PORT"], ["PROT"].into_iter()), []);
    let every = unknown_vars("", true, &["PORT"], ["PROT", "PORT"].into_iter());
    assert_eq!(
        every,
        [Unknown {
            name: "PROT".into(),
            did_you_mean: Some("PORT".into())
        }]
    );
}
