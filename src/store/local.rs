//! Local storage for `kyc serve`: images in a directory, records in SQLite (bundled, so nothing to install).
//!
//! Same guarantees as the AWS backends: image writes are atomic (a temporary file, fsync, rename; the temporary
//! file is removed on any failure), record writes are conditional on the version read, and [`sweep`] plays the
//! part of the S3 lifecycle rules: images that no live or decided record points to are removed after a grace time.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use bytes::Bytes;
use rusqlite::{Connection, OptionalExtension, params};

use super::{ImageStore, Lookup, StoreError, SubmissionRecord, SubmissionStore, check_version_step, index_key};
use crate::kyc::{ProjectId, SubmissionId};

fn backend(e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(e.to_string())
}

/// Images under a root directory; keys are relative paths made only of safe characters.
pub struct DirImageStore {
    root: PathBuf,
}

/// Temporary files carry this suffix (and a unique stem), so a sweep can recognise what a crash left behind.
const TMP_SUFFIX: &str = ".tmp-upload";

/// Stored images and the database hold people's data: readable by the service's own user only, whatever the umask.
const PRIVATE_FILE_MODE: u32 = 0o600;
const PRIVATE_DIR_MODE: u32 = 0o700;

/// Create `dir` and its missing parents, each new one readable by the owner only.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, PRIVATE_DIR_MODE);
    builder.create(dir)
}

/// Open options for a new file readable and writable by the owner only.
fn private_new_file() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, PRIVATE_FILE_MODE);
    options
}

impl DirImageStore {
    pub fn new(root: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let root = root.into();
        create_private_dir(&root).map_err(backend)?;
        Ok(Self { root })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, key: &str) -> Result<PathBuf, StoreError> {
        let safe = !key.is_empty()
            && !key.contains("..")
            && !key.starts_with('/')
            && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'));
        if !safe {
            return Err(StoreError::Backend("unsafe image key".into()));
        }
        Ok(self.root.join(key))
    }
}

/// Write `bytes` to `path` atomically: a unique temporary file beside it, flushed to disk, renamed over the final
/// name, and the directory flushed too. On any failure the temporary file is removed, so a full disk leaves nothing.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("image");
    let tmp = dir.join(format!(".{name}.{}{TMP_SUFFIX}", uuid::Uuid::new_v4().simple()));
    let result = (|| {
        let mut f = private_new_file().open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        // The rename is durable only once the directory entry is.
        std::fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[async_trait]
impl ImageStore for DirImageStore {
    async fn put(&self, key: &str, bytes: Bytes, _content_type: &str) -> Result<(), StoreError> {
        let path = self.path(key)?;
        tokio::task::spawn_blocking(move || write_atomic(&path, &bytes).map_err(backend)).await.map_err(backend)?
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        match tokio::fs::read(self.path(key)?).await {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(backend(e)),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(backend(e)),
        }
    }

    /// Local retention follows the records (see [`sweep`]): nothing to mark.
    async fn retain(&self, key: &str) -> Result<(), StoreError> {
        self.path(key).map(|_| ())
    }
}

/// Records in one SQLite table: the record as JSON plus the columns that are queried or conditioned on.
pub struct SqliteSubmissionStore {
    conn: Arc<Mutex<Connection>>,
}

impl SqliteSubmissionStore {
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent() {
            create_private_dir(dir).map_err(backend)?;
        }
        // Created owner-only before SQLite opens it; SQLite gives its journal and WAL files the database's mode.
        match private_new_file().open(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(backend(e)),
        }
        Self::with_connection(Connection::open(path).map_err(backend)?)
    }

    pub fn in_memory() -> Result<Self, StoreError> {
        Self::with_connection(Connection::open_in_memory().map_err(backend)?)
    }

    fn with_connection(conn: Connection) -> Result<Self, StoreError> {
        conn.busy_timeout(Duration::from_secs(5)).map_err(backend)?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             CREATE TABLE IF NOT EXISTS submissions_v2 (
                 id TEXT PRIMARY KEY,
                 project TEXT NOT NULL,
                 version INTEGER NOT NULL,
                 email_key TEXT NOT NULL,
                 user_key TEXT,
                 holder_key TEXT,
                 expires_at INTEGER,
                 record TEXT NOT NULL
             );
             CREATE INDEX IF NOT EXISTS submissions_v2_email ON submissions_v2(email_key);
             CREATE INDEX IF NOT EXISTS submissions_v2_user ON submissions_v2(user_key);
             CREATE INDEX IF NOT EXISTS submissions_v2_holder ON submissions_v2(holder_key);",
        )
        .map_err(backend)?;
        Ok(Self { conn: Arc::new(Mutex::new(conn)) })
    }

    async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let guard = conn.lock().map_err(|_| StoreError::Backend("sqlite mutex poisoned".into()))?;
            f(&guard)
        })
        .await
        .map_err(backend)?
    }

    /// The image keys a record of any project holds, and whether it still counts (live or decided).
    async fn images_of(&self, id: SubmissionId, now: i64) -> Result<Option<Vec<String>>, StoreError> {
        self.with(move |c| {
            let json: Option<String> = c
                .query_row(
                    "SELECT record FROM submissions_v2 WHERE id = ?1 AND (expires_at IS NULL OR expires_at > ?2)",
                    params![id.to_string(), now],
                    |row| row.get(0),
                )
                .optional()
                .map_err(backend)?;
            json.map(|j| decode(j).map(|r| r.image_keys)).transpose()
        })
        .await
    }
}

