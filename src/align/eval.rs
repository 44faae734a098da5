//! Evaluation of an alignment against hand-made gold beads: strict bead precision, recall
//! and F1 (a bead counts only when both its sides are exactly the gold's, null beads
//! included), and the projection of beads over Tribune's own segments onto a gold
//! segmentation, for texts that Tribune segmented itself.

use std::fmt;
use std::path::{Path, PathBuf};

use unic_langid::LanguageIdentifier;

use super::{align, input, InputFormat};
use crate::textfile::Origin;

/// A bead as index lists: source indices, target indices.
pub type IndexBead = (Vec<usize>, Vec<usize>);

/// A malformed line in a bead file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BeadSyntaxError {
    /// 1-based line number.
    pub line: usize,
    /// The line as written.
    pub text: String,
}

impl fmt::Display for BeadSyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: expected EN_INDICES<TAB>FR_INDICES, got {:?}",
            self.line, self.text
        )
    }
}

impl std::error::Error for BeadSyntaxError {}

/// Reads beads in the `EN_INDICES<TAB>FR_INDICES` format (empty lines are skipped; a
/// bead with no index at all is an error).
pub fn parse_beads(text: &str) -> Result<Vec<IndexBead>, BeadSyntaxError> {
    let mut beads = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        let error = || BeadSyntaxError {
            line: number + 1,
            text: line.to_owned(),
        };
        let (source, target) = line.split_once('\t').ok_or_else(error)?;
        let parse = |side: &str| -> Result<Vec<usize>, BeadSyntaxError> {
            side.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().map_err(|_| error()))
                .collect()
        };
        let bead = (parse(source)?, parse(target)?);
        if bead.0.is_empty() && bead.1.is_empty() {
            return Err(error());
        }
        beads.push(bead);
    }
    Ok(beads)
}

/// Counts for precision and recall.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Test beads found in the gold.
    pub correct: usize,
    /// Test beads.
    pub test: usize,
    /// Gold beads.
    pub gold: usize,
}

impl Counts {
    /// Precision (1 when there is no test bead).
    pub fn precision(&self) -> f64 {
        if self.test == 0 {
            1.0
        } else {
            self.correct as f64 / self.test as f64
        }
    }

    /// Recall (1 when there is no gold bead).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.correct += other.correct;
        self.test += other.test;
        self.gold += other.gold;
    }
}

/// Strict bead counts of `test` against `gold`.
pub fn score(gold: &[IndexBead], test: &[IndexBead]) -> Counts {
    let gold_set: std::collections::HashSet<&IndexBead> = gold.iter().collect();
    let mut seen = std::collections::HashSet::new();
    let correct = test
        .iter()
        .filter(|b| gold_set.contains(b) && seen.insert(*b))
        .count();
    Counts {
        correct,
        test: test.len(),
        gold: gold.len(),
    }
}

