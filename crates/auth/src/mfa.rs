//! Asking for MFA codes (and, for `--mfa`, the device ARN).
//!
//! Like the AWS CLI (Python's getpass): the prompt goes to the controlling terminal with
//! echo off; with no terminal the code is read from standard input, so automation can
//! pipe it. A refresh in the middle of a run never reads standard input (nobody is there
//! to answer): without a terminal it fails with `Cannot refresh credentials: MFA token
//! required.` instead of hanging. Codes are checked (six digits) before STS is called.

use std::io::{BufRead, Write};

use crate::credentials::Secret;
use crate::error::AuthError;
use crate::validate;

pub trait Prompter: Send + Sync {
    /// The code for `serial`. `refreshing`: a refresh during a run, not the first ask.
    fn mfa_code(&self, serial: &str, refreshing: bool) -> Result<Secret, AuthError>;
    /// The MFA device ARN (`--mfa`).
    fn mfa_serial(&self) -> Result<String, AuthError>;
}

/// Terminal first, standard input when there is no terminal.
#[derive(Debug)]
pub struct TerminalPrompter {
    /// The controlling terminal (`/dev/tty`); tests point it elsewhere.
    pub tty: std::path::PathBuf,
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        TerminalPrompter {
            tty: "/dev/tty".into(),
        }
    }
}

impl TerminalPrompter {
    fn has_terminal(&self) -> bool {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&self.tty)
            .is_ok()
    }
}

impl Prompter for TerminalPrompter {
    fn mfa_code(&self, serial: &str, refreshing: bool) -> Result<Secret, AuthError> {
        let prompt = format!("Enter MFA code for {serial}: ");
        let on_terminal = if self.has_terminal() {
            let restore = echo::RestoreOnInterrupt::install();
            // Echo goes off before the prompt shows (as the AWS CLI's getpass does): a
            // code typed the moment the prompt appears is never echoed.
            restore.echo_off();
            let code = rpassword::prompt_password(&prompt).ok();
            drop(restore);
            code
        } else {
            None
        };
        let code = match on_terminal {
            Some(code) => code,
            None if refreshing => return Err(AuthError::MfaRefreshNeedsCode),
            None => read_stdin_line(&prompt)?.ok_or_else(|| {
                AuthError::Mfa(format!(
                    "No MFA code for {serial}: no terminal is attached and standard input is closed"
                ))
            })?,
        };
        let code = code.trim().to_string();
        validate::token_code(&code)?;
        Ok(Secret::new(code))
    }

    fn mfa_serial(&self) -> Result<String, AuthError> {
        let prompt = "Enter ARN of MFA: ";
        let from_tty = if self.has_terminal() {
            tty_read_line(prompt)
        } else {
            None
        };
        let answer = match from_tty {
            Some(a) => Some(a),
            None => read_stdin_line(prompt)?,
        };
        let serial = answer
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .ok_or_else(|| AuthError::Mfa("No MFA device ARN was entered".into()))?;
        validate::mfa_serial(&serial)?;
        Ok(serial)
    }
}

/// rpassword turns the terminal's echo off while the code is typed and back on when it
/// returns; Ctrl-C kills the process in between, leaving the shell without echo. While
/// the prompt is up, SIGINT first puts the terminal's settings back, then ends the
/// process as the signal would have.
#[cfg(unix)]
mod echo {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::OnceLock;

    /// The terminal's settings before the prompt (set once, read by the handler).
    static SAVED: OnceLock<libc::termios> = OnceLock::new();
    static ARMED: AtomicBool = AtomicBool::new(false);

    pub struct RestoreOnInterrupt {
        previous: Option<libc::sighandler_t>,
    }

    /// Applies terminal settings to the controlling terminal. Async-signal-safe (open,
    /// tcsetattr, close only): the SIGINT handler calls it.
    fn set_terminal(t: &libc::termios) {
        // SAFETY: a NUL-terminated path, a valid termios, an fd we opened and close.
        unsafe {
            let fd = libc::open(c"/dev/tty".as_ptr(), libc::O_RDWR | libc::O_NOCTTY);
            if fd >= 0 {
                libc::tcsetattr(fd, libc::TCSANOW, t);
                libc::close(fd);
            }
        }
    }

