//! Contract gaps a new user met on the command line (issue 16 in the tracker, section 7):
//! each test names the gap it covers.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::tribune;

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn xliff(source: &str, target: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" \
         xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file original=\"s.txt\" \
         source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\"><body>\n\
         <trans-unit id=\"1\"><source>{source}</source><target state=\"translated\">{target}</target>\
         </trans-unit></body></file></xliff>\n"
    )
}

#[test]
fn a_failed_import_into_a_new_memory_leaves_neither_file_nor_folder() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.tmx", "<tmx version=\"1.4\"><body><tu>");
    let memory = dir.path().join("new/folder/tm.sqlite");
    for command in ["memory", "xliff"] {
        tribune()
            .args([command, "import", "--from", "en", "--to", "fr", "--memory"])
            .arg(&memory)
            .arg(&bad)
            .assert()
            .code(1);
        assert!(
            !dir.path().join("new").exists(),
            "{command} import left a memory behind"
        );
    }
    tribune()
        .args(["memory", "import", "--memory"])
        .arg(&memory)
        .arg(dir.path().join("missing.tmx"))
        .assert()
        .code(1);
    assert!(!dir.path().join("new").exists());
}

#[test]
fn a_failed_import_keeps_what_an_earlier_file_stored_and_an_existing_memory() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.xlf", &xliff("Good morning.", "Bonjour."));
    let bad = write(dir.path(), "bad.xlf", "<xliff version=\"1.2\"><file>");
    let memory = dir.path().join("new/tm.sqlite");
    tribune()
        .args(["xliff", "import", "--memory"])
        .arg(&memory)
        .arg(&good)
        .arg(&bad)
        .assert()
        .code(1);
    assert!(memory.exists(), "the first file's unit was stored");
    // An existing memory, empty, is never removed by a failure.
    let empty = dir.path().join("empty.sqlite");
    tribune()
        .args(["memory", "import", "--from", "en", "--to", "fr", "--memory"])
        .arg(&empty)
        .arg(write(dir.path(), "nothing.tsv", "\n"))
        .assert()
        .success();
    tribune()
        .args(["xliff", "import", "--memory"])
        .arg(&empty)
        .arg(&bad)
        .assert()
        .code(1);
    assert!(empty.exists());
}

#[test]
fn xliff_import_of_several_files_as_json_is_one_document() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), "one.xlf", &xliff("Good morning.", "Bonjour."));
    let second = write(dir.path(), "two.xlf", &xliff("Thank you.", "Merci."));
    let output = tribune()
        .args(["xliff", "import", "--format", "json", "--memory"])
        .arg(dir.path().join("tm.sqlite"))
        .arg(&first)
        .arg(&second)
        .output()
        .unwrap();
    assert!(output.status.success());
    let report: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["added"], 1);
    assert!(files[1]["file"].as_str().unwrap().ends_with("two.xlf"));
}

#[test]
fn a_missing_file_is_named_without_a_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.en.txt");
    let other = write(dir.path(), "other.fr.txt", "Bonjour.\n");
    for args in [
        vec!["segment".to_owned(), missing.display().to_string()],
        vec!["stats".to_owned(), missing.display().to_string()],
        vec![
            "align".to_owned(),
            missing.display().to_string(),
            other.display().to_string(),
        ],
    ] {
        let output = tribune().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("cannot open"), "{stderr}");
        assert!(!stderr.contains("missing.en.txt:1"), "{args:?}: {stderr}");
    }
    // What is wrong with a file as a whole names the file, without a line either.
    let binary = dir.path().join("binary.en.txt");
    std::fs::write(&binary, b"Good\0morning.").unwrap();
    let output = tribune().arg("segment").arg(&binary).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("binary.en.txt: "), "{stderr}");
    assert!(!stderr.contains("binary.en.txt:1"), "{stderr}");
}

// ---- Exit codes by kind (issue 16, section 3) ----

