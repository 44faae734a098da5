//! Pairing the segments of two speeches into the rows of a bilingual script.
//!
//! This is the interim pairing by structure: blocks are matched by kind in order (stage
//! directions with directions, salutations with salutations, paragraphs with paragraphs),
//! then, inside a pair of blocks, the runs of sentences between stage directions are matched
//! in order. A run with as many sentences on both sides gives one row per sentence; a run
//! whose counts differ (a sentence split or joined in translation) gives one row holding the
//! whole run on each side, so nothing is lost or mispaired. Whatever has no counterpart gets
//! a row of its own with the other side empty.
//!
//! [`pair_segments`] is the one entry point: sentence alignment (the `align` module) can
//! replace it without touching the rest of the script code.

use crate::speech::{Segment, SegmentKind};

/// One row of a bilingual script: the segments of each language shown side by side. Either
/// side may be empty (text with no counterpart); together the rows hold every segment of
/// both speeches exactly once, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedRow {
    /// Segments of the first speech.
    pub left: Vec<Segment>,
    /// Segments of the second speech.
    pub right: Vec<Segment>,
}

/// Pairs the segments of two segmented speeches into rows (see the module documentation).
pub fn pair_segments(left: &[Segment], right: &[Segment]) -> Vec<PairedRow> {
    let left_blocks = blocks(left);
    let right_blocks = blocks(right);
    let left_keys: Vec<SegmentKind> = left_blocks.iter().map(|b| block_kind(b)).collect();
    let right_keys: Vec<SegmentKind> = right_blocks.iter().map(|b| block_kind(b)).collect();
    let mut rows = Vec::new();
    for (l, r) in align_in_order(&left_keys, &right_keys) {
        let l = l.map_or(&[][..], |i| left_blocks[i]);
        let r = r.map_or(&[][..], |j| right_blocks[j]);
        pair_blocks(l, r, &mut rows);
    }
    rows
}

/// Consecutive segments of one block.
fn blocks(segments: &[Segment]) -> Vec<&[Segment]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=segments.len() {
        if i == segments.len() || segments[i].block != segments[start].block {
            if i > start {
                out.push(&segments[start..i]);
            }
            start = i;
        }
    }
    out
}

/// What a block is, for matching: the kind of its first non-direction segment, or
/// `Direction` for a block of stage directions only.
fn block_kind(block: &[Segment]) -> SegmentKind {
    block
        .iter()
        .map(|s| s.kind)
        .find(|k| *k != SegmentKind::Direction)
        .unwrap_or(SegmentKind::Direction)
}

/// A piece of a block: a run of consecutive text segments, or one stage direction.
fn chunks(block: &[Segment]) -> Vec<&[Segment]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, segment) in block.iter().enumerate() {
        if segment.kind == SegmentKind::Direction {
            if i > start {
                out.push(&block[start..i]);
            }
            out.push(&block[i..=i]);
            start = i + 1;
        }
    }
    if start < block.len() {
        out.push(&block[start..]);
    }
    out
}

fn pair_blocks(left: &[Segment], right: &[Segment], rows: &mut Vec<PairedRow>) {
    let left_chunks = chunks(left);
    let right_chunks = chunks(right);
    let is_direction = |c: &&[Segment]| c[0].kind == SegmentKind::Direction;
    let left_keys: Vec<bool> = left_chunks.iter().map(is_direction).collect();
    let right_keys: Vec<bool> = right_chunks.iter().map(is_direction).collect();
    for (l, r) in align_in_order(&left_keys, &right_keys) {
        match (l.map(|i| left_chunks[i]), r.map(|j| right_chunks[j])) {
            (Some(l), Some(r)) if l.len() == r.len() => {
                for (a, b) in l.iter().zip(r) {
                    rows.push(PairedRow {
                        left: vec![a.clone()],
                        right: vec![b.clone()],
                    });
                }
            }
            (Some(l), Some(r)) => rows.push(PairedRow {
                left: l.to_vec(),
                right: r.to_vec(),
            }),
            (Some(l), None) => rows.extend(l.iter().map(|s| PairedRow {
                left: vec![s.clone()],
                right: Vec::new(),
            })),
            (None, Some(r)) => rows.extend(r.iter().map(|s| PairedRow {
                left: Vec::new(),
                right: vec![s.clone()],
            })),
            (None, None) => {}
        }
    }
}

