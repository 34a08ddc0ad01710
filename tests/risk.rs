//! The binding-risk rules through the public engine and the shipped profiles:
//! every rule raised once and missed once, AC4's region table exhaustively, and
//! properties of verdicts.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use proptest::prelude::*;
use walletdesk::domain::card::{Expiry, Network, check_number};
use walletdesk::domain::profile::Profiles;
use walletdesk::domain::risk::{
    Assessment, CardSubject, Flag, History, Level, Subject, Target, assess,
};
use walletdesk::domain::{CountryCode, Fact, Funding, PaypalInfo, Provider, Region, Tier};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-21T12:00:00+08:00").unwrap()
}

fn cc(s: &str) -> CountryCode {
    CountryCode::parse("country", s).unwrap()
}

/// A card that binds everywhere it can: Visa credit from the US, all facts yes.
fn visa() -> CardSubject {
    CardSubject {
        candidates: vec![Network::Visa],
        length: 16,
        luhn: true,
        expiry: Some(Expiry {
            year: 2028,
            month: 9,
        }),
        holder: Some("JOHN SMITH".into()),
        funding: Some(Funding::Credit),
        issuer_country: Some(cc("US")),
        intl: Fact::Yes,
        three_ds: Fact::Yes,
        balance_ok: Fact::Yes,
    }
}

fn target(p: Provider) -> Target {
    Target {
        provider: p,
        region: (p == Provider::AlibabaCloud).then_some(Region::Us),
        tier: Tier::Verified,
        holder: Some("JOHN SMITH".into()),
        passport_expiry: NaiveDate::from_ymd_opt(2030, 1, 1),
    }
}

fn run(subject: &Subject, t: &Target, h: &History) -> Assessment {
    let profiles = Profiles::built_in().unwrap();
    assess(subject, t, h, profiles.get(t.provider), now())
}

fn card_on(c: CardSubject, p: Provider) -> Assessment {
    run(&Subject::Card(c), &target(p), &History::default())
}

fn flag(a: &Assessment, rule: &str) -> Option<Flag> {
    a.flags.iter().find(|f| f.rule == rule).cloned()
}

fn rules(a: &Assessment) -> Vec<&'static str> {
    a.flags.iter().map(|f| f.rule).collect()
}

#[test]
fn a_clean_card_has_no_flags_where_it_fits() {
    let a = card_on(visa(), Provider::AlibabaCloud);
    assert_eq!(a.verdict, Level::Ok, "{:?}", a.flags);
    // On Alipay a US credit card still meets AL1: the rule is about the card, not the data.
    assert_eq!(rules(&card_on(visa(), Provider::Alipay)), ["AL1"]);
}

#[test]
fn c1_luhn_blocks_but_warns_for_unionpay() {
    let mut c = visa();
    c.luhn = false;
    let f = flag(&card_on(c, Provider::Alipay), "C1").unwrap();
    assert_eq!(f.level, Level::Block);
    assert!(f.message.contains("mistyped"));
    let mut up = visa();
    up.candidates = vec![Network::UnionPay];
    up.luhn = false;
    assert_eq!(
        flag(&card_on(up, Provider::WechatPay), "C1").unwrap().level,
        Level::Warn
    );
    assert!(flag(&card_on(visa(), Provider::Alipay), "C1").is_none());
}

#[test]
fn c2_unknown_network_or_wrong_length() {
    let mut c = visa();
    c.candidates = vec![];
    assert_eq!(
        flag(&card_on(c, Provider::Alipay), "C2").unwrap().level,
        Level::Block
    );
    let mut c = visa();
    c.length = 15;
    let f = flag(&card_on(c, Provider::Alipay), "C2").unwrap();
    assert!(f.message.contains("13, 16 or 19"), "{}", f.message);
    let mut c = visa();
    c.length = 13;
    assert!(flag(&card_on(c, Provider::Alipay), "C2").is_none());
}

#[test]
fn c3_expired_at_the_month_boundary() {
    let mut c = visa();
    c.expiry = Some(Expiry {
        year: 2026,
        month: 10,
    });
    assert_eq!(
        flag(&card_on(c.clone(), Provider::Alipay), "C3")
            .unwrap()
            .level,
        Level::Block
    );
    c.expiry = Some(Expiry {
        year: 2026,
        month: 11,
    });
    assert!(flag(&card_on(c, Provider::Alipay), "C3").is_none());
}

