//! The catalog's own checks: every file parses, both languages have the same
//! messages with the same attributes, each names the same placeholders, and
//! every reference inside a message leads somewhere.

use super::*;
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};

/// For one file: each message (and `message.attribute`) with the variables it
/// names, and the messages and terms it refers to.
#[derive(Default)]
struct Shape {
    variables: BTreeMap<String, BTreeSet<String>>,
    references: BTreeSet<String>,
    terms: BTreeSet<String>,
}

fn shape_of(name: &str, text: &str) -> Shape {
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(resource) => resource,
        Err((_, errors)) => panic!("{name} does not parse: {errors:?}"),
    };
    let mut shape = Shape::default();
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            ast::Entry::Junk { content } => panic!("{name} holds junk: {content}"),
            _ => continue,
        };
        let mut walk = |key: String, pattern: &ast::Pattern<&str>| {
            let mut variables = BTreeSet::new();
            pattern_refs(
                pattern,
                &mut variables,
                &mut shape.references,
                &mut shape.terms,
            );
            assert!(
                shape.variables.insert(key.clone(), variables).is_none(),
                "{name}: {key} is defined twice"
            );
        };
        if let Some(value) = value {
            walk(id.clone(), value);
        }
        for attribute in attributes {
            walk(format!("{id}.{}", attribute.id.name), &attribute.value);
        }
    }
    shape
}

fn pattern_refs(
    pattern: &ast::Pattern<&str>,
    variables: &mut BTreeSet<String>,
    references: &mut BTreeSet<String>,
    terms: &mut BTreeSet<String>,
) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_refs(expression, variables, references, terms);
        }
    }
}

fn expression_refs(
    expression: &ast::Expression<&str>,
    variables: &mut BTreeSet<String>,
    references: &mut BTreeSet<String>,
    terms: &mut BTreeSet<String>,
) {
    match expression {
        ast::Expression::Inline(inline) => inline_refs(inline, variables, references, terms),
        ast::Expression::Select { selector, variants } => {
            inline_refs(selector, variables, references, terms);
            assert!(
                variants.iter().any(|v| v.default),
                "a select without a default variant"
            );
            for variant in variants {
                pattern_refs(&variant.value, variables, references, terms);
            }
        }
    }
}

fn inline_refs(
    inline: &ast::InlineExpression<&str>,
    variables: &mut BTreeSet<String>,
    references: &mut BTreeSet<String>,
    terms: &mut BTreeSet<String>,
) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            variables.insert(id.name.to_string());
        }
        ast::InlineExpression::MessageReference { id, attribute } => {
            references.insert(match attribute {
                Some(a) => format!("{}.{}", id.name, a.name),
                None => id.name.to_string(),
            });
        }
        ast::InlineExpression::TermReference { id, .. } => {
            terms.insert(format!("-{}", id.name));
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_refs(argument, variables, references, terms);
            }
            for named in &arguments.named {
                inline_refs(&named.value, variables, references, terms);
            }
        }
        ast::InlineExpression::Placeable { expression } => {
            expression_refs(expression, variables, references, terms);
        }
        _ => {}
    }
}

/// Every language's messages, merged over its files.
fn catalog() -> BTreeMap<Lang, Shape> {
    let mut all: BTreeMap<Lang, Shape> = BTreeMap::new();
    for (lang, name, text) in SOURCES {
        let shape = shape_of(&format!("{lang}/{name}"), text);
        let merged = all.entry(*lang).or_default();
        for (key, variables) in shape.variables {
            assert!(
                merged.variables.insert(key.clone(), variables).is_none(),
                "{lang}: {key} is defined in two files"
            );
        }
        merged.references.extend(shape.references);
        merged.terms.extend(shape.terms);
    }
    all
}

#[test]
fn every_file_has_its_twin_in_the_other_language() {
    let files = |lang: Lang| -> BTreeSet<&str> {
        SOURCES
            .iter()
            .filter(|(l, _, _)| *l == lang)
            .map(|(_, name, _)| *name)
            .collect()
    };
    assert_eq!(files(Lang::En), files(Lang::Es));
}