/// Matches two sequences of keys in order (a longest common subsequence): each item is
/// paired with an equal item of the other side, or stands alone. Every index of both sides
/// appears once, in order.
fn align_in_order<K: PartialEq>(a: &[K], b: &[K]) -> Vec<(Option<usize>, Option<usize>)> {
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] && lcs[i][j] == lcs[i + 1][j + 1] + 1 {
            out.push((Some(i), Some(j)));
            i += 1;
            j += 1;
        } else if j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push((Some(i), None));
            i += 1;
        } else {
            out.push((None, Some(j)));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::{parse, segment};
    use crate::textfile::Origin;
    use unic_langid::langid;

    fn segments(text: &str, lang: &str) -> Vec<Segment> {
        let lang = crate::lang::parse_tag(lang).unwrap();
        segment(&parse(text, &Origin::Stdin, Some(&lang)).unwrap())
    }

    fn texts(rows: &[PairedRow]) -> Vec<(Vec<&str>, Vec<&str>)> {
        rows.iter()
            .map(|r| {
                (
                    r.left.iter().map(|s| s.text.as_str()).collect(),
                    r.right.iter().map(|s| s.text.as_str()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn equal_blocks_pair_sentence_by_sentence_and_direction_with_direction() {
        let en = segments(
            "Excellencies,\nLadies and Gentlemen,\n\nWe meet today. We act now.\n\n[Minute of silence]\n\nThank you.",
            "en",
        );
        let fr = segments(
            "Excellences,\nMesdames et Messieurs,\n\nNous nous réunissons. Nous agissons.\n\n[Minute de silence]\n\nMerci.",
            "fr",
        );
        let rows = pair_segments(&en, &fr);
        assert_eq!(
            texts(&rows),
            [
                (vec!["Excellencies,"], vec!["Excellences,"]),
                (
                    vec!["Ladies and Gentlemen,"],
                    vec!["Mesdames et Messieurs,"]
                ),
                (vec!["We meet today."], vec!["Nous nous réunissons."]),
                (vec!["We act now."], vec!["Nous agissons."]),
                (vec!["[Minute of silence]"], vec!["[Minute de silence]"]),
                (vec!["Thank you."], vec!["Merci."]),
            ]
        );
    }

    #[test]
    fn unequal_runs_stay_side_by_side_without_loss() {
        let en = segments(
            "Excellencies,\nDistinguished delegates,\n\nOne. Two three. [Applause] Four.\n\nExtra paragraph here.",
            "en",
        );
        let fr = segments(
            "Excellences,\nMesdames et Messieurs les délégués,\nMesdames et Messieurs,\n\nUn, deux et trois. [Applaudissements] Quatre. Cinq.",
            "fr",
        );
        let rows = pair_segments(&en, &fr);
        assert_eq!(
            texts(&rows),
            [
                (
                    vec!["Excellencies,", "Distinguished delegates,"],
                    vec![
                        "Excellences,",
                        "Mesdames et Messieurs les délégués,",
                        "Mesdames et Messieurs,"
                    ]
                ),
                (vec!["One.", "Two three."], vec!["Un, deux et trois."]),
                (vec!["[Applause]"], vec!["[Applaudissements]"]),
                (vec!["Four."], vec!["Quatre.", "Cinq."]),
                (vec!["Extra paragraph here."], vec![]),
            ]
        );
        // Every segment of both sides appears exactly once, in order.
        let left: Vec<&Segment> = rows.iter().flat_map(|r| &r.left).collect();
        let right: Vec<&Segment> = rows.iter().flat_map(|r| &r.right).collect();
        assert_eq!(left, en.iter().collect::<Vec<_>>());
        assert_eq!(right, fr.iter().collect::<Vec<_>>());
    }

    #[test]
    fn a_direction_on_one_side_only_gets_its_own_row() {
        let en = segments("We begin. [Pause] We go on.", "en");
        let fr = segments("Nous commençons. Nous continuons.", "fr");
        let rows = pair_segments(&en, &fr);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].left[0].kind, SegmentKind::Direction);
        assert!(rows[1].right.is_empty());
        assert_eq!(rows[0].left[0].lang, langid!("en"));
    }

    #[test]
    fn in_order_alignment_keeps_every_index() {
        let pairs = align_in_order(&[1, 2, 3, 2], &[2, 9, 3]);
        assert_eq!(
            pairs,
            [
                (Some(0), None),
                (Some(1), Some(0)),
                (None, Some(1)),
                (Some(2), Some(2)),
                (Some(3), None)
            ]
        );
        assert!(align_in_order::<u8>(&[], &[]).is_empty());
    }
}
