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

/// The draft of payment 1, to add a payment like it.
fn first_draft(t: &TempWallet) -> walletdesk::domain::txn::TxnDraft {
    t.wallet
        .txn(walletdesk::domain::TxnId(1))
        .unwrap()
        .new
        .to_draft()
}

fn matching(w: &walletdesk::Wallet, a: AccountId, text: &str) -> Vec<i64> {
    let f = TxnFilter {
        account: Some(a),
        text: text.into(),
        ..TxnFilter::default()
    };
    let total = w.txn_totals(&f).unwrap().count;
    let page = ids(&w.txn_page(&f, 0, 10_000).unwrap());
    assert_eq!(
        page.len() as u64,
        total,
        "{text:?}: the count and the rows agree"
    );
    page
}

#[test]
fn a_search_finds_the_same_rows_before_and_after_they_are_indexed_and_after_edits() {
    let (mut t, a) = demo_wallet(3_000);
    let words = [
        "Luckin",
        "luckin",
        "淘宝",
        "Friend: 王",
        "Landlord",
        "Nowhere",
    ];
    let scanned: Vec<Vec<i64>> = words.iter().map(|s| matching(&t.wallet, a, s)).collect();
    assert!(
        scanned[0].len() > 100 && scanned[0] == scanned[1],
        "case is ignored"
    );
    assert!(scanned[5].is_empty());

    // Index part of the rows: the rest are scanned; then all of them.
    assert!(
        t.wallet.index_text(1_000).unwrap() > 0,
        "rows left to index"
    );
    for (s, want) in words.iter().zip(&scanned) {
        assert_eq!(&matching(&t.wallet, a, s), want, "{s}, part indexed");
    }
    assert_eq!(t.wallet.index_text(u64::MAX).unwrap(), 0);
    for (s, want) in words.iter().zip(&scanned) {
        assert_eq!(&matching(&t.wallet, a, s), want, "{s}, indexed");
    }

    // An indexed row renamed, another deleted, a new one added: the index follows.
    let renamed = walletdesk::domain::TxnId(scanned[0][0]);
    let mut d = t.wallet.txn(renamed).unwrap().new.to_draft();
    d.counterparty = "Nowhere Noodles".into();
    t.wallet.edit_txn(renamed, &d).unwrap();
    let deleted = walletdesk::domain::TxnId(scanned[0][1]);
    t.wallet.delete_txn(deleted).unwrap();
    d.note = "nowhere again".into();
    let added = t.wallet.add_txn(a, &d).unwrap();
    assert_eq!(matching(&t.wallet, a, "Luckin"), scanned[0][2..].to_vec());
    let mut nowhere = matching(&t.wallet, a, "nowhere");
    nowhere.sort_unstable();
    assert_eq!(nowhere, vec![renamed.0, added.0]);
    assert_eq!(matching(&t.wallet, a, "again"), vec![added.0]);
    // FTS5's own check that the index holds exactly the table's text (once
    // the row added after the last indexing is indexed too).
    t.wallet.index_text(u64::MAX).unwrap();
    assert_eq!(matching(&t.wallet, a, "again"), vec![added.0]);
    let raw = rusqlite::Connection::open(t.path()).unwrap();
    raw.execute(
        "INSERT INTO txn_text (txn_text, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap();
}

#[test]
fn a_search_with_quotes_and_wildcards_matches_them_as_typed() {
    let (mut t, a) = demo_wallet(10);
    t.wallet.index_text(u64::MAX).unwrap();
    let mut d = first_draft(&t);
    d.counterparty = r#"Bar "50%_off" \ AND OR NOT*"#.into();
    let id = t.wallet.add_txn(a, &d).unwrap();
    for text in [r#""50%_off""#, "50%", "%_o", r#"\ AND"#, "OR NOT*", "NOT"] {
        assert_eq!(matching(&t.wallet, a, text), vec![id.0], "{text}");
    }
    assert!(matching(&t.wallet, a, "50%x").is_empty());
    assert!(
        matching(&t.wallet, a, "5_%").is_empty(),
        "_ is not a wildcard"
    );
}

/// Up to `n` answers of generation `g` (waits at most a minute).
fn answers_of(
    lister: &walletdesk::wallet::Lister,
    g: u64,
    n: usize,
) -> Vec<walletdesk::wallet::Listed> {
    use walletdesk::wallet::Listed;
    let mut got = Vec::new();
    let started = std::time::Instant::now();
    while got.len() < n && started.elapsed() < std::time::Duration::from_secs(60) {
        got.extend(lister.poll().into_iter().filter(|l| match l {
            Listed::Count(h, _) | Listed::Page(h, ..) | Listed::Totals(h, _) => *h == g,
        }));
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    got
}

#[test]
fn the_lists_workers_answer_the_count_and_the_totals_each_on_its_own() {
    use walletdesk::wallet::Listed;
    let (t, a) = demo_wallet(2_000);
    let mut lister = t.wallet.lister();
    let filter = TxnFilter {
        account: Some(a),
        ..TxnFilter::default()
    };
    let g = lister.ask_totals(&filter, 0);
    let mut answers = answers_of(&lister, g, 2);
    answers.sort_by_key(|a| matches!(a, Listed::Totals(..)));
    match &answers[..] {
        [Listed::Count(g1, Ok(n)), Listed::Totals(g2, Ok(totals))] => {
            assert_eq!((*g1, *g2), (g, g));
            assert_eq!(*n, 2_000);
            assert_eq!(totals.count, 2_000);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_searchs_newest_rows_come_before_its_count_and_a_short_page_is_the_count() {
    use walletdesk::wallet::Listed;
    let (mut t, a) = demo_wallet(2_000);
    let mut d = first_draft(&t);
    d.counterparty = "Quokka Bakery".into();
    for _ in 0..3 {
        t.wallet.add_txn(a, &d).unwrap();
    }
    let mut lister = t.wallet.lister();
    // A search's answers but the totals: its first page, then its count;
    // checked against the newest rows and the count read directly.
    let page_then_count = |lister: &mut walletdesk::wallet::Lister, text: &str, why: &str| {
        let filter = TxnFilter {
            account: Some(a),
            text: text.into(),
            ..TxnFilter::default()
        };
        let g = lister.ask_totals(&filter, 100);
        let got = answers_of(lister, g, 3);
        let newest = t.wallet.txn_page(&filter, 0, 100).unwrap();
        let count = t.wallet.txn_count(&filter).unwrap();
        let order: Vec<&Listed> = got
            .iter()
            .filter(|l| !matches!(l, Listed::Totals(..)))
            .collect();
        match &order[..] {
            [Listed::Page(_, 0, Ok(rows)), Listed::Count(_, Ok(n))] => {
                assert_eq!(ids(rows), ids(&newest), "newest first ({why})");
                assert_eq!(*n, count, "{why}");
                (rows.len(), *n)
            }
            other => panic!("{why}: {other:?}"),
        }
    };
    // Every row matches: the first page, then the count, each of the worker.
    let (shown, _) = page_then_count(&mut lister, "", "every row");
    assert_eq!(shown, 100);
    // A word in fewer rows than a page: the page is the count. Read by the
    // search index's matches once the rows are indexed; by a scan before.
    for indexed in [false, true] {
        if indexed {
            t.wallet.index_text(u64::MAX).unwrap();
        }
        let (_, n) = page_then_count(&mut lister, "quokka", &format!("indexed: {indexed}"));
        assert_eq!(n, 3);
    }
}

#[test]
fn a_search_answers_the_same_before_and_after_indexing_whatever_the_letters() {
    let (mut t, a) = demo_wallet(10);
    let mut d = first_draft(&t);
    d.counterparty = "Ärzte Praxis ÉCOLE".into();
    let id = t.wallet.add_txn(a, &d).unwrap();
    let words = ["Ärzte", "ärzte", "ÄRZTE PRAXIS", "praxis", "École", "ÉCOLE"];
    let scanned: Vec<Vec<i64>> = words.iter().map(|s| matching(&t.wallet, a, s)).collect();
    assert_eq!(scanned[0], vec![id.0]);
    assert_eq!(scanned[3], vec![id.0], "ASCII case is ignored");
    t.wallet.index_text(u64::MAX).unwrap();
    for (s, want) in words.iter().zip(&scanned) {
        assert_eq!(&matching(&t.wallet, a, s), want, "{s}");
    }
}

/// An import sets the search index's insert trigger aside while it writes
/// (store::Bulk). Rows written after it are found, and a later payment that
/// takes the number of a deleted, indexed one is still indexed.
#[test]
fn an_import_keeps_the_search_index_in_step() {
    let (mut t, a) = demo_wallet(2_000);
    assert_eq!(t.wallet.index_text(u64::MAX).unwrap(), 0, "all indexed");
    let last = *matching(&t.wallet, a, "").iter().max().unwrap();
    // The last payments deleted: the index's mark is now past every row.
    for id in last - 2..=last {
        t.wallet.delete_txn(walletdesk::domain::TxnId(id)).unwrap();
    }
    let csv = "at,amount,currency,type,to,method,counterparty,note,fx_exempt\n\
               2026-11-20T10:00:00+08:00,12.00,CNY,goods,merchant,,Zebra Bakery,,false\n\
               2026-11-20T11:00:00+08:00,13.00,CNY,goods,merchant,,Zebra Books,first,false\n";
    let p = preview(&t.wallet, a, csv);
    let written = t
        .wallet
        .import_commit(
            a,
            &p,
            &mut |_| {},
            &std::sync::atomic::AtomicBool::new(false),
        )
        .unwrap();
    assert!(matches!(written, walletdesk::wallet::Finished::Done(2)));
    let zebras = matching(&t.wallet, a, "zebra");
    assert_eq!(zebras, vec![last - 1, last - 2], "scanned: newest first");
    t.wallet.index_text(u64::MAX).unwrap();
    assert_eq!(matching(&t.wallet, a, "zebra"), zebras, "indexed");

    // Mark past the rows again; a payment added by hand takes a number at or
    // below it, so only the trigger can index it.
    t.wallet
        .delete_txn(walletdesk::domain::TxnId(last - 1))
        .unwrap();
    let mut d = first_draft(&t);
    d.counterparty = "Zebra Tea".into();
    let added = t.wallet.add_txn(a, &d).unwrap();
    assert_eq!(added.0, last - 1);
    assert_eq!(matching(&t.wallet, a, "zebra tea"), vec![added.0]);
    let raw = rusqlite::Connection::open(t.path()).unwrap();
    raw.execute(
        "INSERT INTO txn_text (txn_text, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .unwrap();
}

#[test]
fn a_searchs_first_page_says_its_count_only_when_it_holds_every_match() {
    let (mut t, a) = demo_wallet(300);
    let mut d = first_draft(&t);
    d.counterparty = "Wombat Books".into();
    for _ in 0..5 {
        t.wallet.add_txn(a, &d).unwrap();
    }
    t.wallet.index_text(u64::MAX).unwrap();
    let f = TxnFilter {
        account: Some(a),
        text: "wombat".into(),
        ..TxnFilter::default()
    };
    let newest = |n| t.wallet.txn_page(&f, 0, n).unwrap();
    // Five matches: a page of five or more holds them all, newest first.
    for size in [5, 6, 100] {
        let (rows, count) = t.wallet.txn_first_page(&f, size).unwrap();
        assert_eq!(ids(&rows), ids(&newest(5)), "page of {size}");
        assert_eq!(count, Some(5), "page of {size}");
    }
    // A page of four: the newest four, and the count is not known.
    let (rows, count) = t.wallet.txn_first_page(&f, 4).unwrap();
    assert_eq!(ids(&rows), ids(&newest(4)));
    assert_eq!(count, None);
    // Without a search: a full page is not a count, a short one is.
    let all = TxnFilter {
        account: Some(a),
        ..TxnFilter::default()
    };
    assert_eq!(t.wallet.txn_first_page(&all, 100).unwrap().1, None);
    assert_eq!(t.wallet.txn_first_page(&all, 1000).unwrap().1, Some(305));
}
