//! Secrets: full card numbers and the fingerprint key, in the OS secret store.
//!
//! Built on `keyring-core` stores: the Secret Service (gnome-keyring, KWallet) on
//! Linux, the Keychain on macOS, the Credential Manager on Windows, and the
//! in-memory mock store for tests and the demo. Nothing here ever writes a
//! secret anywhere else when the OS store is missing: the vault is then
//! `Unavailable` and says how to fix it.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry};
use zeroize::Zeroizing;

/// The service name every walletdesk secret is filed under.
pub const SERVICE: &str = "walletdesk";

/// Why a secret could not be read or written. Never carries the secret.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the secret store is not available: {reason}. {fix}")]
    Unavailable { reason: String, fix: String },
    #[error(
        "the secret store is locked or refused access: {0}. Unlock it (for example log in to gnome-keyring) and try again"
    )]
    NoAccess(String),
    #[error("the secret store failed: {0}")]
    Failed(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// Turn a keyring error into ours without echoing any secret bytes it may carry.
fn from_keyring(e: keyring_core::Error) -> Error {
    use keyring_core::Error as K;
    match e {
        K::NoStorageAccess(p) => Error::NoAccess(p.to_string()),
        K::PlatformFailure(p) => Error::Failed(p.to_string()),
        K::BadEncoding(_) | K::BadDataFormat(..) => {
            Error::Failed("a stored secret is not in the expected format".into())
        }
        other => Error::Failed(other.to_string()),
    }
}

/// Whether secrets can be kept, and in what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Available { name: String, persistent: bool },
    Unavailable { reason: String, fix: String },
}

/// The secret store walletdesk uses.
#[derive(Clone)]
pub struct Vault {
    store: Option<Arc<CredentialStore>>,
    status: Status,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

#[cfg(target_os = "linux")]
const FIX: &str = "Install and unlock a Secret Service keyring (on Debian/Ubuntu: apt install gnome-keyring, then log in to a desktop session, or run gnome-keyring-daemon --unlock inside a D-Bus session)";
#[cfg(target_os = "macos")]
const FIX: &str = "Allow walletdesk to use the login Keychain";
#[cfg(target_os = "windows")]
const FIX: &str = "Make sure the Windows Credential Manager service is running";
#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
const FIX: &str = "This platform has no supported secret store";

#[cfg(target_os = "linux")]
fn os_store() -> std::result::Result<(Arc<CredentialStore>, &'static str), keyring_core::Error> {
    let s: Arc<CredentialStore> = zbus_secret_service_keyring_store::Store::new()?;
    Ok((s, "Secret Service (gnome-keyring/KWallet)"))
}

#[cfg(target_os = "macos")]
fn os_store() -> std::result::Result<(Arc<CredentialStore>, &'static str), keyring_core::Error> {
    let s: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    Ok((s, "macOS Keychain"))
}

#[cfg(target_os = "windows")]
fn os_store() -> std::result::Result<(Arc<CredentialStore>, &'static str), keyring_core::Error> {
    let s: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    Ok((s, "Windows Credential Manager"))
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn os_store() -> std::result::Result<(Arc<CredentialStore>, &'static str), keyring_core::Error> {
    Err(keyring_core::Error::NotSupportedByStore(
        "no secret store for this platform".into(),
    ))
}

impl Vault {
    /// The OS secret store, probed once: if it cannot be reached the vault is
    /// `Unavailable` (the app still opens; adding cards is disabled).
    pub fn os() -> Vault {
        let (store, name) = match os_store() {
            Ok(s) => s,
            Err(e) => return Vault::unavailable(e.to_string()),
        };
        // A read of an entry that need not exist tells whether the store answers.
        let probe = store
            .build(SERVICE, "probe", None)
            .and_then(|e| e.get_password().map(drop));
        match probe {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Vault {
                store: Some(store),
                status: Status::Available {
                    name: name.into(),
                    persistent: true,
                },
            },
            Err(e) => Vault::unavailable(e.to_string()),
        }
    }

    /// An in-memory store: secrets vanish when the program exits. For tests and the demo.
    pub fn memory() -> Vault {
        match keyring_core::mock::Store::new() {
            Ok(s) => Vault::with_store(s, "in-memory (nothing is kept after exit)"),
            Err(e) => Vault::unavailable(e.to_string()),
        }
    }

    /// Any keyring-core store (tests pass a mock whose entries they can make fail).
    pub fn with_store(store: Arc<CredentialStore>, name: &str) -> Vault {
        Vault {
            store: Some(store),
            status: Status::Available {
                name: name.into(),
                persistent: false,
            },
        }
    }

    /// No secret store: what the app shows when the OS store cannot be reached.
    pub fn unavailable(reason: impl Into<String>) -> Vault {
        Vault {
            store: None,
            status: Status::Unavailable {
                reason: reason.into(),
                fix: FIX.into(),
            },
        }
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    pub fn is_available(&self) -> bool {
        self.store.is_some()
    }

    /// A short name for the status bar.
    pub fn describe(&self) -> String {
        match &self.status {
            Status::Available { name, .. } => name.clone(),
            Status::Unavailable { .. } => "none available".into(),
        }
    }

    fn entry(&self, key: &str) -> Result<Entry> {
        let store = self.store.as_ref().ok_or_else(|| match &self.status {
            Status::Unavailable { reason, fix } => Error::Unavailable {
                reason: reason.clone(),
                fix: fix.clone(),
            },
            Status::Available { .. } => Error::Failed("no store".into()),
        })?;
        store.build(SERVICE, key, None).map_err(from_keyring)
    }

    /// Store `secret` under `key`, replacing what was there.
    pub fn set(&self, key: &str, secret: &str) -> Result<()> {
        self.entry(key)?.set_password(secret).map_err(from_keyring)
    }

    /// The secret under `key`, or `None` if there is none.
    pub fn get(&self, key: &str) -> Result<Option<Zeroizing<String>>> {
        match self.entry(key)?.get_password() {
            Ok(s) => Ok(Some(Zeroizing::new(s))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(from_keyring(e)),
        }
    }

    /// Delete the secret under `key`; deleting what is not there is fine.
    pub fn delete(&self, key: &str) -> Result<()> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(from_keyring(e)),
        }
    }

    /// The raw keyring entry, so tests can inject failures into a mock credential.
    pub fn raw_entry(&self, key: &str) -> Result<Entry> {
        self.entry(key)
    }
}

/// The vault key of a card's number: the database's id and the method's id.
pub fn method_key(database_id: &str, method: crate::domain::MethodId) -> String {
    format!("{database_id}/method/{method}")
}

/// The vault key of the database's fingerprint (HMAC) key.
pub fn fingerprint_key(database_id: &str) -> String {
    format!("{database_id}/fingerprint-key")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_delete_round_trip() {
        let v = Vault::memory();
        assert_eq!(v.get("k").unwrap(), None);
        v.set("k", "4111111111111111").unwrap();
        assert_eq!(v.get("k").unwrap().unwrap().as_str(), "4111111111111111");
        v.delete("k").unwrap();
        assert_eq!(v.get("k").unwrap(), None);
        v.delete("k").unwrap();
    }

    #[test]
    fn unavailable_vault_says_how_to_fix_it() {
        let v = Vault::unavailable("no D-Bus session");
        assert!(!v.is_available());
        let e = v.set("k", "x").unwrap_err().to_string();
        assert!(e.contains("no D-Bus session"), "{e}");
        assert!(e.contains(FIX), "{e}");
    }
}
