//! Typed configuration from `KYC_*` environment variables, read and checked once at start-up.
//!
//! Projects: every API key belongs to one project, whose options apply to its submissions and whose submissions
//! only its keys can see. `KYC_PROJECTS` (JSON) or `KYC_PROJECTS_FILE` (a JSON file) list the projects; without
//! them, `KYC_API_KEYS`/`KYC_ADMIN_KEYS` and the `KYC_*` option variables form one project called `default`.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

use crate::kyc::{Country, ProjectId, ProjectOptions};

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

/// One tenant of the service: its keys and its KYC policy.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Project {
    pub id: ProjectId,
    /// Client keys (`x-api-key`) of this project.
    #[serde(default)]
    pub api_keys: Vec<String>,
    /// Back-office keys: decisions on this project's submissions.
    #[serde(default)]
    pub admin_keys: Vec<String>,
    /// API Gateway usage-plan key ids (`requestContext.identity.apiKeyId`) that identify this project when the
    /// gateway has already checked the key (the deployed Lambda); `*` takes any key the gateway verified.
    #[serde(default)]
    pub gateway_key_ids: Vec<String>,
    /// IAM principals (`requestContext.identity.userArn`) API Gateway authorised on the decision route (AWS_IAM)
    /// that decide this project's submissions; `*` takes any principal the route's IAM policy lets in.
    #[serde(default)]
    pub admin_principals: Vec<String>,
    #[serde(default)]
    pub options: ProjectOptions,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectsFile {
    projects: Vec<Project>,
}

