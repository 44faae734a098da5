//! Translation-memory benchmark at scale (docs/memory.md, "Benchmark"): import time against a
//! bare SQLite insert of the same pairs, lookup latency (p50, p99), the first query after a
//! cold open, peak memory, and recall on labelled queries, checked against an exhaustive
//! scan on a sample.
//!
//! Run it with `sh scripts/bench-memory.sh`, which builds the data outside the repository
//! first. Directly: `cargo bench --bench memory -- --data DIR [--runs 3] [--sets syn1m,real]
//! [--sample 100]`. It drives the release `tribune` binary the way a user would:
//! `tribune memory import` and `tribune memory lookup - --format jsonl`, one query per line.
// A benchmark prints its figures.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tribune::memory::score::MIN_STEM;
use tribune::memory::score_in;
use tribune::memory::tokens::{
    tokenize, word_index_key, TokenKind, NUMBER_CLASS_KEY, TAG_CLASS_KEY,
};
use unic_langid::{langid, LanguageIdentifier};

/// The language of the queries: the lookups run `--from en`, and the reference scores are
/// computed the same way (with English word forms).
const QUERY_LANGUAGE: LanguageIdentifier = langid!("en");

/// The lower threshold at which recall is measured too: near queries have one or two edited
/// words, so some are below 75 % by any word-level measure.
const LOW_THRESHOLD: u8 = 50;

struct Options {
    data: PathBuf,
    runs: usize,
    sets: Vec<String>,
    sample: usize,
    /// Measure the import only (`--import-only`), not the lookups.
    import_only: bool,
}

fn options() -> Options {
    let mut options = Options {
        data: PathBuf::from("/work/benchdata"),
        runs: 3,
        sets: vec!["syn1m".into(), "real".into()],
        sample: 100,
        import_only: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => options.data = PathBuf::from(args.next().expect("--data DIR")),
            "--runs" => options.runs = args.next().and_then(|v| v.parse().ok()).expect("--runs N"),
            "--sets" => {
                options.sets = args
                    .next()
                    .expect("--sets A,B")
                    .split(',')
                    .map(str::to_owned)
                    .collect()
            }
            "--sample" => {
                options.sample = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--sample N")
            }
            "--import-only" => options.import_only = true,
            _ => {} // cargo passes --bench
        }
    }
    options
}

/// The files of one data set.
struct DataSet {
    name: String,
    tmx: PathBuf,
    tsv: PathBuf,
    queries: PathBuf,
    refs: PathBuf,
    ref_tsv: PathBuf,
}

fn data_set(data: &Path, name: &str) -> DataSet {
    match name {
        "real" => DataSet {
            name: "real (256k)".into(),
            tmx: data.join("real.tmx"),
            tsv: data.join("real.tsv"),
            queries: data.join("realq.queries.tsv"),
            refs: data.join("realq.queries.ref.tsv"),
            ref_tsv: data.join("realq.tsv"),
        },
        other => DataSet {
            name: other.to_owned(),
            tmx: data.join(format!("{other}.tmx")),
            tsv: data.join(format!("{other}.tsv")),
            queries: data.join(format!("{other}.queries.tsv")),
            refs: data.join(format!("{other}.queries.ref.tsv")),
            ref_tsv: data.join(format!("{other}.tsv")),
        },
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index]
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

fn read_pairs(tsv: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(tsv).expect("read the TSV");
    text.lines()
        .filter_map(|line| {
            let mut columns = line.split('\t');
            Some((columns.next()?.to_owned(), columns.next()?.to_owned()))
        })
        .collect()
}

/// A fresh database file with the settings a Tribune memory has (page size, write-ahead log,
/// `synchronous = normal`), so that the bare insert and the floors write the way the import does.
fn open_like_the_import(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "page_size", 4096).unwrap();
    conn.pragma_update(None, "journal_mode", "wal").unwrap();
    conn.pragma_update(None, "synchronous", "normal").unwrap();
    conn
}

