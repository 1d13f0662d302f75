//! The container's environment as the kubelet builds it, and the report.

use super::*;

/// `$(NAME)` expands from what is set above, as Kubernetes expands it:
/// `$$` escapes, a name not set above is left as written (with a warning),
/// and a reference to what only the cluster knows leaves the value
/// unchecked.
#[test]
fn references_expand_as_kubernetes_expands_them() {
    let run = check(
        &with_env(
            "- name: DOMAIN
  value: example.com
- name: BILLING_ALLOWED_HOSTS
  value: shop.$(DOMAIN),admin.$(DOMAIN)
- name: BILLING_LOG_LEVEL
  value: $$(LEVEL)
- name: BILLING_REQUEST_TIMEOUT
  value: $(TIMEOUT)
- name: TIMEOUT
  value: 30s
- name: BILLING_METRICS_ADDRESS
  value: $(POD_IP):9090
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
- name: BILLING_BIND_ADDRESS
  value: $(POD_IP)
- name: BILLING_DB_IDLE_TIMEOUT
  value: $(REDIS_SERVICE_PORT)m
",
        ),
        &[],
    );
    assert_eq!(run.code, 78, "{run:?}");
    let line = |var: &str| run.report_line(var);
    assert!(
        line("BILLING_ALLOWED_HOSTS").ends_with("\"shop.example.com,admin.example.com\""),
        "{}",
        run.stdout
    );
    assert!(
        line("BILLING_LOG_LEVEL").contains("invalid value \"$(LEVEL)\""),
        "{}",
        run.stdout
    );
    assert!(
        line("BILLING_REQUEST_TIMEOUT").contains("invalid value \"$(TIMEOUT)\""),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(
        "BILLING_REQUEST_TIMEOUT expands $(TIMEOUT), which is not set above it: Kubernetes \
         leaves the text $(TIMEOUT) in its value"
    ));
    // POD_IP is set below it.
    assert!(
        line("BILLING_METRICS_ADDRESS").contains("invalid value \"$(POD_IP):9090\""),
        "{}",
        run.stdout
    );
    assert!(
        line("BILLING_BIND_ADDRESS")
            .ends_with("its value expands $(POD_IP), from the pod's status.podIP (fieldRef)"),
        "{}",
        run.stdout
    );
    assert!(line("BILLING_DB_IDLE_TIMEOUT").ends_with(
        "its value expands $(REDIS_SERVICE_PORT), which the kubelet sets if a Service of that \
         name is in the namespace (none is among the documents)"
    ));
}

/// A `$` that starts nothing is copied with the next byte read as a
/// character of its own (`tryReadVariableName`): before a character that
/// is not ASCII, the container would get bytes that are not UTF-8. An
/// escaped `$$` before it is a `$`, as it should be.
#[test]
fn a_dollar_before_a_character_that_is_not_ascii() {
    let run = check(
        &with_env(
            "- name: BILLING_LOG_LEVEL
  value: \"info$\u{e9}\"
",
        ),
        &[],
    );
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.report_line("BILLING_LOG_LEVEL").contains(
            "a `$` before a character that is not ASCII, which Kubernetes' expansion turns \
             into bytes that are not UTF-8"
        ),
        "{}",
        run.stdout
    );
    let run = check(
        &with_env(
            "- name: BILLING_ALLOWED_HOSTS
  value: \"prix$$\u{e9}.example.com\"
",
        ),
        &[],
    );
    assert!(
        run.report_line("BILLING_ALLOWED_HOSTS")
            .ends_with("\"prix$\u{e9}.example.com\""),
        "{}",
        run.stdout
    );
}

/// A reference that an `envFrom` source which is not among the documents
/// may set is unchecked, and says where it may come from.
#[test]
fn a_reference_to_what_an_unknown_source_may_set() {
    let run = check(
        &deployment(
            "",
            "envFrom:
  - secretRef:
      name: billing-env
env:
  - name: BILLING_LOG_LEVEL
    value: $(LEVEL)
",
        ),
        &[],
    );
    assert!(
        run.report_line("BILLING_LOG_LEVEL").ends_with(
            "its value expands $(LEVEL), which may come from the Secret billing-env \
             (envFrom), which is not among the documents"
        ),
        "{}",
        run.stdout
    );
}

