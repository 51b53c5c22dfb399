//! Project automation, so that nothing but cargo is needed:
//!
//! - `cargo xtask run`      build the web app and serve everything on 127.0.0.1:8080
//! - `cargo xtask test`     every check CI runs: fmt, clippy, unit and integration
//!   tests on SQLite and PostgreSQL, OpenAPI freshness, browser journeys
//! - `cargo xtask openapi`  regenerate `openapi/openapi.json`
//! - `cargo xtask bench`    the engine and HTTP speed targets, in one run
//! - `cargo xtask spa`      build the web app into `frontend/dist`
//!
//! Missing tools (the wasm32 target, the wasm-bindgen CLI matching Cargo.lock)
//! are installed on first use.

use anyhow::{bail, Context, Result};
use sha2::Digest as _;
use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Where the local PostgreSQL listens (Debian's default socket directory).
const POSTGRES_SOCKET: &str = "/var/run/postgresql/.s.PGSQL.5432";

fn main() {
    if let Err(error) = run() {
        eprintln!("xtask: {error:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = env::args().skip(1).collect();
    let (command, rest) = args
        .split_first()
        .map_or(("help", &[][..]), |(c, r)| (c.as_str(), r));
    match command {
        "run" => run_app(rest),
        "test" => test(),
        "openapi" => openapi(),
        "bench" => bench(),
        "spa" => build_spa(rest.iter().any(|a| a == "--debug")).map(|_| ()),
        "help" | "--help" | "-h" => {
            println!(
                "usage: cargo xtask <run [endorse args…] | test | openapi | bench | spa [--debug]>"
            );
            Ok(())
        }
        other => bail!("unknown command '{other}' (try `cargo xtask help`)"),
    }
}

fn root() -> PathBuf {
    // xtask/ lives in the workspace root.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn cargo() -> Command {
    let mut command = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root());
    command
}

fn status(command: &mut Command) -> Result<()> {
    eprintln!("xtask: running {:?}", command);
    let status = command
        .status()
        .with_context(|| format!("cannot start {:?}", command.get_program()))?;
    if !status.success() {
        bail!("{:?} failed ({status})", command.get_program());
    }
    Ok(())
}

/// Passed and failed tests over every `cargo test` run of `cargo xtask test`.
#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
}

impl Tally {
    /// Runs `cargo test …`, echoing its output and adding up its result lines.
    fn cargo_test(&mut self, command: &mut Command) -> Result<()> {
        use std::io::{BufRead, BufReader};
        eprintln!("xtask: running {:?}", command);
        let mut child = command
            .stdout(std::process::Stdio::piped())
            .spawn()
            .context("cannot start cargo test")?;
        if let Some(stdout) = child.stdout.take() {
            for line in BufReader::new(stdout).lines() {
                let line = line?;
                println!("{line}");
                if let Some(rest) = line.strip_prefix("test result: ") {
                    self.passed += count_before(rest, " passed");
                    self.failed += count_before(rest, " failed");
                }
            }
        }
        let status = child.wait()?;
        if !status.success() {
            bail!("cargo test failed ({status})");
        }
        Ok(())
    }
}

/// The number in front of `label` in a `test result:` line.
fn count_before(line: &str, label: &str) -> u64 {
    line.split(';')
        .find_map(|part| {
            part.trim()
                .trim_start_matches("ok. ")
                .trim_start_matches("FAILED. ")
                .strip_suffix(label)
        })
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

fn step(title: &str) {
    eprintln!("\n==> {title}");
}

/// `cargo xtask run`: the whole app on a laptop.
fn run_app(endorse_args: &[String]) -> Result<()> {
    let dist = build_spa(false)?;
    step("Building and starting the server");
    let mut command = cargo();
    command
        .args(["run", "--package", "endorse-api", "--bin", "endorse", "--"])
        .args(endorse_args)
        .env("ENDORSE_STATIC_DIR", &dist);
    status(&mut command)
}

/// `cargo xtask bench`: the speed targets, in one optimised run: the engine
/// and HTTP figures; every list at 1,000, 10,000 and 100,000 applications on
/// SQLite and (when it is at hand) PostgreSQL; the web app's sizes; then the
/// deployment shaped like the field (40 associations, two server processes
/// behind one database). Fails when a budget is missed, after printing
/// everything.
fn bench() -> Result<()> {
    step("Benchmarks (optimised build)");
    status(cargo().args([
        "run",
        "--profile",
        "bench",
        "--package",
        "endorse-api",
        "--example",
        "bench",
    ]))?;
    let postgres_url = match env::var("ENDORSE_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => match local_postgres_url() {
            Ok(url) => Some(url),
            Err(why) => {
                eprintln!("xtask: PostgreSQL is not measured: {why:#}");
                None
            }
        },
    };
    status(cargo().args([
        "build",
        "--profile",
        "bench",
        "--package",
        "endorse-api",
        "--features",
        "postgres",
        "--bin",
        "endorse",
        "--example",
        "bench_scale",
        "--example",
        "bench_deployment",
    ]))?;
    let release = target_dir().join("release");
    let mut missed = Vec::new();
    step("Scale: every list at 1,000, 10,000 and 100,000 applications");
    let mut scale = Command::new(release.join("examples/bench_scale"));
    scale
        .current_dir(root())
        .env("ENDORSE_BENCH_SERVER", release.join("endorse"));
    if let Some(url) = &postgres_url {
        scale.env("ENDORSE_BENCH_POSTGRES_URL", url);
    }
    if let Err(why) = status(&mut scale) {
        missed.push(format!("scale: {why:#}"));
    }
    step("The web app's sizes");
    let dist = build_spa(false)?;
    if let Err(why) = app_sizes(&dist) {
        missed.push(format!("web app: {why:#}"));
    }
    if let Some(url) = &postgres_url {
        step("Benchmark of a deployment: 40 associations, two processes, one PostgreSQL");
        if let Err(why) = status(
            Command::new(release.join("examples/bench_deployment"))
                .current_dir(root())
                .env("ENDORSE_BENCH_POSTGRES_URL", url)
                .env("ENDORSE_BENCH_SERVER", release.join("endorse")),
        ) {
            missed.push(format!("deployment: {why:#}"));
        }
    }
    if missed.is_empty() {
        Ok(())
    } else {
        bail!("benchmarks missed a budget:\n  {}", missed.join("\n  "))
    }
}

/// The most the public pages may load before their first screen, and the
/// whole signed-in app (brotli).
const PUBLIC_BUDGET: u64 = 350 * 1024;
const SIGNED_IN_BUDGET: u64 = 700 * 1024;

/// The sizes of a set of the app's files: raw, gzip and brotli (the
/// precompressed copies `cargo xtask spa` wrote).
fn sizes_of(dist: &Path, files: &[String]) -> Result<(u64, u64, u64)> {
    let mut total = (0, 0, 0);
    for name in files {
        let size = |suffix: &str| -> Result<u64> {
            let path = dist.join(format!("{name}{suffix}"));
            match fs::metadata(&path) {
                Ok(meta) => Ok(meta.len()),
                // Files too small to be worth compressing are sent as they are.
                Err(_) if !suffix.is_empty() => Ok(fs::metadata(dist.join(name))?.len()),
                Err(why) => Err(why).with_context(|| format!("cannot read {}", path.display())),
            }
        };
        total.0 += size("")?;
        total.1 += size(".gz")?;
        total.2 += size(".br")?;
    }
    Ok(total)
}

/// The files a page loads before its first screen: `index.html` and every
/// file of the app it names, then those they name (the stylesheet, the
/// scripts, the wasm the glue fetches), but not the parts loaded later.
fn first_load(dist: &Path) -> Result<Vec<String>> {
    let names: Vec<String> = fs::read_dir(dist)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            !n.ends_with(".br")
                && !n.ends_with(".gz")
                && [".js", ".wasm", ".css"].iter().any(|ext| n.ends_with(ext))
        })
        .collect();
    let mut loaded = vec!["index.html".to_string()];
    let mut next = 0;
    while next < loaded.len() {
        let path = dist.join(&loaded[next]);
        next += 1;
        if path.extension().is_some_and(|e| e == "wasm") {
            continue;
        }
        let text = fs::read_to_string(&path)?;
        // A part loaded on demand is named after `lazy:` in the glue and
        // is not part of the first load.
        for name in &names {
            if text.contains(name.as_str())
                && !text.contains(&format!("lazy:{name}"))
                && !loaded.contains(name)
            {
                loaded.push(name.clone());
            }
        }
    }
    Ok(loaded)
}

