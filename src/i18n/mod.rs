//! The user interface language: Fluent bundles built from `locales/<lang>/*.ftl` (embedded
//! at build time), language negotiation with fallback to English, and the [`Localize`]
//! trait through which library errors and labels reach the user in their language.

use std::collections::{BTreeSet, HashMap};

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

/// The locale every message must exist in, used when nothing better matches.
pub const FALLBACK_LOCALE: &str = "en-US";

/// A value passed into a Fluent message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text, inserted as is.
    Text(String),
    /// A number, which Fluent may use to pick a plural form.
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(n as f64)
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Number(n as f64)
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Number(f64::from(n))
    }
}
impl From<f64> for Arg {
    fn from(n: f64) -> Self {
        Arg::Number(n)
    }
}

/// Named arguments of a message.
pub type Args = Vec<(&'static str, Arg)>;

/// Something that can be told to the user through a Fluent message: library errors,
/// warnings and labels implement it, and the CLI formats them in the interface language.
pub trait Localize {
    /// The Fluent message id.
    fn message_id(&self) -> &'static str;
    /// The message's arguments.
    fn message_args(&self) -> Args {
        Vec::new()
    }
}

/// Formats messages in one interface language, falling back to English message by message.
pub struct Localizer {
    language: LanguageIdentifier,
    bundles: Vec<FluentBundle<FluentResource>>,
}

fn bundle_for(locale: &str) -> Option<FluentBundle<FluentResource>> {
    let (_, files) = embedded::LOCALES.iter().find(|(l, _)| *l == locale)?;
    let lang: LanguageIdentifier = locale.parse().ok()?;
    let mut bundle = FluentBundle::new(vec![lang]);
    // Without this every placeable is wrapped in U+2068/U+2069, which breaks HTML output,
    // terminals and snapshots.
    bundle.set_use_isolating(false);
    for (name, text) in files.iter() {
        let resource = FluentResource::try_new((*text).to_owned())
            .unwrap_or_else(|(_, errors)| panic!("locales/{locale}/{name}: {errors:?}"));
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("locales/{locale}/{name}: {errors:?}"));
    }
    Some(bundle)
}

/// The interface languages Tribune ships.
pub fn available_locales() -> Vec<LanguageIdentifier> {
    embedded::LOCALES
        .iter()
        .filter_map(|(l, _)| l.parse().ok())
        .collect()
}

/// Picks the best shipped locale for the requested languages (in order of preference).
pub fn negotiate(requested: &[LanguageIdentifier]) -> LanguageIdentifier {
    let available = available_locales();
    let fallback: LanguageIdentifier = FALLBACK_LOCALE.parse().expect("valid fallback");
    let chosen = negotiate_languages(
        requested,
        &available,
        Some(&fallback),
        NegotiationStrategy::Filtering,
    );
    chosen.first().map(|l| (*l).clone()).unwrap_or(fallback)
}

/// The interface language the environment asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`),
/// as POSIX locales like `fr_FR.UTF-8` are written.
pub fn language_from_environment() -> Option<LanguageIdentifier> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| {
            let base = v.split(['.', '@']).next().unwrap_or("");
            if base == "C" || base == "POSIX" {
                None
            } else {
                crate::lang::parse_tag(base)
            }
        })
}

impl Localizer {
    /// A localizer for the best match of `requested`, with English behind it.
    pub fn new(requested: &[LanguageIdentifier]) -> Self {
        let language = negotiate(requested);
        let mut bundles = Vec::new();
        if let Some(bundle) = bundle_for(&language.to_string()) {
            bundles.push(bundle);
        }
        if language != FALLBACK_LOCALE {
            bundles.push(bundle_for(FALLBACK_LOCALE).expect("the fallback locale is shipped"));
        }
        Localizer { language, bundles }
    }

    /// A localizer for one language given as a tag, or English when it is not shipped.
    pub fn for_tag(tag: &str) -> Self {
        let requested: Vec<LanguageIdentifier> = crate::lang::parse_tag(tag).into_iter().collect();
        Self::new(&requested)
    }

    /// The negotiated interface language.
    pub fn language(&self) -> &LanguageIdentifier {
        &self.language
    }

    /// Whether any bundle has the message.
    pub fn has(&self, id: &str) -> bool {
        self.bundles.iter().any(|b| b.has_message(id))
    }

    /// Formats a message; a missing message shows its id, so it is visible, never silent.
    pub fn format(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        for bundle in &self.bundles {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
                return text.into_owned();
            }
        }
        id.to_owned()
    }

    /// Formats a message without arguments.
    pub fn text(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// Formats anything localizable.
    pub fn localize(&self, item: &dyn Localize) -> String {
        self.format(item.message_id(), &item.message_args())
    }
}