fn decode(json: String) -> Result<SubmissionRecord, StoreError> {
    serde_json::from_str(&json).map_err(|e| super::undecodable(&e))
}

struct Columns {
    id: String,
    project: String,
    version: i64,
    email_key: String,
    user_key: Option<String>,
    holder_key: Option<String>,
    expires_at: Option<i64>,
    json: String,
}

fn columns(r: &SubmissionRecord) -> Result<Columns, StoreError> {
    Ok(Columns {
        id: r.id.to_string(),
        project: r.project.to_string(),
        version: r.version as i64,
        email_key: index_key(&r.project, r.email.as_str()),
        user_key: r.user_id.as_ref().map(|u| index_key(&r.project, u)),
        holder_key: r.holder_hash.as_ref().map(|h| index_key(&r.project, h)),
        expires_at: r.expires_at,
        json: serde_json::to_string(r).map_err(|e| super::undecodable(&e))?,
    })
}

#[async_trait]
impl SubmissionStore for SqliteSubmissionStore {
    async fn create(&self, r: &SubmissionRecord) -> Result<(), StoreError> {
        if r.version != 1 {
            return Err(StoreError::Backend(format!("a new record has version 1, not {}", r.version)));
        }
        let c = columns(r)?;
        self.with(move |conn| {
            let n = conn
                .execute(
                    "INSERT OR IGNORE INTO submissions_v2 (id, project, version, email_key, user_key, holder_key, expires_at, record)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![c.id, c.project, c.version, c.email_key, c.user_key, c.holder_key, c.expires_at, c.json],
                )
                .map_err(backend)?;
            if n == 1 { Ok(()) } else { Err(StoreError::Conflict) }
        })
        .await
    }

    async fn get(
        &self,
        project: &ProjectId,
        id: &SubmissionId,
        now: i64,
    ) -> Result<Option<SubmissionRecord>, StoreError> {
        let (project, id) = (project.to_string(), id.to_string());
        self.with(move |c| {
            let json: Option<String> = c
                .query_row(
                    "SELECT record FROM submissions_v2
                     WHERE id = ?1 AND project = ?2 AND (expires_at IS NULL OR expires_at > ?3)",
                    params![id, project, now],
                    |row| row.get(0),
                )
                .optional()
                .map_err(backend)?;
            json.map(decode).transpose()
        })
        .await
    }

    async fn replace(&self, r: &SubmissionRecord) -> Result<(), StoreError> {
        let expected = check_version_step(r)? as i64;
        let c = columns(r)?;
        self.with(move |conn| {
            let n = conn
                .execute(
                    "UPDATE submissions_v2 SET version = ?3, email_key = ?4, user_key = ?5, holder_key = ?6,
                     expires_at = ?7, record = ?8 WHERE id = ?1 AND project = ?2 AND version = ?9",
                    params![
                        c.id,
                        c.project,
                        c.version,
                        c.email_key,
                        c.user_key,
                        c.holder_key,
                        c.expires_at,
                        c.json,
                        expected
                    ],
                )
                .map_err(backend)?;
            if n == 1 { Ok(()) } else { Err(StoreError::Conflict) }
        })
        .await
    }

