//! Text in fixed-width columns, for the views a terminal or a plain-text script shows side by
//! side: wrapping at word boundaries and padding, both counted in characters.

/// What wrapping does with a word longer than the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongWords {
    /// Cut it at the width, so that every line fits (a side-by-side terminal view, whose
    /// columns must stay aligned).
    Cut,
    /// Keep it whole on a line of its own, longer than the width (a printed script, where a
    /// cut word would be misread at the podium).
    Keep,
}

/// Spaces a line never breaks at: they hold « Bonjour » and « ? » to their words.
const NO_BREAK_SPACES: [char; 4] = ['\u{a0}', '\u{202f}', '\u{2007}', '\u{2060}'];

/// The lines of `text` wrapped at `width` characters, words joined by one space. Lines break
/// at white space, never at a no-break space.
pub fn wrap(text: &str, width: usize, long_words: LongWords) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    let breaks = |c: char| c.is_whitespace() && !NO_BREAK_SPACES.contains(&c);
    for word in text.split(breaks).filter(|w| !w.is_empty()) {
        let word_len = word.chars().count();
        if len > 0 && len + 1 + word_len > width {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += word_len;
        if long_words == LongWords::Cut {
            while len > width && width > 0 {
                let cut = line
                    .char_indices()
                    .nth(width)
                    .map_or(line.len(), |(i, _)| i);
                let tail = line.split_off(cut);
                lines.push(std::mem::replace(&mut line, tail));
                len -= width;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` followed by spaces up to `width` characters (unchanged when it is longer).
pub fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(len)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_word_and_cuts_only_when_asked() {
        for long_words in [LongWords::Cut, LongWords::Keep] {
            let lines = wrap("one two three four five six", 9, long_words);
            assert_eq!(lines, ["one two", "three", "four five", "six"]);
            assert!(wrap("", 5, long_words).is_empty());
        }
        assert_eq!(
            wrap("abcdefghijkl", 5, LongWords::Cut),
            ["abcde", "fghij", "kl"]
        );
        assert_eq!(
            wrap("supercalifragilistic x", 5, LongWords::Keep),
            ["supercalifragilistic", "x"]
        );
        assert_eq!(wrap("ab éèàçôû", 4, LongWords::Cut), ["ab", "éèàç", "ôû"]);
        assert_eq!(
            wrap("Oui\u{202f}? Non", 3, LongWords::Keep),
            ["Oui\u{202f}?", "Non"]
        );
    }

    #[test]
    fn padding_counts_characters() {
        assert_eq!(pad("été", 5), "été  ");
        assert_eq!(pad("longer", 3), "longer");
    }
}
