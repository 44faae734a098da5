//! Hardening, second round: cases attacked from outside that once failed (issue 15 in the
//! tracker; docs/reliability.md lists the promises). Each test names the case it covers.

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use serde_json::Value;

use crate::tribune;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("tribune")
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

/// Runs a bash script with `$TRIBUNE` naming the binary, in `dir`; returns (status, stdout,
/// stderr).
fn bash(dir: &Path, script: &str) -> (i32, String, String) {
    let out = StdCommand::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env("TRIBUNE", bin())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The best match's target for `text`, or None.
fn lookup(memory: &Path, text: &str, threshold: &str) -> Option<(u64, String)> {
    let out = tribune()
        .args([
            "memory", "lookup", "--format", "jsonl", "--from", "en", "--to", "fr",
        ])
        .args(["--threshold", threshold, "--memory"])
        .arg(memory)
        .arg(text)
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).ok()?;
    let first = json["matches"].as_array()?.first()?.clone();
    Some((
        first["score"].as_u64().unwrap(),
        first["target"].as_str().unwrap().to_owned(),
    ))
}

const SOURCE: &str = "The delegates welcomed the harbour agreement.";
const TARGET: &str = "Les délégués ont salué l’accord sur le port.";

fn tsv_text() -> String {
    format!("{SOURCE}\t{TARGET}\n")
}

fn tmx_text() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"t\" \
         creationtoolversion=\"1\" segtype=\"sentence\" o-tmf=\"none\" adminlang=\"en\" srclang=\"en\" \
         datatype=\"plaintext\"/><body>\n<tu><tuv xml:lang=\"en\"><seg>{SOURCE}</seg></tuv>\
         <tuv xml:lang=\"fr\"><seg>{TARGET}</seg></tuv></tu>\n</body></tmx>\n"
    )
}

fn xliff_text() -> String {
    xliff_of(SOURCE, TARGET)
}

fn xliff_of(source: &str, target: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" \
         xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"s.txt\" \
         source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\"><body>\
         <trans-unit id=\"1\"><source>{source}</source><target state=\"translated\">{target}</target>\
         </trans-unit></body></file></xliff>\n"
    )
}

// ---- 1. Import from a pipe, a FIFO and `<(…)` reads from the first byte ----

/// How each way of feeding a file is written in bash, `$F` being the file.
const FEEDS: [(&str, &str); 4] = [
    ("pipe", "cat \"$F\" | $TRIBUNE CMD /dev/stdin"),
    ("dash", "cat \"$F\" | $TRIBUNE CMD -"),
    (
        "fifo",
        "mkfifo fifo && (cat \"$F\" > fifo &) && $TRIBUNE CMD fifo; s=$?; rm -f fifo; exit $s",
    ),
    ("process substitution", "$TRIBUNE CMD <(cat \"$F\")"),
];

fn import_through_every_feed(command: &str, name: &str, content: &str) {
    for (feed, script) in FEEDS {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), name, content);
        let script = format!("F={name}; ")
            + &script.replace("CMD", &format!("{command} --memory tm.sqlite"));
        let (status, stdout, stderr) = bash(dir.path(), &script);
        assert_eq!(status, 0, "{command} through a {feed}: {stdout}{stderr}");
        let memory = dir.path().join("tm.sqlite");
        assert_eq!(
            lookup(&memory, SOURCE, "100"),
            Some((100, TARGET.to_owned())),
            "{command} through a {feed} stored something else: {stdout}"
        );
    }
}

#[test]
fn a_tsv_fed_through_a_pipe_a_fifo_or_process_substitution_is_read_whole() {
    import_through_every_feed("memory import --from en --to fr", "s.tsv", &tsv_text());
}

#[test]
fn a_tmx_fed_through_a_pipe_a_fifo_or_process_substitution_is_read_whole() {
    import_through_every_feed("memory import", "s.tmx", &tmx_text());
}

#[test]
fn an_xliff_fed_through_a_pipe_a_fifo_or_process_substitution_is_read_whole() {
    import_through_every_feed("xliff import", "s.xlf", &xliff_text());
}

#[test]
fn a_previous_draft_fed_through_process_substitution_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "draft.en.txt", format!("{SOURCE}\n"));
    write(dir.path(), "old.en.txt", format!("{SOURCE}\n"));
    write(dir.path(), "old.fr.txt", format!("{TARGET}\n"));
    let (status, stdout, stderr) = bash(
        dir.path(),
        "$TRIBUNE translate draft.en.txt --lang en --to fr --memory none.sqlite \
         --previous <(cat old.fr.txt) --previous-source old.en.txt",
    );
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.contains(TARGET), "{stdout}");
}

