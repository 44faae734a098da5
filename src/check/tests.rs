use unic_langid::langid;

use super::*;
use crate::align::{self, Side};
use crate::speech;
use crate::textfile::Origin;

fn side(text: &str, lang: LanguageIdentifier) -> Side {
    let parsed = speech::parse(text, &Origin::Stdin, Some(&lang)).unwrap();
    Side {
        name: lang.to_string(),
        segments: speech::segment(&parsed),
        language: lang,
    }
}

fn findings(en: &str, fr: &str, locale: LanguageIdentifier) -> Vec<Finding> {
    findings_with(en, fr, locale, false)
}

fn findings_with(en: &str, fr: &str, locale: LanguageIdentifier, strict: bool) -> Vec<Finding> {
    let alignment = align::align(side(en, langid!("en")), side(fr, locale.clone()));
    check(
        &alignment,
        &CheckOptions {
            target_locale: locale,
            strict,
            terms: None,
        },
    )
}

fn codes(found: &[Finding]) -> Vec<&'static str> {
    found.iter().map(|f| f.code).collect()
}

const EN: &str = "\
Excellencies,

We have deployed 3,700 peacekeepers in the region. The rains came early this year, with 1.5 metres of water.

[Minute of silence]

We will rebuild 1,200 schools. Thank you.
";

const FR: &str = "\
Excellences,

Nous avons déployé 3\u{202f}700 Casques bleus dans la région. Les pluies sont arrivées tôt cette année, avec 1,5 mètre d’eau.

[Minute de silence]

Nous reconstruirons 1\u{202f}200 écoles. Merci.
";

#[test]
fn a_faithful_translation_passes() {
    assert!(findings(EN, FR, langid!("fr-FR")).is_empty());
}

#[test]
fn a_number_that_changed_is_an_error_where_it_stands() {
    let fr = FR.replace("3\u{202f}700", "3\u{202f}800");
    let found = findings(EN, &fr, langid!("fr-FR"));
    assert_eq!(codes(&found), ["number"]);
    let finding = &found[0];
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!((finding.side, finding.line), (FileSide::Target, 3));
    assert_eq!(finding.args[0], ("source", "3,700".to_owned()));
    assert_eq!(finding.args[1], ("target", "3\u{202f}800".to_owned()));
}

#[test]
fn a_missing_or_changed_direction_is_an_error() {
    let without = FR.replace("[Minute de silence]\n\n", "");
    let found = findings(EN, &without, langid!("fr-FR"));
    assert_eq!(codes(&found), ["direction-missing"]);
    assert_eq!((found[0].side, found[0].line), (FileSide::Source, 5));
    let longer = FR.replace("[Minute de silence]", "[Deux minutes de silence]");
    let found = findings(EN, &longer, langid!("fr-FR"));
    assert_eq!(codes(&found), ["direction-differs"], "{found:?}");
    assert!(found[0].args.contains(&("target_time", "2:00".to_owned())));
    // Another kind is another direction: the silence is missing, the pause is extra.
    let changed = FR.replace("[Minute de silence]", "[Pause 5 s]");
    let found = findings(EN, &changed, langid!("fr-FR"));
    assert_eq!(codes(&found), ["direction-missing", "direction-extra"]);
    let added = FR.replace("Excellences,\n", "Excellences,\n\n[Applaudissements]\n");
    assert_eq!(
        codes(&findings(EN, &added, langid!("fr-FR"))),
        ["direction-extra"]
    );
}

#[test]
fn text_left_in_the_source_language_is_untranslated() {
    let fr = FR.replace(
        "Les pluies sont arrivées tôt cette année, avec 1,5 mètre d’eau.",
        "The rains came early this year, with 1.5 metres of water.",
    );
    let found = findings(EN, &fr, langid!("fr-FR"));
    assert_eq!(codes(&found), ["untranslated-identical"], "{found:?}");
    // Marked as English by the draft Tribune writes, and not identical.
    let fr = FR.replace(
        "Les pluies sont arrivées tôt cette année, avec 1,5 mètre d’eau.",
        "[The rains came early this year, with 1.5 metres of water, it seems.]{lang=en}",
    );
    let found = findings(EN, &fr, langid!("fr-FR"));
    assert!(
        codes(&found).contains(&"untranslated-language"),
        "{found:?}"
    );
    // A bilingual closing kept on purpose is not.
    let fr = FR.replace("Merci.", "Merci. Thank you.");
    assert!(findings(EN, &fr, langid!("fr-FR")).is_empty());
}

#[test]
fn typography_follows_the_target_locale() {
    let fr = "Excellences,\n\nPourquoi ? Voici : «Merci».\n";
    let en = "Excellencies,\n\nWhy? Here it is: “Thank you”.\n";
    let found = findings(en, fr, langid!("fr-FR"));
    assert_eq!(
        codes(&found),
        [
            "typography-before-mark",
            "typography-before-mark",
            "typography-guillemets",
            "typography-guillemets"
        ]
    );
    assert!(found.iter().all(|f| f.line == 3 && f.offset.is_some()));
    // Warnings, unless the check is strict: a missing no-break space is no mistranslation.
    assert!(found.iter().all(|f| f.severity == Severity::Warning));
    let strict = findings_with(en, fr, langid!("fr-FR"), true);
    assert_eq!(codes(&strict), codes(&found));
    assert!(strict.iter().all(|f| f.severity == Severity::Error));
    // Canada: no space before "?", a no-break space inside « » and before ":".
    let ca = "Excellences,\n\nPourquoi? Voici\u{a0}: «\u{a0}Merci\u{a0}».\n";
    assert!(findings(en, ca, langid!("fr-CA")).is_empty());
    assert_eq!(
        codes(&findings(en, ca, langid!("fr-FR"))),
        [
            "typography-before-mark",
            "typography-guillemets",
            "typography-guillemets"
        ]
    );
}

#[test]
fn the_bundled_samples_pass() {
    for name in [
        "flood-relief-niamey",
        "peacekeeping-day-goma",
        "water-summit-dakar",
    ] {
        let read = |lang: &str| {
            std::fs::read_to_string(format!(
                "{}/speeches/{name}.{lang}.txt",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap()
        };
        let found = findings(&read("en"), &read("fr"), langid!("fr"));
        let errors: Vec<&Finding> = found
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}
