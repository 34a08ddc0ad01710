//! The card number and its row go together or not at all, with the mock keyring
//! store standing in for the OS one and failures injected into it.
#![allow(clippy::unwrap_used)] // test helpers may panic: that is a failed test

mod common;

use common::{add_alipay, card, temp_wallet};
use keyring_core::mock;
use rusqlite::Connection;
use walletdesk::domain::MethodId;
use walletdesk::vault::{self, Vault};

fn mock_vault() -> Vault {
    Vault::with_store(mock::Store::new().unwrap(), "mock")
}

fn fail_next(vault: &Vault, key: &str) {
    let entry = vault.raw_entry(key).unwrap();
    let cred: &mock::Cred = entry.as_any().downcast_ref().unwrap();
    cred.set_error(keyring_core::Error::NoStorageAccess(
        "the collection is locked".into(),
    ));
}

#[test]
fn a_keyring_write_failure_inserts_nothing_and_says_so() {
    let mut t = temp_wallet(mock_vault());
    let a = add_alipay(&mut t.wallet);
    let key = vault::method_key(t.wallet.database_id(), MethodId(1));
    fail_next(t.wallet.vault(), &key);

    let e = t.wallet.add_card(a, &card("4111111111111111")).unwrap_err();
    assert_eq!(e.exit_code(), 3);
    let msg = e.to_string();
    assert!(msg.contains("locked"), "{msg}");
    assert!(msg.contains("Unlock"), "{msg}");
    assert!(!msg.contains("4111111111111111"));
    assert!(
        t.wallet.methods(a, true).unwrap().is_empty(),
        "the row was rolled back"
    );
    assert_eq!(t.wallet.vault().get(&key).unwrap(), None);

    // The failure was passing: trying again works, with nothing left over.
    let id = t.wallet.add_card(a, &card("4111111111111111")).unwrap();
    assert_eq!(
        t.wallet.reveal_number(id).unwrap().expose(),
        "4111111111111111"
    );
}

#[test]
fn a_row_that_fails_to_commit_takes_its_secret_with_it() {
    let mut t = temp_wallet(mock_vault());
    let a = add_alipay(&mut t.wallet);
    // A deferred foreign key, checked only at COMMIT: the insert and the keyring
    // write succeed, then the commit fails.
    Connection::open(t.path())
        .unwrap()
        .execute_batch(
            "CREATE TABLE trap (x INTEGER REFERENCES account (id) DEFERRABLE INITIALLY DEFERRED);
             CREATE TRIGGER spring AFTER INSERT ON method WHEN NEW.holder = 'COMMIT FAILS'
             BEGIN INSERT INTO trap VALUES (424242); END;",
        )
        .unwrap();
    let mut c = card("5555555555554444");
    c.holder = "COMMIT FAILS".into();
    let e = t.wallet.add_card(a, &c).unwrap_err();
    assert_eq!(e.exit_code(), 3, "{e}");
    assert!(t.wallet.methods(a, true).unwrap().is_empty());
    let key = vault::method_key(t.wallet.database_id(), MethodId(1));
    assert_eq!(
        t.wallet.vault().get(&key).unwrap(),
        None,
        "the secret was removed again"
    );
}

#[test]
fn a_failed_demo_load_leaves_no_rows_and_no_secrets() {
    let mut t = temp_wallet(mock_vault());
    // Fail the keyring write of the demo's fourth card, after three succeeded.
    let key3 = vault::method_key(t.wallet.database_id(), MethodId(4));
    fail_next(t.wallet.vault(), &key3);
    assert!(t.wallet.load_demo(0).is_err());
    assert!(t.wallet.accounts().unwrap().is_empty());
    for id in 1..=7 {
        let key = vault::method_key(t.wallet.database_id(), MethodId(id));
        assert_eq!(t.wallet.vault().get(&key).unwrap(), None, "method {id}");
    }
}

#[test]
fn without_a_secret_store_cards_are_refused_and_nothing_is_written() {
    let mut t = temp_wallet(Vault::unavailable("no D-Bus session bus"));
    let a = add_alipay(&mut t.wallet);
    let e = t.wallet.add_card(a, &card("4111111111111111")).unwrap_err();
    assert_eq!(e.exit_code(), 3);
    assert!(e.to_string().contains("no D-Bus session bus"), "{e}");
    assert!(t.wallet.methods(a, true).unwrap().is_empty());
    // PayPal needs no secret and still works (on Alibaba Cloud, which takes it).
    let cloud = t
        .wallet
        .add_account(&walletdesk::domain::AccountDraft {
            provider: "alibaba-cloud".into(),
            label: "Cloud".into(),
            region: "US".into(),
            ..Default::default()
        })
        .unwrap();
    t.wallet
        .add_paypal(
            cloud,
            &walletdesk::domain::PaypalDraft {
                email: "me@example.com".into(),
                country: "US".into(),
                ..Default::default()
            },
        )
        .unwrap();
}

#[test]
fn two_databases_never_share_a_keyring_entry() {
    let store = mock::Store::new().unwrap();
    let mut one = temp_wallet(Vault::with_store(store.clone(), "mock"));
    let mut two = temp_wallet(Vault::with_store(store, "mock"));
    let a1 = add_alipay(&mut one.wallet);
    let a2 = add_alipay(&mut two.wallet);
    let m1 = one.wallet.add_card(a1, &card("4111111111111111")).unwrap();
    let m2 = two.wallet.add_card(a2, &card("5555555555554444")).unwrap();
    assert_eq!(m1, m2, "both are method 1 of their database");
    assert_eq!(
        one.wallet.reveal_number(m1).unwrap().expose(),
        "4111111111111111"
    );
    assert_eq!(
        two.wallet.reveal_number(m2).unwrap().expose(),
        "5555555555554444"
    );
}