/// Prints the app's sizes and checks them against the budgets.
fn app_sizes(dist: &Path) -> Result<()> {
    let first = first_load(dist)?;
    let all: Vec<String> = fs::read_dir(dist)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n == "index.html"
                || (!n.ends_with(".br")
                    && !n.ends_with(".gz")
                    && [".js", ".wasm", ".css"].iter().any(|ext| n.ends_with(ext)))
        })
        .collect();
    let public = sizes_of(dist, &first)?;
    let signed_in = sizes_of(dist, &all)?;
    let kb = |b: u64| b as f64 / 1024.0;
    println!("web app: bytes before the first screen and in all (KB)");
    println!(
        "  {:<34} {:>9} {:>9} {:>9}   budget (brotli)",
        "", "raw", "gzip", "brotli"
    );
    println!(
        "  {:<34} {:>9.0} {:>9.0} {:>9.0}   {:.0}",
        "public pages, first load",
        kb(public.0),
        kb(public.1),
        kb(public.2),
        kb(PUBLIC_BUDGET)
    );
    println!(
        "  {:<34} {:>9.0} {:>9.0} {:>9.0}   {:.0}",
        "the signed-in app, every part",
        kb(signed_in.0),
        kb(signed_in.1),
        kb(signed_in.2),
        kb(SIGNED_IN_BUDGET)
    );
    println!("  first load: {}", first.join(", "));
    let mut missed = Vec::new();
    if public.2 > PUBLIC_BUDGET {
        missed.push(format!(
            "the public pages load {:.0} KB brotli before their first screen (budget {:.0})",
            kb(public.2),
            kb(PUBLIC_BUDGET)
        ));
    }
    if signed_in.2 > SIGNED_IN_BUDGET {
        missed.push(format!(
            "the signed-in app is {:.0} KB brotli (budget {:.0})",
            kb(signed_in.2),
            kb(SIGNED_IN_BUDGET)
        ));
    }
    if missed.is_empty() {
        Ok(())
    } else {
        bail!("{}", missed.join("; "))
    }
}

