//! `server enterprise register` as the operator runs it.

use std::process::{Command, Output};

fn register(url: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "enterprise",
        "register",
        "--number",
        "BE 0403.019.261",
        "--name",
        "Acme NV",
        "--groups",
        "employer,social_secretariat",
        "--mam-given-name",
        "Anna",
        "--mam-family-name",
        "Peeters",
        "--mam-email",
        "anna.peeters@acme.be",
        "--mam-language",
        "nl",
    ];
    args.extend_from_slice(extra);
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(&args)
        .env("DATABASE_URL", url)
        .env(
            "CATALOG_FILE",
            concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/default.toml"),
        )
        .env("PUBLIC_BASE_URL", "https://access.example.be")
        .env("LOG_LEVEL", "warn")
        .output()
        .expect("run server enterprise register")
}

fn one_error_line(output: &Output) -> String {
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
}

#[test]
fn register_prints_a_one_time_activation_link_under_the_public_url() {
    let folder = tempfile::tempdir().expect("temp");
    let url = format!("sqlite://{}/access.db", folder.path().display());
    let output = register(&url, &["--mam-nrn", "85.07.30-033.28"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("Registered enterprise 0403.019.261 Acme NV (pending activation)."),
        "{stdout}"
    );
    assert!(
        stdout.contains("Main access manager: Anna Peeters (85.07.30-033.28)"),
        "{stdout}"
    );
    let link = stdout
        .lines()
        .find_map(|line| {
            line.trim()
                .strip_prefix("https://access.example.be/activate/")
        })
        .expect("an activation link");
    assert_eq!(link.len(), 64);
    assert!(link.chars().all(|c| c.is_ascii_hexdigit()));

    let again = register(&url, &["--mam-nrn", "85.07.30-033.28"]);
    let error = one_error_line(&again);
    assert!(
        error.contains("enterprise 0403.019.261 is registered already"),
        "{error}"
    );
}

#[test]
fn invalid_nrn_or_missing_identity_is_named_by_its_flag() {
    let folder = tempfile::tempdir().expect("temp");
    let url = format!("sqlite://{}/access.db", folder.path().display());
    let error = one_error_line(&register(&url, &["--mam-nrn", "85073003329"]));
    assert!(
        error.starts_with("error: --mam-nrn: This national register number is not valid"),
        "{error}"
    );

    let error = one_error_line(&register(
        &url,
        &["--mam-foreign", "--mam-username", "j.smith"],
    ));
    assert!(error.starts_with("error: --mam-phone:"), "{error}");
    assert!(
        !folder.path().join("access.db").exists(),
        "bad arguments are refused before the database is touched"
    );
}

#[test]
fn a_foreign_main_access_manager_registers_with_username_and_phone() {
    let folder = tempfile::tempdir().expect("temp");
    let url = format!("sqlite://{}/access.db", folder.path().display());
    let output = register(
        &url,
        &[
            "--mam-foreign",
            "--mam-username",
            "J.Smith",
            "--mam-phone",
            "+44 20 7946 0000",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("(username j.smith)"), "{stdout}");
    assert!(
        stdout.contains("sent by e-mail to anna.peeters@acme.be; a temporary password, needed to activate, by SMS to +44 20 7946 0000."),
        "{stdout}"
    );
}

#[test]
fn replace_mam_switches_the_manager_and_prints_their_link() {
    let folder = tempfile::tempdir().expect("temp");
    let url = format!("sqlite://{}/access.db", folder.path().display());
    assert!(
        register(&url, &["--mam-nrn", "85.07.30-033.28"])
            .status
            .success()
    );
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .args([
            "enterprise",
            "replace-mam",
            "--number",
            "0403019261",
            "--mam-nrn",
            "17073003384",
            "--mam-given-name",
            "Bram",
            "--mam-family-name",
            "Janssens",
            "--mam-email",
            "bram@acme.be",
        ])
        .env("DATABASE_URL", &url)
        .env(
            "CATALOG_FILE",
            concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/default.toml"),
        )
        .env("PUBLIC_BASE_URL", "https://access.example.be")
        .env("LOG_LEVEL", "warn")
        .output()
        .expect("run replace-mam");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("main access manager is now Bram Janssens (17.07.30-033.84)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("https://access.example.be/activate/"),
        "{stdout}"
    );
}

#[test]
fn init_demo_prints_how_each_demo_person_signs_in() {
    let folder = tempfile::tempdir().expect("temp");
    let url = format!("sqlite://{}/access.db", folder.path().display());
    let init = || {
        Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["init", "--demo"])
            .env("DATABASE_URL", &url)
            .env(
                "CATALOG_FILE",
                concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/default.toml"),
            )
            .env("PUBLIC_BASE_URL", "http://127.0.0.1:3000")
            .env("LOG_LEVEL", "warn")
            .output()
            .expect("run server init --demo")
    };
    let output = init();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("Demo enterprise 0777.777.771 Demo Bakery NV is active."),
        "{stdout}"
    );
    assert!(stdout.contains("http://127.0.0.1:3000/sign-in"), "{stdout}");
    for line in [
        "Marie Dubois (Main access manager)",
        "Jan Janssens (Co-main access manager)",
        "Sofie Maes (Access manager)",
        "Luc Willems (Group administrator)",
        "Eva Claes (employee)",
    ] {
        assert!(stdout.contains(line), "{line}: {stdout}");
    }
    assert_eq!(
        stdout.matches("authenticator secret").count(),
        5,
        "{stdout}"
    );
    let again = init();
    let error = one_error_line(&again);
    assert!(error.contains("exists already"), "{error}");
}