/// A size in bytes as megabytes (10⁶ bytes) to one decimal: the number the messages that
/// print a file size take, with their unit (`{ $size } MB`, `{ $size } Mo`) in the message.
pub fn megabytes(bytes: u64) -> f64 {
    (bytes as f64 / 100_000.0).round() / 10.0
}

impl Localizer {
    /// A file size with its unit in the interface language: megabytes from one megabyte up,
    /// kilobytes below (`size-megabytes`, `size-kilobytes`).
    pub fn byte_size(&self, bytes: u64) -> String {
        if bytes >= 1_000_000 {
            self.format("size-megabytes", &[("size", megabytes(bytes).into())])
        } else {
            let kilobytes = (bytes as f64 / 100.0).round() / 10.0;
            self.format("size-kilobytes", &[("size", kilobytes.into())])
        }
    }
}

/// Writes `item`'s message from the en-US bundle: the `Display` of Tribune's errors, so that
/// every English sentence a user can read exists once, in `locales/en-US/` (a log or a
/// panic message shows the same words as the terminal).
pub fn write_english(item: &dyn Localize, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    thread_local! {
        static ENGLISH: Localizer = Localizer::for_tag("en-US");
    }
    ENGLISH.with(|english| f.write_str(&english.localize(item)))
}

/// Implements `Display` for error types through [`write_english`].
#[macro_export]
macro_rules! english_display {
    ($($error:ty),+ $(,)?) => {
        $(
            impl std::fmt::Display for $error {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    $crate::i18n::write_english(self, f)
                }
            }
        )+
    };
}

/// The message ids one shipped locale defines.
pub fn message_ids(locale: &str) -> BTreeSet<String> {
    resources(locale)
        .iter()
        .flat_map(|r| {
            messages(r)
                .map(|m| m.id.name.to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn resources(locale: &str) -> Vec<FluentResource> {
    embedded::LOCALES
        .iter()
        .filter(|(l, _)| *l == locale)
        .flat_map(|(_, files)| files.iter())
        .map(|(_, text)| FluentResource::try_new((*text).to_owned()).expect("valid ftl"))
        .collect()
}

fn messages(resource: &FluentResource) -> impl Iterator<Item = &ast::Message<&str>> {
    resource.entries().filter_map(|e| match e {
        ast::Entry::Message(m) => Some(m),
        _ => None,
    })
}

/// The messages of one locale by id, so that the variables of a message include those of
/// the messages it references (a referenced message sees the caller's arguments).
type MessageValues<'r> = HashMap<&'r str, &'r ast::Pattern<&'r str>>;

fn pattern_variables<'a>(
    pattern: &ast::Pattern<&'a str>,
    values: &MessageValues<'a>,
    out: &mut BTreeSet<&'a str>,
) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, values, out);
        }
    }
}

fn expression_variables<'a>(
    expression: &ast::Expression<&'a str>,
    values: &MessageValues<'a>,
    out: &mut BTreeSet<&'a str>,
) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, values, out);
            for variant in variants {
                pattern_variables(&variant.value, values, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, values, out),
    }
}

fn inline_variables<'a>(
    inline: &ast::InlineExpression<&'a str>,
    values: &MessageValues<'a>,
    out: &mut BTreeSet<&'a str>,
) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name);
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                inline_variables(arg, values, out);
            }
        }
        ast::InlineExpression::MessageReference {
            id,
            attribute: None,
        } => {
            // A cycle is refused by Fluent itself; the guard keeps this walk finite anyway.
            if let Some(pattern) = values.get(id.name) {
                let mut inner = BTreeSet::new();
                let mut without = values.clone();
                without.remove(id.name);
                pattern_variables(pattern, &without, &mut inner);
                out.extend(inner);
            }
        }
        ast::InlineExpression::Placeable { expression } => {
            expression_variables(expression, values, out)
        }
        _ => {}
    }
}