#[test]
fn c4_this_month_blocks_on_alibaba_cloud_and_warns_elsewhere_next_month_does_not() {
    let mut c = visa();
    c.expiry = Some(Expiry {
        year: 2026,
        month: 11,
    });
    let f = flag(&card_on(c.clone(), Provider::AlibabaCloud), "C4").unwrap();
    assert_eq!(f.level, Level::Block);
    assert_eq!(f.source, "003_0647db2b27c843d7.txt");
    assert_eq!(
        flag(&card_on(c.clone(), Provider::WechatPay), "C4")
            .unwrap()
            .level,
        Level::Warn
    );
    c.expiry = Some(Expiry {
        year: 2026,
        month: 12,
    });
    assert!(flag(&card_on(c, Provider::AlibabaCloud), "C4").is_none());
}

#[test]
fn c5_within_60_days_is_an_inference_warning() {
    let mut c = visa();
    c.expiry = Some(Expiry {
        year: 2027,
        month: 1,
    }); // last day 2027-01-31: 71 days
    assert!(flag(&card_on(c.clone(), Provider::Alipay), "C5").is_none());
    c.expiry = Some(Expiry {
        year: 2026,
        month: 12,
    }); // 40 days
    let f = flag(&card_on(c, Provider::Alipay), "C5").unwrap();
    assert_eq!(f.level, Level::Warn);
    assert!(f.inference);
}

#[test]
fn a1_unverified_blocks_wallets_and_warns_on_alibaba_cloud() {
    for (p, level) in [
        (Provider::Alipay, Level::Block),
        (Provider::AlipayHk, Level::Block),
        (Provider::WechatPay, Level::Block),
        (Provider::AlibabaCloud, Level::Warn),
    ] {
        let mut t = target(p);
        t.tier = Tier::Unverified;
        let a = run(&Subject::Card(visa()), &t, &History::default());
        assert_eq!(flag(&a, "A1").unwrap().level, level, "{p}");
        assert!(flag(&card_on(visa(), p), "A1").is_none());
    }
}

#[test]
fn a2_passport_expired_or_unknown_blocks_alipay_only() {
    let mut t = target(Provider::Alipay);
    t.passport_expiry = NaiveDate::from_ymd_opt(2026, 11, 20);
    let a = run(&Subject::Card(visa()), &t, &History::default());
    assert_eq!(flag(&a, "A2").unwrap().level, Level::Block);
    t.passport_expiry = None;
    let a = run(&Subject::Card(visa()), &t, &History::default());
    assert!(flag(&a, "A2").unwrap().message.contains("not recorded"));
    t.passport_expiry = NaiveDate::from_ymd_opt(2026, 11, 21);
    assert!(flag(&run(&Subject::Card(visa()), &t, &History::default()), "A2").is_none());
    let mut t = target(Provider::WechatPay);
    t.passport_expiry = None;
    assert!(flag(&run(&Subject::Card(visa()), &t, &History::default()), "A2").is_none());
}

#[test]
fn a3_names_after_normalising_case_spaces_punctuation_and_order() {
    let with = |name: &str, p: Provider| {
        let mut c = visa();
        c.holder = Some(name.into());
        card_on(c, p)
    };
    assert!(flag(&with("john  smith", Provider::Alipay), "A3").is_none());
    assert!(flag(&with("John-Smith.", Provider::Alipay), "A3").is_none());
    let f = flag(&with("SMITH JOHN", Provider::Alipay), "A3").unwrap();
    assert_eq!(f.level, Level::Info);
    let f = flag(&with("Smith, John", Provider::WechatPay), "A3").unwrap();
    assert_eq!(f.level, Level::Info);
    assert!(f.message.contains("surname first"));
    assert_eq!(
        flag(&with("JANE SMITH", Provider::Alipay), "A3")
            .unwrap()
            .level,
        Level::High
    );
}

#[test]
fn a4_three_failures_in_24_hours() {
    let h = |hours_ago: &[i64]| History {
        failed_attempts: hours_ago
            .iter()
            .map(|h| now() - Duration::hours(*h))
            .collect(),
        ..History::default()
    };
    let t = target(Provider::Alipay);
    let s = Subject::Card(visa());
    assert_eq!(
        flag(&run(&s, &t, &h(&[1, 2, 23])), "A4").unwrap().level,
        Level::High
    );
    assert!(flag(&run(&s, &t, &h(&[1, 2, 25])), "A4").is_none());
    assert!(flag(&run(&s, &t, &h(&[1, 2])), "A4").is_none());
}

