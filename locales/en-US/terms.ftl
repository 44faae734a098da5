# The term base: help texts, messages and errors of `tribune terms`.

cli-terms-about = The term base: import TBX, CSV or TSV files, export TBX, find the terms of a text with their translations.

cli-terms-import-about = Import term base files (TBX 2008 or 2019, TBX-Basic or TBX-Min; CSV or TSV with a header row of languages) into the memory, one transaction per file.
cli-terms-import--files = TBX, CSV or TSV files to import.
cli-terms-import--format = The format of the files (default: from the extension .tbx, .xml, .csv, .tsv, or the content).
cli-terms-import--memory = The memory file (default: memory/tribune.sqlite; also TRIBUNE_MEMORY).

cli-terms-export-about = Export the term base as TBX-Basic (TBX 2019).
cli-terms-export--output = Write to this file (written in full, then renamed) instead of standard output.
cli-terms-export--memory = The memory file (default: memory/tribune.sqlite; also TRIBUNE_MEMORY).

cli-terms-lookup-about = Find the term base's terms in a text, with their translations and the status of each.
cli-terms-lookup--text = The text; “-” or nothing reads one text per line from standard input.
cli-terms-lookup--from = Language of the text (en also finds en-US and en-GB terms).
cli-terms-lookup--to = Language of the translations wanted.
cli-terms-lookup--format = Output: text (readable) or jsonl (one JSON object per text; json says the same).
cli-terms-lookup--memory = The memory file (default: memory/tribune.sqlite; also TRIBUNE_MEMORY).

## Import
terms-import-summary = { $file }: { $read } read, { $added } added, { $updated } updated, { $unchanged } unchanged
terms-import-skipped = { $count } without a term

## Lookup
terms-lookup-query = Text: { $query }
terms-lookup-none = no term
terms-lookup-avoid = not to use
terms-status-preferred = preferred
terms-status-admitted = admitted
terms-status-deprecated = deprecated
terms-status-superseded = superseded

## Errors
exchange-error-not-tbx = expected a TBX document (<tbx>, <martif>), found { exchange-found }
terms-error-language = “{ $tag }” is not a language tag (write it as BCP 47 does: en, fr, fr-CA)
terms-error-status = unknown term status “{ $value }”: expected preferred, admitted, deprecated or superseded (or a TBX value such as preferredTerm-admn-sts)
terms-error-id = the concept id “{ $id }” is not an XML name, as TBX ids must be: it starts with a letter or _ and holds only letters, digits, -, . and _ (write c12 rather than 12)
terms-error-csv-column = unknown column “{ $name }”: a column is named by a language tag (en, fr-CA) or is one of status, pos, term note, id, subject, definition, note
terms-error-csv-attribute-first = the column “{ $name }” says something about a term, but no language column comes before it
terms-error-csv-column-twice = the column “{ $name }” is given twice
terms-error-csv-no-language = the header row names no language column: the first row names the columns (en, fr, status …)
terms-error-csv-extra-field = this row has more values than the { $columns } columns the header names
terms-error-csv = cannot read this row: { $detail }
terms-error-too-many = more than { $limit } terms in one concept (or columns in one row): no term base needs that many; split the concept
