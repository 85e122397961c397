//! Where reports go, and how their files are created.
//!
//! Reports hold account data (resource names, ARNs, policies' verdicts), so every file is
//! created owner-only (0600) and a directory kestrel creates is 0700. Errors name the
//! path: "permission denied" alone does not tell the user which of five files failed.
//!
//! A file is written to a new temporary file beside it (created exclusively, never
//! through a symlink) and renamed into place when complete: a symlink planted at the
//! report's path is replaced, never followed, and a killed run leaves the previous file
//! or none, never a truncated HTML or JSON.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::time;

/// Prowler's default output directory, relative to the working directory.
pub const DEFAULT_OUTPUT_DIR: &str = "output";

/// The output directory and the base name every report file shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputPaths {
    pub dir: PathBuf,
    pub name: String,
}

impl OutputPaths {
    pub fn new(dir: impl Into<PathBuf>, name: impl Into<String>) -> Self {
        OutputPaths {
            dir: dir.into(),
            name: name.into(),
        }
    }

    /// `kestrel-output-<account>-<YYYYmmddHHMMSS>` (UTC) in `dir`.
    pub fn with_default_name(dir: impl Into<PathBuf>, account_id: &str, epoch: i64) -> Self {
        OutputPaths::new(dir, default_output_name(account_id, epoch))
    }

    /// `<dir>/<name>.csv`
    pub fn csv(&self) -> PathBuf {
        self.dir.join(format!("{}.csv", self.name))
    }

    /// `<dir>/<name>.ocsf.json`
    pub fn ocsf(&self) -> PathBuf {
        self.dir.join(format!("{}.ocsf.json", self.name))
    }

    /// `<dir>/<name>.html`
    pub fn html(&self) -> PathBuf {
        self.dir.join(format!("{}.html", self.name))
    }

    /// `<dir>/compliance`
    pub fn compliance_dir(&self) -> PathBuf {
        self.dir.join("compliance")
    }

    /// `<dir>/compliance/<name>_<framework>.csv`, e.g. `…_cis_7.0_aws.csv`.
    pub fn compliance(&self, framework: &str) -> PathBuf {
        self.compliance_dir()
            .join(format!("{}_{framework}.csv", self.name))
    }
}

/// Prowler's default name with kestrel's prefix. The time is UTC (Prowler uses local
/// time), so names sort the same on every machine.
pub fn default_output_name(account_id: &str, epoch: i64) -> String {
    format!("kestrel-output-{account_id}-{}", time::compact(epoch))
}

/// `err` with the path in its message, keeping its kind.
pub fn with_path(path: &Path, err: io::Error) -> io::Error {
    io::Error::new(err.kind(), format!("{}: {err}", path.display()))
}

/// Creates `dir` (and missing parents) with mode 0700; an existing directory is left as
/// it is. Fails with the path in the message when it cannot be created or is not a
/// directory.
pub fn ensure_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| with_path(dir, e))?;
    if !dir.is_dir() {
        return Err(with_path(
            dir,
            io::Error::new(io::ErrorKind::NotADirectory, "not a directory"),
        ));
    }
    Ok(())
}

/// A new temporary file (0600, `O_EXCL`) in `path`'s directory, which is created 0700 if
/// needed; [`commit`] renames it to `path`.
fn temporary_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let parent = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(p) => {
            ensure_dir(p)?;
            p
        }
        None => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(".kestrel-")
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(|e| with_path(path, e))
}

/// Flushes the temporary file to disk and renames it to `path` (replacing a file or a
/// symlink there, never writing through it).
fn commit(tmp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    tmp.as_file().sync_all().map_err(|e| with_path(path, e))?;
    tmp.persist(path).map_err(|e| with_path(path, e.error))?;
    Ok(())
}

/// Writes `bytes` to `path` (0600) atomically, as report files are written.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut tmp = temporary_beside(path)?;
    tmp.write_all(bytes).map_err(|e| with_path(path, e))?;
    commit(tmp, path)
}