/// A ConfigMap among the documents gives its value, checked from its
/// line; a missing key is a problem unless the reference is optional; a
/// ConfigMap that is not among them leaves the variable unchecked.
#[test]
fn config_map_references() {
    let config_map = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing\ndata:\n  \
                      port: \"http\"\n  timeout: 45s\n---\n";
    let reference = |var: &str, map: &str, key: &str, optional: bool| {
        format!(
            "- name: {var}\n  valueFrom:\n    configMapKeyRef:\n      name: {map}\n      \
             key: {key}\n{}",
            if optional {
                "      optional: true\n"
            } else {
                ""
            }
        )
    };
    let env = [
        reference("BILLING_PORT", "billing", "port", false),
        reference("BILLING_REQUEST_TIMEOUT", "billing", "timeout", false),
        reference("BILLING_DEBUG", "billing", "debug", false),
        reference("BILLING_LOG_LEVEL", "billing", "level", true),
        reference("BILLING_DB_MAX_CONNECTIONS", "elsewhere", "pool", false),
    ]
    .concat();
    let run = check(&format!("{config_map}{}", with_env(&env)), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    let line = |var: &str| run.report_line(var);
    assert!(line("BILLING_PORT").contains("deploy.yaml:6 invalid value \"http\": not an integer"));
    assert!(line("BILLING_REQUEST_TIMEOUT").ends_with("deploy.yaml:7 \"45s\""));
    assert!(
        line("BILLING_DEBUG").contains(
            "the ConfigMap billing has no key debug, and the reference is not optional: the \
             container cannot start"
        ),
        "{}",
        run.stdout
    );
    assert!(line("BILLING_LOG_LEVEL").starts_with("default BILLING_LOG_LEVEL default info"));
    assert!(
        line("BILLING_DB_MAX_CONNECTIONS")
            .ends_with("from the ConfigMap elsewhere (key pool), which is not among the documents")
    );
    assert!(
        run.stdout
            .contains("FAILED: 2 of 19 variables have problems")
    );
}

/// An optional reference that a required variable depends on is a
/// warning: where the key is missing, the pod starts without it.
#[test]
fn optional_references_behind_required_variables() {
    let manifest = deployment(
        "",
        "envFrom:
  - secretRef:
      name: billing-extra
      optional: true
env:
  - name: BILLING_DATABASE_URL
    valueFrom:
      secretKeyRef:
        name: billing-secrets
        key: database-url
        optional: true
  - name: BILLING_SENTRY_DSN
    valueFrom:
      secretKeyRef:
        name: billing-secrets
        key: sentry-dsn
        optional: true
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
",
    );
    let run = check(&manifest, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        other_lines(&run)[1..],
        [
            "warning: BILLING_DATABASE_URL is required, but it depends on the optional \
             secretKeyRef to billing-secrets (key database-url): where that is missing, the \
             container starts without it and the configuration does not load",
            "warning: PAYMENT_TOKEN is required, but it depends on an optional envFrom of \
             the Secret billing-extra: where that is missing, the container starts without \
             it and the configuration does not load",
            "OK: all 19 variables would load (18 external), 2 warnings",
        ]
    );
    assert_eq!(check(&manifest, &["--strict"]).code, 78);
}

/// A secret given as a literal `value:` is a warning, and its value is
/// never shown; so is a copy of it.
#[test]
fn a_secret_written_in_the_manifest() {
    let run = check(
        &deployment(
            "",
            "env:
  - name: BILLING_DATABASE_URL
    value: postgres://billing:canary-password@db/billing
  - name: PAYMENT_TOKEN
    value: canary-token
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
  - name: BILLING_LOG_LEVEL
    value: $(PAYMENT_TOKEN)
",
        ),
        &[],
    );
    assert_eq!(run.code, 78, "{run:?}");
    assert!(!run.stdout.contains("canary"), "{}", run.stdout);
    assert!(!run.stderr.contains("canary"), "{}", run.stderr);
    for (var, line) in [("BILLING_DATABASE_URL", 16), ("PAYMENT_TOKEN", 18)] {
        assert!(
            run.stdout.contains(&format!(
                "deploy.yaml:{line}: {var} is secret, but a literal `value:` sets it: the secret \
                 sits in the manifest in plain text (use a secretKeyRef)"
            )),
            "{var}: {}",
            run.stdout
        );
    }
    assert!(
        run.report_line("BILLING_LOG_LEVEL")
            .contains("invalid value <redacted>"),
        "{}",
        run.stdout
    );
}

/// A secret whose `value:` only copies another entry (`$(TOKEN)`) is in
/// plain text only if that entry is: from a `secretKeyRef`, nothing is
/// written in the manifest; from a literal, the
/// warning points at the literal's line.
#[test]
fn a_secret_copied_from_another_entry_is_plain_text_only_if_that_is() {
    let from_secret = "env:
  - name: TOKEN
    valueFrom:
      secretKeyRef:
        name: billing-secrets
        key: payment-token
  - name: PAYMENT_TOKEN
    value: $(TOKEN)
  - name: BILLING_DATABASE_URL
    valueFrom:
      secretKeyRef:
        name: billing-secrets
        key: database-url
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
";
    let run = check(&deployment("", from_secret), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("plain text"), "{}", run.stdout);

    let from_literal = from_secret.replace(
        "    valueFrom:\n      secretKeyRef:\n        name: billing-secrets\n        key: payment-token\n",
        "    value: canary-token\n",
    );
    let run = check(&deployment("", &from_literal), &[]);
    assert!(!run.stdout.contains("canary"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "deploy.yaml:16: PAYMENT_TOKEN is secret, but a literal `value:` sets it: the \
             secret sits in the manifest in plain text (use a secretKeyRef)"
        ),
        "{}",
        run.stdout
    );
}

/// A secret built from a `secretKeyRef` and literal text around it (a
/// connection string around a password) has its secret where the
/// reference is: no warning, and `--strict` passes. A literal password in
/// it is still plain text, whatever else it copies.
#[test]
fn a_secret_framing_a_secret_key_ref_is_not_plain_text() {
    let framed = "env:
  - name: DB_PASSWORD
    valueFrom:
      secretKeyRef:
        name: billing-secrets
        key: db-password
  - name: DB_HOST
    value: db.internal
  - name: BILLING_DATABASE_URL
    value: postgres://billing:$(DB_PASSWORD)@$(DB_HOST)/billing
  - name: PAYMENT_TOKEN
    valueFrom:
      secretKeyRef:
        name: billing-secrets
        key: payment-token
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
";
    let run = check(
        &deployment("enableServiceLinks: false\n", framed),
        &["--strict"],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("plain text"), "{}", run.stdout);

    let written = framed.replace("$(DB_PASSWORD)", "canary-password");
    let run = check(&deployment("enableServiceLinks: false\n", &written), &[]);
    assert!(!run.stdout.contains("canary"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "BILLING_DATABASE_URL is secret, but a literal `value:` sets it: the secret sits \
             in the manifest in plain text (use a secretKeyRef)"
        ),
        "{}",
        run.stdout
    );
}

/// A variable set by a literal beside its `NAME_FILE` from outside the
/// documents: both are set if that gives the file's path a value, which no
/// start accepts, so the variable is unchecked (and `--strict` fails),
/// not checked as if set alone.
#[test]
fn a_variable_beside_its_file_from_outside_is_unchecked() {
    let entries = "- name: BILLING_PORT\n  value: \"80\"\n- name: BILLING_PORT_FILE\n  \
                   valueFrom:\n    configMapKeyRef:\n      name: elsewhere\n      key: port\n";
    let container = format!("env:\n{}", indent(&format!("{NEEDED}{entries}"), 2));
    let manifest = deployment("enableServiceLinks: false\n", &container);
    let run = check(&manifest, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    let line = run.report_line("BILLING_PORT");
    assert!(
        line.starts_with("unchecked ")
            && line.ends_with(
                "BILLING_PORT_FILE may be set too: from the ConfigMap elsewhere (key port), \
                 which is not among the documents"
            ),
        "{}",
        run.stdout
    );
    assert_eq!(check(&manifest, &["--strict"]).code, 78);
}

/// A variable set through its `NAME_FILE` is set, whatever the file
/// holds: what the service says at start of a set variable (an alias in
/// use or ignored, a deprecated name, a group that is off) the check says
/// too, and `--strict` fails on it; a `NAME_FILE` from a Secret may be
/// empty, and is not warned about.
#[test]
fn a_variable_set_through_its_file_gets_the_warnings_of_a_set_one() {
    let env = |entries: &str| {
        deployment(
            "enableServiceLinks: false\nvolumes:\n  - name: cfg\n    secret:\n      secretName: \
             billing-files\n",
            &format!(
                "volumeMounts:\n  - name: cfg\n    mountPath: /etc/billing\nenv:\n{}",
                indent(&format!("{NEEDED}{entries}"), 2)
            ),
        )
    };
    let run = check(
        &env("- name: BILLING_DEBUG_FILE\n  value: /etc/billing/debug\n\
              - name: PORT_FILE\n  value: /etc/billing/port\n\
              - name: BILLING_TLS_KEY_FILE\n  value: /etc/billing/tls.key\n"),
        &["--strict"],
    );
    assert_eq!(run.code, 78, "{run:?}");
    let warnings: Vec<&str> = other_lines(&run)
        .into_iter()
        .filter(|line| line.starts_with("warning: "))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: PORT is the old name of BILLING_PORT: it is read for now; rename it to \
             BILLING_PORT",
            "warning: BILLING_DEBUG is deprecated: set BILLING_LOG_LEVEL=debug instead",
            "warning: BILLING_TLS_KEY is set but ignored: BILLING_TLS_ENABLED is false",
        ],
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.lines().last(),
        Some("FAILED (--strict): 3 warnings")
    );
    // Both the variable and its alias's file: the alias is ignored.
    let run = check(
        &env("- name: BILLING_PORT\n  value: \"8081\"\n\
              - name: PORT_FILE\n  value: /etc/billing/port\n"),
        &[],
    );
    assert!(
        run.stdout
            .contains("warning: PORT is ignored: BILLING_PORT is set"),
        "{}",
        run.stdout
    );
    // From a Secret, the path may be empty, which is unset: no warning.
    let run = check(
        &env("- name: BILLING_DEBUG_FILE\n  valueFrom:\n    secretKeyRef: {name: b, key: d}\n"),
        &["--strict"],
    );
    assert_eq!(run.code, 0, "{run:?}");
}