    extern "C" fn on_interrupt(signal: libc::c_int) {
        // Only async-signal-safe calls: open, tcsetattr, close, signal, raise.
        if ARMED.load(Ordering::SeqCst) {
            if let Some(t) = SAVED.get() {
                set_terminal(t);
            }
        }
        // SAFETY: restoring the default disposition and re-raising is the documented
        // way to end "as the signal would have".
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    impl RestoreOnInterrupt {
        pub fn install() -> Self {
            // SAFETY: plain libc calls on a file we open; the handler only reads SAVED.
            unsafe {
                let fd = libc::open(c"/dev/tty".as_ptr(), libc::O_RDWR | libc::O_NOCTTY);
                if fd < 0 {
                    return RestoreOnInterrupt { previous: None };
                }
                let mut t: libc::termios = std::mem::zeroed();
                let ok = libc::tcgetattr(fd, &mut t) == 0;
                libc::close(fd);
                if !ok || (SAVED.get().is_none() && SAVED.set(t).is_err()) {
                    return RestoreOnInterrupt { previous: None };
                }
                ARMED.store(true, Ordering::SeqCst);
                let handler = on_interrupt as extern "C" fn(libc::c_int) as libc::sighandler_t;
                let previous = libc::signal(libc::SIGINT, handler);
                RestoreOnInterrupt {
                    previous: Some(previous),
                }
            }
        }
    }

    impl RestoreOnInterrupt {
        /// Turns the terminal's echo off (a newline still echoes), until drop.
        pub fn echo_off(&self) {
            if self.previous.is_none() {
                return;
            }
            if let Some(saved) = SAVED.get() {
                let mut t = *saved;
                t.c_lflag &= !libc::ECHO;
                t.c_lflag |= libc::ECHONL;
                set_terminal(&t);
            }
        }
    }

    impl Drop for RestoreOnInterrupt {
        fn drop(&mut self) {
            if let Some(previous) = self.previous {
                ARMED.store(false, Ordering::SeqCst);
                if let Some(t) = SAVED.get() {
                    // SAFETY: as in echo_off: the settings from before the prompt.
                    unsafe {
                        let fd = libc::open(c"/dev/tty".as_ptr(), libc::O_RDWR | libc::O_NOCTTY);
                        if fd >= 0 {
                            libc::tcsetattr(fd, libc::TCSANOW, t);
                            libc::close(fd);
                        }
                    }
                }
                // SAFETY: putting back the disposition we replaced.
                unsafe {
                    libc::signal(libc::SIGINT, previous);
                }
            }
        }
    }
}

#[cfg(not(unix))]
mod echo {
    pub struct RestoreOnInterrupt;
    impl RestoreOnInterrupt {
        pub fn install() -> Self {
            RestoreOnInterrupt
        }
        pub fn echo_off(&self) {}
    }
}

/// One line from standard input, after writing the prompt to standard error.
/// None at end of input.
fn read_stdin_line(prompt: &str) -> Result<Option<String>, AuthError> {
    let mut err = std::io::stderr();
    let _ = write!(err, "{prompt}");
    let _ = err.flush();
    let mut line = String::new();
    let n = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| AuthError::Mfa(format!("cannot read standard input: {e}")))?;
    let _ = writeln!(err);
    Ok((n > 0).then_some(line))
}

/// One line from the controlling terminal with echo on; None when there is none.
fn tty_read_line(prompt: &str) -> Option<String> {
    #[cfg(unix)]
    {
        let mut tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .ok()?;
        tty.write_all(prompt.as_bytes()).ok()?;
        tty.flush().ok()?;
        let mut line = String::new();
        std::io::BufReader::new(tty).read_line(&mut line).ok()?;
        Some(line)
    }
    #[cfg(not(unix))]
    {
        let _ = prompt;
        None
    }
}

/// Answers from a fixed list (tests, and callers that collected codes themselves).
#[derive(Debug, Default)]
pub struct FixedPrompter {
    pub codes: std::sync::Mutex<Vec<String>>,
    pub serial: Option<String>,
}

impl Prompter for FixedPrompter {
    fn mfa_code(&self, _serial: &str, refreshing: bool) -> Result<Secret, AuthError> {
        let mut codes = self.codes.lock().unwrap_or_else(|e| e.into_inner());
        if codes.is_empty() {
            return Err(if refreshing {
                AuthError::MfaRefreshNeedsCode
            } else {
                AuthError::Mfa("no MFA code available".into())
            });
        }
        let code = codes.remove(0);
        validate::token_code(&code)?;
        Ok(Secret::new(code))
    }

    fn mfa_serial(&self) -> Result<String, AuthError> {
        self.serial
            .clone()
            .ok_or_else(|| AuthError::Mfa("No MFA device ARN was entered".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_without_a_terminal_fails_instead_of_reading_stdin() {
        let p = TerminalPrompter {
            tty: "/nonexistent/tty".into(),
        };
        // Were standard input read here, the test would block or consume cargo's stdin.
        assert_eq!(
            p.mfa_code("arn:aws:iam::123456789012:mfa/u", true),
            Err(AuthError::MfaRefreshNeedsCode)
        );
        assert_eq!(
            AuthError::MfaRefreshNeedsCode.to_string(),
            "Cannot refresh credentials: MFA token required."
        );
    }
}
