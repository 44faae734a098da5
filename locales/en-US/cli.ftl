# Command-line help texts. Ids: cli-PATH-about for a command, cli-PATH--ARG for an argument.

cli-about = Tribune: prepare multilingual speeches — segmentation, translation memory, alignment and bilingual speaker scripts.
cli--ui-lang = Interface language (default: from LC_ALL, LC_MESSAGES or LANG; English when not available).
cli--color = When to colour the output: auto (on a terminal, unless NO_COLOR is set), always (also into a pipe, for less -R) or never.

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

cli-man-about = Print a manual page (roff), or write them all into a folder.
cli-man--command = The command whose page to print (translate; memory-import for memory import); default: the page of tribune itself.
cli-man--dir = Write every page (tribune.1, tribune-translate.1, tribune-memory-import.1 …) into this folder instead.
man-error-unknown-command = there is no manual page for “{ $command }”: name a command such as translate or memory-import
man-exit-status = EXIT STATUS
man-exit-0 = Done.
man-exit-1 = A problem with the input or the environment; the message says where (file:line:column, or the file).
man-exit-2 = A usage error: an unknown flag, a missing argument, a value that cannot be used.
man-exit-3 = tribune check ran and found errors.
man-exit-70 = An internal error: a bug in Tribune, reported with a short message that asks for a report.
man-environment = ENVIRONMENT
man-env-memory = The translation memory file, when --memory is not given (default: memory/tribune.sqlite).
man-env-browser = The Chromium (or Chrome) that prints PDF scripts, when it is not found on the PATH.
man-env-no-color = When set and not empty, no colours, even on a terminal.
man-env-lang = The interface language of messages and help texts (--ui-lang overrides them); English when Tribune does not have it.

cli-diff-about = Compare two drafts of a speech: which segments were kept, edited, added, removed or moved, with word-level differences.
cli-diff--old = The earlier draft.
cli-diff--new = The later draft.
cli-diff--lang = Language of the drafts, when neither front matter nor file name says it.
cli-diff--format = Output: text (a readable list), json, or html (a self-contained page).
cli-diff--output = Write to this file instead of standard output.
cli-default-value = [default: { $value }]
