//! The binary as an operator meets it: bad configuration ends with one line and a non-zero exit
//! code (no panic trace); `migrate` prepares the database; SIGTERM stops `serve` cleanly.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn server(args: &[&str], database_url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .args(args)
        .env("DATABASE_URL", database_url)
        .env(
            "CATALOG_FILE",
            concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/default.toml"),
        )
        .env("LOG_LEVEL", "info")
        .env_remove("LISTEN_ADDR")
        .env_remove("PUBLIC_BASE_URL")
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn run(args: &[&str], database_url: &str) -> Output {
    server(args, database_url)
        .output()
        .expect("run the server binary")
}

/// Exit code non-zero, nothing on stdout, and stderr ends with exactly one line that starts with
/// `error:` and contains `needle` (before it only the logs, which go to stderr too; no panic).
fn assert_fails_with_one_line(output: &Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "should fail; stderr: {stderr}");
    assert!(output.stdout.is_empty(), "nothing on stdout");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    let errors: Vec<&&str> = lines.iter().filter(|l| l.starts_with("error")).collect();
    assert_eq!(errors.len(), 1, "exactly one error line, got: {stderr}");
    let last = lines.last().copied().unwrap_or_default();
    assert!(
        last.starts_with("error: "),
        "the error comes last: {stderr}"
    );
    assert!(last.contains(needle), "'{last}' should mention '{needle}'");
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

#[test]
fn unknown_database_scheme_is_refused_in_one_line() {
    let output = run(&["migrate"], "mysql://root@localhost/access");
    assert_fails_with_one_line(&output, "unsupported scheme 'mysql'");
}

#[test]
fn unwritable_data_folder_is_refused_in_one_line() {
    let folder = tempfile::tempdir().expect("temp");
    let file = folder.path().join("plain-file");
    std::fs::write(&file, b"x").expect("write");
    let url = format!("sqlite://{}/data/access.db", file.display());
    let output = run(&["migrate"], &url);
    assert_fails_with_one_line(&output, "cannot create the data folder");
}

#[test]
fn unreachable_database_is_refused_in_one_line() {
    let output = run(&["migrate"], "postgres://postgres:pw@127.0.0.1:1/postgres");
    assert_fails_with_one_line(
        &output,
        "cannot open the database at postgres://postgres:***@127.0.0.1:1",
    );
}

#[test]
fn bad_listen_address_is_refused_in_one_line() {
    let output = run(&["serve", "--listen", "everywhere"], "sqlite::memory:");
    assert_fails_with_one_line(&output, "LISTEN_ADDR 'everywhere'");
}

#[test]
fn port_in_use_is_refused_in_one_line() {
    let folder = tempfile::tempdir().expect("temp");
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = taken.local_addr().expect("addr").to_string();
    let url = format!("sqlite://{}/access.db", folder.path().display());
    let output = run(&["serve", "--listen", &address], &url);
    assert_fails_with_one_line(&output, &format!("cannot listen on {address}"));
}

#[test]
fn missing_or_broken_catalogue_is_refused_in_one_line() {
    let folder = tempfile::tempdir().expect("temp");
    let url = format!("sqlite://{}/access.db", folder.path().display());
    let missing = folder.path().join("nowhere.toml");
    let output = server(&["migrate"], &url)
        .env("CATALOG_FILE", &missing)
        .output()
        .expect("run");
    assert_fails_with_one_line(&output, "cannot read the catalogue file");

    let broken = folder.path().join("broken.toml");
    std::fs::write(
        &broken,
        "[[groups]]\ncode = \"employer\"\ndomain = \"nowhere\"\n",
    )
    .expect("write");
    let output = server(&["migrate"], &url)
        .env("CATALOG_FILE", &broken)
        .output()
        .expect("run");
    assert_fails_with_one_line(&output, "catalogue file");
}

#[test]
fn migrate_creates_the_sqlite_file_and_its_folder() {
    let folder = tempfile::tempdir().expect("temp");
    let path = folder.path().join("data/access.db");
    let output = run(&["migrate"], &format!("sqlite://{}", path.display()));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(path.is_file());
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let folder = tempfile::tempdir().expect("temp");
    let address = format!("127.0.0.1:{}", free_port());
    let url = format!("sqlite://{}/access.db", folder.path().display());
    let mut child = server(&["serve", "--listen", &address], &url)
        .spawn()
        .expect("spawn");
    wait_until_healthy(&mut child, &address);

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("send SIGTERM");
    assert!(status.success());
    let output = wait_with_timeout(child, Duration::from_secs(10));
    assert!(
        output.status.success(),
        "exit code 0 after SIGTERM: {:?}",
        output.status
    );
    assert!(output.stdout.is_empty(), "serve prints nothing on stdout");
    let logs = String::from_utf8_lossy(&output.stderr);
    assert!(logs.contains("shutdown requested"), "{logs}");
    assert!(logs.contains("stopped"), "{logs}");
    assert!(Path::new(&folder.path().join("access.db")).is_file());
}

fn wait_until_healthy(child: &mut Child, address: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("server exited early: {status:?}");
        }
        if let Ok(mut stream) = TcpStream::connect(address) {
            let _ =
                stream.write_all(b"GET /healthz HTTP/1.1\r\nhost: t\r\nconnection: close\r\n\r\n");
            let mut reply = String::new();
            let _ = stream.read_to_string(&mut reply);
            if reply.starts_with("HTTP/1.1 200") {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("server did not become healthy at {address}");
}

fn wait_with_timeout(mut child: Child, limit: Duration) -> Output {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return child.wait_with_output().expect("collect output");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    panic!("server did not stop within {limit:?} of SIGTERM");
}
