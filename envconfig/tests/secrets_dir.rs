//! `#[config(secrets_dir = "...")]`: a variable that is unset, and has no
//! `NAME_FILE`, is read from the file named like it in the directory (as
//! Docker and a Kubernetes Secret mounted as a directory lay secrets out).
//! The directory is a constant of the code, so each test has one of its
//! own under the system's temporary directory.

use std::path::Path;

use envconfig::Config;
use secrecy::{ExposeSecret, SecretString};

const DIR: &str = "/tmp/envconfig-secrets-dir-test";
const MISSING: &str = "/tmp/envconfig-secrets-dir-test-missing";
const A_FILE: &str = "/tmp/envconfig-secrets-dir-test-a-file";

#[derive(Config)]
#[config(prefix = "SD_", secrets_dir = "/tmp/envconfig-secrets-dir-test")]
struct WithDir {
    token: SecretString,
    #[config(default = 8080)]
    port: u16,
}

#[derive(Config)]
#[config(
    prefix = "SD_",
    secrets_dir = "/tmp/envconfig-secrets-dir-test-missing"
)]
struct Missing {
    #[config(default = 8080)]
    port: u16,
}

fn write(name: &str, text: &[u8]) {
    std::fs::create_dir_all(DIR).expect("the directory");
    std::fs::write(Path::new(DIR).join(name), text).expect("a file");
}

#[test]
fn an_unset_variable_is_read_from_the_directory() {
    write("SD_TOKEN", b"s3cret\n");
    write("SD_PORT", b"9000");
    let loaded = WithDir::from_vars([("SD_OTHER", "")]).expect("loads");
    assert_eq!(loaded.token.expose_secret(), "s3cret");
    assert_eq!(loaded.port, 9000);
    // Set in the environment, the variable wins.
    let loaded = WithDir::from_vars([("SD_PORT", "80")]).expect("loads");
    assert_eq!(loaded.port, 80);
    // The view says which file a value came from.
    let loaded = WithDir::load_from_vars([("SD_OTHER", "")]).expect("loads");
    let shown = loaded.effective().to_string();
    assert!(
        shown.contains("/tmp/envconfig-secrets-dir-test/SD_PORT"),
        "{shown}"
    );
    assert!(!shown.contains("s3cret"), "{shown}");
}

#[test]
fn a_missing_directory_is_no_error() {
    assert!(!Path::new(MISSING).exists());
    let loaded = Missing::from_vars([("SD_OTHER", "")]).expect("loads");
    assert_eq!(loaded.port, 8080);
}

#[derive(Config)]
#[config(prefix = "SD_", secrets_dir = "/tmp/envconfig-secrets-dir-test-a-file")]
struct DirIsAFile {
    #[config(default = 8080)]
    port: u16,
}

#[test]
fn a_directory_that_is_a_file_is_no_error() {
    std::fs::write(A_FILE, b"9000").expect("a file where the directory would be");
    let loaded = DirIsAFile::from_vars([("SD_OTHER", "")]).expect("loads");
    assert_eq!(loaded.port, 8080);
}

/// A Kubernetes Secret volume links each key's file to `..data/KEY`: a
/// link is read as the file it names.
#[cfg(unix)]
#[test]
fn a_link_in_the_directory_is_read_as_its_file() {
    let data = Path::new(DIR).join("..data");
    std::fs::create_dir_all(&data).expect("the kubelet's directory");
    std::fs::write(data.join("SD_LINKED"), b"linked-value").expect("a file");
    let link = Path::new(DIR).join("SD_LINKED");
    // The directory outlives a run, and two runs may share it: a link
    // another made is the same link.
    match std::os::unix::fs::symlink("..data/SD_LINKED", &link) {
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            let target = std::fs::read_link(&link).expect("the link made before");
            assert_eq!(target, Path::new("..data/SD_LINKED"));
        }
        made => made.expect("a link"),
    }
    #[derive(Config)]
    #[config(secrets_dir = "/tmp/envconfig-secrets-dir-test")]
    struct Linked {
        #[config(env = "SD_LINKED")]
        value: SecretString,
    }
    let loaded = Linked::from_vars([("SD_OTHER", "")]).expect("loads");
    assert_eq!(loaded.value.expose_secret(), "linked-value");
}

#[test]
fn a_file_that_cannot_be_used_is_the_variables_problem() {
    std::fs::create_dir_all(Path::new(DIR).join("SD_PORT_DIR")).expect("a directory");
    #[allow(dead_code)]
    #[derive(Config)]
    #[config(secrets_dir = "/tmp/envconfig-secrets-dir-test")]
    struct Odd {
        #[config(env = "SD_PORT_DIR", default = 1)]
        port: u16,
    }
    let error = Odd::from_vars([("SD_OTHER", "")])
        .err()
        .expect("a directory is no value");
    let text = error.to_string();
    assert!(text.contains("SD_PORT_DIR"), "{text}");
    assert!(text.contains("it is a directory"), "{text}");
}

#[test]
fn the_docs_know_the_directory() {
    let docs = WithDir::docs();
    assert_eq!(docs.secrets_dir(), Some(DIR));
    let k8s = docs.render(envconfig::Format::K8sFiles);
    assert!(k8s.contains(&format!("mountPath: {DIR}")), "{k8s}");
    assert!(!k8s.contains("SD_TOKEN_FILE"), "{k8s}");
}
