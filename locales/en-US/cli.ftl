# Command-line help texts. Ids: cli-PATH-about for a command, cli-PATH--ARG for an argument.

cli-about = Tribune: prepare multilingual speeches — segmentation, translation memory, alignment and bilingual speaker scripts.
cli--ui-lang = Interface language (default: from LC_ALL, LC_MESSAGES or LANG; English when not available).

cli-segment-about = Cut a speech into segments: sentences, headings, salutations and stage directions.
cli-segment--file = The speech file; “-” or nothing reads standard input.
cli-segment--lang = Language of the speech, when neither its front matter nor its file name (NAME.fr.txt) says it.
cli-segment--format = Output: lines (one segment per line), jsonl (one JSON object per segment) or text (a readable list).

cli-stats-about = Count words, segments and stage directions, and estimate the speaking time per language.
cli-stats--files = Speech files (“-” for standard input).
cli-stats--lang = Language of the speeches, when neither front matter nor file name says it.
cli-stats--format = Output: text or json.
cli-stats--rates = Speaking rate in words per minute, for every language (120) or for one (fr=140). Repeatable.
cli-stats--pace = Default rates: normal delivery, or the slower interpretable pace.

cli-completions-about = Print a shell completion script.
cli-completions--shell = The shell: bash, zsh, fish, powershell or elvish.

cli-man-about = Print the manual page (roff).

cli-diff-about = Compare two drafts of a speech: which segments were kept, edited, added, removed or moved, with word-level differences.
cli-diff--old = The earlier draft.
cli-diff--new = The later draft.
cli-diff--lang = Language of the drafts, when neither front matter nor file name says it.
cli-diff--format = Output: text (a readable list), json, or html (a self-contained page).
cli-diff--output = Write to this file instead of standard output.