/// `memory import` of an English–French TSV.
fn import_tsv(memory: &Path, tsv: &Path) -> assert_cmd::assert::Assert {
    tribune()
        .args(["memory", "import", "--from", "en", "--to", "fr", "--memory"])
        .arg(memory)
        .arg(tsv)
        .assert()
}

/// A memory holding the one pair of the tests above, in `dir`.
fn memory_with_pair(dir: &Path) -> PathBuf {
    let tsv = write(dir, "pair.tsv", tsv_text());
    let memory = dir.join("tm.sqlite");
    import_tsv(&memory, &tsv).success();
    memory
}

// ---- 12. A negative schema version is an error, not a panic ----

#[test]
fn a_negative_schema_version_is_a_clear_error_for_every_memory_command() {
    let dir = tempfile::tempdir().unwrap();
    let memory = memory_with_pair(dir.path());
    rusqlite::Connection::open(&memory)
        .unwrap()
        .pragma_update(None, "user_version", -3)
        .unwrap();
    let before = std::fs::read(&memory).unwrap();
    for args in [
        vec!["memory", "stats"],
        vec!["memory", "lookup", "--from", "en", "--to", "fr", SOURCE],
        vec!["memory", "search", "harbour"],
        vec!["memory", "import", "--from", "en", "--to", "fr", "pair.tsv"],
    ] {
        let out = tribune()
            .current_dir(dir.path())
            .args(&args)
            .arg("--memory")
            .arg(&memory)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("schema version -3"), "{args:?}: {stderr}");
    }
    assert_eq!(std::fs::read(&memory).unwrap(), before);
}

// ---- 13. A -wal or -shm left by another user is named, with its owner ----

#[test]
fn a_journal_left_by_another_user_is_named_with_its_owner() {
    if !is_root() || StdCommand::new("setpriv").arg("--help").output().is_err() {
        eprintln!("skipped: needs root and setpriv to act as two users");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let memory = memory_with_pair(dir.path());
    let open_mode = |path: &Path, mode: u32| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    open_mode(dir.path(), 0o777);
    open_mode(&memory, 0o666);
    // Root opens the memory in WAL mode and dies without closing it: its -wal and -shm
    // stay, owned by root, writable by no one else.
    let script = format!(
        "import sqlite3, os\nc = sqlite3.connect({:?})\nc.execute('PRAGMA journal_mode=WAL')\n\
         c.execute('SELECT count(*) FROM units').fetchall()\nos._exit(0)\n",
        memory.display().to_string()
    );
    let python = StdCommand::new("python3").arg("-c").arg(script).status();
    if !python.is_ok_and(|s| s.success()) {
        eprintln!("skipped: needs python3 to leave a journal behind");
        return;
    }
    for journal in ["tm.sqlite-wal", "tm.sqlite-shm"] {
        open_mode(&dir.path().join(journal), 0o644);
    }
    let out = StdCommand::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(bin())
        .args(["memory", "lookup", "--from", "en", "--to", "fr", "--memory"])
        .arg(&memory)
        .arg(SOURCE)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("tm.sqlite-wal belongs to root") && !stderr.contains("read-only"),
        "{stderr}"
    );
}

fn is_root() -> bool {
    StdCommand::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

// ---- 15. A search of punctuation or symbols finds the units holding them ----

#[test]
fn a_search_of_only_punctuation_or_symbols_finds_the_units_holding_them() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = write(
        dir.path(),
        "symbols.tsv",
        "Turnout rose by 12 % (see annex) (b).\tLa participation a augmenté de 12 % (voir annexe) (b).\n\
         Nothing to see here.\tRien à voir ici.\n",
    );
    let memory = dir.path().join("tm.sqlite");
    import_tsv(&memory, &tsv).success();
    for query in [") (", "%"] {
        let out = tribune()
            .args(["memory", "search", "--lang", "en", "--memory"])
            .arg(&memory)
            .arg(query)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{query}: {stdout}");
        assert!(stdout.contains("Turnout rose"), "{query}: {stdout}");
        assert!(!stdout.contains("Nothing to see"), "{query}: {stdout}");
    }
}

// ---- 3. TSV with CR-only line ends, and the 1 MiB limit per column ----