#[test]
fn ac1_unionpay_only() {
    let mut c = visa();
    c.candidates = vec![Network::UnionPay];
    assert_eq!(
        flag(&card_on(c, Provider::AlibabaCloud), "AC1")
            .unwrap()
            .level,
        Level::Block
    );
    // The overlap 622126–622925: most specific is Discover, so AC1 does not fire
    // (AC4 does, Discover being unsupported), and the doubt is in the candidates.
    let mut c = visa();
    c.candidates = check_number("6221 2600 0000 0000").candidates;
    assert_eq!(c.candidates, [Network::Discover, Network::UnionPay]);
    let a = card_on(c, Provider::AlibabaCloud);
    assert!(flag(&a, "AC1").is_none());
    assert!(flag(&a, "AC4").is_some());
    assert!(flag(&card_on(visa(), Provider::AlibabaCloud), "AC1").is_none());
}

#[test]
fn ac2_prepaid_virtual_gift_but_not_debit() {
    for f in [Funding::Prepaid, Funding::Virtual, Funding::Gift] {
        let mut c = visa();
        c.funding = Some(f);
        assert_eq!(
            flag(&card_on(c, Provider::AlibabaCloud), "AC2")
                .unwrap()
                .level,
            Level::Block
        );
    }
    let mut c = visa();
    c.funding = Some(Funding::Debit);
    assert!(flag(&card_on(c, Provider::AlibabaCloud), "AC2").is_none());
}

#[test]
fn ac3_mainland_issued_but_not_hong_kong() {
    let mut c = visa();
    c.issuer_country = Some(cc("CN"));
    assert_eq!(
        flag(&card_on(c.clone(), Provider::AlibabaCloud), "AC3")
            .unwrap()
            .level,
        Level::Block
    );
    c.issuer_country = Some(cc("HK"));
    assert!(flag(&card_on(c, Provider::AlibabaCloud), "AC3").is_none());
}

#[test]
fn ac4_every_network_in_every_region() {
    use Network::{Amex, Diners, Discover, Jcb, Mastercard, UnionPay, Visa};
    let accepted = |region: Region, n: Network| match n {
        Visa | Mastercard => true,
        Amex => region != Region::My,
        Jcb => region == Region::Other,
        UnionPay | Discover | Diners => false,
    };
    for region in Region::ALL {
        for n in Network::ALL {
            let mut c = visa();
            c.candidates = vec![n];
            let mut t = target(Provider::AlibabaCloud);
            t.region = Some(region);
            let a = run(&Subject::Card(c), &t, &History::default());
            assert_eq!(
                flag(&a, "AC4").is_none(),
                accepted(region, n),
                "{n} in {}",
                region.id()
            );
        }
        let paypal = Subject::Paypal(PaypalInfo {
            email: "a@b.com".into(),
            country: cc("US"),
            funding_source: true,
        });
        let mut t = target(Provider::AlibabaCloud);
        t.region = Some(region);
        let a = run(&paypal, &t, &History::default());
        let ok = matches!(region, Region::Us | Region::EuropeNonEu | Region::Other);
        assert_eq!(flag(&a, "AC4").is_none(), ok, "PayPal in {}", region.id());
    }
}

#[test]
fn ac4_jcb_on_a_us_account_blocks_with_a_remedy_on_other_it_does_not() {
    let mut c = visa();
    c.candidates = vec![Network::Jcb];
    let f = flag(&card_on(c.clone(), Provider::AlibabaCloud), "AC4").unwrap();
    assert_eq!(f.level, Level::Block);
    assert!(f.remedy.contains("Visa"), "{}", f.remedy);
    let mut t = target(Provider::AlibabaCloud);
    t.region = Some(Region::Other);
    assert!(flag(&run(&Subject::Card(c), &t, &History::default()), "AC4").is_none());
}

#[test]
fn ac5_ac7_facts_no_unknown_yes() {
    for (rule, set, unknown) in [
        (
            "AC5",
            (|c: &mut CardSubject, f| c.intl = f) as fn(&mut CardSubject, Fact),
            Level::Warn,
        ),
        (
            "AC7",
            |c: &mut CardSubject, f| c.balance_ok = f,
            Level::Info,
        ),
    ] {
        let mut c = visa();
        set(&mut c, Fact::No);
        assert_eq!(
            flag(&card_on(c.clone(), Provider::AlibabaCloud), rule)
                .unwrap()
                .level,
            Level::Block
        );
        set(&mut c, Fact::Unknown);
        assert_eq!(
            flag(&card_on(c.clone(), Provider::AlibabaCloud), rule)
                .unwrap()
                .level,
            unknown
        );
        set(&mut c, Fact::Yes);
        assert!(flag(&card_on(c, Provider::AlibabaCloud), rule).is_none());
    }
}

