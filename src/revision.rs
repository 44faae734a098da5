//! Draft revisions: what changed between two drafts of a speech, segment by segment — kept,
//! edited (with word-level differences), added, removed or moved. Segment ids make kept
//! sentences cheap to find; edited ones are paired by word similarity inside each changed
//! stretch, so a translator sees "this sentence changed like this", not "one sentence
//! deleted, one added".

mod html;

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffTag};

use crate::i18n::{Args, Localize};
use crate::speech::{Segment, SegmentKind};
use crate::wording::{self, Piece};

pub use html::html_page;

/// Two segments at least this alike (see [`wording::similarity`]) are an edit of each other.
pub const EDIT_SIMILARITY: f64 = 0.5;

/// What happened to a segment between two drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Same text, same place.
    Kept,
    /// Reworded.
    Edited,
    /// New in the new draft.
    Added,
    /// Gone from the new draft.
    Removed,
    /// Same text, another place.
    Moved,
}

impl Change {
    /// Every change, in the order the summary and the legend list them.
    pub const ALL: [Change; 5] = [
        Change::Kept,
        Change::Edited,
        Change::Added,
        Change::Removed,
        Change::Moved,
    ];

    /// The change's name in JSON and in Fluent message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Kept => "kept",
            Change::Edited => "edited",
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Moved => "moved",
        }
    }
}

/// A segment of one draft, as a revision refers to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentRef {
    /// Its index among the draft's segments (0-based).
    pub index: usize,
    /// Its stable id.
    pub id: String,
    /// Its kind.
    pub kind: SegmentKind,
    /// Its text.
    pub text: String,
}

impl SegmentRef {
    fn of(segments: &[Segment], index: usize) -> Self {
        let segment = &segments[index];
        SegmentRef {
            index,
            id: segment.id.clone(),
            kind: segment.kind,
            text: segment.text.clone(),
        }
    }
}

/// One line of a revision report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    /// What happened.
    pub change: Change,
    /// The segment in the old draft (none when added).
    pub old: Option<SegmentRef>,
    /// The segment in the new draft (none when removed).
    pub new: Option<SegmentRef>,
    /// For edits: how alike the two texts are (0–1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// For edits: the word-level differences from old to new.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diff: Vec<Piece>,
}

/// The id without its occurrence suffix: the hash of the normalised text.
fn text_key(segment: &Segment) -> &str {
    segment.id.split('-').next().unwrap_or(&segment.id)
}

/// Pairs the old and new segments of one changed stretch by similarity, in order (a
/// monotone alignment maximising the total similarity of pairs above [`EDIT_SIMILARITY`]).
fn pair_edits(
    old: &[Segment],
    old_idx: &[usize],
    new: &[Segment],
    new_idx: &[usize],
) -> Vec<(usize, usize, f64)> {
    let (n, m) = (old_idx.len(), new_idx.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let mut sim = vec![vec![0.0f64; m]; n];
    for (i, &o) in old_idx.iter().enumerate() {
        for (j, &w) in new_idx.iter().enumerate() {
            let (a, b) = (&old[o], &new[w]);
            let comparable =
                (a.kind == SegmentKind::Direction) == (b.kind == SegmentKind::Direction);
            if comparable {
                sim[i][j] = wording::similarity(&a.text, &b.text);
            }
        }
    }
    // best[i][j]: best total over old[i..], new[j..].
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut value = best[i + 1][j].max(best[i][j + 1]);
            if sim[i][j] >= EDIT_SIMILARITY {
                value = value.max(sim[i][j] + best[i + 1][j + 1]);
            }
            best[i][j] = value;
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if sim[i][j] >= EDIT_SIMILARITY
            && (best[i][j] - (sim[i][j] + best[i + 1][j + 1])).abs() < 1e-9
        {
            pairs.push((old_idx[i], new_idx[j], sim[i][j]));
            i += 1;
            j += 1;
        } else if (best[i][j] - best[i + 1][j]).abs() < 1e-9 {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// Compares two drafts' segments. The result follows the new draft's order, with removed
/// segments where they stood in the old one.
pub fn compare(old: &[Segment], new: &[Segment]) -> Vec<Revision> {
    let old_keys: Vec<&str> = old.iter().map(text_key).collect();
    let new_keys: Vec<&str> = new.iter().map(text_key).collect();
    let ops = capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys);
    let steps = steps(&ops);
    let moves = find_moves(&steps, &old_keys, &new_keys);

    let mut revisions = Vec::new();
    for step in steps {
        match step {
            Step::Kept(o, n) => revisions.push(Revision {
                change: Change::Kept,
                old: Some(SegmentRef::of(old, o)),
                new: Some(SegmentRef::of(new, n)),
                similarity: None,
                diff: Vec::new(),
            }),
            Step::Changed(stretch) => {
                stretch_revisions(old, new, &stretch, &moves, &mut revisions);
            }
        }
    }
    revisions
}

/// A changed stretch of the diff, with the old and new indices it holds.
struct Stretch {
    old: Vec<usize>,
    new: Vec<usize>,
}

/// One step of the diff between the drafts' text keys: a kept pair, or a changed stretch.
enum Step {
    Kept(usize, usize),
    Changed(Stretch),
}

/// The diff's operations as steps: each kept pair on its own, each other operation a
/// stretch. A function of its own so that [`compare`] reads as its phases (diff, moves,
/// revisions).
fn steps(ops: &[similar::DiffOp]) -> Vec<Step> {
    let mut steps = Vec::new();
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                for (o, n) in old_range.zip(new_range) {
                    steps.push(Step::Kept(o, n));
                }
            }
            _ => steps.push(Step::Changed(Stretch {
                old: old_range.collect(),
                new: new_range.collect(),
            })),
        }
    }
    steps
}

