# tribune align: help texts, errors, warnings and labels.

cli-align-about = Align a speech with its translation, sentence by sentence: beads of segments that translate each other, each with a confidence.
cli-align--source = The source speech; “-” reads standard input.
cli-align--target = Its translation.
cli-align--input = How the files are laid out: text (speeches, segmented by Tribune) or lines (one segment per line, already segmented).
cli-align--format = Output: beads (EN_INDICES<TAB>FR_INDICES per bead, 0-based), tsv (source and target text), jsonl (one JSON object per bead) or text (side by side).
cli-align--min-confidence = Beads under this confidence (0 to 1) are marked for review and would not be stored.
cli-align--source-lang = Language of the first file (default: its front matter, its file name or its words, else en).
cli-align--target-lang = Language of the second file (default: its front matter, its file name or its words, else fr).

align-error-empty = { $file } is empty: expected a speech or one segment per line
align-error-nothing = { $file } holds only stage directions: there is nothing to align
align-error-wrong-language = { $file } looks like { $found } text, but { $expected } was expected: check the file, or give --source-lang / --target-lang
align-error-swapped = the files are in the wrong order: { $source } looks like { $source_lang } and { $target } like { $target_lang }; give the { $target_lang } file first
align-warning-lines-look-like-text = { $file }: { $lines } { $lines ->
    [one] line holds
   *[other] lines hold
  } several sentences; is this running text? Use --input text for speeches
align-warning-text-looks-like-lines = { $file } has no blank lines and no paragraphs: if it holds one segment per line, use --input lines
align-warning-no-lexicon = Tribune has no word list for { $source } and { $target }: only numbers, names, cognates and lengths are used

align-summary = { $beads } { $beads ->
    [one] bead
   *[other] beads
  }: { $storable } confident { $storable ->
    [one] pair
   *[other] pairs
  } to store, { $held } held back for review, { $unaligned } without counterpart, { $directions } { $directions ->
    [one] stage direction
   *[other] stage directions
  }
align-text-review = ?
align-kind-direction = stage direction
align-kind-salutation = salutation
cli-align--store = Store the confident 1-1, 1-2 and 2-1 beads in the translation memory, with both file names, segment ids and the confidence as provenance.
cli-align--memory = The memory file for --store (default: memory/tribune.sqlite; also TRIBUNE_MEMORY).
align-stored = Stored in { $memory }: { $added } new { $added ->
    [one] unit
   *[other] units
  }, { $merged } already there; { $held } held back for review.
