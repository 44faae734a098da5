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
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" \
         xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"s.txt\" \
         source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\"><body>\
         <trans-unit id=\"1\"><source>{SOURCE}</source><target state=\"translated\">{TARGET}</target>\
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
