# Pre-translation (tribune translate), XLIFF import (tribune xliff import).

## Command-line help
cli-translate-about = Pre-translate a speech from the translation memory (and the previous draft's translation): a target-language draft, an XLIFF file for CAT tools, an analysis report.
cli-translate--file = The speech to pre-translate; - reads standard input.
cli-translate--to = The language to translate into (e.g. fr, fr-CA).
cli-translate--lang = The speech's language, when neither front matter nor file name says it.
cli-translate--memory = The translation memory (default: memory/tribune.sqlite, or TRIBUNE_MEMORY).
cli-translate--threshold = Lowest match percentage proposed and filled in (default 75).
cli-translate--xliff = Write an XLIFF file for CAT tools (OmegaT, Trados, memoQ…).
cli-translate--xliff-version = XLIFF version: 1.2 (default, read by every CAT tool) or 2.1.
cli-translate--output = Write the target-language draft to this file.
cli-translate--report = Print the analysis report: text (a table) or json.
cli-translate--previous = The previous draft's translation: the XLIFF returned for it, or its translated speech (with --previous-source).
cli-translate--previous-source = The previous source draft, when --previous is a translated speech.
cli-xliff-about = XLIFF files from CAT tools: store their translations in the memory.
cli-xliff-import-about = Store the confirmed translations of XLIFF files (1.2 or 2.x) in the memory, one transaction per file.
cli-xliff-import--files = XLIFF files (.xlf, .xliff, .sdlxliff).
cli-xliff-import--memory = The translation memory (default: memory/tribune.sqlite, or TRIBUNE_MEMORY).
cli-xliff-import--state = Which translations to take: translated (translated, reviewed or final; default), final, or any.
cli-xliff-import--origin = The origin recorded for the units (default: the file name).
cli-xliff-import--from = Source language, when the file does not say it.
cli-xliff-import--to = Target language, when the file does not say it.
cli-xliff-import--format = Output: text (a summary per file) or json (every unit).

## Notes written into the XLIFF for the translator
translate-note-direction = Stage direction ({ $kind }): not for translation; the target gives it in the target language.
translate-note-passage = Passage in { $language }: passed through as written.
translate-note-exact = 100 % match from { $origin }.
translate-note-fuzzy = { $score } % match from { $origin }; differences from its source: { $diff }
translate-note-previous-kept = Unchanged since the previous draft: its translation is kept.
translate-note-previous-edited = Edited since the previous draft ({ $score } %): { $diff }
translate-note-repetition = Repeats the segment of line { $line }.
translate-note-joined = Two segments translated together: this one and the next one, on line { $line }, which a stored unit translates as one.
translate-note-covers-more = The stored unit translates more than this segment (it holds another sentence): proposed only.
translate-note-term = Term: { $term } → { $count ->
    [0] no approved translation
   *[other] { $translations }
  } (term base).
translate-term-avoid = Do not use: { $terms }.

## Analysis report
translate-report-title = Analysis of { $file } ({ $from } → { $to }), memory { $memory }, threshold { $threshold } %
translate-report-no-memory = none
translate-report-match = Match
translate-report-segments = Segments
translate-report-words = Words
translate-report-total = Total
translate-band-in-context = 100 % in context
translate-band-exact = 100 %
translate-band-joined = Joined (two segments, one unit)
translate-band-fuzzy-95 = 95–99 %
translate-band-fuzzy-85 = 85–94 %
translate-band-fuzzy-75 = 75–84 %
translate-band-no-match = No match
translate-band-repetition = Repetitions
translate-report-excluded = Not for translation: { $directions ->
    [one] one stage direction
   *[other] { $directions } stage directions
  }, { $passages ->
    [one] one passage
   *[other] { $passages } passages
  } in another language ({ $words ->
    [one] one word
   *[other] { $words } words
  })
translate-report-filled = Filled: { $filled } ({ $review } to review); left to translate: { $left }
translate-report-review = To review (line, score, text):
translate-report-left = To translate (line, text):
translate-report-terms = Terms of the term base (line, term → approved translation):
translate-report-term-none = no approved translation
translate-summary = { $segments } segments: { $filled } filled ({ $review } to review), { $left } left to translate
translate-previous-used = Previous draft: { $segments } segments, { $translated } with a translation

## Errors and warnings
translate-error-same-language = the speech is already in { $lang }: give another language with --to
translate-error-previous-source = { $file } is a speech: give the source draft it translates with --previous-source
translate-error-open = cannot open { $file }: { $reason }
translate-warning-no-memory = no translation memory at { $path }: nothing is filled from memory
exchange-error-not-xliff = expected an XLIFF document (<xliff>), found { exchange-found }
exchange-error-xliff-version = XLIFF version { $version } is not supported (1.0 to 1.2 and 2.0 to 2.2 are)
xliff-error-no-source-language = { $file }:{ $line }: the file does not say its source language: give --from
xliff-error-no-target-language = { $file }:{ $line }: the file does not say its target language: give --to

## XLIFF import
xliff-import-summary = { $file }: { $read } read, { $added } added, { $updated } updated, { $unchanged } unchanged, { $skipped } skipped
xliff-skip-not-translatable = { $count } not for translation
xliff-skip-no-target = { $count } without translation
xliff-skip-state = { $count } not confirmed
xliff-skip-bad-language = { $count } with a bad language tag
xliff-skip-one-language = { $count } with only one language
xliff-skipped-no-target = skipped: no translation
xliff-skipped-state = skipped: state { $state } is not confirmed (see --state)
xliff-skipped-bad-language = skipped: a language tag is not valid
xliff-skipped-one-language = skipped: source and target are in the same language
xliff-skipped-not-translatable = skipped: not for translation