/// `NAME_FILE` under a volume mount of a Secret counts as set; a path that
/// no volume mounts is a warning.
#[test]
fn secret_files_under_a_volume_mount() {
    let manifest = deployment(
        "volumes:
  - name: db
    secret:
      secretName: billing-db
  - name: tokens
    projected:
      sources:
        - secret:
            name: billing-tokens
",
        "volumeMounts:
  - name: db
    mountPath: /run/secrets/db/
    readOnly: true
  - name: tokens
    mountPath: /run/tokens
env:
  - name: BILLING_DATABASE_URL_FILE
    value: /run/secrets/db/url
  - name: PAYMENT_TOKEN_FILE
    value: /run/tokens/payment
  - name: BILLING_SENTRY_DSN_FILE
    value: /run/secret/sentry
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
",
    );
    let run = check(&manifest, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.report_line("BILLING_DATABASE_URL").ends_with(
        "set by BILLING_DATABASE_URL_FILE: read from /run/secrets/db/url, if it is there: it \
         is in the Secret volume db (Secret billing-db), and the Secret billing-db is not among \
         the documents"
    ));
    assert!(run.report_line("PAYMENT_TOKEN").ends_with(
        "it is in the projected volume tokens, and the Secret billing-tokens is not among the \
         documents"
    ));
    // A secret's path whose directory no mount shows to exist may be the
    // secret itself: the line says where to look.
    assert!(
        run.report_line("BILLING_SENTRY_DSN")
            .ends_with("read from <redacted>, a file of the image")
    );
    assert!(run.stdout.contains(
        "BILLING_SENTRY_DSN_FILE names <redacted>, which no volume of the container mounts: \
         the file must be in the image"
    ));
    assert!(!run.stdout.contains("/run/secret/"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("OK: all 19 variables would load (3 external), 2 warnings"),
        "{}",
        run.stdout
    );
}

/// A `NAME_FILE` of a variable that no field reads (`SSL_CERT_FILE`, for
/// a tool of the image) naming a file that its volume lacks stops nothing:
/// the container starts, and the service reads no such variable. The
/// shape of Tekton's released controller: an empty ConfigMap, whose key is
/// for an operator to add.
#[test]
fn files_that_no_field_reads_are_none_of_the_checks() {
    let config_map = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: registry-cert\n---\n";
    let manifest = |var: &str| {
        deployment(
            "volumes:
  - name: registry-cert
    configMap:
      name: registry-cert
",
            &format!(
                "volumeMounts:
  - name: registry-cert
    mountPath: /etc/registry-cert
env:
{}  - name: {var}
    value: /etc/registry-cert/cert
",
                indent(NEEDED, 2)
            ),
        )
    };
    let run = check(&format!("{config_map}{}", manifest("SSL_CERT_FILE")), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("SSL_CERT"), "{}", run.stdout);
    // A variable of the configuration read from there fails, as it would.
    let run = check(
        &format!("{config_map}{}", manifest("BILLING_SENTRY_DSN_FILE")),
        &[],
    );
    assert_eq!(run.code, 78, "{run:?}");
    let line = run.report_line("BILLING_SENTRY_DSN");
    assert!(
        line.starts_with("invalid")
            && line.contains(
                "/etc/registry-cert/cert is not there: the ConfigMap volume registry-cert \
                 (ConfigMap registry-cert) is mounted at /etc/registry-cert, and the ConfigMap \
                 registry-cert has no such key"
            ),
        "{}",
        run.stdout
    );
}

/// A `NAME_FILE` under a Secret volume that the manifest shows has no
/// such file (the mount's directory itself, a path its `items` do not
/// give, a key the Secret among the documents does not have) keeps the
/// service from starting: the check fails, as the pod would.
#[test]
fn secret_files_that_the_volume_does_not_have() {
    let secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\ndata:\n  \
                  url: eA==\n---\n";
    let manifest = deployment(
        "volumes:
  - name: db
    secret:
      secretName: billing-db
  - name: tokens
    secret:
      secretName: billing-tokens
      items:
        - key: payment
          path: api/payment-token
",
        "volumeMounts:
  - name: db
    mountPath: /run/secrets/db
  - name: tokens
    mountPath: /run/tokens
env:
  - name: BILLING_DATABASE_URL_FILE
    value: /run/secrets/db/database-url
  - name: PAYMENT_TOKEN_FILE
    value: /run/tokens/payment
  - name: BILLING_SENTRY_DSN_FILE
    value: /run/secrets/db
  - name: BILLING_DB_PASSWORD_FILE
    value: /run/tokens/api
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
",
    );
    let run = check(&format!("{secret}{manifest}"), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    for (var, why) in [
        (
            "BILLING_DATABASE_URL",
            "/run/secrets/db/database-url is not there: the Secret volume db (Secret \
             billing-db) is mounted at /run/secrets/db, and the Secret billing-db has no such key",
        ),
        (
            "PAYMENT_TOKEN",
            "/run/tokens/payment is not there: the Secret volume tokens (Secret \
             billing-tokens) is mounted at /run/tokens, and the items of the Secret \
             billing-tokens do not name that file",
        ),
        (
            "BILLING_SENTRY_DSN",
            "/run/secrets/db is where the Secret volume db (Secret billing-db) is mounted: a \
             directory, not a file",
        ),
        (
            "BILLING_DB_PASSWORD",
            "/run/tokens/api is a directory of the Secret volume tokens",
        ),
    ] {
        let line = run.report_line(var);
        assert!(
            line.starts_with("invalid") && line.contains(why),
            "{var}: {}",
            run.stdout
        );
    }
    // The files that are there count as set.
    let fixed = format!("{secret}{manifest}")
        .replace("db/database-url", "db/url")
        .replace("/run/tokens/payment", "/run/tokens/api/payment-token")
        .replace("value: /run/secrets/db\n", "value: /run/secrets/db/url\n")
        .replace(
            "value: /run/tokens/api\n",
            "value: /run/secrets/db/..data/url\n",
        );
    let run = check(&fixed, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    // An item written `./api/payment-token` is the same file.
    let dotted = fixed.replace("path: api/payment-token", "path: ./api/payment-token");
    let run = check(&dotted, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    // A path that leaves the mount by `..` is no file of the Secret: it
    // must be in the image, where no volume shows its directory (so a
    // secret's path is not shown).
    let parent = fixed.replace("/run/secrets/db/..data/url", "/run/secrets/db/../other/url");
    let run = check(&parent, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.report_line("BILLING_DB_PASSWORD")
            .ends_with("read from <redacted>, a file of the image"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("BILLING_DB_PASSWORD_FILE names <redacted>, which no volume"),
        "{}",
        run.stdout
    );
}

/// Every name that is no variable of the configuration is a warning, with
/// a "did you mean" against every variable; `--strict` fails on it.
#[test]
fn did_you_mean_for_names_the_configuration_owns() {
    let manifest = with_env(
        "- name: BILING_PORT
  value: \"80\"
- name: PAYMENT_TOKN
  value: x
- name: JAVA_OPTS
  value: -Xmx1g
",
    );
    let run = check(&manifest, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    for expected in [
        "warning: BILING_PORT is set but is not a variable of this configuration; did you mean BILLING_PORT?\n",
        "warning: PAYMENT_TOKN is set but is not a variable of this configuration; did you mean PAYMENT_TOKEN?\n",
    ] {
        assert!(run.stdout.contains(expected), "{expected}{}", run.stdout);
    }
    // A name the configuration neither owns nor nearly matches is not its
    // business.
    assert!(!run.stdout.contains("JAVA_OPTS"), "{}", run.stdout);
    assert_eq!(check(&manifest, &["--strict"]).code, 78);
    assert_eq!(
        check(&with_env(""), &["--strict"]).code,
        78,
        "two unchecked"
    );
}

/// An `env` entry that sets a name again wins, with a warning, as the API
/// server warns.
#[test]
fn a_name_set_twice() {
    let run = check(
        &with_env("- name: BILLING_PORT\n  value: \"80\"\n- name: BILLING_PORT\n  value: \"81\"\n"),
        &[],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.report_line("BILLING_PORT")
            .ends_with("deploy.yaml:30 \"81\"")
    );
    assert!(
        run.stdout.contains(
            "deploy.yaml:30: BILLING_PORT hides the env entry of the same name at line 28; \
             the last one wins"
        ),
        "{}",
        run.stdout
    );
}

/// A ConfigMap's key read by a secret's entry and by another's, or a
/// secret's literal repeated by a YAML alias, is one value: shown under
/// the other name, the secret would be shown all the same.
#[test]
fn a_secret_value_read_under_another_name_never_shows() {
    let config_map = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: billing\ndata:\n  \
                      BILLING_SENTRY_DSN: canary-dsn with space\n---\n";
    let manifest = deployment(
        "",
        "envFrom:
  - configMapRef:
      name: billing
env:
  - name: BILLING_DATABASE_URL
    value: &url canary-url
  - name: BILLING_METRICS_ADDRESS
    value: *url
  - name: PAYMENT_TOKEN
    valueFrom:
      secretKeyRef:
        name: billing-secrets
        key: payment-token
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
  - name: BILLING_REQUEST_TIMEOUT
    valueFrom:
      configMapKeyRef:
        name: billing
        key: BILLING_SENTRY_DSN
",
    );
    let run = check(&format!("{config_map}{manifest}"), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(!run.stdout.contains("canary"), "{}", run.stdout);
    assert!(!run.stderr.contains("canary"), "{}", run.stderr);
    for var in ["BILLING_METRICS_ADDRESS", "BILLING_REQUEST_TIMEOUT"] {
        assert!(
            run.report_line(var).contains("invalid value <redacted>"),
            "{var}: {}",
            run.stdout
        );
    }
}

/// A secret's literal that a later entry of the same name hides is still
/// the secret's text: repeated by a YAML alias under another name, it never
/// shows (found by the property tests, which showed it as "invalid value").
#[test]
fn a_hidden_secret_literal_repeated_by_an_alias_never_shows() {
    let run = check(
        &deployment(
            "",
            "env:
  - name: BILLING_DATABASE_URL
    value: &url canary-url
  - name: BILLING_DATABASE_URL
    valueFrom:
      secretKeyRef:
        name: billing-secrets
        key: url
  - name: BILLING_REQUEST_TIMEOUT
    value: *url
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
",
        ),
        &[],
    );
    assert!(!run.stdout.contains("canary"), "{}", run.stdout);
    assert!(!run.stderr.contains("canary"), "{}", run.stderr);
    assert!(
        run.report_line("BILLING_REQUEST_TIMEOUT")
            .contains("invalid value <redacted>"),
        "{}",
        run.stdout
    );

    // An entry that repeats a secret's literal, hidden by a later entry of
    // its name that copies it: the copy is of the literal, secret.
    let run = check(
        &deployment(
            "",
            "env:
  - name: BILLING_DATABASE_URL
    value: &url canary-url
  - name: BILLING_PORT
    value: *url
  - name: BILLING_PORT
    value: $(BILLING_PORT)
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
",
        ),
        &[],
    );
    assert!(!run.stdout.contains("canary"), "{}", run.stdout);
    assert!(!run.stderr.contains("canary"), "{}", run.stderr);
    assert!(
        run.report_line("BILLING_PORT")
            .contains("invalid value <redacted>"),
        "{}",
        run.stdout
    );
}

/// A secret's literal value that happens to hold `$(...)` (a
/// generated password with symbols) must not show in a warning or a reason.
#[test]
fn a_secret_literal_with_a_reference_never_shows() {
    let run = check(
        &deployment(
            "",
            "env:
  - name: BILLING_DATABASE_URL
    value: postgres://billing:pw$(canary1)x@db/billing
  - name: PAYMENT_TOKEN
    value: tok$(canary2_PORT)en
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
",
        ),
        &[],
    );
    assert!(!run.stdout.contains("canary"), "{}", run.stdout);
    assert!(!run.stderr.contains("canary"), "{}", run.stderr);
}

/// A `NAME_FILE` whose path copies a secret (`/run/$(PAYMENT_TOKEN)`)
/// names a path that holds the secret: neither its row nor a warning shows
/// it, under a volume mount or not.
#[test]
fn a_file_path_that_copies_a_secret_never_shows() {
    for mount in [
        "",
        "volumeMounts:\n  - name: secrets\n    mountPath: /run\n",
    ] {
        let run = check(
            &deployment(
                "volumes:\n  - name: secrets\n    secret:\n      secretName: s\n",
                &format!(
                    "{mount}env:
  - name: PAYMENT_TOKEN
    value: canary-token
  - name: BILLING_DATABASE_URL
    value: postgres://db/billing
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
  - name: BILLING_PORT_FILE
    value: /run/$(PAYMENT_TOKEN)
"
                ),
            ),
            &[],
        );
        assert!(!run.stdout.contains("canary"), "{}", run.stdout);
        assert!(!run.stderr.contains("canary"), "{}", run.stderr);
        assert!(
            run.report_line("BILLING_PORT").starts_with("external "),
            "{}",
            run.stdout
        );
    }
}

/// Entries that each double the one above (`$(X0)$(X0)`, ...) would make
/// terabytes of 40 lines: expanding stops past the 128 KiB that Linux
/// starts a process with for one variable, and such a variable keeps the
/// container from starting, which fails the check.
#[test]
fn a_value_that_expands_past_what_linux_starts_with_is_undeployable() {
    let mut env = "- name: X0\n  value: xxxxxxxx\n".to_owned();
    for k in 1..40 {
        env += &format!("- name: X{k}\n  value: $(X{})$(X{})\n", k - 1, k - 1);
    }
    env += "- name: BILLING_ALLOWED_HOSTS\n  value: $(X39)\n";
    let run = check(&with_env(&env), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    // 8 bytes doubled 14 times is 128 KiB: X14 is the first too long, and
    // what copies it is not known.
    assert!(
        run.stdout
            .contains("X14: its value is longer than the 128 KiB that Linux starts a process with"),
        "{}",
        run.stdout
    );
    assert!(
        run.report_line("BILLING_ALLOWED_HOSTS")
            .contains("unchecked"),
        "{}",
        run.stdout
    );
}

/// A variable unset under its name but set through its alias to what the
/// check cannot read (a Secret's key) would be read from the alias: it is
/// unchecked, not missing or defaulted.
#[test]
fn a_variable_set_through_its_alias_to_an_unknown_value_is_unchecked() {
    let run = check(
        &with_env(
            "- name: PORT
  valueFrom:
    secretKeyRef:
      name: billing-secrets
      key: port
",
        ),
        &[],
    );
    let line = run.report_line("BILLING_PORT");
    assert!(line.starts_with("external "), "{}", run.stdout);
    assert!(line.contains("alias PORT"), "{}", run.stdout);
}

/// `--check-env --manifest` in every report form (`text`, `json`,
/// `github`, and `--strict`), with `flags`: what each printed.
fn every_form(manifest: &str, flags: &[&str]) -> Vec<Run> {
    let mut runs = Vec::new();
    for form in [
        &["--report", "text"][..],
        &["--report", "json"],
        &["--report", "github"],
        &["--strict"],
    ] {
        let mut all = flags.to_vec();
        all.extend_from_slice(form);
        runs.push(check(manifest, &all));
    }
    runs
}

/// A secret pasted into its `NAME_FILE` by mistake is no path: the row and
/// the warning say `<redacted>`, in every form. A secret's path is shown
/// when a volume mount tells that its directory exists (the operator needs
/// it to fix the mount); the path of a variable that is not secret is
/// shown as it is.
#[test]
fn a_secret_pasted_into_its_name_file_never_shows() {
    let manifest = deployment(
        "volumes:
  - name: db
    secret:
      secretName: billing-db
",
        "volumeMounts:
  - name: db
    mountPath: /run/secrets/db
env:
  - name: BILLING_DATABASE_URL
    valueFrom:
      secretKeyRef: {name: billing-secrets, key: database-url}
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
  - name: PAYMENT_TOKEN_FILE
    value: sk_live_51canaryPastedToken
  - name: BILLING_DB_PASSWORD_FILE
    value: /9j4canaryAAQSkZJRgABAQ
  - name: BILLING_SENTRY_DSN_FILE
    value: /run/secrets/sentry
  - name: BILLING_LOG_LEVEL_FILE
    value: /etc/billing/level
",
    );
    let runs = every_form(&manifest, &[]);
    for run in &runs {
        assert!(!run.stdout.contains("canary"), "{}", run.stdout);
        assert!(!run.stderr.contains("canary"), "{}", run.stderr);
    }
    let run = &runs[0];
    assert_eq!(run.code, 0, "{run:?}");
    for var in ["PAYMENT_TOKEN", "BILLING_DB_PASSWORD"] {
        assert!(
            run.report_line(var)
                .ends_with("_FILE: read from <redacted>, a file of the image"),
            "{var}: {}",
            run.stdout
        );
        assert!(
            run.stdout.contains(&format!(
                "{var}_FILE names <redacted>, which no volume of the container mounts"
            )),
            "{var}: {}",
            run.stdout
        );
    }
    // `/run/secrets` holds the mount `/run/secrets/db`: it exists.
    assert!(
        run.report_line("BILLING_SENTRY_DSN")
            .ends_with("read from /run/secrets/sentry, a file of the image"),
        "{}",
        run.stdout
    );
    assert!(
        run.report_line("BILLING_LOG_LEVEL")
            .ends_with("read from /etc/billing/level, a file of the image"),
        "{}",
        run.stdout
    );
}

/// What a secret reads in one container is secret in every report: a
/// ConfigMap key (read by `configMapKeyRef`, through `envFrom`, or copied
/// with `$(NAME)`) or a YAML node (an alias, of a literal that a later
/// entry hides too) that a secret of container `api` or of an init
/// container reads never shows when `--container worker` checks a plain
/// variable that reads it.
#[test]
fn what_a_secret_reads_in_another_container_never_shows() {
    let config_map = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  \
                      tok: canary-key-ref\n  PAYMENT_TOKEN: canary-env-from\n  \
                      part: canary-copied\n  init: canary-init\n---\n";
    let pod = "initContainers:
  - name: migrate
    image: migrate:1
    env:
      - name: BILLING_DB_PASSWORD
        valueFrom:
          configMapKeyRef: {name: shared, key: init}
";
    let api = "env:
  - name: BILLING_DATABASE_URL
    valueFrom:
      configMapKeyRef: {name: shared, key: tok}
  - name: PART
    valueFrom:
      configMapKeyRef: {name: shared, key: part}
  - name: BILLING_SENTRY_DSN
    value: https://$(PART)@sentry.example.com/1
  - name: BILLING_WEBHOOK_SIGNING_KEY
    value: &hidden canary-hidden-literal
  - name: BILLING_WEBHOOK_SIGNING_KEY
    value: &key canary-alias
envFrom:
  - configMapRef:
      name: shared
";
    let worker = "
        - name: worker
          image: billing:1.4.2
          env:
            - name: BILLING_DATABASE_URL
              valueFrom:
                secretKeyRef: {name: billing-secrets, key: database-url}
            - name: PAYMENT_TOKEN
              valueFrom:
                secretKeyRef: {name: billing-secrets, key: payment-token}
            - name: BILLING_ALLOWED_HOSTS
              value: a.example.com
            - name: BILLING_LOG_LEVEL
              valueFrom:
                configMapKeyRef: {name: shared, key: tok}
            - name: BILLING_BIND_ADDRESS
              value: *key
            - name: BILLING_METRICS_ADDRESS
              value: *hidden
            - name: BILLING_REQUEST_TIMEOUT
              valueFrom:
                configMapKeyRef: {name: shared, key: PAYMENT_TOKEN}
            - name: BILLING_MAX_BODY_SIZE
              valueFrom:
                configMapKeyRef: {name: shared, key: part}
            - name: BILLING_DB_IDLE_TIMEOUT
              valueFrom:
                configMapKeyRef: {key: init, name: shared}
";
    let manifest = format!("{config_map}{}{worker}", deployment(pod, api));
    let runs = every_form(&manifest, &["--container", "worker"]);
    for run in &runs {
        assert_eq!(run.code, 78, "{run:?}");
        assert!(!run.stdout.contains("canary"), "{}", run.stdout);
        assert!(!run.stderr.contains("canary"), "{}", run.stderr);
    }
    for var in [
        "BILLING_LOG_LEVEL",
        "BILLING_BIND_ADDRESS",
        "BILLING_METRICS_ADDRESS",
        "BILLING_REQUEST_TIMEOUT",
        "BILLING_MAX_BODY_SIZE",
        "BILLING_DB_IDLE_TIMEOUT",
    ] {
        assert!(
            runs[0]
                .report_line(var)
                .contains("invalid value <redacted>"),
            "{var}: {}",
            runs[0].stdout
        );
    }
    // What no secret reads is shown.
    let plain = manifest.replace("key: init,", "key: other,").replace(
        "  init: canary-init\n",
        "  init: canary-init\n  other: plain-value\n",
    );
    let run = check(&plain, &["--container", "worker"]);
    assert!(
        run.report_line("BILLING_DB_IDLE_TIMEOUT")
            .contains("invalid value \"plain-value\""),
        "{}",
        run.stdout
    );
}

/// A secret pasted by mistake into its `NAME_FILE` (or an alias's) whose
/// text holds `$(...)` is the secret's text: the warning about the
/// reference says `...`, as it does for the secret's own literal, in every
/// form.
#[test]
fn a_reference_in_a_secret_pasted_into_its_name_file_never_shows() {
    for var in ["BILLING_DATABASE_URL_FILE", "PAYMENT_TOKEN_FILE"] {
        let manifest = deployment(
            "",
            &format!(
                "env:
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
  - name: {var}
    value: \"hunter2$(p4ss)w0rd\"
"
            ),
        );
        let runs = every_form(&manifest, &[]);
        for run in &runs {
            assert!(!run.stdout.contains("p4ss"), "{var}: {}", run.stdout);
            assert!(!run.stderr.contains("p4ss"), "{var}: {}", run.stderr);
        }
        assert!(
            runs[0].stdout.contains(&format!("{var} expands $(...)")),
            "{var}: {}",
            runs[0].stdout
        );
        // What copies the `NAME_FILE` copies what may be the secret.
        let manifest = deployment(
            "",
            &format!(
                "env:
  - name: {var}
    value: \"hunter2-p4ss\"
  - name: BILLING_ALLOWED_HOSTS
    value: $({var})
  - name: BILLING_LOG_LEVEL
    value: $({var})
"
            ),
        );
        for run in every_form(&manifest, &[]) {
            assert!(!run.stdout.contains("p4ss"), "{var}: {}", run.stdout);
            assert!(!run.stderr.contains("p4ss"), "{var}: {}", run.stderr);
        }
    }
}

/// A `NAME_FILE` path is read as Linux reads it: repeated slashes are one
/// (`//etc/billing/FILE`, `/etc//billing/FILE` name the Secret's file), and
/// a trailing slash on a file's path (`/etc/billing/FILE/`) makes opening
/// it fail (ENOTDIR), so the service cannot read it and the check fails.
#[test]
fn secret_file_paths_are_read_as_linux_reads_them() {
    let manifest = |path: &str| {
        deployment(
            "volumes:
  - name: billing
    secret:
      secretName: billing-secrets
",
            &format!(
                "volumeMounts:
  - name: billing
    mountPath: /etc/billing
env:
  - name: BILLING_DATABASE_URL
    valueFrom:
      secretKeyRef: {{name: billing-secrets, key: database-url}}
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
  - name: PAYMENT_TOKEN_FILE
    value: {path}
"
            ),
        )
    };
    for path in [
        "/etc/billing/PAYMENT_TOKEN",
        "//etc/billing/PAYMENT_TOKEN",
        "/etc//billing/PAYMENT_TOKEN",
        "/etc/billing//PAYMENT_TOKEN",
        "/etc/./billing/PAYMENT_TOKEN",
        // A mount point is a directory: its `..` is where it is mounted.
        "/etc/billing/../billing/PAYMENT_TOKEN",
    ] {
        let run = check(&manifest(path), &[]);
        assert_eq!(run.code, 0, "{path}: {run:?}");
        assert!(
            run.report_line("PAYMENT_TOKEN").contains(&format!(
                "read from {path}, if it is there: it is in the Secret volume billing"
            )),
            "{path}: {}",
            run.stdout
        );
        assert!(!run.stdout.contains("no volume"), "{path}: {}", run.stdout);
    }
    for path in [
        "/etc/billing/PAYMENT_TOKEN/",
        "//etc/billing//PAYMENT_TOKEN//",
    ] {
        let run = check(&manifest(path), &[]);
        assert_eq!(run.code, 78, "{path}: {run:?}");
        let line = run.report_line("PAYMENT_TOKEN");
        assert!(
            line.starts_with("invalid")
                && line.contains(&format!(
                    "PAYMENT_TOKEN_FILE: {path} ends in `/`, which names a directory: the file \
                     the service reads is not there"
                )),
            "{path}: {}",
            run.stdout
        );
    }
    // Out of the mount through its `..`: no Secret sets it, and the file
    // must come from the image.
    let run = check(&manifest("/etc/billing/../PAYMENT_TOKEN"), &["--strict"]);
    assert_eq!(run.code, 78, "{run:?}");
    assert!(
        run.report_line("PAYMENT_TOKEN")
            .ends_with("read from /etc/billing/../PAYMENT_TOKEN, a file of the image"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("which no volume of the container mounts")
    );
    // `..` after a directory of the image, which may be a link: the
    // container's file system resolves it.
    let path = "/etc/x/../billing/PAYMENT_TOKEN";
    let run = check(&manifest(path), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.report_line("PAYMENT_TOKEN")
            .ends_with(&format!("read from {path}, a file of the container")),
        "{}",
        run.stdout
    );
}

/// A ConfigMap's value counts against the same 128 KiB as a literal, read
/// by a `configMapKeyRef` or an `envFrom`: `execve` refuses a longer
/// variable, and the container never starts. Just under it, it is `ok`.
#[test]
fn a_config_map_value_past_what_linux_starts_with_is_undeployable() {
    // `BILLING_ALLOWED_HOSTS=` and the NUL take 23 of the 131,072 bytes,
    // `BILLING_SENTRY_DSN=` and the NUL 20.
    for (length, fits) in [(151_999, false), (131_050, false), (131_049, true)] {
        let hosts = "h".repeat(length);
        let dsn = "d".repeat(length + 3);
        let config_map = format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  hosts: {hosts}\n  \
             BILLING_SENTRY_DSN: {dsn}\n---\n"
        );
        let env = "- name: BILLING_ALLOWED_HOSTS\n  valueFrom:\n    configMapKeyRef:\n      \
                   name: big\n      key: hosts\n";
        let manifest = format!("{config_map}{}", with_env(env)).replace(
            "env:\n",
            "envFrom:\n            - configMapRef:\n                name: big\n          env:\n",
        );
        let run = check(&manifest, &[]);
        for var in ["BILLING_ALLOWED_HOSTS", "BILLING_SENTRY_DSN"] {
            let line = run.report_line(var);
            match fits {
                true => assert!(line.starts_with("ok "), "{length}: {line}"),
                false => assert!(
                    line.starts_with("invalid ")
                        && line.contains(
                            "its value is longer than the 128 KiB that Linux starts a process \
                             with for one variable (with its name), so the container would not \
                             start"
                        ),
                    "{length}: {line}"
                ),
            }
        }
        assert_eq!(run.code, if fits { 0 } else { 78 }, "{length}");
    }
}

/// The kubelet writes a Secret volume's files in a directory of its own,
/// in the mount point, where every directory of `items` is a directory:
/// `..` after one is its parent there, and `..` at the top of that
/// directory is the mount point (not the mount point's parent). A subPath
/// mount's top `..` is where it is mounted.
#[test]
fn dot_dot_in_a_directory_of_a_volume_is_its_parent() {
    let manifest = |mount: &str, path: &str| {
        deployment(
            "enableServiceLinks: false
volumes:
  - name: billing
    secret:
      secretName: billing-secrets
      items:
      - {key: payment-token, path: api/payment-token}
      - {key: token, path: token}
",
            &format!(
                "volumeMounts:
  - name: billing
{mount}env:
  - name: BILLING_DATABASE_URL
    valueFrom:
      secretKeyRef: {{name: billing-secrets, key: database-url}}
  - name: BILLING_ALLOWED_HOSTS
    value: a.example.com
  - name: PAYMENT_TOKEN_FILE
    value: {path}
"
            ),
        )
    };
    let whole = "    mountPath: /etc/billing\n";
    for (path, file) in [
        ("/etc/billing/api/../token", Some("token")),
        (
            "/etc/billing/api/../api/payment-token",
            Some("payment-token"),
        ),
        ("/etc/billing/api/../../token", Some("token")),
        ("/etc/billing/api/../tokn", None),
    ] {
        let run = check(&manifest(whole, path), &["--strict"]);
        let line = run.report_line("PAYMENT_TOKEN");
        match file {
            Some(key) => {
                assert_eq!(run.code, 0, "{path}: {run:?}");
                let from = format!("the Secret billing-secrets (key {key})");
                assert!(line.contains(&from), "{path}: {line}");
            }
            None => {
                assert_eq!(run.code, 78, "{path}: {run:?}");
                assert!(line.starts_with("invalid "), "{path}: {line}");
            }
        }
    }
    // A file is no directory, and a directory of a Secret that is not
    // among the documents may be anything: the container resolves them.
    let run = check(&manifest(whole, "/etc/billing/token/../token"), &[]);
    let line = run.report_line("PAYMENT_TOKEN");
    assert!(line.ends_with("a file of the container"), "{line}");
    // Mounted from its directory `api`, the volume's top is the mount
    // point, whose `..` is /etc.
    let sub = "    mountPath: /etc/api\n    subPath: api\n";
    let run = check(
        &manifest(sub, "/etc/api/../api/payment-token"),
        &["--strict"],
    );
    assert_eq!(run.code, 0, "{run:?}");
}

/// A subPath that names a key the Secret lacks: the kubelet makes an
/// empty directory of it (`makeMounts`), so a `NAME_FILE` naming the
/// mount point names a directory, and the message says so.
#[test]
fn a_subpath_the_secret_lacks_is_an_empty_directory() {
    let secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-files\n\
                  stringData:\n  token: x\n---\n";
    let pod = "enableServiceLinks: false\nvolumes:\n  - name: files\n    secret:\n      \
               secretName: billing-files\n";
    let container = "volumeMounts:\n  - name: files\n    mountPath: /etc/billing/payment-token\n    \
                     subPath: payment-token\nenv:\n  - name: BILLING_DATABASE_URL\n    valueFrom:\n      \
                     secretKeyRef: {name: billing-secrets, key: database-url}\n  \
                     - name: BILLING_ALLOWED_HOSTS\n    value: a.example.com\n  \
                     - name: PAYMENT_TOKEN_FILE\n    value: /etc/billing/payment-token\n";
    let run = check(&format!("{secret}{}", deployment(pod, container)), &[]);
    assert_eq!(run.code, 78, "{run:?}");
    let line = run.report_line("PAYMENT_TOKEN");
    assert!(line.starts_with("invalid "), "{line}");
    assert!(
        line.contains(
            "PAYMENT_TOKEN_FILE: /etc/billing/payment-token is an empty directory, not a \
             file: the Secret volume files (Secret billing-files) is mounted at \
             /etc/billing/payment-token with subPath payment-token"
        ),
        "{line}"
    );
    assert!(!run.stdout.contains("is not there"), "{}", run.stdout);
}
