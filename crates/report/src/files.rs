//! Where reports go, and how their files are created.
//!
//! Reports hold account data (resource names, ARNs, policies' verdicts), so every file is
//! created owner-only (0600) and a directory kestrel creates is 0700. Errors name the
//! path: "permission denied" alone does not tell the user which of five files failed.

use std::fs::{self, File};
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

/// Creates (or truncates) `path` with mode 0600, creating its directory 0700 if needed.
/// A file that already existed is narrowed to 0600 too.
pub fn create_private_file(path: &Path) -> io::Result<File> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        ensure_dir(parent)?;
    }
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let file = opts.open(path).map_err(|e| with_path(path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .map_err(|e| with_path(path, e))?;
    }
    Ok(file)
}

/// A buffered report file whose write errors name the file.
#[derive(Debug)]
pub struct FileSink {
    inner: BufWriter<File>,
    path: PathBuf,
}

impl FileSink {
    /// Creates the file as [`create_private_file`] does.
    pub fn create(path: &Path) -> io::Result<FileSink> {
        let file = create_private_file(path)?;
        Ok(FileSink {
            inner: BufWriter::with_capacity(64 * 1024, file),
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
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
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&tmp.path().join("a")), 0o700);

        // An existing, looser file is narrowed.
        let loose = tmp.path().join("loose.csv");
        fs::write(&loose, "old").unwrap();
        fs::set_permissions(&loose, fs::Permissions::from_mode(0o644)).unwrap();
        create_private_file(&loose).unwrap();
        assert_eq!(mode(&loose), 0o600);
        assert_eq!(fs::read_to_string(&loose).unwrap(), "");
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
