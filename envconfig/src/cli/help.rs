//! What envconfig says of its own flags: the usage line of a bad use,
//! `--help`, and the flag an argument nearly is.

use super::exit::{EX_USAGE, Run};
use crate::shown::OneLine;

/// The usage line of the flags.
#[cfg(feature = "k8s")]
pub(super) const USAGE: &str = "usage: --print-env-docs[=FORMAT] | --print-config[=text|json] \
     | --check-env [--env-file PATH [--env-format dotenv|docker] | --manifest PATH \
     [--container NAME]] [--read-secret-files] [--strict] [--report text|json|github] \
     | --check-docs[=FORMAT] PATH | --help";
#[cfg(not(feature = "k8s"))]
pub(super) const USAGE: &str = "usage: --print-env-docs[=FORMAT] | --print-config[=text|json] \
     | --check-env [--env-file PATH [--env-format dotenv|docker]] [--read-secret-files] \
     [--strict] [--report text|json|github] | --check-docs[=FORMAT] PATH | --help";

/// `run`, with the usage line after a bad use of the flags: for a command
/// line envconfig read itself. An application's own parser (clap) has its
/// own spelling of the flags and its own `--help`, so the line is not
/// added there.
pub(super) fn with_usage_line<T>(run: Run<T>) -> Run<T> {
    match run {
        Run::Exit(mut exit) if exit.code == EX_USAGE => {
            exit.stderr.push_str(USAGE);
            exit.stderr.push('\n');
            Run::Exit(exit)
        }
        run => run,
    }
}

/// The flags envconfig claims wherever they are.
const FLAGS: &[&str] = &[
    "--print-env-docs",
    "--print-config",
    "--check-env",
    "--check-docs",
];

/// The flags envconfig claims only after `--check-env`: before it, they
/// are the application's.
pub(super) const CHECK_FLAGS: &[&str] = &[
    "--env-file",
    "--env-format",
    "--read-secret-files",
    "--strict",
    "--report",
    "--manifest",
    "--container",
];

/// The flag of envconfig's that `flag` (written before any `=`) nearly is:
/// one edit away, or two for a flag of 12 characters or more, case aside.
/// Only flags that envconfig claims where `flag` stands count: those after
/// `--check-env` only when `after_check`. `-h` and `--help` are too short to
/// tell a typo of from an application's own flag (`--heap`).
pub(super) fn near_miss(flag: &str, after_check: bool) -> Option<&'static str> {
    // Only a long flag; and one much longer than any of ours is none of
    // them (this also bounds the work for a huge argument).
    if !flag.starts_with("--") || flag.len() > 32 {
        return None;
    }
    let lowered = flag.to_ascii_lowercase();
    let mut nearest: Option<(usize, &'static str)> = None;
    for claimed in [FLAGS, if after_check { CHECK_FLAGS } else { &[] }] {
        for &ours in claimed {
            let limit = if ours.len() - 2 >= 12 { 2 } else { 1 };
            let distance = envconfig_core::edit_distance(&lowered, ours);
            // Of flags as near, the first.
            let nearer = nearest.is_none_or(|(nearest, _)| distance < nearest);
            if flag != ours && distance <= limit && nearer {
                nearest = Some((distance, ours));
            }
        }
    }
    nearest.map(|(_, ours)| ours)
}

/// What `-h` and `--help` print: the usage of envconfig's flags, for the
/// program named `program`.
pub(super) fn help(program: &str) -> String {
    let program = format!("{}", OneLine(program));
    let manifest = match cfg!(feature = "k8s") {
        true => {
            "    --manifest PATH            check a container of this Kubernetes manifest \
             instead (- for stdin)\n    \
             --container NAME           the container of the manifest to check\n"
        }
        false => "",
    };
    format!(
        "usage: {program} [--print-env-docs[=FORMAT] | --print-config[=text|json] | \
         --check-env [OPTIONS] | --check-docs[=FORMAT] PATH]\n\
         \n\
         {program} is configured by environment variables: {program} --print-env-docs \
         lists them.\n\
         Any variable NAME can also be read from the file that NAME_FILE names.\n\
         \n\
         \x20 --print-env-docs[=FORMAT]    print every variable, in FORMAT: text (the \
         default), markdown,\n\
         \x20                              dotenv, docker-env, json, k8s or k8s-files\n\
         \x20 --print-config[=text|json]   print every variable's value and where it came \
         from\n\
         \x20 --check-env                  check the environment: exit 0 if it would load, \
         78 if not\n\
         \x20   --env-file PATH            check this dotenv file alone instead (- for \
         stdin)\n\
         \x20   --env-format dotenv|docker read the file as dotenvy does, or as docker \
         --env-file does\n\
         {manifest}\
         \x20   --read-secret-files        open the files that the file's NAME_FILE \
         variables name\n\
         \x20   --strict                   fail on any warning or unchecked variable too\n\
         \x20   --report text|json|github  the form of the report\n\
         \x20 --check-docs[=FORMAT] PATH   compare a committed reference with \
         --print-env-docs:\n\
         \x20                              exit 0 if equal, 1 with a diff if not\n\
         \x20 -h, --help                   print this help\n\
         \n\
         A bad use of these flags exits 64.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_near_miss_of_a_flag_is_named() {
        let table = [
            ("--print-env-doc", false, Some("--print-env-docs")),
            ("--print_env_docs", false, Some("--print-env-docs")),
            ("--printenv-docs", false, Some("--print-env-docs")),
            ("--chek-env", false, Some("--check-env")),
            ("--check-envs", false, Some("--check-env")),
            ("--CHECK-ENV", false, Some("--check-env")),
            ("--check-doc", false, Some("--check-docs")),
            ("--print-conifg", false, Some("--print-config")),
            ("--stirct", true, Some("--strict")),
            ("--env-files", true, Some("--env-file")),
            // The application's own flags.
            ("--stirct", false, None),
            ("--env-files", false, None),
            ("--check-environment", false, None),
            ("--check-dns", false, None),
            ("--print", false, None),
            ("--heap", false, None),
            ("--hlep", false, None),
            ("--workers", true, None),
            ("-check-env", false, None),
            // Envconfig's own flags are no near miss of themselves.
            ("--check-env", false, None),
            ("--strict", true, None),
        ];
        for (flag, after_check, expected) in table {
            assert_eq!(near_miss(flag, after_check), expected, "{flag}");
        }
    }

    #[test]
    fn help_names_every_flag_and_fits_a_terminal() {
        let help = help("billing");
        for flag in FLAGS.iter().chain(CHECK_FLAGS) {
            if !cfg!(feature = "k8s") && ["--manifest", "--container"].contains(flag) {
                continue;
            }
            assert!(help.contains(flag), "{flag} in\n{help}");
        }
        assert!(
            help.contains("billing --print-env-docs lists them"),
            "{help}"
        );
        assert!(help.contains("NAME_FILE"), "{help}");
        for line in help.lines().skip(1) {
            assert!(line.chars().count() <= 100, "{line}");
        }
    }
}