/// Where a report writer's bytes go: [`Sink::commit`] is called once the report is
/// complete (a [`FileSink`] renames its file into place; a `Vec` has nothing to do).
pub trait Sink: Write {
    fn commit(self) -> io::Result<()>
    where
        Self: Sized,
    {
        Ok(())
    }
}

impl Sink for Vec<u8> {}

/// A buffered report file whose write errors name the file. Nothing appears at `path`
/// until [`FileSink::commit`]; dropped without it, the temporary file is removed.
#[derive(Debug)]
pub struct FileSink {
    inner: BufWriter<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl FileSink {
    /// Starts the file (see the module's notes).
    pub fn create(path: &Path) -> io::Result<FileSink> {
        let file = temporary_beside(path)?;
        Ok(FileSink {
            inner: BufWriter::with_capacity(64 * 1024, file),
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Sink for FileSink {
    /// Flushes and renames the file into place.
    fn commit(self) -> io::Result<()> {
        let path = self.path;
        let tmp = self
            .inner
            .into_inner()
            .map_err(|e| with_path(&path, e.into_error()))?;
        commit(tmp, &path)
    }
}

impl Write for FileSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).map_err(|e| with_path(&self.path, e))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner
            .write_all(buf)
            .map_err(|e| with_path(&self.path, e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| with_path(&self.path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_prowler_with_kestrel_prefix() {
        let p = OutputPaths::with_default_name("/out", "123456789012", 1_735_689_600);
        assert_eq!(p.name, "kestrel-output-123456789012-20250101000000");
        let n = &p.name;
        assert_eq!(p.csv(), PathBuf::from(format!("/out/{n}.csv")));
        assert_eq!(p.ocsf(), PathBuf::from(format!("/out/{n}.ocsf.json")));
        assert_eq!(p.html(), PathBuf::from(format!("/out/{n}.html")));
        assert_eq!(
            p.compliance("cis_7.0_aws"),
            PathBuf::from(format!("/out/compliance/{n}_cis_7.0_aws.csv"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn files_are_0600_and_new_directories_0700() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        let path = dir.join("x.csv");
        let mut f = FileSink::create(&path).unwrap();
        f.write_all(b"x").unwrap();
        f.flush().unwrap();
        assert!(!path.exists(), "nothing at the path before commit");
        f.commit().unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&tmp.path().join("a")), 0o700);
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no temporary left");

        // An existing, looser file is replaced by a 0600 one.
        let loose = tmp.path().join("loose.csv");
        fs::write(&loose, "old").unwrap();
        fs::set_permissions(&loose, fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&loose, b"new").unwrap();
        assert_eq!(mode(&loose), 0o600);
        assert_eq!(fs::read_to_string(&loose).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_replaced_not_followed() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let victim = tmp.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        fs::set_permissions(&victim, fs::Permissions::from_mode(0o644)).unwrap();
        let out = tmp.path().join("out");
        fs::create_dir(&out).unwrap();
        for name in ["fixed.csv", "fixed.json"] {
            let link = out.join(name);
            std::os::unix::fs::symlink(&victim, &link).unwrap();
            if name.ends_with(".csv") {
                let mut f = FileSink::create(&link).unwrap();
                f.write_all(b"report").unwrap();
                f.commit().unwrap();
            } else {
                write_private(&link, b"report").unwrap();
            }
            assert!(!fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(fs::read_to_string(&link).unwrap(), "report");
        }
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        let mode = fs::metadata(&victim).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
    }

    #[test]
    fn a_report_dropped_unfinished_leaves_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("r.html");
        fs::write(&path, "previous run").unwrap();
        let mut f = FileSink::create(&path).unwrap();
        f.write_all(b"<html>half").unwrap();
        drop(f);
        assert_eq!(fs::read_to_string(&path).unwrap(), "previous run");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn unwritable_directory_error_names_the_path() {
        // A regular file where a directory should be: fails even when run as root.
        let tmp = tempfile::tempdir().unwrap();
        let blocker = tmp.path().join("blocker");
        fs::write(&blocker, "").unwrap();
        let path = blocker.join("out/report.csv");
        let err = FileSink::create(&path).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(&*blocker.to_string_lossy()), "{msg}");
    }
}
