//! The server's layers, read from its source: routes call the workflow and
//! the database layer but never one another; the workflow knows nothing of
//! HTTP; the database layer knows neither. ARCHITECTURE.md draws the map
//! these tests hold the code to.

use std::path::{Path, PathBuf};

fn sources(under: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, found: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path, text));
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(under);
    let mut found = Vec::new();
    walk(&root, &mut found);
    assert!(!found.is_empty(), "no sources under {}", root.display());
    found
}

/// The lines of `text` outside its `#[cfg(test)]` module, without comments.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, line)| !line.starts_with("#[cfg(test)]"))
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .map(|(n, line)| (n + 1, line))
}

fn offences(under: &str, skip: &[&str], forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in sources(under) {
        if skip.iter().any(|s| path.ends_with(s)) {
            continue;
        }
        for (n, line) in code_lines(&text) {
            for word in forbidden {
                if line.contains(word) {
                    found.push(format!("{}:{n}: {word}", path.display()));
                }
            }
        }
    }
    found
}

#[test]
fn no_route_module_imports_another() {
    // `routes/mod.rs` mounts them; each resource's audiences reach shared
    // logic through the workflow, not through a sibling.
    let found = offences(
        "routes",
        &["routes/mod.rs"],
        &["crate::routes::", "super::super"],
    );
    assert!(
        found.is_empty(),
        "a route module imports another: {found:#?}"
    );
}

#[test]
fn the_workflow_knows_nothing_of_http() {
    let found = offences(
        "workflow",
        &[],
        &[
            "actix",
            "HttpRequest",
            "HttpResponse",
            "AppState",
            "crate::routes",
            "crate::http",
            "crate::auth::",
        ],
    );
    assert!(
        found.is_empty(),
        "the workflow reaches into HTTP: {found:#?}"
    );
}

#[test]
fn the_database_layer_knows_neither_routes_nor_workflow() {
    let found = offences(
        "db",
        &[],
        &[
            "crate::routes",
            "crate::workflow",
            "crate::http",
            "ApiError",
            "HttpRequest",
            "HttpResponse",
        ],
    );
    assert!(
        found.is_empty(),
        "the database layer reaches up: {found:#?}"
    );
}

#[test]
fn the_mail_worker_runs_the_schedule_through_the_workflow() {
    let found = offences("mail", &[], &["crate::routes"]);
    assert!(found.is_empty(), "the mail layer calls routes: {found:#?}");
}

#[test]
fn routes_reach_records_only_through_their_association() {
    // `AppState` has no database; a handler that took it, or the platform's
    // list of associations, could reach past its request's association.
    // Health pings the platform, and the operators' routes are the
    // deployment's own (they reach associations through tenancy::operators).
    let found = offences(
        "routes",
        &["routes/health.rs", "routes/platform.rs"],
        &["AppState", "associations.", "db::platform", "Db::connect"],
    );
    assert!(
        found.is_empty(),
        "a route reaches records past its Tenant: {found:#?}"
    );
    let found = offences(
        "",
        &[
            "tenancy/mod.rs",
            "tenancy/context.rs",
            "tenancy/operators.rs",
            "tenancy/settings.rs",
            "tenancy/recognition.rs",
            "startup.rs",
            "main.rs",
            "db/platform.rs",
            "db/mod.rs",
        ],
        &["db::platform"],
    );
    assert!(
        found.is_empty(),
        "the platform's tables are read outside tenancy: {found:#?}"
    );
}
