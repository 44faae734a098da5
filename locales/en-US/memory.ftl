# The translation memory: help texts, messages and errors of `tribune memory`.

cli-memory-about = The translation memory: import and export TMX, look up fuzzy matches, search a concordance, show figures.

cli-memory-import-about = Import TMX 1.4b files (UTF-8 or UTF-16) or TSV files (source<TAB>target) into the memory, one transaction per file.
cli-memory-import--files = TMX or TSV files to import.
cli-memory-import--origin = The origin recorded for the units (default: the file name).
cli-memory-import--from = Language of the first column of TSV files.
cli-memory-import--to = Language of the second column of TSV files.
cli-memory-import--memory = The memory file (default: memory/tribune.sqlite; also TRIBUNE_MEMORY).

cli-memory-export-about = Export the memory as TMX 1.4b.
cli-memory-export--output = Write to this file (written in full, then renamed) instead of standard output.
cli-memory-export--lang-pair = Only units in both languages, with only those two variants, e.g. en:fr.
cli-memory-export--origin = Only units from this origin.
cli-memory-export--memory = The memory file (default: memory/tribune.sqlite; also TRIBUNE_MEMORY).

cli-memory-lookup-about = Find the stored translations of a text, best match first, with the differences highlighted.
cli-memory-lookup--text = The text to look up; “-” or nothing reads one query per line from standard input.
cli-memory-lookup--from = Language of the text (en also finds en-US and en-GB units).
cli-memory-lookup--to = Language of the translations wanted.
cli-memory-lookup--threshold = Lowest match percentage shown (1 to 100).
cli-memory-lookup--limit = Most matches per query.
cli-memory-lookup--format = Output: text (readable) or jsonl (one JSON object per query).
cli-memory-lookup--memory = The memory file (default: memory/tribune.sqlite; also TRIBUNE_MEMORY).

cli-memory-search-about = Concordance: units whose text holds a phrase, in either language, with both sides shown.
cli-memory-search--text = The text to find (case and accents do not matter; words may be cut at both ends).
cli-memory-search--lang = Search this language only.
cli-memory-search--limit = Most units shown.
cli-memory-search--exact = Accents as typed: “securite” no longer finds “sécurité” (case is still ignored).
cli-memory-search--match-case = Case as typed: “council” no longer finds “Council”.
cli-memory-search--format = Output: text (readable) or jsonl (one JSON object per unit).
cli-memory-search--memory = The memory file (default: memory/tribune.sqlite; also TRIBUNE_MEMORY).

cli-memory-stats-about = Show the memory's units, languages, origins and size.
cli-memory-stats--format = Output: text or json.
cli-memory-stats--memory = The memory file (default: memory/tribune.sqlite; also TRIBUNE_MEMORY).

## Import
memory-import-summary = { $file }: { $read } read, { $added } added, { $merged } merged, { $skipped } skipped
memory-skip-one-language = { $count } with fewer than two languages
memory-skip-bad-language = { $count } with an invalid language tag

## Lookup
memory-lookup-query = Query: { $query }
memory-lookup-none = no match
memory-lookup-substituted = with the new numbers: { $target }
memory-lookup-substituted-tags = with the new placeholders: { $target }
memory-lookup-substituted-both = with the new numbers and placeholders: { $target }
memory-lookup-in-context = in context
memory-difference-word = words differ
memory-difference-number = numbers differ
memory-difference-punctuation = punctuation differs
memory-difference-case = case differs
memory-difference-tag = tags differ
memory-difference-spacing = spacing differs
memory-difference-accent = accents differ
memory-difference-form = other forms of a word
memory-difference-order = words swapped

## Concordance
memory-lookup-terms = Terms of the term base:
memory-search-none = “{ $text }” is not in the memory

## Statistics
memory-stats-file = Memory: { $path } ({ $size })
memory-stats-units = Units: { $units }
memory-stats-languages = Variants per language:
memory-stats-origins = Units per origin:

## Errors of the memory
memory-error-create-folder = cannot create the folder for the memory { $path }: { $reason }
memory-error-not-a-memory = { $path } is not a Tribune translation memory (expected a SQLite file made by Tribune)
memory-error-newer-schema = { $path } was made by a newer Tribune (schema { $found }; this one knows up to { $supported }): update Tribune; the file was left untouched
memory-error-unknown-schema = { $path } has the schema version { $found }, which no Tribune writes: it is damaged or was changed by another program; restore it from a copy or export what a SQLite tool can read
memory-error-foreign-journal = { $journal } belongs to { $owner }, and this user cannot write it, so { $path } cannot be opened even for lookups: { $owner } should close Tribune (or run any memory command once), or an administrator can give the file to this user or delete it when no Tribune is running
memory-error-read-only = { $path } is read-only: lookups work, but nothing can be imported into it
memory-error-read-only-upgrade = { $path } uses the older schema { $found } and is read-only, so it cannot be upgraded: make it writable once
memory-error-busy = { $path } is busy: another import is still writing to it; try again when it is done
memory-error-disk-full = { $path }: the disk is full; nothing was changed
memory-error-io = { $path }: the system could not read or write the file (disk full, file-size limit or a failing disk); nothing was changed
memory-error-sql = { $path }: { $reason }
memory-error-tsv-languages = { $file } is a TSV file: give its languages with --from and --to
memory-error-no-memory = there is no translation memory at { $path }
memory-hint-no-memory = import a TMX or XLIFF file into it first (tribune memory import, tribune xliff import), or name another memory with --memory or TRIBUNE_MEMORY
memory-error-open-file = cannot open { $file }: { $reason }

## Errors of exchange files
exchange-error-io = cannot read the file: { $reason }
exchange-error-xml = malformed XML: { $detail }
exchange-error-entity = unknown entity “&{ $name };”: only &lt; &gt; &amp; &apos; &quot; and character references are read (entities are never expanded)
exchange-error-not-tmx = expected a TMX document (<tmx>), found { exchange-found }
exchange-error-unexpected = unexpected { exchange-found }: expected { exchange-expected }
exchange-error-missing-attribute = <{ $element }> has no { $attribute } attribute
exchange-error-end = the file ends too early: expected { exchange-expected }
# What a reader of TMX, XLIFF or TBX met ($found-kind: tag, text or nothing; $found: the tag).
exchange-found = { $found-kind ->
        [text] text
        [nothing] an empty file
       *[tag] { $found }
    }
# What may stand there: $expected-first (tags joined by commas) and $expected-last, the last
# of $expected-count tags; $within: the element they stand in.
exchange-expected = { $within-kind ->
        [some] { exchange-expected-what } in { $within }
       *[none] { exchange-expected-what }
    }
exchange-expected-what = { $expected-kind ->
        [document-end] the end of the document
        [text] text or { exchange-expected-tags }
        [inline] text or inline elements ({ $expected-first }, { $expected-last })
       *[tags] { exchange-expected-tags }
    }
exchange-expected-tags = { $expected-count ->
        [one] { $expected-last }
       *[other] { $expected-first } or { $expected-last }
    }
exchange-error-tsv = expected source<TAB>target on this line
exchange-error-utf8 = the text is not valid UTF-8 (or UTF-16 with a byte order mark)
exchange-error-too-long = a text or tag of more than { $limit } MiB without markup starts here: no translation file holds one, so it is refused before it fills the memory
exchange-error-segment-too-long = a segment of more than { $limit } KiB: a translation unit holds a sentence or a paragraph; split it or leave it out of the file
exchange-error-nested-too-deep = inline elements nested more than { $limit } deep: no document needs that many; flatten the formatting of this segment