/// How much work the process takes on at once (see README, "Load and abuse").
#[derive(Clone, Debug, PartialEq)]
pub struct Limits {
    /// Documents decoded and read at the same time.
    pub ocr_workers: usize,
    /// Documents waiting for a worker; beyond this the answer is 503 `server_busy`.
    pub ocr_queue: usize,
    /// Open connections of the local server; beyond this new connections get 503 and are closed.
    pub max_connections: usize,
    /// Time a client has to send the request head, and the idle time allowed between requests.
    pub header_timeout: Duration,
    /// Time a client has to send the whole body.
    pub body_timeout: Duration,
    /// Bytes of request bodies held in memory at once, over all requests.
    pub body_budget_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self {
            ocr_workers: cores,
            ocr_queue: 4 * cores,
            max_connections: 256,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            body_budget_bytes: 96 * 1024 * 1024,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub projects: Vec<Project>,
    pub storage: StorageConfig,
    pub limits: Limits,
}

fn list(v: Option<String>) -> Vec<String> {
    v.map(|s| s.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()).unwrap_or_default()
}

impl Config {
    /// Read from a variable lookup (the process environment in production, a map in tests).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let storage = match get("KYC_STORAGE").as_deref().unwrap_or("local") {
            "local" => StorageConfig::Local {
                data_dir: PathBuf::from(get("KYC_DATA_DIR").unwrap_or_else(|| "./kyc-data".into())),
            },
            "aws" => StorageConfig::Aws {
                bucket: get("KYC_S3_BUCKET")
                    .ok_or_else(|| ConfigError("KYC_S3_BUCKET is required with KYC_STORAGE=aws".into()))?,
                table: get("KYC_DYNAMODB_TABLE")
                    .ok_or_else(|| ConfigError("KYC_DYNAMODB_TABLE is required with KYC_STORAGE=aws".into()))?,
            },
            other => return Err(ConfigError(format!("KYC_STORAGE must be `local` or `aws`, not {other:?}"))),
        };
        let number = |name: &str| -> Result<Option<u32>, ConfigError> {
            get(name)
                .filter(|v| !v.trim().is_empty())
                .map(|v| {
                    v.trim()
                        .parse::<u32>()
                        .map_err(|_| ConfigError(format!("{name} must be a whole number, not {v:?}")))
                })
                .transpose()
        };
        let projects = match (get("KYC_PROJECTS"), get("KYC_PROJECTS_FILE")) {
            (Some(_), Some(_)) => return Err(ConfigError("set KYC_PROJECTS or KYC_PROJECTS_FILE, not both".into())),
            (Some(json), None) => parse_projects(&json, "KYC_PROJECTS")?,
            (None, Some(path)) => {
                let json = std::fs::read_to_string(&path)
                    .map_err(|e| ConfigError(format!("KYC_PROJECTS_FILE {path}: {e}")))?;
                parse_projects(&json, &path)?
            }
            (None, None) => {
                let mut blacklist = std::collections::BTreeSet::new();
                for c in list(get("KYC_BLACKLIST_COUNTRIES")) {
                    blacklist
                        .insert(Country::parse(&c).map_err(|e| ConfigError(format!("KYC_BLACKLIST_COUNTRIES: {e}")))?);
                }
                let options = ProjectOptions {
                    blacklist_countries: blacklist,
                    age_limit: number("KYC_AGE_LIMIT")?,
                    approve_period_days: number("KYC_APPROVE_PERIOD_DAYS")?,
                    reject_period_days: number("KYC_REJECT_PERIOD_DAYS")?,
                    reject_duplicate_user: match get("KYC_REJECT_DUPLICATE_USER").as_deref().map(str::trim) {
                        None | Some("") | Some("false") => false,
                        Some("true") => true,
                        Some(v) => {
                            return Err(ConfigError(format!(
                                "KYC_REJECT_DUPLICATE_USER must be true or false, not {v:?}"
                            )));
                        }
                    },
                };
                vec![Project {
                    id: ProjectId::default_project(),
                    api_keys: list(get("KYC_API_KEYS")),
                    admin_keys: list(get("KYC_ADMIN_KEYS")),
                    gateway_key_ids: list(get("KYC_GATEWAY_KEY_IDS")),
                    admin_principals: list(get("KYC_ADMIN_PRINCIPALS")),
                    options,
                }]
            }
        };
        check_projects(&projects)?;
        let mut limits = Limits::default();
        let positive = |name: &str| -> Result<Option<usize>, ConfigError> {
            match number(name)? {
                Some(0) => Err(ConfigError(format!("{name} must be at least 1"))),
                n => Ok(n.map(|n| n as usize)),
            }
        };
        if let Some(n) = positive("KYC_OCR_WORKERS")? {
            limits.ocr_workers = n;
        }
        limits.ocr_queue = match number("KYC_OCR_QUEUE")? {
            Some(n) => n as usize,
            None => 4 * limits.ocr_workers,
        };
        if let Some(n) = positive("KYC_MAX_CONNECTIONS")? {
            limits.max_connections = n;
        }
        Ok(Self { projects, storage, limits })
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }
}

fn parse_projects(json: &str, source: &str) -> Result<Vec<Project>, ConfigError> {
    let file: ProjectsFile = serde_json::from_str(json).map_err(|e| ConfigError(format!("{source}: {e}")))?;
    Ok(file.projects)
}