#[test]
fn ac6_three_d_secure_required_in_eu_and_my_high_elsewhere() {
    let mut c = visa();
    c.three_ds = Fact::No;
    for (region, level) in [
        (Region::Eu, Level::Block),
        (Region::My, Level::Block),
        (Region::Us, Level::High),
        (Region::Other, Level::High),
    ] {
        let mut t = target(Provider::AlibabaCloud);
        t.region = Some(region);
        let a = run(&Subject::Card(c.clone()), &t, &History::default());
        assert_eq!(flag(&a, "AC6").unwrap().level, level, "{}", region.id());
    }
    c.three_ds = Fact::Unknown;
    assert_eq!(
        flag(&card_on(c, Provider::AlibabaCloud), "AC6")
            .unwrap()
            .level,
        Level::Warn
    );
    assert!(flag(&card_on(visa(), Provider::AlibabaCloud), "AC6").is_none());
}

#[test]
fn ac8_linked_to_another_alibaba_cloud_account() {
    let h = History {
        linked_elsewhere: vec!["Cloud EU".into()],
        ..History::default()
    };
    let a = run(&Subject::Card(visa()), &target(Provider::AlibabaCloud), &h);
    let f = flag(&a, "AC8").unwrap();
    assert_eq!(f.level, Level::Block);
    assert!(f.remedy.contains("Cloud EU"));
    assert!(flag(&card_on(visa(), Provider::AlibabaCloud), "AC8").is_none());
}

#[test]
fn ac9_paypal_from_the_mainland_or_without_funding() {
    let pp = |country: &str, funded: bool| {
        Subject::Paypal(PaypalInfo {
            email: "a@b.com".into(),
            country: cc(country),
            funding_source: funded,
        })
    };
    let t = target(Provider::AlibabaCloud);
    let h = History::default();
    assert_eq!(
        flag(&run(&pp("CN", true), &t, &h), "AC9").unwrap().level,
        Level::Block
    );
    assert_eq!(
        flag(&run(&pp("US", false), &t, &h), "AC9").unwrap().level,
        Level::Warn
    );
    assert!(flag(&run(&pp("US", true), &t, &h), "AC9").is_none());
    // PayPal is not judged where it cannot be linked at all.
    let a = run(&pp("US", true), &target(Provider::Alipay), &h);
    assert!(!a.applicable);
}

#[test]
fn al1_al2_al6_by_funding_and_issuer() {
    let with = |funding: Funding, country: &str| {
        let mut c = visa();
        c.funding = Some(funding);
        c.issuer_country = Some(cc(country));
        card_on(c, Provider::Alipay)
    };
    assert_eq!(
        flag(&with(Funding::Credit, "US"), "AL1").unwrap().level,
        Level::High
    );
    assert!(flag(&with(Funding::Credit, "HK"), "AL1").is_none());
    assert!(flag(&with(Funding::Debit, "US"), "AL1").is_none());
    assert_eq!(
        flag(&with(Funding::Credit, "HK"), "AL2").unwrap().level,
        Level::Info
    );
    assert!(flag(&with(Funding::Credit, "SG"), "AL2").is_none());
    assert_eq!(
        flag(&with(Funding::Debit, "CN"), "AL6").unwrap().level,
        Level::Info
    );
    assert!(flag(&with(Funding::Credit, "CN"), "AL6").is_none());
}

#[test]
fn al3_al4_al5() {
    let mut c = visa();
    c.funding = Some(Funding::Virtual);
    assert_eq!(
        flag(&card_on(c, Provider::Alipay), "AL3").unwrap().level,
        Level::Warn
    );
    let mut c = visa();
    c.funding = Some(Funding::Gift);
    assert!(flag(&card_on(c, Provider::Alipay), "AL3").is_none());
    let mut c = visa();
    c.three_ds = Fact::No;
    assert_eq!(
        flag(&card_on(c, Provider::Alipay), "AL4").unwrap().level,
        Level::High
    );
    let mut c = visa();
    c.three_ds = Fact::Unknown;
    assert!(flag(&card_on(c, Provider::Alipay), "AL4").is_none());
    let mut c = visa();
    c.intl = Fact::No;
    let f = flag(&card_on(c, Provider::Alipay), "AL5").unwrap();
    assert!(f.remedy.contains("Alipay/Ant Group"));
    assert!(flag(&card_on(visa(), Provider::Alipay), "AL5").is_none());
}