/// `server demo --json` for enterprise `number` on the database at `url`.
fn demo_json(url: &str, number: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .args([
            "demo",
            "--number",
            number,
            "--name",
            "Training NV",
            "--json",
        ])
        .env("DATABASE_URL", url)
        .env(
            "CATALOG_FILE",
            concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/default.toml"),
        );
    command
}

#[test]
fn another_demo_prints_its_accounts_as_json_with_fresh_national_register_numbers() {
    let folder = tempfile::tempdir().expect("temp");
    let url = format!("sqlite://{}/access.db", folder.path().display());
    let demo = |number: &str| {
        demo_json(&url, number)
            .env("LOG_LEVEL", "warn")
            .output()
            .expect("run server demo")
    };
    let mut numbers = Vec::new();
    for number in ["0431150350", "0876543270"] {
        let output = demo(number);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{stdout}");
        let json: serde_json::Value = serde_json::from_str(stdout.trim()).expect("JSON");
        let accounts = json["accounts"].as_array().expect("accounts");
        let roles: Vec<_> = accounts.iter().map(|a| a["role"].clone()).collect();
        assert_eq!(
            roles,
            [
                "main_access_manager",
                "co_main_access_manager",
                "access_manager",
                "group_administrator",
            ]
            .map(serde_json::Value::from)
            .into_iter()
            .chain([serde_json::Value::Null])
            .collect::<Vec<_>>()
        );
        numbers.extend(
            accounts
                .iter()
                .map(|a| a["nrn"].as_str().expect("nrn").to_owned()),
        );
    }
    let distinct: std::collections::BTreeSet<_> = numbers.iter().collect();
    assert_eq!(
        distinct.len(),
        10,
        "each demo has its own people: {numbers:?}"
    );
    let again = demo("0431150350");
    assert!(one_error_line(&again).contains("exists already"));
}

#[test]
fn logs_go_to_stderr_so_stdout_carries_only_the_commands_output() {
    for format in ["text", "json"] {
        let folder = tempfile::tempdir().expect("temp");
        let url = format!("sqlite://{}/access.db", folder.path().display());
        let output = demo_json(&url, "0431150350")
            .env("LOG_LEVEL", "debug")
            .env("LOG_FORMAT", format)
            .output()
            .expect("run server demo");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        let json: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("stdout is one JSON document ({e}): {stdout}"));
        assert!(json["accounts"].is_array(), "{json}");
        assert!(
            !stderr.trim().is_empty(),
            "the logs at debug went to stderr ({format})"
        );
    }
}