/// `cargo xtask openapi`: regenerate the committed document.
fn openapi() -> Result<()> {
    step("Generating openapi/openapi.json");
    let output = cargo()
        .args([
            "run",
            "--quiet",
            "--package",
            "endorse-api",
            "--bin",
            "endorse",
            "--",
            "openapi",
        ])
        .output()
        .context("cannot run the endorse binary")?;
    if !output.status.success() {
        bail!(
            "endorse openapi failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let path = root().join("openapi/openapi.json");
    fs::write(&path, &output.stdout).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("xtask: wrote {}", path.display());
    Ok(())
}

/// `cargo xtask test`: everything CI checks.
fn test() -> Result<()> {
    step("Formatting");
    status(cargo().args(["fmt", "--all", "--", "--check"]))?;

    step("Clippy (server, shared, tests, xtask)");
    status(cargo().args([
        "clippy",
        "--workspace",
        "--exclude",
        "endorse-frontend",
        "--all-targets",
        "--features",
        "endorse-api/postgres,endorse-api/s3",
        "--",
        "-D",
        "warnings",
    ]))?;
    ensure_wasm_target()?;
    step("Clippy (web app, wasm32)");
    status(cargo().args([
        "clippy",
        "--package",
        "endorse-frontend",
        "--target",
        WASM_TARGET,
        "--",
        "-D",
        "warnings",
    ]))?;

    install_verifier()?;
    install_axe()?;
    let s3 = start_s3_stand_in()?;
    let mut tally = Tally::default();
    step("Unit tests and the API suite on SQLite (includes the OpenAPI freshness check)");
    tally.cargo_test(with_s3(
        &mut cargo_test_of(&["--lib", "--bins", "--test", "it"]),
        &s3,
    ))?;

    step("The API suite on PostgreSQL");
    let postgres_url = match env::var("ENDORSE_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => url,
        _ => local_postgres_url()?,
    };
    tally.cargo_test(with_s3(
        cargo_test_of(&["--test", "it"]).env("ENDORSE_TEST_POSTGRES_URL", &postgres_url),
        &s3,
    ))?;
    drop(s3);

    let dist = build_spa(false)?;
    step("Browser journeys (headless Chromium)");
    tally.cargo_test(
        cargo_test_of(&["--test", "journeys", "--", "--test-threads=1"])
            .env("ENDORSE_TEST_STATIC_DIR", &dist),
    )?;
    eprintln!("\nxtask: every check passed");
    println!("tests: {} passed, {} failed", tally.passed, tally.failed);
    Ok(())
}

/// `cargo test` of some targets, always over the same packages with the same
/// features, so that every run reuses one build of the server (another
/// package set would unify dependencies' features differently and build it
/// again, a second copy on disk and minutes of compiling).
fn cargo_test_of(targets: &[&str]) -> Command {
    let mut command = cargo();
    command.args([
        "test",
        "--workspace",
        "--exclude",
        "endorse-frontend",
        "--features",
        "endorse-api/postgres,endorse-api/s3",
    ]);
    command.args(targets);
    command
}

/// The local server over its Unix socket, as the current user; fails early,
/// with advice, when it is not running.
fn local_postgres_url() -> Result<String> {
    let user = env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .or_else(|| {
            Command::new("id")
                .arg("-un")
                .output()
                .ok()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        })
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "postgres".to_string());
    if !Path::new(POSTGRES_SOCKET).exists() {
        bail!(
            "PostgreSQL is not running on /var/run/postgresql. Start it (for example \
             `pg_ctlcluster 15 main start`, then once `su postgres -c \"createuser -s {user}\"`), \
             or point ENDORSE_TEST_POSTGRES_URL at a server where you may create databases"
        );
    }
    Ok(format!(
        "postgres://{user}@/postgres?host=/var/run/postgresql"
    ))
}

/// The independent credential verifier's packages (jose, from the npm
/// registry, at the versions its lock file names).
fn install_verifier() -> Result<()> {
    let dir = root().join("tests/verifier");
    if dir.join("node_modules/jose").is_dir() {
        return Ok(());
    }
    step("Installing the independent credential verifier (Node.js, jose)");
    status(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir),
    )
    .context("the independent verifier needs Node.js and npm")
}

