# Quality checks of a translation (tribune check).

## Command-line help
cli-check-about = Check a translation against its source: numbers, stage directions, untranslated segments, typography of the target locale. Exits with 3 when an error is found.
cli-check--source = The source speech.
cli-check--target = Its translation; without it, the speech is checked on its own (quotation marks, brackets, doubled words).
cli-check--source-lang = Language of the source, when neither front matter nor file name says it.
cli-check--target-lang = Language and locale of the translation (fr-FR, fr-CA), when neither front matter nor file name says it; the locale decides the typography checked.
cli-check--strict = Count the typography of punctuation and quotation marks (a missing no-break space before “:”) as errors, not warnings.
cli-check--memory = The memory whose term base is checked, when the file exists (default: memory/tribune.sqlite; also TRIBUNE_MEMORY).
cli-check--format = Output: text (one located line per finding) or json.

## Findings
check-error = error
check-warning = warning
check-number = numbers differ: { $missing ->
    [0] the translation adds { $target }
   *[other] { $extra ->
        [0] { $source } of the source is missing from the translation
       *[other] { $source } in the source, { $target } in the translation
    }
  }
check-direction-missing = stage direction missing from the translation: { $kind }{ $time }
check-direction-extra = stage direction not in the source: { $kind }{ $time }
check-direction-differs = stage direction differs: { $source_kind }{ $source_time } in the source, { $target_kind }{ $target_time } in the translation
check-untranslated-identical = untranslated: the translation is the source text
check-untranslated-language = untranslated: this segment is in the source language ({ $lang })
check-typography-before-mark = typography ({ $locale }): before “{ $mark }” expected { $expected }, found { $found }
check-typography-guillemets = typography ({ $locale }): inside « » expected { $expected }, found { $found }
check-typography-percent = typography ({ $locale }): before “%” expected { $expected }, found { $found }
check-typography-thousands = typography ({ $locale }): between digit groups expected { $expected }, found { $found }
check-term-missing = term not translated as the term base says: “{ $term }” should be { $approved }
check-term-forbidden = term not to use: “{ $used }” for “{ $term }” (the term base says { $approved })
check-writing-quotes = quotation marks do not balance in this paragraph: “{ $mark }” has no partner
check-writing-brackets = brackets do not balance: “{ $mark }” has no partner
check-writing-doubled = word written twice: “{ $word } { $word }”
check-unaligned = no translation found for this source segment
check-space-narrow = a narrow no-break space (U+202F)
check-space-nbsp = a no-break space (U+00A0)
check-space-thin = a thin space (U+2009)
check-space-figure = a figure space (U+2007)
check-space-space = a space
check-space-none = no space
check-summary = { $errors ->
    [one] one error
   *[other] { $errors } errors
  }, { $warnings ->
    [one] one warning
   *[other] { $warnings } warnings
  }
check-failed = the check found { $errors ->
    [one] one error
   *[other] { $errors } errors
  }