#[test]
fn a_tsv_with_carriage_return_line_ends_keeps_every_pair() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = write(
        dir.path(),
        "mac.tsv",
        format!("{SOURCE}\t{TARGET}\rThe port reopens.\tLe port rouvre.\r\rThank you.\tMerci.\r"),
    );
    let memory = dir.path().join("tm.sqlite");
    import_tsv(&memory, &tsv)
        .success()
        .stdout(predicates::str::contains("3 read, 3 added"));
    assert_eq!(
        lookup(&memory, "The port reopens.", "100"),
        Some((100, "Le port rouvre.".to_owned()))
    );
    assert_eq!(
        lookup(&memory, SOURCE, "100"),
        Some((100, TARGET.to_owned()))
    );
}

#[test]
fn a_tsv_column_over_one_mebibyte_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let long = "word ".repeat((1 << 20) / 5 + 1);
    let tsv = write(
        dir.path(),
        "long.tsv",
        format!("{SOURCE}\t{TARGET}\nShort.\t{long}\n"),
    );
    let memory = dir.path().join("tm.sqlite");
    import_tsv(&memory, &tsv)
        .code(1)
        .stderr(predicates::str::contains("long.tsv:2:8"));
    assert!(lookup(&memory, SOURCE, "100").is_none());
}

// ---- 2. Long units are found, and their corrections detected ----

#[test]
fn a_correction_of_a_unit_of_four_hundred_words_is_an_update() {
    let dir = tempfile::tempdir().unwrap();
    let words = [
        "harbour",
        "boats",
        "tide",
        "council",
        "water",
        "delegates",
        "morning",
    ];
    let source: Vec<&str> = (0..400)
        .map(|i| words[(i * 7 + i / 3) % words.len()])
        .collect();
    let source = source.join(" ") + ".";
    let first = write(
        dir.path(),
        "first.xlf",
        xliff_of(&source, "Première version."),
    );
    let second = write(
        dir.path(),
        "second.xlf",
        xliff_of(&source, "Version corrigée."),
    );
    let memory = dir.path().join("tm.sqlite");
    for (file, expected) in [(&first, "1 added"), (&second, "1 updated")] {
        tribune()
            .args(["xliff", "import", "--memory"])
            .arg(&memory)
            .arg(file)
            .assert()
            .success()
            .stdout(predicates::str::contains(expected));
    }
    for threshold in ["50", "75", "100"] {
        assert_eq!(
            lookup(&memory, &source, threshold),
            Some((100, "Version corrigée.".to_owned())),
            "at {threshold}"
        );
    }
}

// ---- 14. No command panics on a write error ----

#[test]
fn write_errors_on_stdout_or_stderr_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "s.en.txt",
        "Thank you all for coming.\n\nThe harbour reopens today.\n",
    );
    write(
        dir.path(),
        "s.fr.txt",
        "Merci à tous d’être venus.\n\nLe port rouvre aujourd’hui.\n",
    );
    for (script, expected) in [
        // A reader that stops early is not an error.
        ("$TRIBUNE completions bash | true; exit ${PIPESTATUS[0]}", 0),
        ("$TRIBUNE man | true; exit ${PIPESTATUS[0]}", 0),
        // A full disk is one.
        ("$TRIBUNE completions bash > /dev/full", 1),
        ("$TRIBUNE man > /dev/full", 1),
        ("$TRIBUNE align s.en.txt s.fr.txt > /dev/full", 1),
        // Messages that cannot be shown are not worth failing for.
        (
            "$TRIBUNE align s.en.txt s.fr.txt --memory tm.sqlite 2>&- >/dev/null",
            0,
        ),
        ("$TRIBUNE align s.en.txt s.fr.txt 2>/dev/full >/dev/null", 0),
        ("$TRIBUNE memory stats --memory none.sqlite 2>&-", 1),
    ] {
        let (status, _, stderr) = bash(dir.path(), script);
        assert_eq!(status, expected, "{script}: {stderr}");
        assert!(!stderr.contains("panicked"), "{script}: {stderr}");
    }
}

// ---- 4. `-o` onto a device, a FIFO, a symbolic link or a file with its own mode ----

fn speech_pair(dir: &Path) {
    write(
        dir,
        "s.en.txt",
        "Thank you all for coming.\n\nThe harbour reopens today.\n",
    );
    write(
        dir,
        "s.fr.txt",
        "Merci à tous d’être venus.\n\nLe port rouvre aujourd’hui.\n",
    );
}

