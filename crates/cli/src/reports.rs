//! Wiring of the output formats (kestrel-report) for a scan.

use std::io::Write;
use std::path::{Path, PathBuf};

use kestrel_checks::CheckMeta;
use kestrel_model::{Finding, Snapshot};

use crate::scan::ScanArgs;
use crate::Failure;

pub struct Reports {
    files: Vec<PathBuf>,
}

impl Reports {
    pub fn open(_args: &ScanArgs, _snapshot: &Snapshot) -> Result<Self, Failure> {
        Ok(Reports { files: Vec::new() })
    }

    pub fn write(&mut self, _f: &Finding, _meta: &CheckMeta) -> std::io::Result<()> {
        Ok(())
    }

    pub fn finish(self) -> std::io::Result<Vec<PathBuf>> {
        Ok(self.files)
    }
}

/// Writes a file only the user can read (it holds account data).
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    #[cfg(unix)]
    let mut f = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(path)?
    };
    #[cfg(not(unix))]
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
