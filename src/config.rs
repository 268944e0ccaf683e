//! Typed configuration from `KYC_*` environment variables, read and checked once at start-up.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::kyc::Country;

#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(pub String);

/// Where submissions are stored.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageConfig {
    /// A directory for images and an SQLite file for records.
    Local { data_dir: PathBuf },
    /// S3 + DynamoDB (credentials, region and endpoint from the standard AWS variables).
    Aws { bucket: String, table: String },
}

/// Project options (deployment-wide KYC policy); `customOptions` can switch them off per submission.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProjectOptions {
    pub blacklist_countries: HashSet<String>,
    /// Minimum holder age in years.
    pub age_limit: Option<u32>,
    /// Days after an approval during which the same holder may not submit again.
    pub approve_period_days: Option<u32>,
    /// Days after a rejection during which the same holder may not submit again.
    pub reject_period_days: Option<u32>,
    pub reject_duplicate_user: bool,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub api_keys: Vec<String>,
    pub admin_keys: Vec<String>,
    pub storage: StorageConfig,
    pub options: ProjectOptions,
}

fn list(v: Option<String>) -> Vec<String> {
    v.map(|s| s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()).unwrap_or_default()
}

impl Config {
    /// Read from a variable lookup (the process environment in production, a map in tests).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let api_keys = list(get("KYC_API_KEYS"));
        if api_keys.is_empty() {
            return Err(ConfigError("KYC_API_KEYS must list at least one API key (comma-separated)".into()));
        }
        let storage = match get("KYC_STORAGE").as_deref().unwrap_or("local") {
            "local" => StorageConfig::Local {
                data_dir: PathBuf::from(get("KYC_DATA_DIR").unwrap_or_else(|| "./kyc-data".into())),
            },
            "aws" => StorageConfig::Aws {
                bucket: get("KYC_S3_BUCKET").ok_or_else(|| ConfigError("KYC_S3_BUCKET is required with KYC_STORAGE=aws".into()))?,
                table: get("KYC_DYNAMODB_TABLE")
                    .ok_or_else(|| ConfigError("KYC_DYNAMODB_TABLE is required with KYC_STORAGE=aws".into()))?,
            },
            other => return Err(ConfigError(format!("KYC_STORAGE must be `local` or `aws`, not {other:?}"))),
        };
        let number = |name: &str| -> Result<Option<u32>, ConfigError> {
            get(name)
                .filter(|v| !v.trim().is_empty())
                .map(|v| v.trim().parse::<u32>().map_err(|_| ConfigError(format!("{name} must be a whole number, not {v:?}"))))
                .transpose()
        };
        let mut blacklist = HashSet::new();
        for c in list(get("KYC_BLACKLIST_COUNTRIES")) {
            blacklist.insert(Country::parse(&c).map_err(|e| ConfigError(format!("KYC_BLACKLIST_COUNTRIES: {e}")))?.to_string());
        }
        let options = ProjectOptions {
            blacklist_countries: blacklist,
            age_limit: number("KYC_AGE_LIMIT")?,
            approve_period_days: number("KYC_APPROVE_PERIOD_DAYS")?,
            reject_period_days: number("KYC_REJECT_PERIOD_DAYS")?,
            reject_duplicate_user: match get("KYC_REJECT_DUPLICATE_USER").as_deref().map(str::trim) {
                None | Some("") | Some("false") => false,
                Some("true") => true,
                Some(v) => return Err(ConfigError(format!("KYC_REJECT_DUPLICATE_USER must be true or false, not {v:?}"))),
            },
        };
        Ok(Self { api_keys, admin_keys: list(get("KYC_ADMIN_KEYS")), storage, options })
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let m: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|k| m.get(k).cloned())
    }

    #[test]
    fn api_keys_are_required() {
        assert!(cfg(&[]).is_err());
        assert_eq!(cfg(&[("KYC_API_KEYS", "a, b")]).unwrap().api_keys, ["a", "b"]);
    }

    #[test]
    fn options_are_parsed_and_checked() {
        let c = cfg(&[
            ("KYC_API_KEYS", "k"),
            ("KYC_BLACKLIST_COUNTRIES", "kp,IRN"),
            ("KYC_AGE_LIMIT", "18"),
            ("KYC_REJECT_DUPLICATE_USER", "true"),
        ])
        .unwrap();
        assert!(c.options.blacklist_countries.contains("PRK") && c.options.blacklist_countries.contains("IRN"));
        assert_eq!(c.options.age_limit, Some(18));
        assert!(c.options.reject_duplicate_user);
        assert!(cfg(&[("KYC_API_KEYS", "k"), ("KYC_AGE_LIMIT", "eighteen")]).is_err());
        assert!(cfg(&[("KYC_API_KEYS", "k"), ("KYC_STORAGE", "aws")]).is_err());
    }
}