#[test]
fn exit_codes_tell_input_usage_findings_and_bugs_apart() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "talk.en.txt",
        "Excellencies,\n\nThe council met 3 times this year to discuss the report.\n\nThank you.\n",
    );
    write(
        dir.path(),
        "talk.fr.txt",
        "Excellences,\n\nLe conseil s’est réuni 4 fois cette année pour examiner le rapport.\n\nMerci.\n",
    );
    let run = |args: &[&str]| {
        tribune()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    // 0: done; 1: the input; 2: usage.
    assert_eq!(run(&["segment", "talk.en.txt"]).status.code(), Some(0));
    assert_eq!(run(&["segment", "nothing.en.txt"]).status.code(), Some(1));
    assert_eq!(run(&["segment", "--no-such-flag"]).status.code(), Some(2));
    // 2 too for an output whose extension names no format, and nothing is written.
    let odt = run(&["script", "talk.en.txt", "talk.fr.txt", "-o", "out.odt"]);
    assert_eq!(odt.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&odt.stderr);
    assert!(
        stderr.contains("out.odt") && stderr.contains("--format"),
        "{stderr}"
    );
    assert!(!dir.path().join("out.odt").exists());
    // An output without an extension is still HTML.
    assert_eq!(
        run(&["script", "talk.en.txt", "talk.fr.txt", "-o", "script"])
            .status
            .code(),
        Some(0)
    );
    // 3: the check ran and found errors (a number differs); 1 when it could not run.
    let check = run(&["check", "talk.en.txt", "talk.fr.txt"]);
    assert_eq!(
        check.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert_eq!(
        run(&["check", "talk.en.txt", "nothing.fr.txt"])
            .status
            .code(),
        Some(1)
    );
    // 70: a bug, reported in the interface language, never as a raw panic.
    for (lang, words) in [("en", "internal error"), ("fr", "erreur interne")] {
        let output = tribune()
            .current_dir(dir.path())
            .env("TRIBUNE_TEST_INTERNAL_ERROR", "1")
            .args(["--ui-lang", lang, "segment", "talk.en.txt"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(70));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(words), "{stderr}");
        assert!(stderr.contains("src/cli/mod.rs"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!stderr.contains("RUST_BACKTRACE"), "{stderr}");
    }
}

#[test]
fn completions_offer_the_xliff_versions() {
    let output = tribune().args(["completions", "bash"]).output().unwrap();
    let script = String::from_utf8(output.stdout).unwrap();
    let after = script
        .split("--xliff-version)")
        .nth(1)
        .expect("the flag is completed");
    let reply = after.lines().nth(1).unwrap();
    assert!(reply.contains("1.2 2.0 2.1"), "{reply}");
}

#[test]
fn a_manual_page_for_every_command_with_exit_status_and_environment() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man");
    tribune()
        .arg("man")
        .arg("--dir")
        .arg(&pages)
        .assert()
        .success();
    for name in [
        "tribune",
        "tribune-translate",
        "tribune-memory",
        "tribune-memory-import",
        "tribune-xliff-import",
        "tribune-check",
    ] {
        let page = std::fs::read_to_string(pages.join(format!("{name}.1")))
            .unwrap_or_else(|e| panic!("{name}.1: {e}"));
        assert!(page.starts_with(".ie") || page.contains(".TH"), "{name}");
        assert!(page.contains(".SH \"EXIT STATUS\""), "{name}");
        assert!(page.contains("TRIBUNE_MEMORY"), "{name}");
    }
    let one = tribune().args(["man", "memory-import"]).output().unwrap();
    assert!(String::from_utf8_lossy(&one.stdout).contains("tribune\\-memory\\-import"));
    let french = tribune()
        .args(["--ui-lang", "fr", "man", "check"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&french.stdout).contains("CODE DE RETOUR"));
    tribune().args(["man", "no-such-command"]).assert().code(2);
}

// ---- One terminal module: --color and NO_COLOR (issue 16, section 4) ----

#[test]
fn color_always_colours_a_pipe_and_never_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(
        dir.path(),
        "old.en.txt",
        "We met three times.\n\nThank you.\n",
    );
    let new = write(
        dir.path(),
        "new.en.txt",
        "We met four times.\n\nThank you.\n",
    );
    let memory = dir.path().join("tm.sqlite");
    tribune()
        .args(["memory", "import", "--from", "en", "--to", "fr", "--memory"])
        .arg(&memory)
        .arg(write(
            dir.path(),
            "p.tsv",
            "Peace and security.\tPaix et sécurité.\n",
        ))
        .assert()
        .success();
    let run = |color: &str, command: &[&str]| {
        let output = tribune()
            .env("NO_COLOR", "1")
            .args(["--color", color])
            .args(command)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let memory_arg = memory.display().to_string();
    let old_arg = old.display().to_string();
    let new_arg = new.display().to_string();
    let commands: [Vec<&str>; 3] = [
        vec!["memory", "search", "security", "--memory", &memory_arg],
        vec![
            "memory",
            "lookup",
            "Peace and security.",
            "--from",
            "en",
            "--to",
            "fr",
            "--memory",
            &memory_arg,
        ],
        vec!["diff", &old_arg, &new_arg],
    ];
    for command in &commands {
        // The flag wins over NO_COLOR; without it, NO_COLOR and the pipe say no.
        assert!(run("always", command).contains("\x1b["), "{command:?}");
        assert!(!run("never", command).contains("\x1b["), "{command:?}");
        assert!(!run("auto", command).contains("\x1b["), "{command:?}");
    }
}

// ---- Option values that cannot be used, in the interface language (issue 16, section 6) ----

#[test]
fn unusable_option_values_are_explained_in_the_interface_language() {
    let dir = tempfile::tempdir().unwrap();
    let speech = write(dir.path(), "s.en.txt", "Good morning.\n");
    let speech = speech.display().to_string();
    let cases: [(Vec<&str>, &str, &str); 8] = [
        (
            vec!["align", &speech, &speech, "--min-confidence", "2"],
            "is not a confidence",
            "n’est pas une confiance",
        ),
        (
            vec!["memory", "export", "--lang-pair", "enfr"],
            "is not a language pair",
            "n’est pas une paire de langues",
        ),
        (
            vec![
                "memory",
                "lookup",
                "x",
                "--from",
                "en",
                "--to",
                "fr",
                "--threshold",
                "0",
            ],
            "is not a match threshold",
            "n’est pas un seuil",
        ),
        (
            vec!["script", &speech, "--deliver", "12"],
            "is neither a language tag",
            "n’est ni une étiquette",
        ),
        (
            vec!["script", &speech, "--target", "soon"],
            "is not a duration",
            "n’est pas une durée",
        ),
        (
            vec!["script", &speech, "--font-size", "200"],
            "is not a type size",
            "n’est pas une taille",
        ),
        (
            vec!["segment", &speech, "--lang", "12"],
            "is not a language tag",
            "n’est pas une étiquette de langue",
        ),
        (
            vec!["stats", &speech, "--rate", "5"],
            "is not a speaking rate",
            "n’est pas un débit",
        ),
    ];
    for (args, english, french) in &cases {
        for (lang, expected, other) in [("en", english, french), ("fr", french, english)] {
            let output = tribune()
                .args(["--ui-lang", lang])
                .args(args)
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(2), "{args:?}");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.contains(*expected), "{lang} {args:?}: {stderr}");
            assert!(!stderr.contains(*other), "{lang} {args:?}: {stderr}");
        }
    }
}