#[test]
fn an_output_onto_a_device_or_a_fifo_is_written_through_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    speech_pair(dir.path());
    let (status, _, stderr) = bash(
        dir.path(),
        "$TRIBUNE script s.en.txt s.fr.txt --format txt -o /dev/null && \
         mkfifo fifo && (cat fifo > from-fifo.txt &) && \
         $TRIBUNE script s.en.txt s.fr.txt --format txt -o fifo && sleep 0.5",
    );
    assert_eq!(status, 0, "{stderr}");
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    let fifo = std::fs::symlink_metadata(dir.path().join("fifo")).unwrap();
    assert!(fifo.file_type().is_fifo(), "the FIFO was replaced");
    let read = std::fs::read_to_string(dir.path().join("from-fifo.txt")).unwrap();
    assert!(read.contains("The harbour reopens today."), "{read}");
    assert!(!std::fs::read_dir(dir.path()).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".part")));
}

#[test]
fn an_output_through_a_symbolic_link_replaces_its_target_and_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    speech_pair(dir.path());
    let target = write(dir.path(), "private.html", "old");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::symlink("private.html", dir.path().join("link.html")).unwrap();
    for output in ["link.html", "private.html"] {
        tribune()
            .current_dir(dir.path())
            .args(["script", "s.en.txt", "s.fr.txt", "-o", output])
            .assert()
            .success();
        let link = std::fs::symlink_metadata(dir.path().join("link.html")).unwrap();
        assert!(link.file_type().is_symlink(), "the link was replaced");
        let meta = std::fs::metadata(&target).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600, "-o {output}");
        assert!(std::fs::read_to_string(&target)
            .unwrap()
            .contains("harbour"));
    }
}

#[test]
fn an_output_onto_a_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    speech_pair(dir.path());
    std::fs::create_dir(dir.path().join("folder")).unwrap();
    tribune()
        .current_dir(dir.path())
        .args(["script", "s.en.txt", "s.fr.txt", "-o", "folder"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("folder: it is a folder"));
    assert!(dir.path().join("folder").is_dir());
}

// ---- 5. `-o` naming one of the command's inputs is refused ----

#[test]
fn an_output_that_is_one_of_the_inputs_is_refused_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    speech_pair(dir.path());
    let memory = memory_with_pair(dir.path());
    std::fs::hard_link(
        dir.path().join("s.en.txt"),
        dir.path().join("other-name.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("tm.sqlite", dir.path().join("alias.sqlite")).unwrap();
    let speech = std::fs::read(dir.path().join("s.en.txt")).unwrap();
    let stored = std::fs::read(&memory).unwrap();
    for args in [
        "script s.en.txt s.fr.txt -o s.en.txt",
        "script s.en.txt s.fr.txt -o ./s.fr.txt",
        "script s.en.txt s.fr.txt -o other-name.txt",
        "diff s.en.txt other-name.txt -o s.en.txt",
        "translate s.en.txt --to fr --memory tm.sqlite -o s.en.txt",
        "translate s.en.txt --to fr --memory tm.sqlite --xliff tm.sqlite",
        "memory export --memory tm.sqlite -o tm.sqlite",
        "memory export --memory alias.sqlite -o tm.sqlite",
    ] {
        tribune()
            .current_dir(dir.path())
            .args(args.split(' '))
            .assert()
            .code(1)
            .stderr(predicates::str::contains(
                "is also an input of this command",
            ));
    }
    assert_eq!(std::fs::read(dir.path().join("s.en.txt")).unwrap(), speech);
    assert_eq!(std::fs::read(&memory).unwrap(), stored);
}

// ---- 16. A PDF print is private while it runs, and cleaned up on a signal ----

#[test]
fn a_signal_during_a_pdf_print_stops_the_browser_and_removes_the_private_folder() {
    use std::os::unix::fs::PermissionsExt;
    for signal in ["INT", "TERM", "HUP"] {
        let dir = tempfile::tempdir().unwrap();
        speech_pair(dir.path());
        let tmp = dir.path().join("tmp");
        std::fs::create_dir(&tmp).unwrap();
        // A stand-in browser that records its process and never finishes.
        let browser = write(
            dir.path(),
            "browser.sh",
            "#!/bin/sh\necho $$ > \"$(dirname \"$0\")/browser.pid\"\nexec sleep 60\n",
        );
        std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut child = StdCommand::new(bin())
            .current_dir(dir.path())
            .env("TMPDIR", &tmp)
            .env("TRIBUNE_BROWSER", &browser)
            .args([
                "script", "s.en.txt", "s.fr.txt", "--format", "pdf", "-o", "s.pdf",
            ])
            .spawn()
            .unwrap();
        let pid_file = dir.path().join("browser.pid");
        let started = std::time::Instant::now();
        while !pid_file.exists()
            || std::fs::read_to_string(&pid_file)
                .unwrap()
                .trim()
                .is_empty()
        {
            assert!(
                started.elapsed().as_secs() < 20,
                "the browser never started"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let folders: Vec<PathBuf> = std::fs::read_dir(&tmp)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("tribune-print-")
            })
            .collect();
        assert_eq!(folders.len(), 1);
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folders[0]), 0o700);
        assert_eq!(mode(&folders[0].join("script.html")), 0o600);
        let kill = StdCommand::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(kill.success());
        let status = child.wait().unwrap();
        assert!(!status.success(), "SIG{signal}: {status}");
        assert!(
            !folders[0].exists(),
            "SIG{signal} left {}",
            folders[0].display()
        );
        let browser_pid = std::fs::read_to_string(&pid_file).unwrap();
        let alive = StdCommand::new("kill")
            .args(["-0", browser_pid.trim()])
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap()
            .success();
        assert!(!alive, "SIG{signal} left the browser running");
        assert!(!dir.path().join("s.pdf").exists());
    }
}