#[test]
fn ah1_hong_kong_info_elsewhere_high() {
    let mut c = visa();
    c.issuer_country = Some(cc("HK"));
    assert_eq!(
        flag(&card_on(c, Provider::AlipayHk), "AH1").unwrap().level,
        Level::Info
    );
    assert_eq!(
        flag(&card_on(visa(), Provider::AlipayHk), "AH1")
            .unwrap()
            .level,
        Level::High
    );
    let mut c = visa();
    c.issuer_country = None;
    assert!(flag(&card_on(c, Provider::AlipayHk), "AH1").is_none());
}

#[test]
fn wx1_wx2_wx3() {
    assert_eq!(
        flag(&card_on(visa(), Provider::WechatPay), "WX1")
            .unwrap()
            .level,
        Level::High
    );
    let mut cn = visa();
    cn.issuer_country = Some(cc("CN"));
    assert!(flag(&card_on(cn, Provider::WechatPay), "WX1").is_none());
    let mut debit = visa();
    debit.funding = Some(Funding::Debit);
    assert_eq!(
        flag(&card_on(debit, Provider::WechatPay), "WX2")
            .unwrap()
            .level,
        Level::High
    );
    assert!(flag(&card_on(visa(), Provider::WechatPay), "WX2").is_none());
    let mut discover = visa();
    discover.candidates = vec![Network::Discover];
    assert_eq!(
        flag(&card_on(discover, Provider::WechatPay), "WX3")
            .unwrap()
            .level,
        Level::Block
    );
    let mut jcb = visa();
    jcb.candidates = vec![Network::Jcb];
    assert!(flag(&card_on(jcb, Provider::WechatPay), "WX3").is_none());
}

#[test]
fn every_flag_names_its_rule_and_source_and_says_what_to_do() {
    let mut c = visa();
    c.three_ds = Fact::No;
    c.intl = Fact::Unknown;
    c.funding = Some(Funding::Prepaid);
    for p in Provider::ALL {
        for f in card_on(c.clone(), p).flags {
            assert!(!f.message.is_empty() && !f.remedy.is_empty(), "{f:?}");
            // Every source is one walletdesk can show by its title.
            assert!(
                walletdesk::domain::sources::lookup(&f.source).is_some(),
                "{f:?}"
            );
        }
    }
}

fn arb_card() -> impl Strategy<Value = CardSubject> {
    (
        "[0-9]{0,20}",
        prop::option::of((1u32..=12, 2020i32..=2032)),
        prop::option::of(prop::sample::select(Funding::ALL.to_vec())),
        prop::option::of(prop::sample::select(vec!["US", "CN", "HK", "GB", "MY"])),
        prop::sample::select(Fact::ALL.to_vec()),
        prop::sample::select(Fact::ALL.to_vec()),
        prop::sample::select(Fact::ALL.to_vec()),
    )
        .prop_map(
            |(digits, exp, funding, country, intl, three_ds, balance_ok)| {
                let check = check_number(&digits);
                CardSubject {
                    candidates: check.candidates,
                    length: check.length,
                    luhn: check.luhn,
                    expiry: exp.map(|(month, year)| Expiry { year, month }),
                    holder: Some("JOHN SMITH".into()),
                    funding,
                    issuer_country: country.map(cc),
                    intl,
                    three_ds,
                    balance_ok,
                }
            },
        )
}

proptest! {
    /// Any digit string either fails Luhn (C1), has a network, or gets a C2 flag.
    #[test]
    fn digits_fail_luhn_or_get_a_network_or_c2(digits in "[0-9]{1,20}", p in prop::sample::select(Provider::ALL.to_vec())) {
        let check = check_number(&digits);
        let mut c = visa();
        c.candidates = check.candidates.clone();
        c.length = check.length;
        c.luhn = check.luhn;
        let a = card_on(c, p);
        let ids = rules(&a);
        prop_assert!(!check.luhn || !check.candidates.is_empty() || ids.contains(&"C2"));
        if !check.luhn {
            prop_assert!(ids.contains(&"C1"));
        }
    }

    /// The same input always gives the same flags; the verdict is the worst flag.
    #[test]
    fn verdict_is_the_worst_flag_and_deterministic(c in arb_card(), p in prop::sample::select(Provider::ALL.to_vec()), region in prop::sample::select(Region::ALL.to_vec())) {
        let mut t = target(p);
        if p == Provider::AlibabaCloud {
            t.region = Some(region);
        }
        let a = run(&Subject::Card(c.clone()), &t, &History::default());
        let b = run(&Subject::Card(c), &t, &History::default());
        prop_assert_eq!(&a, &b);
        let worst = a.flags.iter().map(|f| f.level).max().unwrap_or(Level::Ok);
        prop_assert_eq!(a.verdict, worst);
        prop_assert!(a.flags.windows(2).all(|w| w[0].level >= w[1].level));
    }
}