/// Checks every shipped locale against English: same message ids, and every message formats
/// without error when given a text and a number for its variables. Returns the problems.
pub fn audit() -> Vec<String> {
    let mut problems = Vec::new();
    let reference = message_ids(FALLBACK_LOCALE);
    for (locale, _) in embedded::LOCALES.iter() {
        let ids = message_ids(locale);
        for missing in reference.difference(&ids) {
            problems.push(format!("{locale}: missing message {missing}"));
        }
        for extra in ids.difference(&reference) {
            problems.push(format!(
                "{locale}: message {extra} is not in {FALLBACK_LOCALE}"
            ));
        }
        let Some(bundle) = bundle_for(locale) else {
            problems.push(format!("{locale}: cannot build a bundle"));
            continue;
        };
        let resources = resources(locale);
        let values: MessageValues<'_> = resources
            .iter()
            .flat_map(messages)
            .filter_map(|m| Some((m.id.name, m.value.as_ref()?)))
            .collect();
        for resource in &resources {
            for message in messages(resource) {
                let Some(value) = &message.value else {
                    problems.push(format!(
                        "{locale}: message {} has no value",
                        message.id.name
                    ));
                    continue;
                };
                let mut vars = BTreeSet::new();
                pattern_variables(value, &values, &mut vars);
                for sample in [FluentValue::from("x"), FluentValue::from(2.0)] {
                    let mut args = FluentArgs::new();
                    for var in &vars {
                        args.set(*var, sample.clone());
                    }
                    let pattern = bundle
                        .get_message(message.id.name)
                        .and_then(|m| m.value())
                        .expect("message just listed");
                    let mut errors = Vec::new();
                    let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                    if !errors.is_empty() || text.trim().is_empty() {
                        problems.push(format!(
                            "{locale}: message {} does not format: {errors:?}",
                            message.id.name
                        ));
                    }
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    #[test]
    fn file_sizes_are_written_with_the_units_of_the_interface_language() {
        let english = Localizer::for_tag("en-US");
        let french = Localizer::for_tag("fr-FR");
        assert_eq!(english.byte_size(2_345_678), "2.3 MB");
        assert_eq!(english.byte_size(45_600), "45.6 kB");
        assert_eq!(french.byte_size(2_345_678), "2.3 Mo");
        assert_eq!(french.byte_size(45_600), "45.6 ko");
        assert_eq!(megabytes(1_073_741_824), 1073.7);
    }

    #[test]
    fn every_locale_has_every_message_and_each_formats() {
        let problems = audit();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn english_and_french_are_shipped() {
        let shipped = available_locales();
        assert!(shipped.contains(&langid!("en-US")));
        assert!(shipped.contains(&langid!("fr-FR")));
    }

    #[test]
    fn negotiation_falls_back_to_english() {
        assert_eq!(negotiate(&[langid!("fr-CA")]), langid!("fr-FR"));
        assert_eq!(negotiate(&[langid!("de")]), langid!("en-US"));
        assert_eq!(negotiate(&[]), langid!("en-US"));
    }

    #[test]
    fn french_messages_are_french() {
        let fr = Localizer::new(&[langid!("fr")]);
        let en = Localizer::new(&[langid!("en")]);
        assert_ne!(fr.text("kind-salutation"), en.text("kind-salutation"));
    }

    /// Message ids put together at run time (`kind-{…}`, `memory-skip-{…}` …): each one the
    /// code can build exists (in English; the locale audit then holds every locale to it).
    #[test]
    fn every_message_id_built_at_run_time_exists() {
        use crate::speech::{DirectionKind, SegmentKind};
        let l10n = Localizer::new(&[langid!("en-US")]);
        let mut ids: Vec<String> = Vec::new();
        for kind in SegmentKind::ALL {
            ids.push(format!("kind-{}", kind.as_str()));
        }
        for kind in DirectionKind::ALL {
            ids.push(format!("direction-{}", kind.as_str()));
            ids.push(format!("script-cue-{}", kind.as_str()));
        }
        for reason in crate::memory::SkipReason::ALL {
            ids.push(format!("memory-skip-{}", reason.as_str()));
        }
        for outcome in crate::ingest::Outcome::ALL {
            if outcome.is_skip() {
                ids.push(format!("xliff-skip-{}", outcome.as_str()));
                ids.push(format!("xliff-skipped-{}", outcome.as_str()));
            }
        }
        for change in crate::revision::Change::ALL {
            ids.push(format!("diff-{}", change.as_str()));
        }
        for band in crate::translate::Band::ALL {
            ids.push(format!("translate-band-{}", band.as_str()));
        }
        for kind in crate::memory::Differences::NAMES {
            ids.push(format!("memory-difference-{kind}"));
        }
        for status in crate::terms::Status::ALL {
            ids.push(format!("terms-status-{}", status.as_str()));
        }
        for space in crate::check::typography::SPACE_NAMES {
            ids.push(format!("check-space-{space}"));
        }
        let missing: Vec<&String> = ids.iter().filter(|id| !l10n.has(id)).collect();
        assert!(missing.is_empty(), "no message for {missing:?}");
    }
}