// ---- 6. Terminal escapes from client files never reach the terminal ----

/// The escapes a hostile file may hold: window title, hyperlink, reset, clear, bidi override.
const ESCAPES: [&str; 5] = [
    "\u{1b}]0;owned\u{7}",
    "\u{1b}]8;;http://example.invalid\u{1b}\\",
    "\u{1b}c",
    "\u{1b}[2J",
    "\u{202e}",
];

fn assert_terminal_safe(what: &str, out: &[u8]) {
    let text = String::from_utf8_lossy(out);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'),
        "{what} printed a raw escape: {text:?}"
    );
}

#[test]
fn escapes_from_client_files_are_shown_escaped_in_every_text_output() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = ESCAPES.join("");
    let name = format!("client{}.tsv", "\u{1b}[2J");
    write(
        dir.path(),
        &name,
        format!("The harbour reopens {hostile} today.\tLe port rouvre {hostile} aujourd’hui.\n"),
    );
    let memory = dir.path().join("tm.sqlite");
    let run = |args: &[&str]| {
        let out = tribune()
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .args(args)
            .arg("--memory")
            .arg(&memory)
            .output()
            .unwrap();
        assert!(out.status.code().unwrap_or(2) <= 1, "{args:?}: {out:?}");
        assert_terminal_safe(&format!("{args:?}"), &out.stdout);
        assert_terminal_safe(&format!("{args:?} (stderr)"), &out.stderr);
    };
    run(&["memory", "import", "--from", "en", "--to", "fr", &name]);
    let origin = format!("origin{hostile}");
    run(&[
        "memory", "import", "--from", "en", "--to", "fr", "--origin", &origin, &name,
    ]);
    run(&["memory", "search", "harbour"]);
    run(&[
        "memory",
        "lookup",
        "--from",
        "en",
        "--to",
        "fr",
        "The harbour reopens today.",
    ]);
    run(&["memory", "stats"]);
    write(
        dir.path(),
        "s.en.txt",
        format!("The harbour reopens {hostile} today.\n"),
    );
    write(
        dir.path(),
        "s.fr.txt",
        format!("Le port rouvre {hostile} aujourd’hui.\n"),
    );
    run(&["align", "s.en.txt", "s.fr.txt", "--format", "text"]);
}

// ---- 7. Control characters: refused where they come in, never written into XML ----

#[test]
fn control_characters_in_tmx_and_xliff_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let memory = dir.path().join("tm.sqlite");
    for (name, content) in [
        (
            "raw.tmx",
            tmx_text().replace("harbour", "har\u{1b}]0;x\u{7}bour"),
        ),
        ("ref.tmx", tmx_text().replace("harbour", "har&#27;bour")),
        ("nul.tmx", tmx_text().replace("harbour", "har&#0;bour")),
        ("raw.xlf", xliff_text().replace("harbour", "har\u{1b}bour")),
        ("ref.xlf", xliff_text().replace("harbour", "har&#x1b;bour")),
    ] {
        let path = write(dir.path(), name, content);
        let command = if name.ends_with(".xlf") {
            ["xliff", "import"]
        } else {
            ["memory", "import"]
        };
        tribune()
            .args(command)
            .arg("--memory")
            .arg(&memory)
            .arg(&path)
            .assert()
            .code(1)
            .stderr(predicates::str::contains(format!("{name}:")));
    }
    assert!(lookup(&memory, SOURCE, "50").is_none());
}