/// The one-line messages of a locale without placeables: id → text.
fn plain_messages(locale: &str) -> std::collections::HashMap<String, String> {
    let mut messages = std::collections::HashMap::new();
    let dir = crate::repo_path("locales").join(locale);
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some((id, value)) = line.split_once(" = ") {
                if !id.starts_with(['#', ' ']) && !value.contains('{') {
                    messages.insert(id.trim().to_owned(), value.trim().to_owned());
                }
            }
        }
    }
    messages
}

#[test]
fn french_help_shows_no_english_sentence_that_has_a_french_one() {
    let english = plain_messages("en-US");
    let french = plain_messages("fr-FR");
    // English sentences whose French differs: none may show in a French help page.
    let sentences: Vec<&String> = english
        .iter()
        .filter(|(id, text)| text.len() >= 25 && french.get(*id).is_some_and(|f| f != *text))
        .map(|(_, text)| text)
        .collect();
    assert!(sentences.len() > 50, "the locale files were read");
    let commands: [&[&str]; 17] = [
        &[],
        &["segment"],
        &["stats"],
        &["diff"],
        &["script"],
        &["align"],
        &["memory"],
        &["memory", "import"],
        &["memory", "export"],
        &["memory", "lookup"],
        &["memory", "search"],
        &["memory", "stats"],
        &["translate"],
        &["xliff", "import"],
        &["check"],
        &["completions"],
        &["man"],
    ];
    for command in commands {
        let output = tribune()
            .args(["--ui-lang", "fr"])
            .args(command)
            .arg("--help")
            .output()
            .unwrap();
        assert!(output.status.success(), "{command:?}");
        let help = String::from_utf8_lossy(&output.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for sentence in &sentences {
            let sentence = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                !help.contains(&sentence),
                "{command:?} --help in French shows: {sentence}"
            );
        }
    }
}

#[test]
fn an_error_says_what_went_wrong_and_a_hint_says_what_to_do_in_the_interface_language() {
    let dir = tempfile::tempdir().unwrap();
    let memory = dir.path().join("none.sqlite");
    let out = tribune()
        .args(["memory", "stats", "--memory"])
        .arg(&memory)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[0].starts_with("error: there is no translation memory at"),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with("hint: import a TMX or XLIFF file"),
        "{stderr}"
    );
    let out = tribune()
        .args(["--ui-lang", "fr", "memory", "stats", "--memory"])
        .arg(&memory)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("conseil : ") || stderr.contains("conseil: "),
        "{stderr}"
    );
    assert!(stderr.contains("importez-y d’abord"), "{stderr}");
    assert!(!memory.exists(), "a command that reads created a memory");
}