/// axe-core, which the browser journeys inject into every page they visit
/// (from the npm registry, at the version its lock file names).
fn install_axe() -> Result<()> {
    let dir = root().join("tests/a11y");
    if dir.join("node_modules/axe-core/axe.min.js").is_file() {
        return Ok(());
    }
    step("Installing axe-core for the accessibility checks (npm)");
    status(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(&dir),
    )
    .context("the accessibility checks need Node.js and npm")
}

/// A real S3-compatible server on loopback for the document-store tests:
/// moto's server mode, installed from PyPI into `target/moto` when missing.
/// The child is killed when the returned guard drops.
struct S3StandIn {
    child: std::process::Child,
    endpoint: String,
}

impl Drop for S3StandIn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_s3_stand_in() -> Result<S3StandIn> {
    let venv = target_dir().join("moto");
    let server = venv.join("bin/moto_server");
    if !server.exists() {
        step("Installing moto, an S3-compatible server for the document-store tests (PyPI)");
        status(Command::new("python3").args(["-m", "venv"]).arg(&venv))
            .context("the S3 tests need Python 3 with venv")?;
        status(Command::new(venv.join("bin/pip")).args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "moto[server]",
        ]))
        .context("cannot install moto[server] from PyPI")?;
    }
    // A free port: bind 0, note it, let it go.
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let child = Command::new(&server)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .with_context(|| format!("cannot start {}", server.display()))?;
    let stand_in = S3StandIn {
        child,
        endpoint: format!("http://127.0.0.1:{port}"),
    };
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(stand_in);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    bail!("moto_server did not start listening on port {port}")
}

/// Points a test run at the S3 stand-in: the endpoint for the tests, and the
/// standard variables object_store reads.
fn with_s3<'a>(command: &'a mut Command, s3: &S3StandIn) -> &'a mut Command {
    command
        .env("ENDORSE_TEST_S3_ENDPOINT", &s3.endpoint)
        .env("AWS_ENDPOINT", &s3.endpoint)
        .env("AWS_ALLOW_HTTP", "true")
        .env("AWS_ACCESS_KEY_ID", "endorse-test")
        .env("AWS_SECRET_ACCESS_KEY", "endorse-test")
        .env("AWS_REGION", "us-east-1")
}

fn ensure_wasm_target() -> Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == WASM_TARGET)
        })
        .unwrap_or(false);
    if !installed {
        step("Installing the wasm32 target");
        status(Command::new("rustup").args(["target", "add", WASM_TARGET]))?;
    }
    Ok(())
}

/// The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
fn locked_wasm_bindgen_version() -> Result<String> {
    let lock = fs::read_to_string(root().join("Cargo.lock")).context("cannot read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
            {
                return Ok(version.to_string());
            }
        }
    }
    bail!("Cargo.lock has no wasm-bindgen entry")
}

fn ensure_wasm_bindgen() -> Result<()> {
    let wanted = locked_wasm_bindgen_version()?;
    let have = Command::new("wasm-bindgen")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if have
        .as_deref()
        .is_some_and(|v| v.split_whitespace().nth(1) == Some(wanted.as_str()))
    {
        return Ok(());
    }
    step(&format!(
        "Installing wasm-bindgen-cli {wanted} (once; takes a few minutes)"
    ));
    status(
        Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into())).args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &wanted,
        ]),
    )
}

