# Speaker scripts (tribune script): labels printed in the script, in the reading language of
# each column (cues, delivery notes) or in the interface language (pages, timing).

## Stage directions, as cues in the script ($seconds is 0 when the wording gives no duration)
script-cue-silence = { $seconds ->
    [60] Minute of silence
   *[other] Silence
  }
script-cue-applause = Applause
script-cue-laughter = Laughter
script-cue-slide = Slide
script-cue-media = Video or music
script-cue-pause = Pause
script-cue-stop = Stop
script-cue-delivery = Delivery note
script-cue-language = Language change
script-cue-language-to = Continue in { $language }
script-cue-gesture = Gesture
script-cue-note = Note
# A cue with its duration: "Minute of silence — 1:00".
script-cue-timed = { $label } — { $duration }
# A duration in a cue ($clock is M:SS; $minutes and $seconds its parts).
script-duration = { $clock }

## Delivery notes, in the header of each language
script-note-check = Check against delivery
script-note-verbatim = Read out verbatim

## Header
# Place and date on one line ($date already written in full).
script-place-date = { $place }, { $date }
script-column-deliver = read aloud
script-column-reference = for reference
script-speech-in = Speech in { $language }

## Timing and pages, in the interface language
script-page = page { $page } of { $pages }
script-time-mark = { $elapsed } · { $left } left
script-end = End of the speech · { $total }
script-total = Estimated time: { $total }
script-total-language = { $language }: { $words ->
    [one] one word
   *[other] { $words } words
  } at { $rate } words/min, { $time }
script-total-directions = { $count ->
    [one] one timed stage direction
   *[other] { $count } timed stage directions
  }, { $time }
script-target-over = Over the target of { $target } by { $over }
script-target-within = Within the target of { $target } ({ $left } to spare)
script-warning-over-target = the estimated time, { $total }, is over the target of { $target } by { $over }

## Command line
script-written = Script written to { $file }
error-script-same-language = both speeches are in { $lang }: give one speech per language
error-script-deliver-missing = the speaker cannot read { $lang }: the script is in { $languages }
error-script-columns-mismatch = --columns { $columns } does not list each language of the script once: the script is in { $languages } (for example --columns fr,en)
error-script-browser-missing = no Chromium browser found to print the PDF: install it (Debian: apt-get install chromium), set TRIBUNE_BROWSER to its path, or choose --format html
error-script-browser-failed = Chromium could not print the PDF ({ $status }): { $detail }
error-script-interrupted = the PDF print was interrupted (signal { $signal }); nothing was written
script-error-unknown-extension = cannot tell which format to write to { $file }: Tribune writes .html, .pdf, .docx, .md and .txt; name the file so, or give --format
error-script-browser-timeout = Chromium did not finish printing the PDF within { $seconds } seconds
error-script-write = cannot write { $file }: { $reason }
error-script-render = cannot render the script: { $reason }

## Help texts of tribune script
cli-script-about = Make a timed, print-ready speaker script of a speech and its translation: HTML, PDF, Word, Markdown or text.
cli-script--speech = The speech, in the language listed first (“-” for standard input).
cli-script--translation = Its translation, shown beside it (optional).
cli-script--layout = columns (languages side by side, one row per segment), interleaved (each paragraph in one language, then the other) or single (the language read, in large type).
cli-script--deliver = The language the speaker reads (en, fr…), or “mixed” to switch where the speech says “[In French]”. Default: the front matter’s deliver:, else the first speech’s language.
cli-script--format = html, pdf (printed by headless Chromium), docx, md or txt. Default: from the -o file name, else html.
cli-script--output = Output file (“-” for standard output). Default: standard output for html, md and txt; NAME.pdf or NAME.docx in the current directory.
cli-script--rates = Speaking rate in words per minute, for every language (120) or for one (fr=140). Repeatable.
cli-script--pace = Default rates: normal delivery, or the slower interpretable pace.
cli-script--target = The time the speaker has (MM:SS); the script and a warning say when it runs over. Default: the front matter’s target:.
cli-script--paper = Paper size: a4 or letter.
cli-script--font-size = Body type size in points (default 16; 18 interleaved; 20 single).
cli-script--note = Delivery note in the header: check (“Check against delivery”, the default), verbatim (“Read out verbatim”) or none (the default for a story).
cli-script--density = How tightly pages are set: compact (tighter spacing; a row may break across pages between two sentences, marked “(continued)”), normal (rows whole, pages filled to at least two thirds) or spacious (more space between lines and rows).
cli-script--columns = The languages of the columns from left to right, such as fr,en. Default: the language read aloud on the left (with --deliver fr, French first), else the order of the files.
# At the top of a page where a paragraph goes on from the page before.
script-continued = (continued)
