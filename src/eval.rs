//! `kyc eval DIR`: accuracy of the extraction against `DIR/truth.json` (the format of `../shared/testdata`).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use serde_json::Value;

use crate::extract::text::{icao_transliterate, strip_accents};
use crate::extract::{DocumentHint, Fields, Rule};
use crate::imaging;
use crate::kyc::IdType;
use crate::ocr::TextReader;
use crate::pipeline;

/// (truth key, API field name, accessor).
type Getter = fn(&Fields) -> &Option<crate::extract::Field>;
const FIELDS: &[(&str, Getter)] = &[
    ("last_name", |f| &f.last_name),
    ("first_name", |f| &f.first_name),
    ("birth_date", |f| &f.birth_date),
    ("issue_date", |f| &f.issue_date),
    ("expire_date", |f| &f.expire_date),
    ("gender", |f| &f.gender),
    ("nationality", |f| &f.nationality),
    ("document_number", |f| &f.document_number),
    ("identity_number", |f| &f.identity_number),
];
const KEY_FIELDS: &[&str] = &["last_name", "first_name", "birth_date", "expire_date", "identity_number"];

fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect()
}

/// Whether our value equals the truth: names upper-case, either with the accents exactly as printed or without
/// any (accent-free or ICAO transliterated, as the MRZ writes them), or any `alt` spelling; numbers ignoring
/// separators; everything else exactly. A name that carries accents must carry the printed ones: "ZOÊ" is no
/// reading of "Zoë" (a recogniser confuses the marks above a letter; folding them away here would hide it).
fn matches(field: &str, ours: &str, truth: &str, alts: &[String]) -> bool {
    match field {
        "last_name" | "first_name" => {
            let o = ours.to_uppercase();
            let t = truth.to_uppercase();
            let norm = |s: &str| s.replace(['-', '\''], " ").split_whitespace().collect::<Vec<_>>().join(" ");
            let plain = o.is_ascii();
            let truth_forms =
                if plain { vec![t.clone(), strip_accents(&t), icao_transliterate(&t)] } else { vec![t.clone()] };
            truth_forms.iter().any(|f| norm(f) == norm(&o)) || alts.iter().any(|a| norm(&a.to_uppercase()) == norm(&o))
        }
        "document_number" | "identity_number" => squash(ours) == squash(truth),
        _ => ours == truth,
    }
}

#[derive(Default)]
struct Tally {
    expected: usize,
    correct: usize,
    accepted: usize,
    false_accepts: usize,
}

/// Headline figures of one evaluation.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub documents_all_key_exact: (usize, usize),
    pub mrz_all_seven_exact: (usize, usize),
    pub accepted: usize,
    pub false_accepts: usize,
    pub unreadable_refused: (usize, usize),
}

