//! How a run of [`load_or_exit`](super::load_or_exit) ends: the
//! application goes on with its configuration, or the process prints what
//! it has to say and exits with a status from `sysexits.h`.

use crate::source::text_file::read_bounded;
use std::io::Write as _;
use std::path::Path;

/// `EX_USAGE`: a bad use of the flags.
pub(crate) const EX_USAGE: i32 = 64;
/// `EX_IOERR`: the output could not be written.
pub(crate) const EX_IOERR: i32 = 74;
/// `EX_CONFIG`: the configuration does not load.
pub(crate) const EX_CONFIG: i32 = 78;

/// How a run ends: the application goes on, or the process exits.
pub(crate) enum Run<T> {
    /// The configuration loaded; the application goes on with it, after
    /// this is printed to stderr: the notes and warnings, a line each.
    Loaded(T, String),
    /// Print these and exit.
    Exit(Exit),
}

/// What a run that ends the process prints, and its exit status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Exit {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Exit {
    pub(crate) fn success(stdout: String) -> Exit {
        Exit {
            code: 0,
            stdout,
            stderr: String::new(),
        }
    }

    pub(crate) fn failure(code: i32, mut stderr: String) -> Exit {
        if !stderr.ends_with('\n') {
            stderr.push('\n');
        }
        Exit {
            code,
            stdout: String::new(),
            stderr,
        }
    }
}

impl<T> Run<T> {
    /// The side effects, kept out of [`run`]: prints and exits, or returns
    /// the configuration.
    pub(crate) fn finish(self) -> T {
        let exit = match self {
            Run::Loaded(config, stderr) => {
                // A warning that cannot be written does not stop a service
                // that loaded.
                let _ = std::io::stderr().lock().write_all(stderr.as_bytes());
                return config;
            }
            Run::Exit(exit) => exit,
        };
        let mut code = exit.code;
        let mut stderr = std::io::stderr().lock();
        if let Err(error) = write_stdout(&exit.stdout) {
            // A reader that stopped reading (`| head`, `| grep -q`) wanted no
            // more; the status stays the run's own. Any other failure is one:
            // `--print-env-docs > full-disk/file` must not pass for a
            // report that reached its reader.
            if error.kind() != std::io::ErrorKind::BrokenPipe {
                // Nothing sensible is left to do if stderr cannot be
                // written either: the status says it.
                let _ = writeln!(stderr, "error: cannot write to stdout: {error}");
                if code == 0 {
                    code = EX_IOERR;
                }
            }
        }
        let _ = stderr.write_all(exit.stderr.as_bytes());
        std::process::exit(code)
    }
}

/// Writes `text` to stdout, and flushes it.
///
/// A report that reaches no reader is an error, also when stdout was closed
/// (`>&-`), which writes would not tell.
fn write_stdout(text: &str) -> std::io::Result<()> {
    if text.is_empty() {
        return Ok(());
    }
    if stdout_was_closed() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotConnected,
            "stdout is closed",
        ));
    }
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()
}

/// Whether the process started with stdout closed.
///
/// Rust's runtime opens `/dev/null` on a standard descriptor that is closed
/// at start, so writes to it succeed. It opens it for reading and writing,
/// where a shell's `>/dev/null` opens it for writing only: that tells the
/// two apart (on Linux, where `/proc` says both).
fn stdout_was_closed() -> bool {
    let is_dev_null =
        std::fs::read_link("/proc/self/fd/1").is_ok_and(|target| target == Path::new("/dev/null"));
    is_dev_null
        // Read as every file the crate reads (`read_to_string` would compile
        // a reader of its own for this one file).
        && std::fs::File::open("/proc/self/fdinfo/1")
            .ok()
            .and_then(|file| read_bounded(file, 0, 4096).ok())
            .is_some_and(|info| {
            String::from_utf8_lossy(&info).lines()
                .find_map(|line| line.strip_prefix("flags:"))
                .and_then(|flags| u32::from_str_radix(flags.trim(), 8).ok())
                // O_ACCMODE is 3, O_RDWR is 2.
                .is_some_and(|flags| flags & 3 == 2)
        })
}
