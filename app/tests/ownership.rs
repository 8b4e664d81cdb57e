//! Who may write what, read from the sources: each table is written by its one owning module
//! (ARCHITECTURE.md lists them), and the permits for work nobody's request asks for are made
//! only by their callers — the operator's at the command line, the system's by the server's
//! startup and scheduled work — never by a feature for itself.

#[path = "module_graph/scan.rs"]
#[allow(dead_code)]
mod scan;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each table and the files (below `app/src/`) allowed to write it.
const OWNERS: &[(&str, &[&str])] = &[
    (
        "activation_tokens",
        &["features/enterprises/activation_token.rs"],
    ),
    ("administrators", &["features/admins/store.rs"]),
    ("audit_chains", &["features/audit/store.rs"]),
    ("audit_events", &["features/audit/store.rs"]),
    ("credentials", &["features/auth/credentials.rs"]),
    ("domains", &["features/catalog/store.rs"]),
    ("ebox_messages", &["features/ebox/store.rs"]),
    ("employments", &["features/people/employments.rs"]),
    // The rows are the enterprise's; their user counts are kept by the users store.
    (
        "enterprise_groups",
        &[
            "features/enterprises/store.rs",
            "features/users/store.rs",
            "features/users/bulk.rs",
        ],
    ),
    (
        "enterprise_users",
        &["features/users/store.rs", "features/users/bulk.rs"],
    ),
    ("enterprises", &["features/enterprises/store.rs"]),
    (
        "grants",
        &["features/users/store.rs", "features/users/bulk.rs"],
    ),
    ("group_services", &["features/catalog/store.rs"]),
    ("domain_services", &["features/catalog/store.rs"]),
    ("groups", &["features/catalog/store.rs"]),
    ("instance", &["platform/db.rs"]),
    ("invitations", &["features/invitations/link.rs"]),
    ("main_access_managers", &["features/enterprises/store.rs"]),
    (
        "memberships",
        &["features/users/store.rs", "features/users/bulk.rs"],
    ),
    ("online_services", &["features/catalog/store.rs"]),
    ("outbox", &["features/outbox.rs"]),
    ("persons", &["features/people/store.rs"]),
    ("provider_sign_ins", &["features/auth/providers/pending.rs"]),
    ("refusal_windows", &["features/audit/refusals.rs"]),
    ("sessions", &["features/auth/session.rs"]),
    ("throttles", &["features/auth/throttle.rs"]),
    // The catalogue retires the rows of the catalogue tables it names, one table at a time.
    ("{table}", &["features/catalog/store.rs"]),
];

/// The tables `source` writes: the word after `INSERT INTO`, `UPDATE` (not `… DO UPDATE SET`)
/// and `DELETE FROM`, with the line.
fn written(source: &str) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (number, line) in source.lines().enumerate() {
        let words: Vec<&str> = line
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        for (i, word) in words.iter().enumerate() {
            let table = match (*word, words.get(i + 1), words.get(i + 2)) {
                ("INSERT", Some(&"INTO"), Some(table)) | ("DELETE", Some(&"FROM"), Some(table)) => {
                    table
                }
                ("UPDATE", Some(table), _) if *table != "SET" => table,
                _ => continue,
            };
            // A table named by a variable (`UPDATE {table} …`) counts as `{table}`.
            let named = if line.contains(&format!("{{{table}}}")) {
                format!("{{{table}}}")
            } else {
                (*table).to_owned()
            };
            found.push((named, number + 1));
        }
    }
    found
}

fn relative(file: &Path, src: &Path) -> String {
    file.strip_prefix(src).unwrap_or(file).display().to_string()
}

#[test]
fn each_table_is_written_by_its_one_owning_module() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let owners: BTreeMap<&str, &[&str]> = OWNERS.iter().copied().collect();
    let mut wrong = Vec::new();
    for file in scan::sources(&src) {
        let shown = relative(&file, &src);
        if shown.starts_with("testing/") {
            continue;
        }
        let source = std::fs::read_to_string(&file).expect("read a source file");
        for (table, line) in written(&source) {
            match owners.get(table.as_str()) {
                Some(allowed) if allowed.contains(&shown.as_str()) => {}
                Some(allowed) => wrong.push(format!(
                    "app/src/{shown}:{line} writes `{table}`, which only {} may write: call it \
                     instead (ARCHITECTURE.md, \"A feature\")",
                    allowed.join(" or ")
                )),
                None => wrong.push(format!(
                    "app/src/{shown}:{line} writes `{table}`, which has no owning module: give it \
                     one in app/tests/ownership.rs and ARCHITECTURE.md"
                )),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "tables written outside their owner:\n{}",
        wrong.join("\n")
    );
}

/// Where `maker` may be called, below the workspace.
fn made_only_in(maker: &str, allowed: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut found = BTreeSet::new();
    for dir in ["app/src", "server/src"] {
        for file in scan::sources(&root.join(dir)) {
            let shown = relative(&file, &root);
            let code = scan::code_only(&std::fs::read_to_string(&file).expect("read"));
            for (number, line) in code.lines().enumerate() {
                if line.contains(maker) && !allowed.iter().any(|a| shown.starts_with(a)) {
                    found.insert(format!(
                        "{shown}:{} makes {maker}: only {} may (ARCHITECTURE.md, \"The permit rule\")",
                        number + 1,
                        allowed.join(", ")
                    ));
                }
            }
        }
    }
    found.into_iter().collect()
}

#[test]
fn operator_and_system_permits_are_made_only_by_their_callers() {
    let mut wrong = made_only_in(
        "OperatorPermit::at_the_command_line",
        &[
            "app/src/policy/permits.rs",
            "app/src/testing/",
            "server/src/enterprise_cli.rs",
            "server/src/init_cli.rs",
        ],
    );
    wrong.extend(made_only_in(
        "SystemPermit::for_system_work",
        &[
            "app/src/policy/permits.rs",
            "app/src/testing/",
            "server/src/serve.rs",
            "server/src/housekeeping.rs",
        ],
    ));
    assert!(
        wrong.is_empty(),
        "permits made where they may not be:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_a_write_in_any_form() {
    let source = "sqlx::query(\"INSERT INTO employments (a) VALUES ($1)\")\n\
                  \"UPDATE grants SET x = 1\" \"ON CONFLICT DO UPDATE SET y = 2\"\n\
                  \"DELETE FROM sessions WHERE 1\" format!(\"UPDATE {table} SET\")";
    assert_eq!(
        written(source),
        [
            ("employments".to_owned(), 1),
            ("grants".to_owned(), 2),
            ("sessions".to_owned(), 3),
            ("{table}".to_owned(), 3),
        ]
    );
}
