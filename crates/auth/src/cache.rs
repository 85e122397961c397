//! The JSON credential cache in `~/.aws/cli/cache`, shared with the AWS CLI.
//!
//! - Key: the AssumeRole arguments as Python's `json.dumps(args, sort_keys=True)`
//!   (`RoleArn` and whichever of `ExternalId`, `SerialNumber`, `DurationSeconds`,
//!   `Policy`, `RoleSessionName` were set explicitly; never `TokenCode`, never a default
//!   session name), SHA-1 hex, then `:` and `/` become `_`. File: `<key>.json`.
//! - Content: the AssumeRole response (`Credentials`, `AssumedRoleUser`); `Expiration`
//!   read in all three shapes, written as `…Z`.
//! - An entry with less than 15 minutes left is a miss. A corrupt entry is a miss with
//!   one warning (the AWS CLI fails on it), and is overwritten by the next write.
//! - Files are written 0600 to a temporary file in the directory (0700 when kestrel
//!   creates it), then renamed.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use serde_json::{json, Value};
use sha1::{Digest, Sha1};

use crate::credentials::{Credentials, Secret};
use crate::env::Env;
use crate::pyjson;
use kestrel_model::time as timefmt;

/// Entries with less than this left are treated as expired (botocore's window).
pub const EXPIRY_WINDOW: Duration = Duration::from_secs(15 * 60);

/// The arguments of one AssumeRole call that go into the cache key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyArgs {
    pub role_arn: String,
    pub external_id: Option<String>,
    pub serial_number: Option<String>,
    pub duration_seconds: Option<i64>,
    /// The policy document as text (parsed for the key, so key order does not matter).
    pub policy: Option<String>,
    /// Only when set explicitly; a default session name is left out.
    pub role_session_name: Option<String>,
}

impl KeyArgs {
    /// The JSON text that is hashed.
    pub fn key_text(&self) -> String {
        let mut m = BTreeMap::new();
        m.insert("RoleArn", json!(self.role_arn));
        if let Some(v) = &self.external_id {
            m.insert("ExternalId", json!(v));
        }
        if let Some(v) = &self.serial_number {
            m.insert("SerialNumber", json!(v));
        }
        if let Some(v) = self.duration_seconds {
            m.insert("DurationSeconds", json!(v));
        }
        if let Some(p) = &self.policy {
            let parsed: Value = serde_json::from_str(p).unwrap_or_else(|_| json!(p));
            m.insert("Policy", parsed);
        }
        if let Some(v) = &self.role_session_name {
            m.insert("RoleSessionName", json!(v));
        }
        let obj: serde_json::Map<String, Value> =
            m.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        pyjson::dumps(&Value::Object(obj))
    }

    /// kestrel's own key for a GetSessionToken session with MFA (the AWS CLI has none).
    pub fn session_token_key(serial: &str) -> String {
        let text = pyjson::dumps(&json!({"KestrelGetSessionToken": true, "SerialNumber": serial}));
        hex(&Sha1::digest(text.as_bytes()))
    }

    /// The file-safe key: SHA-1 hex of `key_text`, `:` and `/` replaced by `_`.
    pub fn key(&self) -> String {
        hex(&Sha1::digest(self.key_text().as_bytes())).replace([':', '/'], "_")
    }
}

/// What a cache entry holds that kestrel uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedRole {
    pub credentials: Credentials,
    pub assumed_role_arn: Option<String>,
    pub assumed_role_id: Option<String>,
}

impl CachedRole {
    pub fn to_json(&self) -> Value {
        let c = &self.credentials;
        let mut creds = json!({
            "AccessKeyId": c.access_key_id,
            "SecretAccessKey": c.secret_access_key.expose(),
            "SessionToken": c.session_token.as_ref().map(|t| t.expose()).unwrap_or_default(),
            "Expiration": c.expiration.map(|e| timefmt::rfc3339(timefmt::epoch(e))).unwrap_or_default(),
        });
        if let Some(acct) = &c.account_id {
            creds["AccountId"] = json!(acct);
        }
        let mut v = json!({ "Credentials": creds });
        if self.assumed_role_arn.is_some() || self.assumed_role_id.is_some() {
            v["AssumedRoleUser"] = json!({
                "AssumedRoleId": self.assumed_role_id.clone().unwrap_or_default(),
                "Arn": self.assumed_role_arn.clone().unwrap_or_default(),
            });
        }
        v
    }

