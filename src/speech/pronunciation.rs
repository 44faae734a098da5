//! Pronunciation marks: `Annadif{pron=an-na-DIF}` tells the speaker how to say a name at
//! its first mention (docs/speech-format.md). The mark is taken out of the text when the
//! speech is read, so segmentation, alignment and the memory never see it; the speech keeps
//! the list, the script prints each beside the name, and writing the speech puts it back.

use std::borrow::Cow;

use super::error::SpeechError;
use crate::textfile::{Location, Origin};

/// How one name is said, as the writer marked it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePronunciation {
    /// The word the mark follows ("Annadif").
    pub name: String,
    /// The pronunciation, as written ("an-na-DIF").
    pub say: String,
}

/// What opens a mark.
const OPEN: &str = "{pron=";

/// Whether a text holds a pronunciation mark at all.
pub(super) fn has_marks(text: &str) -> bool {
    text.contains(OPEN)
}

/// The line without its marks, and the marks it had (appended to `marks`). A mark must
/// follow a word directly, have a pronunciation and close on its line; anything else is a
/// located error.
pub(super) fn take_marks<'l>(
    line: &'l str,
    number: usize,
    origin: &Origin,
    marks: &mut Vec<NamePronunciation>,
) -> Result<Cow<'l, str>, SpeechError> {
    if !line.contains(OPEN) {
        return Ok(Cow::Borrowed(line));
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find(OPEN) {
        let before = &rest[..start];
        let column = line.len() - rest.len() + start;
        let bad = || SpeechError::PronunciationMark {
            location: Location {
                origin: origin.clone(),
                line: number,
                column: Some(line[..column].chars().count() + 1),
            },
        };
        let name = last_word(before).ok_or_else(bad)?;
        let after_open = &rest[start + OPEN.len()..];
        let end = after_open.find('}').ok_or_else(bad)?;
        let say = after_open[..end].trim();
        if say.is_empty() || say.contains('{') {
            return Err(bad());
        }
        marks.push(NamePronunciation {
            name: name.to_owned(),
            say: say.to_owned(),
        });
        out.push_str(before);
        rest = &after_open[end + 1..];
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

/// The word `text` ends with (letters, digits, hyphens and apostrophes), if it ends with one.
fn last_word(text: &str) -> Option<&str> {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_name_char(*c))
        .last()
        .map(|(i, _)| i)?;
    Some(&text[start..])
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '\u{2019}')
}

/// The byte offset just after the first whole-word mention of `name` in `text`.
pub fn end_of_name(text: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(name) {
        let start = from + found;
        let end = start + name.len();
        let before_ok = !text[..start].chars().next_back().is_some_and(is_name_char);
        let after_ok = !text[end..].chars().next().is_some_and(is_name_char);
        if before_ok && after_ok {
            return Some(end);
        }
        from = start + name.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// `text` with each mark of `marks` put back after the first mention of its name that has
/// none yet, for the lines of a speech being written (`placed` says which marks are out).
pub(super) fn put_back(text: &str, marks: &[NamePronunciation], placed: &mut [bool]) -> String {
    let mut out = text.to_owned();
    for (mark, done) in marks.iter().zip(placed.iter_mut()) {
        if *done {
            continue;
        }
        if let Some(end) = end_of_name(&out, &mark.name) {
            out.insert_str(end, &format!("{OPEN}{}}}", mark.say));
            *done = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn take(line: &str) -> Result<(String, Vec<NamePronunciation>), SpeechError> {
        let mut marks = Vec::new();
        let text = take_marks(line, 3, &Origin::File("s.en.txt".into()), &mut marks)?;
        Ok((text.into_owned(), marks))
    }

    #[test]
    fn a_mark_leaves_the_text_and_names_its_word() {
        let (text, marks) = take("I thank Mr. Annadif{pron=an-na-DIF} for his words.").unwrap();
        assert_eq!(text, "I thank Mr. Annadif for his words.");
        assert_eq!(
            marks,
            [NamePronunciation {
                name: "Annadif".into(),
                say: "an-na-DIF".into()
            }]
        );
        assert_eq!(end_of_name(&text, "Annadif"), Some(19));
    }

    #[test]
    fn a_mark_without_a_word_or_an_end_is_a_located_error() {
        for bad in ["Hello {pron=x}", "Name{pron=x", "Name{pron= }"] {
            let error = take(bad).unwrap_err();
            assert_eq!(error.location().unwrap().line, 3, "{bad}");
        }
        let error = take("Hello {pron=x}").unwrap_err();
        assert_eq!(error.location().unwrap().column, Some(7));
    }

    #[test]
    fn names_are_found_as_whole_words_and_marks_go_back_once() {
        assert_eq!(end_of_name("Annadifs and Annadif", "Annadif"), Some(20));
        let marks = vec![NamePronunciation {
            name: "Okonkwo".into(),
            say: "oh-KONG-kwoh".into(),
        }];
        let mut placed = vec![false];
        assert_eq!(
            put_back("Dr. Okonkwo spoke.", &marks, &mut placed),
            "Dr. Okonkwo{pron=oh-KONG-kwoh} spoke."
        );
        assert_eq!(
            put_back("Okonkwo again.", &marks, &mut placed),
            "Okonkwo again."
        );
    }
}