#[test]
fn both_languages_have_the_same_messages_with_the_same_placeholders() {
    let catalog = catalog();
    let en = &catalog[&Lang::En];
    let es = &catalog[&Lang::Es];
    let missing_in_es: Vec<_> = en
        .variables
        .keys()
        .filter(|k| !es.variables.contains_key(*k))
        .collect();
    let missing_in_en: Vec<_> = es
        .variables
        .keys()
        .filter(|k| !en.variables.contains_key(*k))
        .collect();
    assert!(
        missing_in_es.is_empty(),
        "missing in Spanish: {missing_in_es:?}"
    );
    assert!(
        missing_in_en.is_empty(),
        "missing in English: {missing_in_en:?}"
    );
    let differing: Vec<_> = en
        .variables
        .iter()
        .filter(|(key, variables)| es.variables.get(*key) != Some(variables))
        .map(|(key, variables)| format!("{key}: en {variables:?}, es {:?}", es.variables[key]))
        .collect();
    assert!(differing.is_empty(), "placeholders differ: {differing:#?}");
}

#[test]
fn every_reference_inside_a_message_leads_to_a_message() {
    for (lang, shape) in catalog() {
        for reference in shape.references.iter().chain(&shape.terms) {
            assert!(
                shape.variables.contains_key(reference),
                "{lang}: a message refers to {reference}, which does not exist"
            );
        }
    }
}

#[test]
fn the_catalog_speaks_both_languages() {
    assert_eq!(tr(Lang::En, "language-switch"), "Language");
    assert_eq!(tr(Lang::Es, "language-switch"), "Idioma");
    assert!(has(Lang::Es, "problem-not-found"));
    assert!(!has(Lang::Es, "no-such-message"));
    assert_eq!(tr(Lang::En, "no-such-message"), "no-such-message");
}

#[test]
fn plural_forms_follow_the_count() {
    let seconds = |lang, n: u64| {
        Text::new("problem-rate-limited-detail")
            .with("seconds", n)
            .say(lang)
    };
    assert_eq!(
        seconds(Lang::En, 1),
        "Too many attempts. Try again in 1 second."
    );
    assert_eq!(
        seconds(Lang::En, 30),
        "Too many attempts. Try again in 30 seconds."
    );
    assert_eq!(
        seconds(Lang::Es, 1),
        "Demasiados intentos. Vuelva a intentarlo en 1 segundo."
    );
    assert_eq!(
        seconds(Lang::Es, 30),
        "Demasiados intentos. Vuelva a intentarlo en 30 segundos."
    );
}

#[test]
fn placeholders_take_plain_words_numbers_and_other_messages() {
    let inner = Text::new("problem-not-found");
    let text = Text::plain("Ada");
    assert_eq!(text.say(Lang::Es), "Ada");
    assert_eq!(inner.key(), Some("problem-not-found"));
    assert_eq!(text.key(), None);
    assert_eq!(format::number(1500.0, Lang::Es), "1,500");
}

#[test]
fn accept_language_picks_the_preferred_language_endorse_speaks() {
    assert_eq!(Lang::negotiate("es-US,es;q=0.9,en;q=0.8"), Some(Lang::Es));
    assert_eq!(Lang::negotiate("en-US,en;q=0.9,es;q=0.8"), Some(Lang::En));
    assert_eq!(Lang::negotiate("fr-FR,fr;q=0.9,es;q=0.5"), Some(Lang::Es));
    assert_eq!(Lang::negotiate("en;q=0.2, es-MX"), Some(Lang::Es));
    assert_eq!(Lang::negotiate("es;q=0, en;q=0.1"), Some(Lang::En));
    assert_eq!(Lang::negotiate("fr, de"), None);
    assert_eq!(Lang::negotiate("*"), None);
    assert_eq!(Lang::negotiate(""), None);
    assert_eq!(Lang::negotiate("es;q=abc"), None);
    assert_eq!(Lang::negotiate("ES-419"), Some(Lang::Es));
}

