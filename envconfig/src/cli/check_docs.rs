//! `--check-docs[=FORMAT] PATH`: whether a committed reference (a
//! `docs/CONFIG.md`, a `.env.example`, a Kubernetes snippet) is still what
//! `--print-env-docs` prints, so that CI catches one that drifted from the
//! code.

use std::path::Path;

use super::args::{CheckDocs, Usage};
use super::check::given_path;
use super::columns;
use super::diff::unified;
use super::exit::Exit;
use crate::config::Config;
use crate::docs::{Docs, Format};
use crate::shown::Abridged;
use crate::source::text_file::read_given_file;

/// The exit status of a reference that differs, as `diff` exits.
const DIFFERS: i32 = 1;

/// The widest `COLUMNS` a `text` reference is recognised as printed at;
/// wider, its lines break where they do at this width.
const MAX_TRIED_WIDTH: usize = 1000;

/// The largest reference read: far more than any configuration's.
const MAX_REFERENCE_BYTES: usize = 4 * 1024 * 1024;

/// Compares the reference at `options.path` with `T`'s docs: exit 0 when
/// they are equal, 1 with a unified diff on stdout when they are not.
pub(super) fn check_docs<T: Config>(options: &CheckDocs) -> Exit {
    let path = &options.path;
    if let Err(usage) = given_path("--check-docs", path) {
        return usage.into();
    }
    let shown = format!("{}", Abridged::name(&path.to_string_lossy()));
    let committed = match read_given_file(path, MAX_REFERENCE_BYTES) {
        Ok(bytes) => bytes,
        Err(reason) => {
            return Usage(format!(
                "--check-docs {shown}: {}",
                Abridged::reason(&reason)
            ))
            .into();
        }
    };
    let committed = String::from_utf8_lossy(&committed);
    // A checkout on Windows may have turned line breaks into CRLF, and an
    // editor may have added a byte order mark: neither is a drift.
    let committed = committed.strip_prefix('\u{feff}').unwrap_or(&committed);
    let committed = committed.replace("\r\n", "\n");
    let format = options
        .format
        .unwrap_or_else(|| named_in(&committed, format_of(path)));
    let current = match format {
        Format::Text => current_text(&T::docs(), &committed),
        format => T::docs().render(format),
    };
    let printed = format!("--print-env-docs={format}");
    let diff = unified(&shown, &printed, &committed, &current);
    if diff.is_empty() {
        return Exit::success(String::new());
    }
    // A reference on stdin has no file to regenerate it into.
    let stderr = match path.as_os_str() == "-" {
        true => format!(
            "error: the reference on stdin differs from what {printed} prints now; \
             regenerate it with {printed}\n"
        ),
        false => format!(
            "error: {shown} differs from what {printed} prints now; regenerate it with \
             {printed} > {shown}\n"
        ),
    };
    Exit {
        code: DIFFERS,
        stdout: diff,
        stderr,
    }
}

/// The format of a reference, from its name: `.md` markdown, `.env` or
/// `.example` dotenv, `.json` json, `.yaml` or `.yml` k8s, anything else
/// text.
fn format_of(path: &Path) -> Format {
    if path.file_name().is_some_and(|name| name == ".env") {
        return Format::Dotenv;
    }
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("md") => Format::Markdown,
        Some("env" | "example") => Format::Dotenv,
        Some("json") => Format::Json,
        Some("yaml" | "yml") => Format::K8s,
        _ => Format::Text,
    }
}

/// The format of a reference that its extension says is `guessed`, or the
/// other one of its family when its first line says that one printed it:
/// `ref.docker.env` is a `docker-env` reference, not a `dotenv` one, and
/// the advice to regenerate it must not turn it into one.
fn named_in(committed: &str, guessed: Format) -> Format {
    let sibling = match guessed {
        Format::Dotenv => Format::DockerEnv,
        Format::K8s => Format::K8sFiles,
        _ => return guessed,
    };
    let first = committed.lines().next().unwrap_or_default();
    let marker = format!("(--print-env-docs={sibling}).");
    // A plain search of the line: `str::contains` brings 2 KiB of two-way
    // search for it.
    let marked = (first.as_bytes().windows(marker.len())).any(|at| at == marker.as_bytes());
    match marked {
        true => sibling,
        false => guessed,
    }
}

/// The `text` reference as printed now: wrapped to `COLUMNS` when it is set
/// to a number, else to [`Docs::TEXT_WIDTH`], as `--print-env-docs > FILE`
/// wraps it; or, when that differs from `committed`, at the width that
/// gives `committed` back, if one does. A reference printed with another
/// `COLUMNS` (exported by one shell, not by CI's) has not drifted.
fn current_text(docs: &Docs, committed: &str) -> String {
    let current = docs.render_text(columns().unwrap_or(Docs::TEXT_WIDTH));
    if current == committed {
        return current;
    }
    (1..=MAX_TRIED_WIDTH)
        .map(|width| docs.render_text(width))
        .find(|rewrapped| rewrapped == committed)
        .unwrap_or(current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_the_extension() {
        let table = [
            ("docs/CONFIG.md", Format::Markdown),
            ("README.MD", Format::Markdown),
            (".env", Format::Dotenv),
            ("deploy/prod.env", Format::Dotenv),
            (".env.example", Format::Dotenv),
            ("docs/config.json", Format::Json),
            ("k8s/env.yaml", Format::K8s),
            ("k8s/env.yml", Format::K8s),
            ("docs/CONFIG.txt", Format::Text),
            ("CONFIG", Format::Text),
        ];
        for (path, format) in table {
            assert_eq!(format_of(Path::new(path)), format, "{path}");
        }
    }
}
