# Messages, labels and errors of the command line.

error-prefix = error
error-hint-prefix = hint
warning-prefix = warning

## Reading files
error-file-not-found = cannot open { $file }: no such file
error-file-permission = cannot open { $file }: permission denied
error-file-io = cannot read { $file }: { $reason }
error-invalid-utf8 = the text is not valid UTF-8 (first bad byte at offset { $offset }); save the file as UTF-8
error-control-character = the control character { $code } is not text: remove it (a vertical tab or a form feed is read as a line break, a tab is kept)
error-binary-file = this is a binary file (NUL byte at offset { $offset }), not a plain-text speech
error-file-too-large = the file is { $size } MB, more than the { $limit } MB Tribune reads; is it really a speech?
size-megabytes = { $size } MB
size-kilobytes = { $size } kB
error-output = cannot write the output: { $reason }

## Speeches
error-speech-empty = the speech is empty: expected at least one line of text
error-unclosed-bracket = “[” is not closed: expected “]” before the end of the line (a stage direction looks like [Pause])
error-pronunciation-mark = a pronunciation mark is written right after the name it is for, with the pronunciation, on one line: Annadif{"{"}pron=an-na-DIF{"}"}
error-front-matter-unclosed = the front matter that starts here is not closed: expected a line “---” after its last key
error-front-matter-syntax = expected “key: value” in the front matter
error-front-matter-unknown-key = unknown front matter key “{ $key }”: expected title, speaker, event, place, date, language, target or deliver
error-front-matter-duplicate-key = the front matter key “{ $key }” is given twice
error-bad-language = “{ $value }” is not a language tag: expected something like en, fr or fr-CA
error-bad-duration = “{ $value }” is not a duration: expected minutes and seconds such as 12:30
error-bad-kind = “{ $value }” is not a document kind: expected remarks, statement, message or story
error-bad-delivery = “{ $value }” is not a delivery language: expected a language tag such as en or fr, or “mixed”
error-unknown-language = cannot tell which language the speech is in: add --lang, a “language:” line in the front matter, or name the file NAME.en.txt
error-speech-too-large = the speech does not fit in memory: holding it up to this line takes more than { $needed } MiB, and this process may use { $available } MiB more; split the file (a speech of short lines costs the most), or raise the limit
warning-language-mismatch = { $file } is taken to be in “{ $declared }” (its front matter, file name or --lang), but its text reads as “{ $found }”: say its language with language: in the front matter or --lang
warning-set-apart = { $file }: { $lines ->
    [one] one line
   *[other] { $lines } lines
  } of the web page it was pasted from left out of the speech ({ $captions ->
    [0] site text and bylines
    [one] one photo caption, the rest site text and bylines
   *[other] { $captions } photo captions, the rest site text and bylines
  }): never spoken, timed, aligned or stored
warning-generic-profile = Tribune has no rules for the language “{ $lang }”: generic segmentation rules and 130 words per minute are used

## Segment kinds
kind-heading = heading
kind-dateline = dateline
kind-salutation = salutation
kind-sentence = sentence
kind-direction = direction
kind-web-text = web page text
kind-caption = photo caption

## Stage direction kinds
direction-silence = silence
direction-applause = applause
direction-laughter = laughter
direction-slide = slide
direction-media = video or music
direction-pause = pause
direction-stop = stop
direction-delivery = delivery note
direction-language = language change
direction-gesture = gesture
direction-note = note

## Statistics
stats-file = { $file } ({ $lang })
stats-words = Words: { $words } ({ $spoken } read out)
stats-segments = Segments: { $segments }, including { $directions } stage { $directions ->
    [one] direction
   *[other] directions
  } ({ $timed } timed, { $time })
stats-language = Speaking time in { $lang }: { $words } { $words ->
    [one] word
   *[other] words
  } at { $rate } words/min, { $time }
stats-story = A story, not remarks ({ $how ->
    [guessed] guessed from its reported quotations; say kind: remarks in the front matter if it is not
   *[other] its front matter says so
  }): these times are reading times, for a text read rather than delivered.
stats-total = Estimated total: { $time }
stats-target-over = Over the target of { $target } by { $over }
stats-target-within = Within the target of { $target } ({ $left } to spare)
error-output-is-input = { $output } is also an input of this command ({ $input }): writing it would destroy what the command reads; choose another output file
error-output-file = cannot write { $file }: { $reason }
error-internal = internal error: this is a bug in Tribune { $version }, not a problem with your files. Please report it with the command you ran and this detail: { $detail }
value-error-confidence = “{ $value }” is not a confidence: expected a number from 0 to 1
value-error-language-pair = “{ $value }” is not a language pair: expected two language tags such as en:fr
value-error-threshold = “{ $value }” is not a match threshold: expected a percentage from 1 to 100
value-error-delivery = “{ $value }” is neither a language tag (en, fr, fr-CA) nor “mixed”
value-error-duration = “{ $value }” is not a duration: expected minutes and seconds such as 6:30
value-error-font-size = “{ $value }” is not a type size: expected points from 8 to 72
value-error-language = “{ $value }” is not a language tag: expected something like en or fr-FR
value-error-rate = “{ $value }” is not a speaking rate: expected words per minute, from 30 to 400