#[test]
fn a_speech_with_control_characters_is_read_or_refused_and_every_output_is_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    // Word's Shift+Enter (vertical tab) and a form feed are line breaks.
    write(
        dir.path(),
        "soft.en.txt",
        "Thank you all\u{b}for coming.\u{c}\n\nThe harbour reopens today.\n",
    );
    for format in ["docx", "html", "md", "txt"] {
        let output = format!("soft.{format}");
        tribune()
            .current_dir(dir.path())
            .args(["script", "soft.en.txt", "-o", &output])
            .assert()
            .success();
        let bytes = std::fs::read(dir.path().join(&output)).unwrap();
        if format != "docx" {
            let control = bytes.iter().any(|&b| b < 0x20 && !b"\t\n\r".contains(&b));
            assert!(!control, "{format}");
        } else {
            let (status, _, stderr) = bash(
                dir.path(),
                "python3 -c \"import zipfile, xml.dom.minidom as m; \
                 m.parseString(zipfile.ZipFile('soft.docx').read('word/document.xml'))\"",
            );
            assert_eq!(status, 0, "document.xml is not well-formed: {stderr}");
        }
    }
    // Any other control character is refused where it is.
    for (name, text) in [
        ("esc.en.txt", "Hello.\n\nWe met\u{1b}[2J today.\n"),
        ("soh.en.txt", "Hello.\n\nWe met\u{1} today.\n"),
        ("bs.en.txt", "Hello.\n\nWe met\u{8} today.\n"),
    ] {
        write(dir.path(), name, text);
        tribune()
            .current_dir(dir.path())
            .args(["script", name, "--format", "docx", "-o", "x.docx"])
            .assert()
            .code(1)
            .stderr(predicates::str::contains(format!("{name}:3:7")));
        assert!(!dir.path().join("x.docx").exists());
    }
    // A TMX export is well-formed (checked by a parser) after a TSV import of the same.
    let tsv = write(dir.path(), "c.tsv", "Tab\there\tTabulation\n");
    let memory = dir.path().join("tm.sqlite");
    import_tsv(&memory, &tsv).success();
    let (status, _, stderr) = bash(
        dir.path(),
        "$TRIBUNE memory export --memory tm.sqlite -o out.tmx && \
         python3 -c \"import xml.dom.minidom as m; m.parse('out.tmx')\"",
    );
    assert_eq!(status, 0, "{stderr}");
}

// ---- 9. Notes, properties and attribute values are held to the segment limit ----

#[test]
fn oversized_notes_properties_and_attributes_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let memory = dir.path().join("tm.sqlite");
    let big = "n".repeat((1 << 20) + 10);
    for (name, content) in [
        (
            "note.tmx",
            tmx_text().replace(
                "<tuv xml:lang=\"en\">",
                &format!("<note>{big}</note><tuv xml:lang=\"en\">"),
            ),
        ),
        (
            "prop.tmx",
            tmx_text().replace(
                "<tuv xml:lang=\"en\">",
                &format!("<prop type=\"x-a\">{big}</prop><tuv xml:lang=\"en\">"),
            ),
        ),
        (
            "attribute.tmx",
            tmx_text().replace("<tu>", &format!("<tu tuid=\"{big}\">")),
        ),
    ] {
        let path = write(dir.path(), name, content);
        tribune()
            .args(["memory", "import", "--memory"])
            .arg(&memory)
            .arg(&path)
            .assert()
            .code(1)
            .stderr(predicates::str::contains(format!("{name}:3:")));
    }
    assert!(lookup(&memory, SOURCE, "50").is_none());
}

// ---- 8. Nested inline tags: linear time, a depth cap with a located error ----

/// The TMX of one unit whose English `<seg>` holds `open` and then `close`.
fn tmx_with_seg(open: &str, close: &str) -> String {
    tmx_text().replace(
        &format!("<seg>{SOURCE}</seg>"),
        &format!("<seg>{open}{SOURCE}{close}</seg>"),
    )
}

