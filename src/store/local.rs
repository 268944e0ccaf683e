//! Local storage for `kyc serve`: images in a directory, records in SQLite (bundled, so nothing to install).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use bytes::Bytes;
use rusqlite::{Connection, OptionalExtension, params};

use super::{ImageStore, Lookup, StoreError, SubmissionRecord, SubmissionStore};

fn backend(e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(e.to_string())
}

/// Images under a root directory; keys are relative paths made only of safe characters.
pub struct DirImageStore {
    root: PathBuf,
}

impl DirImageStore {
    pub fn new(root: impl Into<PathBuf>) -> Result<Self, StoreError> {
        let root = root.into();
        std::fs::create_dir_all(&root).map_err(backend)?;
        Ok(Self { root })
    }

    fn path(&self, key: &str) -> Result<PathBuf, StoreError> {
        let safe = !key.is_empty()
            && !key.contains("..")
            && !key.starts_with('/')
            && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'));
        if !safe {
            return Err(StoreError::Backend(format!("unsafe image key {key:?}")));
        }
        Ok(self.root.join(key))
    }
}

#[async_trait]
impl ImageStore for DirImageStore {
    async fn put(&self, key: &str, bytes: Bytes, _content_type: &str) -> Result<(), StoreError> {
        let path = self.path(key)?;
        tokio::task::spawn_blocking(move || {
            std::fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).map_err(backend)?;
            // Write then rename, so a crash never leaves a half-written image under the final name.
            let tmp = path.with_extension("part");
            std::fs::write(&tmp, &bytes).map_err(backend)?;
            std::fs::rename(&tmp, &path).map_err(backend)
        })
        .await
        .map_err(backend)?
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
}

/// Records in one SQLite table: the record as JSON plus the columns that are queried or conditioned on.
pub struct SqliteSubmissionStore {
    conn: Arc<Mutex<Connection>>,
}

impl SqliteSubmissionStore {
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(backend)?;
        }
        Self::with_connection(Connection::open(path).map_err(backend)?)
    }

    pub fn in_memory() -> Result<Self, StoreError> {
        Self::with_connection(Connection::open_in_memory().map_err(backend)?)
    }

    fn with_connection(conn: Connection) -> Result<Self, StoreError> {
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             CREATE TABLE IF NOT EXISTS submissions (
                 id TEXT PRIMARY KEY,
                 email TEXT NOT NULL,
                 user_id TEXT,
                 holder_hash TEXT,
                 retry_count INTEGER NOT NULL,
                 expires_at INTEGER,
                 record TEXT NOT NULL
             );
             CREATE INDEX IF NOT EXISTS submissions_email ON submissions(email);
             CREATE INDEX IF NOT EXISTS submissions_user ON submissions(user_id);
             CREATE INDEX IF NOT EXISTS submissions_holder ON submissions(holder_hash);",
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
}

fn decode(json: String) -> Result<SubmissionRecord, StoreError> {
    serde_json::from_str(&json).map_err(backend)
}

#[async_trait]
impl SubmissionStore for SqliteSubmissionStore {
    async fn create(&self, r: &SubmissionRecord) -> Result<(), StoreError> {
        let r = r.clone();
        self.with(move |c| {
            let json = serde_json::to_string(&r).map_err(backend)?;
            let n = c
                .execute(
                    "INSERT OR IGNORE INTO submissions (id, email, user_id, holder_hash, retry_count, expires_at, record)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![r.id, r.email, r.user_id, r.holder_hash, r.retry_count, r.expires_at, json],
                )
                .map_err(backend)?;
            if n == 1 { Ok(()) } else { Err(StoreError::Conflict) }
        })
        .await
    }

    async fn get(&self, id: &str, now: i64) -> Result<Option<SubmissionRecord>, StoreError> {
        let id = id.to_owned();
        self.with(move |c| {
            let json: Option<String> = c
                .query_row(
                    "SELECT record FROM submissions WHERE id = ?1 AND (expires_at IS NULL OR expires_at > ?2)",
                    params![id, now],
                    |row| row.get(0),
                )
                .optional()
                .map_err(backend)?;
            json.map(decode).transpose()
        })
        .await
    }

    async fn replace(&self, r: &SubmissionRecord, expected: u32) -> Result<(), StoreError> {
        let r = r.clone();
        self.with(move |c| {
            let json = serde_json::to_string(&r).map_err(backend)?;
            let n = c
                .execute(
                    "UPDATE submissions SET email = ?2, user_id = ?3, holder_hash = ?4, retry_count = ?5,
                     expires_at = ?6, record = ?7 WHERE id = ?1 AND retry_count = ?8",
                    params![r.id, r.email, r.user_id, r.holder_hash, r.retry_count, r.expires_at, json, expected],
                )
                .map_err(backend)?;
            if n == 1 { Ok(()) } else { Err(StoreError::Conflict) }
        })
        .await
    }

    async fn find(&self, lookup: &Lookup, now: i64) -> Result<Vec<SubmissionRecord>, StoreError> {
        let (column, value) = match lookup {
            Lookup::Email(v) => ("email", v.clone()),
            Lookup::UserId(v) => ("user_id", v.clone()),
            Lookup::Holder(v) => ("holder_hash", v.clone()),
        };
        self.with(move |c| {
            let sql = format!(
                "SELECT record FROM submissions WHERE {column} = ?1 AND (expires_at IS NULL OR expires_at > ?2)"
            );
            let mut stmt = c.prepare(&sql).map_err(backend)?;
            let rows = stmt.query_map(params![value, now], |row| row.get::<_, String>(0)).map_err(backend)?;
            rows.map(|r| r.map_err(backend).and_then(decode)).collect()
        })
        .await
    }
}