/// Every key the code names exists: each string literal in the workspace's
/// sources shaped like a catalog key (`err-…`, `field-…`, `stale-…`), whose
/// first word is one the catalog uses, must be a message of the catalog.
#[test]
fn every_key_the_code_names_is_in_the_catalog() {
    let catalog = catalog();
    let known = &catalog[&Lang::En].variables;
    let prefixes: BTreeSet<&str> = known.keys().filter_map(|k| k.split('-').next()).collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut missing = Vec::new();
    for dir in ["shared/src", "api/src", "frontend/src"] {
        let mut stack = vec![root.join(dir)];
        while let Some(path) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&path) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap_or_default();
                let pieces: Vec<&str> = source.split('"').collect();
                for (i, literal) in pieces.iter().enumerate().skip(1).step_by(2) {
                    let before = pieces[i - 1].trim_end();
                    let asks = before.ends_with("Text::new(")
                        || before.ends_with("=>")
                        || before.ends_with("t(lang,")
                        || before.ends_with("tr(lang,");
                    if !asks {
                        continue;
                    }
                    let looks_like_key = literal.contains('-')
                        && !literal.starts_with('-')
                        && literal.chars().all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'
                        })
                        && literal
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_lowercase());
                    let prefix = literal.split('-').next().unwrap_or_default();
                    if looks_like_key && prefixes.contains(prefix) && !known.contains_key(*literal)
                    {
                        missing.push(format!("{}: {literal}", path.display()));
                    }
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys the code names but the catalog lacks: {missing:#?}"
    );
}

#[test]
fn words_an_association_writes_read_as_a_string_or_a_table_per_language() {
    let plain: LocalText = serde_json::from_str("\"Reflection\"").unwrap_or_default();
    assert_eq!(plain.get(Lang::Es), "Reflection");
    assert_eq!(
        serde_json::to_string(&plain).unwrap_or_default(),
        "\"Reflection\""
    );
    let both: LocalText =
        serde_json::from_str(r#"{"en":"Reflection","es":"Reflexión"}"#).unwrap_or_default();
    assert_eq!(both.get(Lang::En), "Reflection");
    assert_eq!(both.get(Lang::Es), "Reflexión");
    assert_eq!(&*both, "Reflection");
    let blank: LocalText =
        serde_json::from_str(r#"{"en":"Reflection","es":"  "}"#).unwrap_or_default();
    assert_eq!(blank.get(Lang::Es), "Reflection");
    assert!(serde_json::from_str::<LocalText>("{\"es\":\"solo\"}").is_err());
}

#[test]
fn the_default_rulebook_speaks_spanish_where_it_has_words_of_its_own() {
    let rulebook = crate::rulebook::Rulebook::default_rulebook().unwrap_or_else(|e| panic!("{e}"));
    let spanish = |text: &LocalText, what: &str| {
        assert!(
            text.es
                .as_deref()
                .is_some_and(|es| es != text.en.as_str() || text.en == "Supervisor"),
            "{what} has no Spanish: {}",
            text.en
        );
    };
    for domain in &rulebook.competency_domains {
        spanish(&domain.name, "a domain's name");
        spanish(&domain.description, "a domain's description");
    }
    for level in &rulebook.review.rubric {
        spanish(&level.label, "a rubric level");
        spanish(&level.anchor, "a rubric anchor");
    }
    for category in &rulebook.categories {
        spanish(&category.scope, "a scope");
        for work in &category.work {
            spanish(&work.label, "a work requirement");
        }
        for slot in &category.references.required {
            spanish(&slot.label, "a reference slot");
        }
    }
}

#[test]
fn every_catalog_file_on_disk_is_compiled_in() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for lang in Lang::ALL {
        let on_disk: BTreeSet<String> = std::fs::read_dir(root.join(lang.code()))
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .filter(|name| name.ends_with(".ftl"))
                    .collect()
            })
            .unwrap_or_default();
        let compiled: BTreeSet<String> = SOURCES
            .iter()
            .filter(|(l, _, _)| *l == lang)
            .map(|(_, name, _)| name.to_string())
            .collect();
        assert_eq!(on_disk, compiled, "{lang:?}: add new files to SOURCES");
    }
}