/// Which segments moved: for each new segment, the old one it moved from; for each old
/// segment, whether it moved away.
struct Moves {
    from: Vec<Option<usize>>,
    away: Vec<bool>,
}

/// Moves: the same text deleted in one stretch and inserted in another. Found once for all
/// stretches, before any is reported, since a move's two ends are in different stretches.
fn find_moves(steps: &[Step], old_keys: &[&str], new_keys: &[&str]) -> Moves {
    let mut moved_from: Vec<Option<usize>> = vec![None; new_keys.len()];
    let mut moved_away = vec![false; old_keys.len()];
    let deleted: Vec<usize> = steps
        .iter()
        .filter_map(|s| match s {
            Step::Changed(st) => Some(st.old.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    for step in steps {
        if let Step::Changed(stretch) = step {
            for &n in &stretch.new {
                let candidate = deleted.iter().copied().find(|&o| {
                    !moved_away[o] && old_keys[o] == new_keys[n] && !stretch.old.contains(&o)
                });
                if let Some(o) = candidate {
                    moved_away[o] = true;
                    moved_from[n] = Some(o);
                }
            }
        }
    }
    Moves {
        from: moved_from,
        away: moved_away,
    }
}

/// The revisions of one changed stretch, in the new draft's order: moved, edited (paired by
/// [`pair_edits`] among the segments that did not move) or added, and each removed old
/// segment before the new segment it preceded.
fn stretch_revisions(
    old: &[Segment],
    new: &[Segment],
    stretch: &Stretch,
    moves: &Moves,
    revisions: &mut Vec<Revision>,
) {
    let (moved_from, moved_away) = (&moves.from, &moves.away);
    let old_left: Vec<usize> = stretch
        .old
        .iter()
        .copied()
        .filter(|&o| !moved_away[o])
        .collect();
    let new_left: Vec<usize> = stretch
        .new
        .iter()
        .copied()
        .filter(|&n| moved_from[n].is_none())
        .collect();
    let pairs = pair_edits(old, &old_left, new, &new_left);
    let mut old_cursor = old_left.iter().copied().peekable();
    // Walk the new side in order; removed old segments come before the new
    // segment they preceded.
    for &n in &stretch.new {
        if let Some(o) = moved_from[n] {
            revisions.push(Revision {
                change: Change::Moved,
                old: Some(SegmentRef::of(old, o)),
                new: Some(SegmentRef::of(new, n)),
                similarity: None,
                diff: Vec::new(),
            });
            continue;
        }
        let pair = pairs.iter().find(|p| p.1 == n).copied();
        if let Some((o, _, similarity)) = pair {
            while let Some(&before) = old_cursor.peek() {
                if before >= o {
                    break;
                }
                old_cursor.next();
                if !pairs.iter().any(|p| p.0 == before) {
                    revisions.push(removed(old, before));
                }
            }
            if old_cursor.peek() == Some(&o) {
                old_cursor.next();
            }
            revisions.push(Revision {
                change: Change::Edited,
                old: Some(SegmentRef::of(old, o)),
                new: Some(SegmentRef::of(new, n)),
                similarity: Some((similarity * 1000.0).round() / 1000.0),
                diff: wording::diff(&old[o].text, &new[n].text),
            });
        } else {
            revisions.push(Revision {
                change: Change::Added,
                old: None,
                new: Some(SegmentRef::of(new, n)),
                similarity: None,
                diff: Vec::new(),
            });
        }
    }
    for o in old_cursor {
        if !pairs.iter().any(|p| p.0 == o) {
            revisions.push(removed(old, o));
        }
    }
}

fn removed(old: &[Segment], index: usize) -> Revision {
    Revision {
        change: Change::Removed,
        old: Some(SegmentRef::of(old, index)),
        new: None,
        similarity: None,
        diff: Vec::new(),
    }
}

/// How many revisions of each kind, for a summary line.
pub fn count(revisions: &[Revision], change: Change) -> usize {
    revisions.iter().filter(|r| r.change == change).count()
}

/// How many revisions of each kind: the summary line of `tribune diff` and the `summary`
/// object of its JSON report (the fields are in name order, as the report has always had
/// them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ChangeCounts {
    /// Segments new in the new draft.
    pub added: usize,
    /// Segments reworded.
    pub edited: usize,
    /// Segments unchanged in place.
    pub kept: usize,
    /// Segments unchanged elsewhere.
    pub moved: usize,
    /// Segments gone from the new draft.
    pub removed: usize,
}

impl ChangeCounts {
    /// Counts a comparison.
    pub fn of(revisions: &[Revision]) -> ChangeCounts {
        let mut counts = ChangeCounts::default();
        for revision in revisions {
            *counts.get_mut(revision.change) += 1;
        }
        counts
    }

    /// The count of one change.
    pub fn get(&self, change: Change) -> usize {
        let mut copy = *self;
        *copy.get_mut(change)
    }

    fn get_mut(&mut self, change: Change) -> &mut usize {
        match change {
            Change::Kept => &mut self.kept,
            Change::Edited => &mut self.edited,
            Change::Added => &mut self.added,
            Change::Removed => &mut self.removed,
            Change::Moved => &mut self.moved,
        }
    }
}

/// The summary line: one argument per change, named as the change.
impl Localize for ChangeCounts {
    fn message_id(&self) -> &'static str {
        "diff-summary"
    }
    fn message_args(&self) -> Args {
        Change::ALL
            .iter()
            .map(|&c| (c.as_str(), self.get(c).into()))
            .collect()
    }
}

/// The JSON report of a comparison: the two drafts as named, the counts and every
/// revision. Its field names are a contract scripts rely on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffReport<'a> {
    /// The earlier draft.
    pub old: &'a str,
    /// The later draft.
    pub new: &'a str,
    /// How many revisions of each kind.
    pub summary: ChangeCounts,
    /// Every revision, in order.
    pub segments: &'a [Revision],
}