#[test]
fn inline_tags_nested_past_the_cap_are_refused_quickly_where_the_cap_is_crossed() {
    let dir = tempfile::tempdir().unwrap();
    let memory = dir.path().join("tm.sqlite");
    // Where the 101st start tag stands on line 3 of each file.
    let at = |prefix: &str, content: &str, tag: &str| {
        let line3 = content.lines().nth(2).unwrap();
        let first = line3.find(prefix).unwrap() + prefix.len();
        format!(":3:{}:", first + 100 * tag.len() + 1)
    };
    let deep = 100_000;
    let tmx = tmx_with_seg(&"<hi>".repeat(deep), &"</hi>".repeat(deep));
    let unclosed = tmx_with_seg(&"<hi>".repeat(1_000_000), "");
    let xliff = xliff_of(
        &format!(
            "{}{SOURCE}{}",
            "<g id=\"1\">".repeat(deep),
            "</g>".repeat(deep)
        ),
        TARGET,
    )
    .replacen("<trans-unit", "\n<trans-unit", 1);
    for (name, command, content, prefix, tag) in [
        ("deep.tmx", "memory", &tmx, "<seg>", "<hi>"),
        ("unclosed.tmx", "memory", &unclosed, "<seg>", "<hi>"),
        ("deep.xlf", "xliff", &xliff, "<source>", "<g id=\"1\">"),
    ] {
        let path = write(dir.path(), name, content);
        let start = std::time::Instant::now();
        tribune()
            .args([command, "import", "--memory"])
            .arg(&memory)
            .arg(&path)
            .assert()
            .code(1)
            .stderr(predicates::str::contains(format!(
                "{name}{}",
                at(prefix, content, tag)
            )))
            .stderr(predicates::str::contains("nested more than 100 deep"));
        // The old reader took seconds at this depth and more than a minute unclosed.
        let took = start.elapsed();
        assert!(
            took < std::time::Duration::from_secs(10),
            "{name}: {took:?}"
        );
    }
    assert!(lookup(&memory, SOURCE, "50").is_none());
}

#[test]
fn inline_tags_nested_to_the_cap_are_kept_with_their_markup() {
    let dir = tempfile::tempdir().unwrap();
    let memory = dir.path().join("tm.sqlite");
    let tmx = tmx_with_seg(&"<hi>".repeat(100), &"</hi>".repeat(100));
    tribune()
        .args(["memory", "import", "--memory"])
        .arg(&memory)
        .arg(write(dir.path(), "deep.tmx", &tmx))
        .assert()
        .success();
    assert_eq!(
        lookup(&memory, SOURCE, "100"),
        Some((100, TARGET.to_owned()))
    );
    let exported = dir.path().join("out.tmx");
    tribune()
        .args(["memory", "export", "--memory"])
        .arg(&memory)
        .arg("-o")
        .arg(&exported)
        .assert()
        .success();
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text.contains(&format!(
        "{}{SOURCE}{}",
        "<hi>".repeat(100),
        "</hi>".repeat(100)
    )));
}

#[test]
fn nesting_past_the_xml_parser_limit_is_located_where_it_happens() {
    let dir = tempfile::tempdir().unwrap();
    let memory = dir.path().join("tm.sqlite");
    let deep = 70_000;
    let xliff = xliff_text()
        .replace("<body>", &format!("<body>\n{}", "<group>".repeat(deep)))
        .replace("</body>", &format!("{}</body>", "</group>".repeat(deep)));
    let output = tribune()
        .args(["xliff", "import", "--memory"])
        .arg(&memory)
        .arg(write(dir.path(), "groups.xlf", &xliff))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Once reported at 1:1 whatever the depth.
    assert!(stderr.contains("groups.xlf:3:"), "{stderr}");
    assert!(!stderr.contains(":1:1:"), "{stderr}");

    // Namespace declarations in scope: the parser's limit, in words for a person.
    let declarations = 200;
    let xliff = xliff_text()
        .replace(
            "</target>",
            &format!(
                "</target>\n{}",
                (0..declarations)
                    .map(|i| format!("<x:a xmlns:x=\"urn:x{i}\">"))
                    .collect::<String>()
            ),
        )
        .replace(
            "</trans-unit>",
            &format!("{}</trans-unit>", "</x:a>".repeat(declarations)),
        );
    let output = tribune()
        .args(["xliff", "import", "--memory"])
        .arg(&memory)
        .arg(write(dir.path(), "namespaces.xlf", &xliff))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("namespaces.xlf:3:"), "{stderr}");
    assert!(stderr.contains("namespace declarations"), "{stderr}");
    assert!(!stderr.contains("NamespaceResolver"), "{stderr}");
}