    pub fn from_json(v: &Value) -> Result<Self, String> {
        let e = kestrel_parse::cache_entry::from_json(v)?;
        Ok(CachedRole {
            credentials: Credentials {
                access_key_id: e.access_key_id,
                secret_access_key: Secret::new(e.secret_access_key),
                session_token: e.session_token.map(Secret::new),
                expiration: Some(e.expiration),
                account_id: e.account_id,
            },
            assumed_role_arn: e.assumed_role_arn,
            assumed_role_id: e.assumed_role_id,
        })
    }
}

pub use kestrel_parse::cache_entry::account_from_arn;

/// Lower-case hex of a digest, as Python's `hexdigest()` (cache file names).
pub fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Why an entry was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    Absent,
    Expired,
    Corrupt(String),
    Disabled,
}

#[derive(Debug)]
pub struct DiskCache {
    dir: PathBuf,
    enabled: bool,
    warned: Mutex<HashSet<String>>,
}

impl DiskCache {
    /// `~/.aws/cli/cache` of the user in `env`.
    pub fn for_env(env: &Env, enabled: bool) -> Self {
        let home = env.home().unwrap_or(".");
        Self::at(
            Path::new(home).join(".aws").join("cli").join("cache"),
            enabled,
        )
    }

    pub fn at(dir: PathBuf, enabled: bool) -> Self {
        DiskCache {
            dir,
            enabled,
            warned: Mutex::new(HashSet::new()),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.json"))
    }

    /// A usable entry: present, readable, with at least 15 minutes left.
    pub fn get(&self, key: &str) -> Result<CachedRole, Miss> {
        if !self.enabled {
            return Err(Miss::Disabled);
        }
        let path = self.path(key);
        let text = match fs::read(&path) {
            Ok(t) => t,
            Err(_) => return Err(Miss::Absent),
        };
        let parsed = serde_json::from_slice::<Value>(&text)
            .map_err(|e| e.to_string())
            .and_then(|v| CachedRole::from_json(&v));
        match parsed {
            Ok(entry) => {
                let left = entry.credentials.remaining().unwrap_or_default();
                if left < EXPIRY_WINDOW {
                    Err(Miss::Expired)
                } else {
                    Ok(entry)
                }
            }
            Err(why) => {
                let mut warned = self.warned.lock().unwrap_or_else(|e| e.into_inner());
                if warned.insert(key.to_string()) {
                    tracing::warn!(
                        "ignoring corrupt credential cache entry {} ({why}); it will be replaced",
                        path.display()
                    );
                }
                Err(Miss::Corrupt(why))
            }
        }
    }

    /// Writes an entry: 0600, via a temporary file in the same directory and a rename.
    pub fn put(&self, key: &str, entry: &CachedRole) -> std::io::Result<()> {
        if !self.enabled {
            return Ok(());
        }
        let text = serde_json::to_string(&entry.to_json())?;
        write_private_file(&self.path(key), text.as_bytes())
    }

    /// Drops one entry (AWS rejected its session); absent is fine.
    pub fn remove(&self, key: &str) {
        if !self.enabled {
            return;
        }
        match fs::remove_file(self.path(key)) {
            Ok(()) => tracing::info!("dropped the rejected cached session {key}"),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => tracing::warn!("cannot drop the cached session {key}: {e}"),
        }
    }

    /// Removes every entry (kestrel's and the AWS CLI's); returns the files removed.
    pub fn clear(&self) -> std::io::Result<Vec<PathBuf>> {
        let mut removed = Vec::new();
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(removed),
            Err(e) => return Err(e),
        };
        for entry in entries {
            let path = entry?.path();
            let is_entry = path
                .extension()
                .map(|e| e == "json" || e == "tmp")
                .unwrap_or(false);
            if is_entry && path.is_file() {
                fs::remove_file(&path)?;
                removed.push(path);
            }
        }
        removed.sort();
        Ok(removed)
    }
}