/// At least one way in; ids unique; every key names exactly one project (a key in two projects would make the
/// project of a request ambiguous).
fn check_projects(projects: &[Project]) -> Result<(), ConfigError> {
    if !projects.iter().any(|p| !p.api_keys.is_empty() || !p.gateway_key_ids.is_empty()) {
        return Err(ConfigError(
            "no API key: set KYC_API_KEYS (comma-separated) or list projects in KYC_PROJECTS / KYC_PROJECTS_FILE"
                .into(),
        ));
    }
    let wildcards = projects.iter().filter(|p| p.gateway_key_ids.iter().any(|k| k == "*")).count();
    if wildcards > 0 && projects.len() > 1 {
        return Err(ConfigError("a gateway key id `*` is only allowed with a single project".into()));
    }
    let mut ids = HashSet::new();
    let mut keys = HashSet::new();
    for p in projects {
        if !ids.insert(p.id.as_str()) {
            return Err(ConfigError(format!("project {} is listed twice", p.id)));
        }
        for k in p.api_keys.iter().chain(&p.admin_keys) {
            if k.len() < 8 {
                return Err(ConfigError(format!("a key of project {} is shorter than 8 characters", p.id)));
            }
            if !keys.insert(k.as_str()) {
                return Err(ConfigError(format!(
                    "a key of project {} is used twice (each key belongs to one project and one role)",
                    p.id
                )));
            }
        }
        for k in p.gateway_key_ids.iter().filter(|k| *k != "*") {
            if !keys.insert(k.as_str()) {
                return Err(ConfigError(format!("gateway key id {k} of project {} is used twice", p.id)));
            }
        }
    }
    Ok(())
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
    fn a_single_key_list_makes_the_default_project() {
        assert!(cfg(&[]).is_err());
        let c = cfg(&[("KYC_API_KEYS", "key-aaaa-1, key-bbbb-2")]).unwrap();
        assert_eq!(c.projects.len(), 1);
        assert_eq!(c.projects[0].id.as_str(), "default");
        assert_eq!(c.projects[0].api_keys, ["key-aaaa-1", "key-bbbb-2"]);
    }

    #[test]
    fn options_are_parsed_and_checked() {
        let c = cfg(&[
            ("KYC_API_KEYS", "key-aaaa-1"),
            ("KYC_BLACKLIST_COUNTRIES", "kp,IRN"),
            ("KYC_AGE_LIMIT", "18"),
            ("KYC_REJECT_DUPLICATE_USER", "true"),
        ])
        .unwrap();
        let o = &c.projects[0].options;
        assert!(o.blacklist_countries.contains(&Country::parse("PRK").unwrap()));
        assert_eq!(o.age_limit, Some(18));
        assert!(o.reject_duplicate_user);
        assert!(cfg(&[("KYC_API_KEYS", "key-aaaa-1"), ("KYC_AGE_LIMIT", "eighteen")]).is_err());
        assert!(cfg(&[("KYC_API_KEYS", "key-aaaa-1"), ("KYC_STORAGE", "aws")]).is_err());
    }

    #[test]
    fn projects_come_from_json_and_a_key_belongs_to_one_project() {
        let json = r#"{"projects": [
            {"id": "acme", "apiKeys": ["acme-key-1"], "adminKeys": ["acme-admin-1"], "options": {"ageLimit": 21}},
            {"id": "globex", "apiKeys": ["globex-key-1"]}
        ]}"#;
        let c = cfg(&[("KYC_PROJECTS", json)]).unwrap();
        assert_eq!(c.projects.len(), 2);
        assert_eq!(c.projects[0].options.age_limit, Some(21));
        let shared =
            r#"{"projects": [{"id": "a", "apiKeys": ["same-key-1"]}, {"id": "b", "apiKeys": ["same-key-1"]}]}"#;
        assert!(cfg(&[("KYC_PROJECTS", shared)]).is_err());
        let twice = r#"{"projects": [{"id": "a", "apiKeys": ["key-aaaa-1"]}, {"id": "a", "apiKeys": ["key-bbbb-1"]}]}"#;
        assert!(cfg(&[("KYC_PROJECTS", twice)]).is_err());
        let unknown = r#"{"projects": [{"id": "a", "apiKey": ["key-aaaa-1"]}]}"#;
        assert!(cfg(&[("KYC_PROJECTS", unknown)]).is_err());
    }

    #[test]
    fn limits_default_to_the_machine_and_can_be_set() {
        let c = cfg(&[("KYC_API_KEYS", "key-aaaa-1"), ("KYC_OCR_WORKERS", "3")]).unwrap();
        assert_eq!((c.limits.ocr_workers, c.limits.ocr_queue), (3, 12));
        assert!(cfg(&[("KYC_API_KEYS", "key-aaaa-1"), ("KYC_OCR_WORKERS", "0")]).is_err());
    }
}