// ---- 11. `xliff import` of many corrections finds each stored source exactly ----

#[test]
fn thirty_thousand_corrections_over_a_small_vocabulary_are_updates_in_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let memory = dir.path().join("tm.sqlite");
    // Sentences of six to fourteen words out of twelve: every index list is long.
    let words = [
        "council", "peace", "member", "states", "report", "session", "agenda", "draft", "support",
        "rights", "people", "world",
    ];
    let mut state = 7u64;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) % n
    };
    let mut sources = std::collections::BTreeSet::new();
    while sources.len() < 30_000 {
        let length = 6 + next(9);
        let sentence: Vec<&str> = (0..length).map(|_| words[next(12) as usize]).collect();
        sources.insert(format!("The {}.", sentence.join(" ")));
    }
    let mut tsv = String::new();
    let mut xliff = String::new();
    for (i, source) in sources.iter().enumerate() {
        tsv.push_str(&format!("{source}\tPremière version {i}.\n"));
        xliff.push_str(&format!(
            "<trans-unit id=\"{i}\"><source>{source}</source>\
             <target state=\"translated\">Version corrigée {i}.</target></trans-unit>\n"
        ));
    }
    import_tsv(&memory, &write(dir.path(), "first.tsv", tsv)).success();
    let xliff = xliff_text().replace(
        &xliff_text()
            [xliff_text().find("<trans-unit").unwrap()..xliff_text().find("</body>").unwrap()],
        &xliff,
    );
    let start = std::time::Instant::now();
    let output = tribune()
        .args(["xliff", "import", "--format", "json", "--memory"])
        .arg(&memory)
        .arg(write(dir.path(), "corrections.xlf", xliff))
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let report = &report["files"][0];
    assert_eq!(report["updated"], 30_000, "{}", report["skipped"]);
    assert_eq!(report["added"], 0);
    // Once a 100 % lookup per unit through the index: minutes. Now well under a second.
    assert!(took < std::time::Duration::from_secs(20), "{took:?}");
    assert_eq!(
        lookup(&memory, sources.iter().nth(1234).unwrap(), "100").map(|m| m.1),
        Some("Version corrigée 1234.".to_owned())
    );
}

// ---- 10. A speech of short lines: a small cost per segment, and a located refusal ----

/// Writes `count` lines of `Yes.` as an English speech.
fn short_lines(dir: &Path, name: &str, count: usize) -> PathBuf {
    write(dir, name, "Yes.\n".repeat(count))
}

#[test]
fn a_speech_of_a_million_short_lines_is_read_within_six_hundred_megabytes() {
    let dir = tempfile::tempdir().unwrap();
    short_lines(dir.path(), "short.en.txt", 1_200_000);
    // Once about 105 times its size: 6 MB of such lines needed more than 700 MB of address
    // space and aborted ("memory allocation failed") under this limit.
    let (status, stdout, stderr) = bash(
        dir.path(),
        "ulimit -v 600000; $TRIBUNE stats short.en.txt --format json",
    );
    assert_eq!(status, 0, "{stderr}");
    let stats: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(stats["files"][0]["segments"], 1_200_000);
}

#[test]
fn a_speech_that_would_not_fit_in_memory_is_refused_where_it_stops_fitting() {
    let dir = tempfile::tempdir().unwrap();
    short_lines(dir.path(), "huge.en.txt", 8_000_000);
    for command in ["stats huge.en.txt", "segment huge.en.txt --format lines"] {
        let (status, stdout, stderr) =
            bash(dir.path(), &format!("ulimit -v 600000; $TRIBUNE {command}"));
        // Once an abort by the allocator (SIGABRT, exit 134) after filling the limit.
        assert_eq!(status, 1, "{command}: {stderr}");
        assert!(stdout.is_empty(), "{command}: {stdout}");
        assert!(
            stderr.contains("does not fit in memory"),
            "{command}: {stderr}"
        );
        let line: usize = stderr
            .split("huge.en.txt:")
            .nth(1)
            .and_then(|rest| rest.split(':').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{command}: no line in {stderr}"));
        assert!(
            (100_000..8_000_000).contains(&line),
            "{command}: line {line}"
        );
        assert!(!stderr.contains("memory allocation"), "{command}: {stderr}");
    }
}
