//! The self-contained HTML page of a comparison (`tribune diff --format html`): a table of
//! the revisions, edited segments with their insertions and deletions marked, in the
//! interface language. A browser workspace shows the same page, so it is built here.

use askama::Template;

use super::{Change, ChangeCounts, Revision, SegmentRef};
use crate::i18n::Localizer;
use crate::wording::Tag;

/// A piece of a row's text, marked as it changed.
struct HtmlPiece {
    /// `insert`, `delete` or `equal`.
    tag: &'static str,
    text: String,
}

/// One revision as a table row.
struct HtmlRow {
    class: &'static str,
    label: String,
    old_index: String,
    new_index: String,
    pieces: Vec<HtmlPiece>,
}

#[derive(Template)]
#[template(path = "diff.html")]
struct HtmlPage {
    ui_lang: String,
    title: String,
    summary: String,
    change_header: String,
    old_header: String,
    new_header: String,
    text_header: String,
    rows: Vec<HtmlRow>,
}

/// A segment's 1-based position in its draft, or nothing for the side it is missing from.
fn position(segment: Option<&SegmentRef>) -> String {
    segment.map_or(String::new(), |s| (s.index + 1).to_string())
}

/// How a row's text is marked: an edit piece by piece, an added segment as inserted, a
/// removed one as deleted, a kept or moved one as it is.
fn pieces(revision: &Revision) -> Vec<HtmlPiece> {
    if revision.change == Change::Edited {
        return revision
            .diff
            .iter()
            .map(|p| HtmlPiece {
                tag: match p.tag {
                    Tag::Equal => "equal",
                    Tag::Delete => "delete",
                    Tag::Insert => "insert",
                },
                text: p.text.clone(),
            })
            .collect();
    }
    let segment = revision
        .new
        .as_ref()
        .or(revision.old.as_ref())
        .expect("a side");
    vec![HtmlPiece {
        tag: match revision.change {
            Change::Added => "insert",
            Change::Removed => "delete",
            _ => "equal",
        },
        text: segment.text.clone(),
    }]
}

/// The HTML page of `revisions`, the comparison of the drafts named `old` and `new`, with
/// its labels in the language of `l`.
pub fn html_page(revisions: &[Revision], old: &str, new: &str, l: &Localizer) -> String {
    let rows = revisions
        .iter()
        .map(|r| HtmlRow {
            class: r.change.as_str(),
            label: l.text(&format!("diff-{}", r.change.as_str())),
            old_index: position(r.old.as_ref()),
            new_index: position(r.new.as_ref()),
            pieces: pieces(r),
        })
        .collect();
    let page = HtmlPage {
        ui_lang: l.language().to_string(),
        title: l.format("diff-title", &[("old", old.into()), ("new", new.into())]),
        summary: l.localize(&ChangeCounts::of(revisions)),
        change_header: l.text("diff-header-change"),
        old_header: l.text("diff-header-old"),
        new_header: l.text("diff-header-new"),
        text_header: l.text("diff-header-text"),
        rows,
    };
    page.render().expect("the diff template renders")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::revision::compare;
    use crate::speech;
    use crate::textfile::Origin;
    use unic_langid::langid;

    fn segments(text: &str) -> Vec<crate::speech::Segment> {
        let parsed = speech::parse(text, &Origin::Stdin, Some(&langid!("en"))).unwrap();
        speech::segment(&parsed)
    }

    #[test]
    fn the_page_marks_insertions_and_deletions_and_escapes_text() {
        let revisions = compare(
            &segments("We act. We build. Goodbye <all>."),
            &segments("We act. We build more. Hello."),
        );
        let page = html_page(
            &revisions,
            "old.txt",
            "new.txt",
            &Localizer::for_tag("en-US"),
        );
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<html lang=\"en-US\">"));
        assert!(page.contains("<ins>"));
        assert!(page.contains("<del>"));
        assert!(!page.contains("<all>"), "segment text is escaped");
        let kept = revisions.iter().position(|r| r.change == Change::Kept);
        assert_eq!(kept, Some(0));
        assert_eq!(pieces(&revisions[0])[0].tag, "equal");
    }
}