    async fn find(&self, project: &ProjectId, lookup: &Lookup, now: i64) -> Result<Vec<SubmissionRecord>, StoreError> {
        let (column, value) = match lookup {
            Lookup::Email(v) => ("email_key", index_key(project, v.as_str())),
            Lookup::UserId(v) => ("user_key", index_key(project, v)),
            Lookup::Holder(v) => ("holder_key", index_key(project, v)),
        };
        self.with(move |c| {
            let sql = format!(
                "SELECT record FROM submissions_v2 WHERE {column} = ?1 AND (expires_at IS NULL OR expires_at > ?2)"
            );
            let mut stmt = c.prepare(&sql).map_err(backend)?;
            let rows = stmt.query_map(params![value, now], |row| row.get::<_, String>(0)).map_err(backend)?;
            rows.map(|r| r.map_err(backend).and_then(decode)).collect()
        })
        .await
    }
}

/// What a sweep removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub images: usize,
    pub temporary_files: usize,
}

/// Remove images no live or decided record points to (their request failed half-way, or their submission expired
/// undecided), and temporary files a crash left, once they are older than `grace`. The local counterpart of the S3
/// lifecycle rules; `kyc serve` runs it at start and every hour.
pub async fn sweep(
    images: &DirImageStore,
    records: &SqliteSubmissionStore,
    now: i64,
    grace: Duration,
) -> Result<Swept, StoreError> {
    let root = images.root().to_owned();
    let files = tokio::task::spawn_blocking(move || {
        let mut out = Vec::new();
        walk(&root.join("submissions"), &mut out);
        out
    })
    .await
    .map_err(backend)?;
    let mut swept = Swept::default();
    let cutoff = SystemTime::now().checked_sub(grace).unwrap_or(SystemTime::UNIX_EPOCH);
    let mut known: std::collections::HashMap<String, Option<Vec<String>>> = Default::default();
    for path in files {
        let old_enough = std::fs::metadata(&path).and_then(|m| m.modified()).is_ok_and(|t| t < cutoff);
        if !old_enough {
            continue;
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(TMP_SUFFIX) {
            if std::fs::remove_file(&path).is_ok() {
                swept.temporary_files += 1;
            }
            continue;
        }
        let Ok(rel) = path.strip_prefix(images.root()) else { continue };
        let key = rel.to_string_lossy().replace('\\', "/");
        // submissions/{id}/{request}/{side}.{ext}
        let Some(id) = key.split('/').nth(1).and_then(|s| SubmissionId::parse(s).ok()) else { continue };
        let sid = id.to_string();
        let keys = match known.get(&sid) {
            Some(keys) => keys,
            None => {
                let keys = records.images_of(id, now).await?;
                known.entry(sid).or_insert(keys)
            }
        };
        let referenced = keys.as_ref().is_some_and(|keys| keys.contains(&key));
        if !referenced && std::fs::remove_file(&path).is_ok() {
            swept.images += 1;
        }
    }
    Ok(swept)
}

fn walk(p: &Path, out: &mut Vec<PathBuf>) {
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, out);
                // Empty request directories go with their last image.
                let _ = std::fs::remove_dir(&path);
            } else {
                out.push(path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn images_the_database_and_their_directories_are_the_owners_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("kyc-modes-{}", uuid::Uuid::new_v4().simple()));
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        super::write_atomic(&dir.join("images/a/b.jpg"), b"bytes").unwrap();
        assert_eq!(mode(&dir.join("images/a/b.jpg")), 0o600);
        assert_eq!((mode(&dir.join("images")), mode(&dir.join("images/a"))), (0o700, 0o700));
        let _db = super::SqliteSubmissionStore::open(&dir.join("db/kyc.sqlite")).unwrap();
        assert_eq!(mode(&dir.join("db/kyc.sqlite")), 0o600);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    use super::*;

    #[test]
    fn an_atomic_write_that_fails_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("kyc-atomic-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("target-is-a-dir")).unwrap();
        // Renaming a file over a non-empty directory fails after the data was written.
        std::fs::write(dir.join("target-is-a-dir/x"), b"x").unwrap();
        assert!(write_atomic(&dir.join("target-is-a-dir"), b"bytes").is_err());
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(left.len(), 1, "{left:?}");
        write_atomic(&dir.join("ok.jpg"), b"bytes").unwrap();
        assert_eq!(std::fs::read(dir.join("ok.jpg")).unwrap(), b"bytes");
        std::fs::remove_dir_all(dir).ok();
    }
}