impl<'a> DiffReport<'a> {
    /// The report of `revisions`, the comparison of `old` with `new`.
    pub fn new(old: &'a str, new: &'a str, revisions: &'a [Revision]) -> DiffReport<'a> {
        DiffReport {
            old,
            new,
            summary: ChangeCounts::of(revisions),
            segments: revisions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech;
    use crate::textfile::Origin;
    use unic_langid::langid;

    fn segments(text: &str) -> Vec<Segment> {
        let parsed = speech::parse(text, &Origin::Stdin, Some(&langid!("en"))).unwrap();
        speech::segment(&parsed)
    }

    fn changes(old: &str, new: &str) -> Vec<(Change, Option<usize>, Option<usize>)> {
        compare(&segments(old), &segments(new))
            .into_iter()
            .map(|r| (r.change, r.old.map(|s| s.index), r.new.map(|s| s.index)))
            .collect()
    }

    #[test]
    fn identical_drafts_are_all_kept() {
        let text = "We met. We agreed. We left.";
        assert!(changes(text, text).iter().all(|c| c.0 == Change::Kept));
    }

    #[test]
    fn edits_additions_removals_and_moves() {
        let old = "Alpha is first. The rains came early this year. Beta stays here. Gamma goes away now. Delta moves later.";
        let new = "Delta moves later. Alpha is first. Friends, welcome all. The rains came very early this year. Beta stays here.";
        assert_eq!(
            changes(old, new),
            [
                (Change::Moved, Some(4), Some(0)),
                (Change::Kept, Some(0), Some(1)),
                (Change::Added, None, Some(2)),
                (Change::Edited, Some(1), Some(3)),
                (Change::Kept, Some(2), Some(4)),
                (Change::Removed, Some(3), None),
            ]
        );
    }

    #[test]
    fn an_edit_carries_its_word_differences() {
        let revisions = compare(
            &segments("We need 3,700 peacekeepers."),
            &segments("We need 3,800 peacekeepers."),
        );
        assert_eq!(revisions.len(), 1);
        let r = &revisions[0];
        assert_eq!(r.change, Change::Edited);
        assert!(r
            .diff
            .iter()
            .any(|p| p.tag == wording::Tag::Delete && p.text == "3,700"));
        assert!(r
            .diff
            .iter()
            .any(|p| p.tag == wording::Tag::Insert && p.text == "3,800"));
    }

    #[test]
    fn unrelated_rewrites_are_removed_and_added() {
        let c = changes("The sky is blue today.", "Budget talks resume on Monday.");
        assert_eq!(
            c,
            [
                (Change::Added, None, Some(0)),
                (Change::Removed, Some(0), None)
            ]
        );
    }

    #[test]
    fn counts_serialize_in_name_order_and_name_their_arguments() {
        let revisions = compare(
            &segments("We act. We build. Goodbye."),
            &segments("We act. We build more. Hello."),
        );
        let counts = ChangeCounts::of(&revisions);
        for change in Change::ALL {
            assert_eq!(counts.get(change), count(&revisions, change));
        }
        let json = serde_json::to_string(&counts).unwrap();
        let keys: Vec<&str> = ["added", "edited", "kept", "moved", "removed"].to_vec();
        let mut at = 0;
        for key in keys {
            let found = json[at..].find(&format!("\"{key}\"")).expect(key);
            at += found;
        }
        let names: Vec<&str> = counts.message_args().iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["kept", "edited", "added", "removed", "moved"]);
        let report = DiffReport::new("a.txt", "b.txt", &revisions);
        assert_eq!(report.summary, counts);
    }
}