fn squeeze(text: &str) -> Vec<char> {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// For each of `ours` (segment texts of one side), the indices of the `gold` segments its
/// characters overlap (white space ignored). Both must be cut from the same text.
pub fn segment_map(ours: &[&str], gold: &[&str]) -> Vec<Vec<usize>> {
    let mut gold_spans = Vec::with_capacity(gold.len());
    let mut gold_text: Vec<char> = Vec::new();
    for g in gold {
        let start = gold_text.len();
        gold_text.extend(squeeze(g));
        gold_spans.push(start..gold_text.len());
    }
    let mut out = Vec::with_capacity(ours.len());
    let mut at = 0usize;
    for segment in ours {
        let chars = squeeze(segment);
        // Find this segment from where the previous one ended (texts may differ slightly
        // when a line was joined or split: search forward a little).
        let start = (at..=gold_text.len().saturating_sub(chars.len().min(8)))
            .take(200)
            .find(|&p| gold_text[p..].starts_with(&chars[..chars.len().min(8)]))
            .unwrap_or(at);
        let end = (start + chars.len()).min(gold_text.len());
        let mapped: Vec<usize> = gold_spans
            .iter()
            .enumerate()
            .filter(|(_, span)| span.start < end.max(start + 1) && span.end > start)
            .map(|(k, _)| k)
            .collect();
        out.push(mapped);
        at = end;
    }
    out
}

/// Beads over our segments projected onto gold segments: indices are mapped, and beads
/// that come to share a gold segment are merged.
pub fn project(
    beads: &[IndexBead],
    source_map: &[Vec<usize>],
    target_map: &[Vec<usize>],
) -> Vec<IndexBead> {
    let mut out: Vec<IndexBead> = Vec::new();
    for (source, target) in beads {
        let mut s: Vec<usize> = source
            .iter()
            .flat_map(|&i| source_map[i].iter().copied())
            .collect();
        let mut t: Vec<usize> = target
            .iter()
            .flat_map(|&j| target_map[j].iter().copied())
            .collect();
        s.sort_unstable();
        s.dedup();
        t.sort_unstable();
        t.dedup();
        if s.is_empty() && t.is_empty() {
            continue;
        }
        if let Some(last) = out.last_mut() {
            let shares =
                s.iter().any(|i| last.0.contains(i)) || t.iter().any(|j| last.1.contains(j));
            if shares {
                last.0.extend(s);
                last.1.extend(t);
                last.0.sort_unstable();
                last.0.dedup();
                last.1.sort_unstable();
                last.1.dedup();
                continue;
            }
        }
        out.push((s, t));
    }
    out
}

/// One document of an evaluation set: `NAME.SRC.sent`, `NAME.SRC.txt`, the same for the
/// target language, and `NAME.gold.tsv`.
#[derive(Debug, Clone)]
pub struct Document {
    /// The directory.
    pub dir: PathBuf,
    /// The document name.
    pub name: String,
}

impl Document {
    fn path(&self, suffix: &str) -> PathBuf {
        self.dir.join(format!("{}.{suffix}", self.name))
    }
}

/// The documents of an evaluation directory (every `NAME.gold.tsv`), sorted by name.
pub fn documents(dir: &Path) -> std::io::Result<Vec<Document>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let file = path
            .file_name()
            .and_then(|f| f.to_str())
            .unwrap_or_default();
        if let Some(name) = file.strip_suffix(".gold.tsv") {
            out.push(Document {
                dir: dir.to_owned(),
                name: name.to_owned(),
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Aligns one document as `tribune align --format beads` would (from its `.sent` files for
/// [`InputFormat::Lines`], from its `.txt` files for [`InputFormat::Text`], projected onto
/// the gold segmentation) and scores it against its gold beads.
pub fn evaluate(
    document: &Document,
    format: InputFormat,
    source: &LanguageIdentifier,
    target: &LanguageIdentifier,
) -> Result<Counts, Box<dyn std::error::Error>> {
    let read = |suffix: String| -> Result<String, Box<dyn std::error::Error>> {
        let path = document.path(&suffix);
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()).into())
    };
    let gold = parse_beads(&read("gold.tsv".into())?)?;
    let source_sent = read(format!("{source}.sent"))?;
    let target_sent = read(format!("{target}.sent"))?;
    let beads_over = |suffix: &str| -> Result<_, Box<dyn std::error::Error>> {
        let source_text = read(format!("{source}.{suffix}"))?;
        let target_text = read(format!("{target}.{suffix}"))?;
        let origin =
            |lang: &LanguageIdentifier| Origin::File(document.path(&format!("{lang}.{suffix}")));
        let (s, _) = match format {
            InputFormat::Lines => input::side_from_lines(&source_text, &origin(source), source)?,
            InputFormat::Text => input::side_from_text(&source_text, &origin(source), source)?,
        };
        let (t, _) = match format {
            InputFormat::Lines => input::side_from_lines(&target_text, &origin(target), target)?,
            InputFormat::Text => input::side_from_text(&target_text, &origin(target), target)?,
        };
        Ok(align(s, t))
    };
    let test: Vec<IndexBead> = match format {
        InputFormat::Lines => {
            let alignment = beads_over("sent")?;
            alignment
                .beads
                .iter()
                .map(|b| (b.source.clone().collect(), b.target.clone().collect()))
                .collect()
        }
        InputFormat::Text => {
            let alignment = beads_over("txt")?;
            let texts = |side: &super::Side| -> Vec<String> {
                side.segments.iter().map(|s| s.text.clone()).collect()
            };
            let ours_source = texts(&alignment.source);
            let ours_target = texts(&alignment.target);
            fn as_refs(v: &[String]) -> Vec<&str> {
                v.iter().map(String::as_str).collect()
            }
            let gold_source: Vec<&str> = source_sent
                .lines()
                .filter(|l| !l.trim().is_empty())
                .collect();
            let gold_target: Vec<&str> = target_sent
                .lines()
                .filter(|l| !l.trim().is_empty())
                .collect();
            let source_map = segment_map(&as_refs(&ours_source), &gold_source);
            let target_map = segment_map(&as_refs(&ours_target), &gold_target);
            let beads: Vec<IndexBead> = alignment
                .beads
                .iter()
                .map(|b| (b.source.clone().collect(), b.target.clone().collect()))
                .collect();
            project(&beads, &source_map, &target_map)
        }
    };
    Ok(score(&gold, &test))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beads_parse_and_score() {
        let gold = parse_beads("0\t0\n1,2\t1\n3\t\n\t2\n").unwrap();
        assert_eq!(gold[1], (vec![1, 2], vec![1]));
        assert_eq!(gold[3], (vec![], vec![2]));
        let test = parse_beads("0\t0\n1\t1\n2\t\n3\t\n\t2\n").unwrap();
        let counts = score(&gold, &test);
        assert_eq!(
            counts,
            Counts {
                correct: 3,
                test: 5,
                gold: 4
            }
        );
        assert!((counts.f1() - 2.0 * 0.6 * 0.75 / 1.35).abs() < 1e-9);
        assert!(parse_beads("0 0\n").is_err());
        assert!(parse_beads("x\t1\n").is_err());
        assert!(parse_beads("\t\n").is_err());
    }

    #[test]
    fn our_segments_project_onto_the_gold_segmentation() {
        let gold = ["Remarks at the service [as delivered]", "We remember."];
        let ours = ["Remarks at the service", "[as delivered]", "We remember."];
        let map = segment_map(&ours, &gold);
        assert_eq!(map, [vec![0], vec![0], vec![1]]);
        let beads = vec![(vec![0], vec![]), (vec![1], vec![]), (vec![2], vec![0])];
        let projected = project(&beads, &map, &[vec![0]]);
        assert_eq!(projected, [(vec![0], vec![]), (vec![1], vec![0])]);
    }
}
