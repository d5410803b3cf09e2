//! The pseudonym key: from the environment variable named by
//! `[anonymize] key_env`, else `.exitbook/key` in the handbook, else a new
//! random key written there. There is no built-in default key: a default
//! would let anyone recompute every pseudonym from a list of likely names.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// Where the key came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    Env(String),
    File(PathBuf),
    /// A new key was written to this file by this run.
    Created(PathBuf),
    /// A throw-away key, for runs that write nothing (`check`).
    Ephemeral,
}

#[derive(Clone)]
pub struct Key {
    pub bytes: Vec<u8>,
    pub source: KeySource,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the key itself.
        f.debug_struct("Key")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// How the key may be obtained when neither the variable nor the file exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Create `.exitbook/key` (build).
    Create,
    /// Use a throw-away key and write nothing (check).
    Ephemeral,
}

/// The relative path of the key file inside a handbook.
pub const KEY_FILE: &str = ".exitbook/key";

pub fn load(
    root: &Path,
    shown_root: &Path,
    env_name: &str,
    missing: Missing,
) -> Result<Key, Diagnostic> {
    if let Some(value) = std::env::var_os(env_name) {
        let value = value.to_string_lossy();
        let trimmed = value.trim();
        if trimmed.len() < 16 {
            return Err(Diagnostic::error(format!(
                "the pseudonym key in ${env_name} is too short (it must be 16 characters or more)"
            ))
            .help(
                "generate one with `head -c 32 /dev/urandom | xxd -p -c 64` and keep it secret",
            ));
        }
        return Ok(Key {
            bytes: trimmed.as_bytes().to_vec(),
            source: KeySource::Env(env_name.to_string()),
        });
    }
    let path = root.join(KEY_FILE);
    let shown = shown_path(shown_root);
    match fs::read_to_string(&path) {
        Ok(text) => {
            let trimmed = text.trim();
            if trimmed.len() < 16 {
                return Err(Diagnostic::error("the pseudonym key file is too short (16 characters or more)")
                    .in_file(shown)
                    .help("delete the file to have exitbook create a new random key (this changes every pseudonym)"));
            }
            Ok(Key {
                bytes: trimmed.as_bytes().to_vec(),
                source: KeySource::File(shown),
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match missing {
            Missing::Ephemeral => Ok(Key {
                bytes: random_hex()?.into_bytes(),
                source: KeySource::Ephemeral,
            }),
            Missing::Create => {
                let hex = random_hex()?;
                write_private(&path, &format!("{hex}\n")).map_err(|e| {
                    Diagnostic::error(format!("cannot create the pseudonym key file: {e}"))
                        .in_file(shown.clone())
                        .help(format!(
                            "set ${env_name} instead, or make the handbook folder writable"
                        ))
                })?;
                Ok(Key {
                    bytes: hex.into_bytes(),
                    source: KeySource::Created(shown),
                })
            }
        },
        Err(e) => Err(
            Diagnostic::error(format!("cannot read the pseudonym key file: {e}")).in_file(shown),
        ),
    }
}

fn shown_path(shown_root: &Path) -> PathBuf {
    if shown_root == Path::new(".") || shown_root.as_os_str().is_empty() {
        PathBuf::from(KEY_FILE)
    } else {
        shown_root.join(KEY_FILE)
    }
}

fn random_hex() -> Result<String, Diagnostic> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| {
        Diagnostic::error(format!("cannot get random bytes for a pseudonym key: {e}"))
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Write a file readable by its owner only, creating its folder.
pub fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    #[cfg(unix)]
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(path)?;
        f.write_all(text.as_bytes())
    }
    #[cfg(not(unix))]
    {
        fs::write(path, text)
    }
}