/// A bare insert of the same pairs, the yardstick of the import: one table of two text
/// columns (the two texts of each pair, no id column of our own, no index), one
/// transaction, one prepared statement, and the memory's own settings: WAL journal,
/// `synchronous=NORMAL`, the default 4 KiB pages and the import's 32 MB page cache
/// (src/memory/import.rs). Like the import, it is timed from opening the file to closing
/// it, so both include the final checkpoint of the WAL into the database; the pairs are
/// already in memory (the import reads and parses its TMX).
fn bare_insert(pairs: &[(String, String)], path: &Path) -> f64 {
    remove_db(path);
    let start = Instant::now();
    let mut conn = open_like_the_import(path);
    let tx = conn.transaction().unwrap();
    tx.pragma_update(None, "cache_size", -32_768).unwrap();
    tx.execute("CREATE TABLE pairs (source TEXT, target TEXT)", [])
        .unwrap();
    {
        let mut st = tx.prepare("INSERT INTO pairs VALUES (?1, ?2)").unwrap();
        for (a, b) in pairs {
            st.execute([a, b]).unwrap();
        }
    }
    tx.commit().unwrap();
    drop(conn);
    let seconds = start.elapsed().as_secs_f64();
    remove_db(path);
    seconds
}

/// The import's own rows, read back from an imported memory, written again to a fresh file
/// the way [`bare_insert`] writes its pairs: what storing costs when nothing is parsed,
/// tokenised or indexed, the floor under any import that writes these rows. The tables are
/// made from the imported file's own definitions (so the floor follows the schema), and the
/// full-text vocabulary (a few megabytes) is rebuilt from the posting table inside the timing.
fn store_only(imported: &Path, path: &Path) -> f64 {
    /// The tables an import fills, parents first (units refer to origins and languages).
    const TABLES: [&str; 5] = ["origins", "languages", "units", "unit_hashes", "postings"];
    const VOCABULARY: &str = "vocabulary";
    let source =
        rusqlite::Connection::open_with_flags(imported, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let definitions: Vec<String> = source
        .prepare("SELECT tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")
        .unwrap()
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .filter(|(table, _)| TABLES.contains(&table.as_str()) || table == VOCABULARY)
        .map(|(_, sql)| sql)
        .collect();
    let mut tables: Vec<(String, Vec<Vec<rusqlite::types::Value>>)> = Vec::new();
    for table in TABLES {
        let mut select = source.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let width = select.column_count();
        let rows = select
            .query_map([], |r| (0..width).map(|c| r.get(c)).collect())
            .unwrap()
            .map(Result::unwrap)
            .collect();
        tables.push((table.to_owned(), rows));
    }
    drop(source);
    remove_db(path);
    let start = Instant::now();
    let mut conn = open_like_the_import(path);
    let tx = conn.transaction().unwrap();
    tx.pragma_update(None, "cache_size", -32_768).unwrap();
    for definition in &definitions {
        tx.execute_batch(definition).unwrap();
    }
    for (table, rows) in &tables {
        let Some(width) = rows.first().map(Vec::len) else {
            continue;
        };
        let placeholders = vec!["?"; width].join(", ");
        let mut insert = tx
            .prepare(&format!("INSERT INTO {table} VALUES ({placeholders})"))
            .unwrap();
        for row in rows {
            insert.execute(rusqlite::params_from_iter(row)).unwrap();
        }
    }
    tx.execute(
        &format!("INSERT INTO {VOCABULARY}({VOCABULARY}) VALUES ('rebuild')"),
        [],
    )
    .unwrap();
    tx.commit().unwrap();
    drop(conn);
    let seconds = start.elapsed().as_secs_f64();
    remove_db(path);
    seconds
}

/// Tribune's TMX reader over the whole file, units read and dropped: what parsing costs
/// before anything is converted, prepared or stored.
fn read_only(tmx: &Path) -> f64 {
    let start = Instant::now();
    let file = std::fs::File::open(tmx).unwrap();
    let input = tribune::exchange::input::utf8_input(file).unwrap();
    let mut reader =
        tribune::exchange::TmxReader::new(input, tribune::textfile::Origin::File(tmx.into()))
            .unwrap();
    let mut unit = tribune::exchange::TmxUnit::default();
    while reader.next_unit_into(&mut unit).unwrap() {}
    start.elapsed().as_secs_f64()
}

/// Waits for a child and returns whether it succeeded and its peak RSS in kB, read from
/// /proc while it runs (the peak of the program itself: the usage `wait4` reports would also
/// count this process's memory, which the child shares between fork and exec).
fn wait_with_rss(mut child: std::process::Child) -> (bool, i64) {
    let mut peak = 0;
    loop {
        peak = peak.max(vm_hwm_kb(child.id()));
        if let Some(status) = child.try_wait().expect("wait for the child") {
            return (status.success(), peak);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn vm_hwm_kb(pid: u32) -> i64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(-1)
}

fn drop_caches() -> bool {
    let _ = Command::new("sync").status();
    std::fs::write("/proc/sys/vm/drop_caches", "3\n").is_ok()
}

struct Lookup {
    child: std::process::Child,
    input: std::process::ChildStdin,
    output: BufReader<std::process::ChildStdout>,
}

impl Lookup {
    fn start(db: &Path, threshold: u8) -> Lookup {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tribune"))
            .args([
                "memory",
                "lookup",
                "-",
                "--from",
                "en",
                "--to",
                "fr",
                "--threshold",
                &threshold.to_string(),
                "--format",
                "jsonl",
                "--memory",
            ])
            .arg(db)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("run tribune");
        let input = child.stdin.take().unwrap();
        let output = BufReader::new(child.stdout.take().unwrap());
        Lookup {
            child,
            input,
            output,
        }
    }

    fn ask(&mut self, query: &str) -> (Duration, serde_json::Value) {
        let start = Instant::now();
        writeln!(self.input, "{query}").unwrap();
        self.input.flush().unwrap();
        let mut line = String::new();
        self.output.read_line(&mut line).unwrap();
        let elapsed = start.elapsed();
        (elapsed, serde_json::from_str(&line).expect("a JSON answer"))
    }

    fn finish(mut self) -> i64 {
        let hwm = vm_hwm_kb(self.child.id());
        drop(self.input);
        self.child.wait().unwrap();
        hwm
    }
}

/// The keys a scan compares before scoring: each word's folded key cut to its first
/// `MIN_STEM` letters, which two forms of one word always share, so that the filter never
/// drops a source that forms bring above the threshold.
fn content_keys(text: &str, interner: &mut HashMap<String, u32>) -> Vec<u32> {
    let mut keys: Vec<u32> = tokenize(text)
        .iter()
        .filter_map(|t| match t.kind {
            TokenKind::Word => Some(word_index_key(t.text).chars().take(MIN_STEM).collect()),
            TokenKind::Number => Some(NUMBER_CLASS_KEY.to_owned()),
            TokenKind::Tag => Some(TAG_CLASS_KEY.to_owned()),
            TokenKind::Punctuation => None,
        })
        .map(|k| {
            let next = interner.len() as u32;
            *interner.entry(k).or_insert(next)
        })
        .collect();
    keys.sort_unstable();
    keys
}

fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The top `limit` scores (≥ 75) of an exhaustive scan of every stored source.
fn exhaustive_top(
    query: &str,
    sources: &[String],
    keys: &[Vec<u32>],
    interner: &mut HashMap<String, u32>,
    limit: usize,
) -> Vec<u8> {
    let q = content_keys(query, interner);
    let mut scores: Vec<u8> = Vec::new();
    for (source, k) in sources.iter().zip(keys) {
        let longest = q.len().max(k.len());
        if longest == 0 || 100 * common(&q, k) < 75 * longest {
            continue;
        }
        let s = score_in(query, source, &QUERY_LANGUAGE);
        if s >= 75 {
            scores.push(s);
        }
    }
    scores.sort_unstable_by(|a, b| b.cmp(a));
    scores.truncate(limit);
    scores
}

/// A labelled query's reference, from `P.queries.ref.tsv`.
struct Reference {
    /// The 1-based line of the reference pair in the TM's TSV.
    line: usize,
    /// The data builder's own similarity of the query to the reference (`gen_tm.py`'s word
    /// Levenshtein, 1 - distance / longer length): the yardstick of its "within 75 %".
    builder_similarity: f64,
}

/// Whether a near query's answer holds its reference source or one scoring at least as
/// high, with the reference's score; `None` when the query has no reference.
fn near_found(
    query: &str,
    matches: &[serde_json::Value],
    refs: &HashMap<String, Reference>,
    ref_sources: &[String],
) -> Option<(bool, u8)> {
    let reference = ref_sources.get(refs.get(query)?.line.wrapping_sub(1))?;
    let wanted = score_in(query, reference, &QUERY_LANGUAGE);
    let ok = matches.iter().any(|m| {
        m["source"] == reference.as_str() || m["score"].as_u64().unwrap_or(0) >= u64::from(wanted)
    });
    Some((ok, wanted))
}

fn main() {
    let options = options();
    let mut report = serde_json::Map::new();
    for set_name in &options.sets {
        let set = data_set(&options.data, set_name);
        if !set.tmx.exists() || !set.queries.exists() {
            eprintln!(
                "{}: data missing under {} (run scripts/bench-memory.sh)",
                set.name,
                options.data.display()
            );
            continue;
        }
        println!("== {} ==", set.name);
        let db = options.data.join(format!("bench-{set_name}.sqlite"));
        let bare_db = options.data.join(format!("bench-{set_name}-bare.sqlite"));
        let pairs = read_pairs(&set.tsv);
        println!("pairs: {}", pairs.len());

        // Import, against a bare insert. The bare insert has its pairs in memory; the TMX
        // is read once first, so that the import does not read it from a disk whose cache
        // an earlier set's cold-open test dropped.
        std::io::copy(
            &mut std::fs::File::open(&set.tmx).expect("open the TMX"),
            &mut std::io::sink(),
        )
        .expect("read the TMX");
        let mut bare = Vec::new();
        let mut import = Vec::new();
        let mut import_rss = Vec::new();
        for run in 0..options.runs {
            bare.push(bare_insert(&pairs, &bare_db));
            remove_db(&db);
            let start = Instant::now();
            let child = Command::new(env!("CARGO_BIN_EXE_tribune"))
                .args(["memory", "import"])
                .arg(&set.tmx)
                .arg("--memory")
                .arg(&db)
                .stdout(Stdio::null())
                .spawn()
                .expect("run tribune");
            let (status, rss_kb) = wait_with_rss(child);
            assert!(status, "import failed");
            import.push(start.elapsed().as_secs_f64());
            import_rss.push(rss_kb as f64 / 1024.0);
            println!(
                "  run {}: bare insert {:.2} s, import {:.2} s, import peak RSS {:.0} MB",
                run + 1,
                bare[run],
                import[run],
                import_rss[run]
            );
        }
        let import_rss_mb = median(&mut import_rss);
        // Each run's import against the bare insert just before it: the machine's speed
        // drifts between runs (other tenants), and a ratio within one run cancels that.
        let mut ratios: Vec<f64> = import.iter().zip(&bare).map(|(i, b)| i / b).collect();
        let run_ratio = median(&mut ratios);
        let (bare_median, import_median) = (median(&mut bare), median(&mut import));
        println!(
            "import: median {import_median:.2} s; bare insert median {bare_median:.2} s; ratio of medians {:.2}, median of each run's ratio {run_ratio:.2}; peak RSS of the import {import_rss_mb:.0} MB",
            import_median / bare_median
        );
        // Two floors beside the bare insert, to see where the import's time goes.
        let mut stored = Vec::new();
        let mut parsed = Vec::new();
        for _ in 0..options.runs {
            stored.push(store_only(&db, &bare_db));
            parsed.push(read_only(&set.tmx));
        }
        let (store_median, read_median) = (median(&mut stored), median(&mut parsed));
        println!(
            "floors: the import's rows written without computing them {store_median:.2} s ({:.2}× the bare insert); the TMX read by Tribune's reader alone {read_median:.2} s ({:.2}×)",
            store_median / bare_median,
            read_median / bare_median
        );
        let db_size = std::fs::metadata(&db).map_or(0, |m| m.len());
        let mut set_report = serde_json::Map::new();
        set_report.insert("pairs".into(), pairs.len().into());
        set_report.insert("import_s".into(), import_median.into());
        set_report.insert("bare_insert_s".into(), bare_median.into());
        set_report.insert("import_ratio".into(), (import_median / bare_median).into());
        set_report.insert("import_ratio_per_run".into(), run_ratio.into());
        set_report.insert("import_peak_rss_mb".into(), import_rss_mb.into());
        set_report.insert("db_bytes".into(), db_size.into());
        set_report.insert("store_only_s".into(), store_median.into());
        set_report.insert("read_only_s".into(), read_median.into());
        if options.import_only {
            report.insert(set_name.clone(), set_report.into());
            continue;
        }

        // Queries and their references.
        let queries: Vec<(String, String)> = std::fs::read_to_string(&set.queries)
            .unwrap()
            .lines()
            .filter_map(|l| {
                l.split_once('\t')
                    .map(|(k, q)| (k.to_owned(), q.to_owned()))
            })
            .collect();
        let ref_sources: Vec<String> = read_pairs(&set.ref_tsv).into_iter().map(|p| p.0).collect();
        let refs: HashMap<String, Reference> = std::fs::read_to_string(&set.refs)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| {
                let columns: Vec<&str> = l.split('\t').collect();
                let reference = Reference {
                    line: columns.get(2)?.parse().ok()?,
                    builder_similarity: columns.get(3)?.parse().ok()?,
                };
                Some((columns.get(1)?.to_string(), reference))
            })
            .collect();

        // The first query after a cold open.
        let mut cold = Vec::new();
        let mut caches_dropped = true;
        for run in 0..options.runs {
            caches_dropped &= drop_caches();
            let start = Instant::now();
            let mut lookup = Lookup::start(&db, 75);
            let query = &queries[run * 7 % queries.len()].1;
            lookup.ask(query);
            cold.push(start.elapsed().as_secs_f64() * 1000.0);
            lookup.finish();
        }
        let cold_median = median(&mut cold);
        println!(
            "first query after a cold open: median {cold_median:.0} ms ({})",
            if caches_dropped {
                "page cache dropped"
            } else {
                "page cache NOT dropped: not allowed here"
            }
        );

        // Latency and recall.
        let mut p50s = Vec::new();
        let mut p99s = Vec::new();
        let mut rss = Vec::new();
        let mut recall: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut eligible_near = (0usize, 0usize);
        let mut builder_near = (0usize, 0usize);
        let mut answers: Vec<serde_json::Value> = Vec::new();
        for run in 0..options.runs {
            let mut lookup = Lookup::start(&db, 75);
            let mut times = Vec::with_capacity(queries.len());
            for (kind, query) in &queries {
                let (elapsed, answer) = lookup.ask(query);
                times.push(elapsed.as_secs_f64() * 1000.0);
                if run == 0 {
                    let matches = answer["matches"].as_array().cloned().unwrap_or_default();
                    let found = match kind.as_str() {
                        "exact" => matches
                            .iter()
                            .any(|m| m["score"] == 100 && m["source"] == query.as_str()),
                        "near" => match near_found(query, &matches, &refs, &ref_sources) {
                            Some((ok, wanted)) => {
                                if wanted >= 75 {
                                    eligible_near.0 += 1;
                                    eligible_near.1 += usize::from(ok);
                                }
                                if refs[query].builder_similarity >= 0.75 {
                                    builder_near.0 += 1;
                                    builder_near.1 += usize::from(ok);
                                }
                                ok
                            }
                            None => false,
                        },
                        _ => matches.is_empty(),
                    };
                    let entry = recall.entry(kind.as_str()).or_default();
                    entry.0 += 1;
                    entry.1 += usize::from(found);
                    answers.push(answer);
                }
            }
            rss.push(lookup.finish() as f64 / 1024.0);
            times.sort_by(|a, b| a.total_cmp(b));
            p50s.push(percentile(&times, 0.5));
            p99s.push(percentile(&times, 0.99));
            println!(
                "  run {}: {} queries, p50 {:.2} ms, p99 {:.2} ms, max {:.1} ms",
                run + 1,
                times.len(),
                p50s[run],
                p99s[run],
                times[times.len() - 1]
            );
        }
        let (p50, p99, lookup_rss) = (median(&mut p50s), median(&mut p99s), median(&mut rss));
        println!("lookup: p50 {p50:.2} ms, p99 {p99:.2} ms (medians of {} runs); peak RSS {lookup_rss:.0} MB", options.runs);
        for kind in ["exact", "near", "none"] {
            if let Some((total, found)) = recall.get(kind) {
                let label = if kind == "none" {
                    "returned nothing"
                } else {
                    "found"
                };
                println!(
                    "  {kind}: {found}/{total} {label} ({:.2} %)",
                    100.0 * *found as f64 / *total as f64
                );
            }
        }
        println!(
            "  near whose reference scores >= 75 with Tribune's score: {}/{} found ({:.2} %)",
            eligible_near.1,
            eligible_near.0,
            100.0 * eligible_near.1 as f64 / eligible_near.0.max(1) as f64
        );
        println!(
            "  near whose reference is within 75 % by gen_tm.py's own similarity: {}/{} found ({:.2} %); {:.2} % of near queries are within 75 % by that measure",
            builder_near.1,
            builder_near.0,
            100.0 * builder_near.1 as f64 / builder_near.0.max(1) as f64,
            100.0 * builder_near.0 as f64 / recall.get("near").map_or(1, |r| r.0.max(1)) as f64
        );

        // Recall of near queries at a lower threshold, where edits of two words in six are
        // above it too.
        let mut low = Lookup::start(&db, LOW_THRESHOLD);
        let (mut near_total, mut near_low) = (0usize, 0usize);
        for (kind, query) in &queries {
            if kind != "near" {
                continue;
            }
            let (_, answer) = low.ask(query);
            let matches = answer["matches"].as_array().cloned().unwrap_or_default();
            near_total += 1;
            if let Some((true, _)) = near_found(query, &matches, &refs, &ref_sources) {
                near_low += 1;
            }
        }
        low.finish();
        let recall_near_low = near_low as f64 / near_total.max(1) as f64;
        println!(
            "  near at threshold {LOW_THRESHOLD}: {near_low}/{near_total} found ({:.2} %)",
            100.0 * recall_near_low
        );

        // Exhaustive scan on a sample: the lookup's top scores must be the scan's.
        let start = Instant::now();
        let sources: Vec<String> = pairs.iter().map(|p| p.0.clone()).collect();
        let mut interner = HashMap::new();
        let keys: Vec<Vec<u32>> = sources
            .iter()
            .map(|s| content_keys(s, &mut interner))
            .collect();
        let step = (queries.len() / options.sample.max(1)).max(1);
        let (mut checked, mut agreed) = (0, 0);
        for (index, (_, query)) in queries
            .iter()
            .enumerate()
            .step_by(step)
            .take(options.sample)
        {
            let expected = exhaustive_top(query, &sources, &keys, &mut interner, 5);
            let got: Vec<u8> = answers[index]["matches"]
                .as_array()
                .map(|ms| {
                    ms.iter()
                        .filter_map(|m| m["score"].as_u64())
                        .map(|s| s as u8)
                        .collect()
                })
                .unwrap_or_default();
            checked += 1;
            if got == expected {
                agreed += 1;
            } else {
                println!("  differs from the scan: {query:?}: lookup {got:?}, scan {expected:?}");
            }
        }
        println!(
            "exhaustive scan of {} sources on {checked} queries: {agreed}/{checked} lookups return the same top scores ({:.0} s)",
            sources.len(),
            start.elapsed().as_secs_f64()
        );

        set_report.insert("cold_first_query_ms".into(), cold_median.into());
        set_report.insert("cold_cache_dropped".into(), caches_dropped.into());
        set_report.insert("lookup_p50_ms".into(), p50.into());
        set_report.insert(
            format!("recall_near_at_{LOW_THRESHOLD}"),
            recall_near_low.into(),
        );
        set_report.insert("lookup_p99_ms".into(), p99.into());
        set_report.insert("lookup_peak_rss_mb".into(), lookup_rss.into());
        for (kind, (total, found)) in &recall {
            set_report.insert(
                format!("recall_{kind}"),
                (*found as f64 / *total as f64).into(),
            );
        }
        set_report.insert(
            "recall_near_eligible".into(),
            (eligible_near.1 as f64 / eligible_near.0.max(1) as f64).into(),
        );
        set_report.insert(
            "recall_near_builder_eligible".into(),
            (builder_near.1 as f64 / builder_near.0.max(1) as f64).into(),
        );
        set_report.insert(
            "exhaustive_agreement".into(),
            format!("{agreed}/{checked}").into(),
        );
        report.insert(set_name.clone(), set_report.into());
    }
    // Sets measured by an earlier run and not by this one stay in the file.
    let out = options.data.join("bench-results.json");
    let mut results: serde_json::Map<String, serde_json::Value> = std::fs::read_to_string(&out)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    results.extend(report);
    std::fs::write(&out, serde_json::to_string_pretty(&results).unwrap()).unwrap();
    println!("results: {}", out.display());
}