/// Builds the web app into `frontend/dist` and returns that directory.
fn build_spa(debug: bool) -> Result<PathBuf> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    step(if debug {
        "Building the web app (debug)"
    } else {
        "Building the web app (release)"
    });
    let mut build = cargo();
    build.args([
        "build",
        "--package",
        "endorse-frontend",
        "--target",
        WASM_TARGET,
    ]);
    if !debug {
        build.args(["--profile", "wasm"]);
    }
    status(&mut build)?;

    let profile = if debug { "debug" } else { "wasm" };
    let wasm = target_dir()
        .join(WASM_TARGET)
        .join(profile)
        .join("endorse-frontend.wasm");
    let dist = root().join("frontend/dist");
    if dist.exists() {
        fs::remove_dir_all(&dist).with_context(|| format!("cannot clear {}", dist.display()))?;
    }
    fs::create_dir_all(&dist)?;
    status(
        Command::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "endorse_frontend",
                "--out-dir",
            ])
            .arg(&dist)
            .arg(&wasm),
    )?;
    let static_dir = root().join("frontend/static");
    for entry in fs::read_dir(&static_dir)
        .with_context(|| format!("cannot read {}", static_dir.display()))?
    {
        let entry = entry?;
        fs::copy(entry.path(), dist.join(entry.file_name()))?;
    }
    fingerprint(&dist)?;
    precompress(&dist)?;
    eprintln!("xtask: web app built into {}", dist.display());
    Ok(dist)
}

/// Renames the app's files to carry their content's hash
/// (`style.3f9c1a2b4d.css`), each after the names it refers to are
/// rewritten, so that a file's name changes whenever what it loads does:
/// the server may then let browsers keep them for a year. `index.html`
/// keeps its name (it is never cached).
fn fingerprint(dist: &Path) -> Result<()> {
    let mut renamed: Vec<(String, String)> = Vec::new();
    // In the order they refer to one another: the wasm, the glue that loads
    // it, the stylesheet, the bootstrap that loads the glue.
    for name in [
        "endorse_frontend_bg.wasm",
        "endorse_frontend.js",
        "style.css",
        "app.js",
    ] {
        let path = dist.join(name);
        rewrite(&path, &renamed)?;
        let bytes = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let digest: String = sha2::Sha256::digest(&bytes)
            .iter()
            .take(5)
            .map(|b| format!("{b:02x}"))
            .collect();
        let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
        let hashed = format!("{stem}.{digest}.{extension}");
        fs::rename(&path, dist.join(&hashed))?;
        renamed.push((name.to_string(), hashed));
    }
    rewrite(&dist.join("index.html"), &renamed)
}

/// Replaces every name in `renamed` by its new name in a text file (no-op
/// for the wasm).
fn rewrite(path: &Path, renamed: &[(String, String)]) -> Result<()> {
    if path.extension().is_some_and(|e| e == "wasm") {
        return Ok(());
    }
    let mut text =
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    for (old, new) in renamed {
        text = text.replace(old.as_str(), new);
    }
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// Writes a `.br` (brotli, best) and a `.gz` (gzip, best) beside every file
/// of the app worth compressing, which the server sends by the client's
/// `Accept-Encoding`.
fn precompress(dist: &Path) -> Result<()> {
    use std::io::Write;
    let mut files = Vec::new();
    let mut folders = vec![dist.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(e, "wasm" | "js" | "css" | "html" | "txt" | "svg" | "json")
            }) {
                files.push(path);
            }
        }
    }
    for path in files {
        let bytes = fs::read(&path)?;
        let mut brotli_out = Vec::new();
        {
            // The best quality for small files; for the large wasm one a
            // step down, some 3% larger and minutes faster.
            let quality = if bytes.len() < 1024 * 1024 { 11 } else { 9 };
            let mut writer = brotli::CompressorWriter::new(&mut brotli_out, 64 * 1024, quality, 22);
            writer.write_all(&bytes)?;
        }
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gzip.write_all(&bytes)?;
        let gzip_out = gzip.finish()?;
        let mut name = path.as_os_str().to_owned();
        name.push(".br");
        fs::write(PathBuf::from(&name), brotli_out)?;
        let mut name = path.as_os_str().to_owned();
        name.push(".gz");
        fs::write(PathBuf::from(&name), gzip_out)?;
    }
    Ok(())
}
