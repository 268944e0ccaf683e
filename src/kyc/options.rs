//! Project options (a project's KYC policy) and `customOptions` (per-submission switches of those options).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::Country;

/// A project's KYC policy; `customOptions` may switch parts of it off for one submission.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProjectOptions {
    /// Issuing countries and nationalities refused (`blacklistCountry`).
    #[serde(default)]
    pub blacklist_countries: BTreeSet<Country>,
    /// Minimum holder age in years.
    #[serde(default)]
    pub age_limit: Option<u32>,
    /// Days after an approval during which the same holder may not submit again.
    #[serde(default)]
    pub approve_period_days: Option<u32>,
    /// Days after a rejection during which the same holder may not submit again.
    #[serde(default)]
    pub reject_period_days: Option<u32>,
    /// Refuse a second live submission of the same email, user id or holder.
    #[serde(default)]
    pub reject_duplicate_user: bool,
}

/// `customOptions`: per-submission switches. Only `false` turns an option off; `rejectDuplicateUser` may be either.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomOptions {
    #[serde(default)]
    pub blacklist_countries_off: bool,
    #[serde(default)]
    pub approve_period_off: bool,
    #[serde(default)]
    pub reject_period_off: bool,
    #[serde(default)]
    pub age_limit_off: bool,
    #[serde(default)]
    pub reject_duplicate_user: Option<bool>,
}

/// A JSON object's entries in order, duplicates kept (see [`CustomOptions::parse`]).
struct Entries(Vec<(String, serde_json::Value)>);

impl<'de> serde::Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(Visitor)
    }
}

impl CustomOptions {
    /// Parse the JSON string the client sends; every deviation is an error naming the key.
    pub fn parse(json: &str) -> Result<Self, String> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| format!("customOptions is not valid JSON: {e}"))?;
        if !value.is_object() {
            return Err("customOptions must be a JSON object".to_owned());
        }
        // A JSON object read into a map keeps the last of two equal keys, another reader may keep the first: the
        // entries are read in order, and a key given twice is refused.
        let Entries(entries) =
            serde_json::from_str(json).map_err(|e| format!("customOptions is not valid JSON: {e}"))?;
        let mut seen = std::collections::HashSet::new();
        if let Some((k, _)) = entries.iter().find(|(k, _)| !seen.insert(k.as_str())) {
            return Err(format!("customOptions has the key {k:?} more than once"));
        }
        let mut out = CustomOptions::default();
        for (k, v) in &entries {
            let only_false = |v: &serde_json::Value| match v {
                serde_json::Value::Bool(false) => Ok(true),
                _ => Err(format!("customOptions.{k} accepts only false")),
            };
            match k.as_str() {
                "blacklistCountries" => out.blacklist_countries_off = only_false(v)?,
                "approvePeriod" => out.approve_period_off = only_false(v)?,
                "rejectPeriod" => out.reject_period_off = only_false(v)?,
                "ageLimit" => out.age_limit_off = only_false(v)?,
                "rejectDuplicateUser" => {
                    out.reject_duplicate_user =
                        Some(v.as_bool().ok_or("customOptions.rejectDuplicateUser must be true or false")?)
                }
                _ => return Err(format!("customOptions has an unknown key {k:?}")),
            }
        }
        Ok(out)
    }

    /// The object as the client sent it (the reference's names), for echoing in responses.
    pub fn as_client_json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        if self.blacklist_countries_off {
            m.insert("blacklistCountries".into(), false.into());
        }
        if self.approve_period_off {
            m.insert("approvePeriod".into(), false.into());
        }
        if self.reject_period_off {
            m.insert("rejectPeriod".into(), false.into());
        }
        if self.age_limit_off {
            m.insert("ageLimit".into(), false.into());
        }
        if let Some(v) = self.reject_duplicate_user {
            m.insert("rejectDuplicateUser".into(), v.into());
        }
        serde_json::Value::Object(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_options_accept_only_what_the_reference_allows() {
        let c = CustomOptions::parse(r#"{"blacklistCountries":false,"rejectDuplicateUser":true}"#).unwrap();
        assert!(c.blacklist_countries_off);
        assert_eq!(c.reject_duplicate_user, Some(true));
        assert!(CustomOptions::parse(r#"{"ageLimit":true}"#).is_err());
        assert!(CustomOptions::parse(r#"{"agelimit":false}"#).is_err());
        assert!(CustomOptions::parse("[]").is_err());
        assert!(CustomOptions::parse("{").is_err());
    }

    #[test]
    fn a_key_given_twice_is_refused_whichever_value_comes_last() {
        for twice in [r#"{"ageLimit":true,"ageLimit":false}"#, r#"{"ageLimit":false,"ageLimit":false}"#] {
            let e = CustomOptions::parse(twice).unwrap_err();
            assert!(e.contains("more than once"), "{e}");
        }
    }

    #[test]
    fn custom_options_are_echoed_with_the_clients_names() {
        let c = CustomOptions::parse(r#"{"ageLimit":false,"rejectDuplicateUser":false}"#).unwrap();
        assert_eq!(c.as_client_json(), serde_json::json!({"ageLimit": false, "rejectDuplicateUser": false}));
    }

    #[test]
    fn project_options_read_from_json_with_countries_checked() {
        let o: ProjectOptions =
            serde_json::from_str(r#"{"blacklistCountries": ["PRK", "IRN"], "ageLimit": 18}"#).unwrap();
        assert_eq!(o.age_limit, Some(18));
        assert!(o.blacklist_countries.contains(&Country::parse("PRK").unwrap()));
        assert!(serde_json::from_str::<ProjectOptions>(r#"{"blacklistCountries": ["ZZZ"]}"#).is_err());
        assert!(serde_json::from_str::<ProjectOptions>(r#"{"agelimit": 18}"#).is_err());
    }
}