/// Writes a file only the user can read: a new temporary file beside it (created
/// exclusively, so a planted symlink is never followed), synced, then renamed over
/// the target, so a reader sees the old text or the new, never half of one.
pub fn write_private_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    create_private_dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    let result = (|| {
        let mut f = open_private(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(unix)]
fn open_private(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// Creates a directory (and parents) that only the user can read, when it is missing.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        fs::create_dir_all(dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verified_key_examples_from_the_reference() {
        let k1 = KeyArgs {
            role_arn: "arn:aws:iam::123456789012:role/r1".into(),
            external_id: Some("ext-1".into()),
            duration_seconds: Some(1800),
            ..Default::default()
        };
        assert_eq!(
            k1.key_text(),
            r#"{"DurationSeconds": 1800, "ExternalId": "ext-1", "RoleArn": "arn:aws:iam::123456789012:role/r1"}"#
        );
        assert_eq!(k1.key(), "baed48d462628ad45737569e4efe96232c25ae54");

        let k2 = KeyArgs {
            role_arn: "arn:aws:iam::210987654321:role/r2".into(),
            role_session_name: Some("my-sess".into()),
            ..Default::default()
        };
        assert_eq!(k2.key(), "def44ceea83d5a65b7879313c05e59df205dbd5f");

        let k3 = KeyArgs {
            role_arn: "arn:aws:iam::123456789012:role/mfa".into(),
            serial_number: Some("arn:aws:iam::123456789012:mfa/user".into()),
            ..Default::default()
        };
        assert_eq!(k3.key(), "6fbf671b1b7769ec4072ea1a8a8896420bdcea17");
    }

    #[test]
    fn policy_is_parsed_so_key_order_does_not_matter() {
        let a = KeyArgs {
            role_arn: "r".into(),
            policy: Some(r#"{"b": 1, "a": 2}"#.into()),
            ..Default::default()
        };
        let b = KeyArgs {
            policy: Some(r#"{"a":2,"b":1}"#.into()),
            ..a.clone()
        };
        assert_eq!(a.key(), b.key());
        assert!(a.key_text().contains(r#""Policy": {"a": 2, "b": 1}"#));
    }

    fn entry(expires_in: Duration) -> CachedRole {
        let mut c = Credentials::new("ASIAEXAMPLEKEY1", "secret").with_token(Some("tok".into()));
        c.expiration = Some(SystemTime::now() + expires_in);
        c.account_id = Some("123456789012".into());
        CachedRole {
            credentials: c,
            assumed_role_arn: Some("arn:aws:sts::123456789012:assumed-role/r/s".into()),
            assumed_role_id: Some("AROA:s".into()),
        }
    }

    #[test]
    fn write_read_and_expiry_window() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::at(dir.path().join("cli/cache"), true);
        cache.put("k", &entry(Duration::from_secs(3600))).unwrap();
        let got = cache.get("k").unwrap();
        assert_eq!(got.credentials.access_key_id, "ASIAEXAMPLEKEY1");
        cache
            .put("soon", &entry(Duration::from_secs(14 * 60)))
            .unwrap();
        assert_eq!(cache.get("soon"), Err(Miss::Expired));
        assert_eq!(cache.get("absent"), Err(Miss::Absent));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join("cli/cache/k.json"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            let dmode = fs::metadata(dir.path().join("cli/cache"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(dmode & 0o777, 0o700);
        }
        // No temporary files are left behind.
        let names: Vec<_> = fs::read_dir(cache.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn reads_all_expiration_shapes() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::at(dir.path().to_path_buf(), true);
        for (i, suffix) in ["Z", "+00:00", "UTC"].iter().enumerate() {
            let text = format!(
                r#"{{"Credentials": {{"AccessKeyId": "AK", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2999-01-01T00:00:00{suffix}"}}}}"#
            );
            fs::write(dir.path().join(format!("e{i}.json")), text).unwrap();
            assert!(cache.get(&format!("e{i}")).is_ok(), "{suffix}");
        }
    }

    #[test]
    fn corrupt_entry_is_a_miss_and_is_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::at(dir.path().to_path_buf(), true);
        fs::write(dir.path().join("bad.json"), "{not json").unwrap();
        assert!(matches!(cache.get("bad"), Err(Miss::Corrupt(_))));
        cache.put("bad", &entry(Duration::from_secs(3600))).unwrap();
        assert!(cache.get("bad").is_ok());
    }

    #[test]
    fn disabled_cache_neither_reads_nor_writes() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::at(dir.path().join("c"), false);
        cache.put("k", &entry(Duration::from_secs(3600))).unwrap();
        assert!(!dir.path().join("c").exists());
        assert_eq!(cache.get("k"), Err(Miss::Disabled));
    }

    #[test]
    fn clear_removes_entries_and_reports_them() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::at(dir.path().to_path_buf(), true);
        cache.put("a", &entry(Duration::from_secs(3600))).unwrap();
        fs::write(dir.path().join("b.json"), "{}").unwrap();
        fs::write(dir.path().join("keep.txt"), "x").unwrap();
        let removed = cache.clear().unwrap();
        assert_eq!(removed.len(), 2);
        assert!(dir.path().join("keep.txt").exists());
    }

    #[test]
    fn json_round_trip_never_loses_the_arn() {
        let e = entry(Duration::from_secs(3600));
        let back = CachedRole::from_json(&e.to_json()).unwrap();
        assert_eq!(back.assumed_role_arn, e.assumed_role_arn);
        assert_eq!(back.credentials.access_key_id, e.credentials.access_key_id);
    }
}
