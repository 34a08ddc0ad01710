//! The transactions list's reads at a size where they use their shortcuts: pages
//! read from the marks (keyset paging) are the rows the plain offset reads give.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use walletdesk::domain::AccountId;
use walletdesk::domain::limits::TxType;
use walletdesk::store::{MARK_STEP, TxnFilter};
use walletdesk::vault::Vault;

fn ids(rows: &[walletdesk::domain::txn::Txn]) -> Vec<i64> {
    rows.iter().map(|t| t.id.0).collect()
}

fn demo_wallet(n: u64) -> (TempWallet, AccountId) {
    let mut t = temp_wallet(Vault::memory());
    let a = add_alipay(&mut t.wallet);
    t.wallet.load_demo_transactions(n).unwrap();
    (t, a)
}

#[test]
fn pages_read_from_the_marks_are_the_rows_at_their_offsets() {
    let (t, a) = demo_wallet(4_500);
    let w = &t.wallet;
    for filter in [
        TxnFilter {
            account: Some(a),
            ..TxnFilter::default()
        },
        TxnFilter {
            account: Some(a),
            ty: Some(TxType::Goods),
            ..TxnFilter::default()
        },
    ] {
        let total = w.txn_count(&filter).unwrap();
        assert!(
            total > 2 * MARK_STEP,
            "{total} rows: too few to pass two marks"
        );
        let marks = w.page_marks(&filter).unwrap();
        assert_eq!(marks.len() as u64, total.div_ceil(MARK_STEP));
        let every = ids(&w.txn_page(&filter, 0, total).unwrap());
        for offset in [
            0,
            7,
            MARK_STEP - 3,
            MARK_STEP,
            MARK_STEP + 1,
            2 * MARK_STEP - 50,
            2 * MARK_STEP + 99,
            total - 60,
            total - 1,
        ] {
            let page = ids(&w
                .txn_page_marked(&filter, &marks, offset, 100, total)
                .unwrap());
            let want: Vec<i64> = every
                .iter()
                .skip(offset as usize)
                .take(100)
                .copied()
                .collect();
            assert_eq!(page, want, "{filter:?} at offset {offset}");
        }
    }
}

#[test]
fn marks_read_before_a_write_are_not_used() {
    let (mut t, a) = demo_wallet(2_200);
    let filter = TxnFilter {
        account: Some(a),
        ..TxnFilter::default()
    };
    let marks = t.wallet.page_marks(&filter).unwrap();
    assert!(t.wallet.page_marks_current(&marks));
    // The newest rows go after the marks were read.
    let newest = ids(&t.wallet.txn_page(&filter, 0, 300).unwrap());
    for id in newest {
        t.wallet.delete_txn(walletdesk::domain::TxnId(id)).unwrap();
    }
    assert!(
        !t.wallet.page_marks_current(&marks),
        "a delete makes them stale"
    );
    let total = t.wallet.txn_count(&filter).unwrap();
    let every = ids(&t.wallet.txn_page(&filter, 0, total).unwrap());
    let offset = total - 10;
    let page = ids(&t
        .wallet
        .txn_page_marked(&filter, &marks, offset, 100, total)
        .unwrap());
    assert_eq!(page, every[offset as usize..].to_vec());

    // Another connection's write (the command line while the window is open).
    let marks = t.wallet.page_marks(&filter).unwrap();
    assert!(t.wallet.page_marks_current(&marks));
    let other = rusqlite::Connection::open(t.path()).unwrap();
    other
        .execute("UPDATE txn SET note = 'x' WHERE id = ?1", [every[0]])
        .unwrap();
    assert!(!t.wallet.page_marks_current(&marks), "another's write too");
}