pub fn run(
    engine: &dyn TextReader,
    dir: &Path,
    today: chrono::NaiveDate,
) -> Result<Summary, Box<dyn std::error::Error>> {
    let truth: Vec<Value> = serde_json::from_slice(&std::fs::read(dir.join("truth.json"))?)?;
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    // The false-accept audit: accepted and wrong values per acceptance rule.
    let mut per_rule: BTreeMap<Rule, (usize, usize)> = BTreeMap::new();
    let mut docs_all_key = (0usize, 0usize);
    let mut per_type: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut per_family: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut mrz_docs = (0usize, 0usize);
    let mut unreadable = (0usize, 0usize);
    let mut failures: Vec<String> = Vec::new();
    let mut total_ms = 0f64;
    for doc in &truth {
        let file = doc["file"].as_str().unwrap_or_default();
        let id_type: IdType = doc["doc_type"].as_str().unwrap_or("universal").parse().unwrap_or(IdType::Universal);
        let country = doc["issuing_country"].as_str().unwrap_or("").to_owned();
        let t0 = Instant::now();
        let front = imaging::decode(&std::fs::read(dir.join(file))?)?;
        let back = match doc["back_file"].as_str() {
            Some(b) => Some(imaging::decode(&std::fs::read(dir.join(b))?)?),
            None => None,
        };
        let hint = DocumentHint { id_type, country };
        let scan = pipeline::scan(engine, &front.rgb, back.as_ref().map(|b| &b.rgb), &hint, today)?;
        total_ms += t0.elapsed().as_secs_f64() * 1000.0;
        let fields = &scan.extraction.fields;
        let truth_fields = &doc["fields"];
        let alts = |k: &str| -> Vec<String> {
            doc["alt"][k]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
                .unwrap_or_default()
        };
        let truth_of = |k: &str| -> Option<String> {
            match k {
                "identity_number" => truth_fields["identity_number"]
                    .as_str()
                    .or(truth_fields["document_number"].as_str())
                    .map(str::to_owned),
                _ => truth_fields[k].as_str().map(str::to_owned),
            }
        };
        if doc["expect_unreadable"].as_bool() == Some(true) || doc["doc_type"] == "other" {
            unreadable.1 += 1;
            let no_accepts = fields.api_entries().iter().all(|(_, f)| f.as_ref().is_none_or(|f| !f.accepted));
            if no_accepts && !scan.extraction.retry.is_empty() {
                unreadable.0 += 1;
            } else {
                failures.push(format!("{file}: unreadable document was not refused ({:?})", scan.extraction.retry));
            }
            continue;
        }
        let mut all_key = true;
        for &(name, get) in FIELDS {
            let tally = tallies.entry(name).or_default();
            let ours = get(fields);
            let want = truth_of(name);
            let ok = match (&want, ours) {
                (Some(w), Some(o)) => matches(name, &o.value, w, &alts(name)),
                (None, _) => true,
                (Some(_), None) => false,
            };
            if want.is_some() {
                tally.expected += 1;
                tally.correct += usize::from(ok);
            }
            if let Some(o) = ours
                && o.accepted
            {
                tally.accepted += 1;
                let rule = per_rule.entry(o.rule.unwrap_or(Rule::R1)).or_default();
                rule.0 += 1;
                if want.is_none() || !ok {
                    tally.false_accepts += 1;
                    rule.1 += 1;
                    failures.push(format!(
                        "{file}: FALSE ACCEPT {name} = {:?} by {:?} (truth {:?})",
                        o.value, o.rule, want
                    ));
                }
            }
            if want.is_some() && !ok {
                failures.push(format!("{file}: {name} = {:?}, truth {:?}", ours.as_ref().map(|o| &o.value), want));
                if KEY_FIELDS.contains(&name) {
                    all_key = false;
                }
            }
        }
        docs_all_key.1 += 1;
        docs_all_key.0 += usize::from(all_key);
        let e = per_type.entry(doc["doc_type"].as_str().unwrap_or("?").to_owned()).or_default();
        e.1 += 1;
        e.0 += usize::from(all_key);
        if let Some(family) = doc["layout_family"].as_str() {
            let e = per_family.entry(family.to_owned()).or_default();
            e.1 += 1;
            e.0 += usize::from(all_key);
        }
        if doc["mrz"].is_array() {
            mrz_docs.1 += 1;
            let seven =
                ["last_name", "first_name", "document_number", "nationality", "birth_date", "gender", "expire_date"];
            let all_seven = seven.iter().all(|k| {
                let get = FIELDS.iter().find(|(n, _)| n == k).unwrap().1;
                match (truth_of(k), get(fields)) {
                    (Some(w), Some(o)) => matches(k, &o.value, &w, &alts(k)),
                    (None, _) => true,
                    _ => false,
                }
            });
            mrz_docs.0 += usize::from(all_seven);
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    println!(
        "evaluation of {} ({} documents, {:.0} ms per document)",
        dir.display(),
        truth.len(),
        total_ms / truth.len().max(1) as f64
    );
    println!("{:16} {:>9} {:>9} {:>9} {:>13}", "field", "accuracy", "read/exp", "accepted", "false accept");
    let (mut acc_total, mut fa_total) = (0, 0);
    for &(name, _) in FIELDS {
        let t = &tallies[name];
        acc_total += t.accepted;
        fa_total += t.false_accepts;
        println!(
            "{:16} {:>8.1}% {:>4}/{:<4} {:>9} {:>13}",
            name,
            pct(t.correct, t.expected),
            t.correct,
            t.expected,
            t.accepted,
            t.false_accepts
        );
    }
    println!(
        "all key fields exact:      {:.1}% ({}/{})",
        pct(docs_all_key.0, docs_all_key.1),
        docs_all_key.0,
        docs_all_key.1
    );
    for (t, (ok, n)) in &per_type {
        println!("  {t:28} {:.1}% ({ok}/{n})", pct(*ok, *n));
    }
    // Generated sets name each document's layout family, so held-out families retired into tuning can be told
    // apart from the ones still never read.
    if !per_family.is_empty() {
        println!("by layout family:");
        for (f, (ok, n)) in &per_family {
            println!("  {f:28} {:.1}% ({ok}/{n})", pct(*ok, *n));
        }
    }
    if mrz_docs.1 > 0 {
        println!(
            "MRZ documents, all 7 MRZ fields exact: {:.1}% ({}/{})",
            pct(mrz_docs.0, mrz_docs.1),
            mrz_docs.0,
            mrz_docs.1
        );
    }
    println!("false accepts:             {:.2}% of accepted fields ({fa_total}/{acc_total})", pct(fa_total, acc_total));
    let audit: Vec<String> = Rule::ALL
        .iter()
        .map(|r| {
            let (n, wrong) = per_rule.get(r).copied().unwrap_or_default();
            format!("{r:?} {n}/{wrong}")
        })
        .collect();
    println!("accepted/wrong by rule:    {}", audit.join("  "));
    println!("unreadable/negative documents refused: {}/{}", unreadable.0, unreadable.1);
    println!("\nfailures:");
    for f in &failures {
        println!("  {f}");
    }
    Ok(Summary {
        documents_all_key_exact: docs_all_key,
        mrz_all_seven_exact: mrz_docs,
        accepted: acc_total,
        false_accepts: fa_total,
        unreadable_refused: unreadable,
    })
}
