//! The ID Type & Rear-side Collection rules (`data/id-types.json`, served by `GET /id-types`): which documents
//! need `idBackImage`, and which recommend it.

use serde::Deserialize;

use super::{Country, IdType};

pub const ID_TYPES_JSON: &str = include_str!("../../data/id-types.json");

#[derive(Clone, Debug, Deserialize)]
pub struct IdTypeRules {
    pub rules: Vec<IdTypeRule>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdTypeRule {
    pub id_type: IdType,
    pub country: String,
    pub back_required: bool,
    #[serde(default)]
    pub back_recommended: bool,
}

impl IdTypeRules {
    pub fn embedded() -> Self {
        serde_json::from_str(ID_TYPES_JSON).expect("data/id-types.json is valid (checked by a test)")
    }

    /// The most specific rule: the country's own, else the `*` rule of the type.
    fn rule(&self, id_type: IdType, country: &Country) -> Option<&IdTypeRule> {
        let of_type = || self.rules.iter().filter(move |r| r.id_type == id_type);
        of_type().find(|r| r.country == country.as_str()).or_else(|| of_type().find(|r| r.country == "*"))
    }

    pub fn back_required(&self, id_type: IdType, country: &Country) -> bool {
        self.rule(id_type, country).is_some_and(|r| r.back_required)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rear_side_rules_prefer_the_country_rule() {
        let rules = IdTypeRules::embedded();
        let c = |s| Country::parse(s).unwrap();
        assert!(rules.back_required(IdType::GovernmentId, &c("NLD")));
        assert!(!rules.back_required(IdType::GovernmentId, &c("KOR")));
        assert!(!rules.back_required(IdType::Passport, &c("NLD")));
        assert!(rules.back_required(IdType::ResidencePermit, &c("DEU")));
        assert!(!rules.back_required(IdType::DriversLicense, &c("USA")));
    }
}
