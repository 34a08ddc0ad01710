use super::*;
use crate::domain::ids::MethodId;

const ALIPAY_HEADER: &str = "交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,";
const WECHAT_HEADER: &str =
    "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注";

fn alipay_file() -> String {
    let mut s = String::from(
        "------------------------------------------------------------------------------------\n导出信息：\n姓名：测试用户\n",
    );
    for _ in 0..20 {
        s.push_str("特别提示：示例\n");
    }
    s.push_str("------------------------电子客户回单------------------------\n");
    s.push_str(ALIPAY_HEADER);
    s.push('\n');
    s
}

fn cards() -> Vec<CardRef> {
    vec![
        CardRef {
            id: MethodId(1),
            last4: "7449".into(),
        },
        CardRef {
            id: MethodId(2),
            last4: "1111".into(),
        },
        CardRef {
            id: MethodId(3),
            last4: "1111".into(),
        },
    ]
}

fn alipay(row: &str) -> Result<Outcome, FieldError> {
    let Detected::Bill { columns, names, .. } =
        detect(alipay_file().as_bytes(), FormatChoice::Auto).unwrap()
    else {
        panic!("not a bill")
    };
    let map = map::built_in(BillProvider::Alipay).unwrap();
    classify(
        BillProvider::Alipay,
        &columns,
        &names,
        map,
        &cards(),
        &split_line(row),
    )
}

fn wechat(row: &str) -> Result<Outcome, FieldError> {
    let file = format!(
        "微信支付账单明细\n\n\n\n\n\n\n\n\n\n\n\n\n\n----------------------微信支付账单明细列表--------------------\n{WECHAT_HEADER}\n"
    );
    let Detected::Bill { columns, names, .. } =
        detect(file.as_bytes(), FormatChoice::Auto).unwrap()
    else {
        panic!("not a bill")
    };
    let map = map::built_in(BillProvider::Wechat).unwrap();
    classify(
        BillProvider::Wechat,
        &columns,
        &names,
        map,
        &cards(),
        &split_line(row),
    )
}

#[test]
fn detects_alipay_in_gbk_and_utf8_and_says_so() {
    let text = alipay_file();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let d = detect(&gbk, FormatChoice::Auto).unwrap();
    assert_eq!(d.describe(), "Alipay CSV (header of 2023-02, GBK)");
    let Detected::Bill {
        header_line,
        columns,
        ..
    } = &d
    else {
        panic!()
    };
    assert_eq!(*header_line, 25);
    assert_eq!(
        (columns.time, columns.amount, columns.order_no),
        (0, 6, Some(9))
    );
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(
        detect(&bom, FormatChoice::Auto).unwrap().describe(),
        "Alipay CSV (header of 2023-02, UTF-8 with BOM)"
    );
    // Padded names and a different order are still found by name.
    let padded = "交易状态  ,交易时间    ,收/支 ,金额  ,交易对方,\n";
    let Detected::Bill {
        columns, version, ..
    } = detect(padded.as_bytes(), FormatChoice::Alipay).unwrap()
    else {
        panic!()
    };
    assert_eq!((columns.status, columns.time, columns.amount), (0, 1, 3));
    assert_eq!(version, "older header");
}

#[test]
fn detects_walletdesk_and_refuses_unknown_files() {
    let own = format!("{}\n", WALLETDESK_HEADER.join(","));
    assert_eq!(
        detect(own.as_bytes(), FormatChoice::Auto).unwrap(),
        Detected::Walletdesk
    );
    let e = detect(b"name,price\nx,1\n", FormatChoice::Auto).unwrap_err();
    assert!(e.message.contains("neither its own CSV"), "{e}");
    let e = detect(own.as_bytes(), FormatChoice::Wechat).unwrap_err();
    assert!(e.message.contains("WeChat Pay"), "{e}");
}

#[test]
fn a_merchant_payment_with_a_matched_card() {
    let o = alipay("2023-03-01 12:30:05,餐饮美食,示例餐厅,abc***@example.com,午餐,支出,28.16,交通银行信用卡(7449),交易成功,2023030122001400000000000001\t,T2000\t,,").unwrap();
    let Outcome::Record(t) = o else {
        panic!("{o:?}")
    };
    assert_eq!(t.amount.to_string(), "28.16");
    assert_eq!(t.ty, TxType::Goods);
    assert_eq!(t.method, MethodMatch::Card(MethodId(1)));
    assert_eq!(t.order_no.as_deref(), Some("2023030122001400000000000001"));
    assert_eq!(t.at.to_rfc3339(), "2023-03-01T12:30:05+08:00");
}

#[test]
fn methods_balance_unknown_and_ties() {
    assert_eq!(
        match_method("余额", &cards()),
        MethodMatch::Balance("余额".into())
    );
    assert_eq!(
        match_method("零钱", &cards()),
        MethodMatch::Balance("零钱".into())
    );
    assert!(
        matches!(match_method("工商银行储蓄卡(9876)", &cards()), MethodMatch::NoCard(_, d) if d == "9876")
    );
    assert!(
        matches!(match_method("中国银行(1111)", &cards()), MethodMatch::Tie(_, d, 2) if d == "1111")
    );
    assert!(matches!(
        match_method("某某支付", &cards()),
        MethodMatch::Unknown(_)
    ));
    assert_eq!(match_method("/", &cards()), MethodMatch::NotNamed);
}

#[test]
fn b1_skips_income_moves_funds_and_closed() {
    let row = |cat: &str, dir: &str, status: &str| {
        format!("2023-03-01 12:30,{cat},某人,,说明,{dir},10.00,余额,{status},2023030100001\t,,,")
    };
    assert_eq!(
        alipay(&row("转账红包", "收入", "交易成功")).unwrap(),
        Outcome::Skip(SkipReason::Income)
    );
    assert_eq!(
        alipay(&row("投资理财", "不计收支", "交易成功")).unwrap(),
        Outcome::Skip(SkipReason::Fund)
    );
    assert_eq!(
        alipay(&row("日用百货", "不计收支", "交易成功")).unwrap(),
        Outcome::Skip(SkipReason::OwnMove)
    );
    assert_eq!(
        alipay(&row("日用百货", "支出", "交易关闭")).unwrap(),
        Outcome::Skip(SkipReason::Closed("交易关闭".into()))
    );
    let Outcome::Record(t) = alipay(&row("转账红包", "支出", "等待确认收货")).unwrap()
    else {
        panic!()
    };
    assert_eq!((t.ty, t.to), (TxType::Personal, Destination::AlipayAccount));
    assert_eq!(t.method, MethodMatch::Balance("余额".into()));
    // A withdrawal to a bank card is recorded (Q2 counts it).
    let w =
        "2023-03-02 09:00:00,转账红包,,,余额提现,不计收支,100.00,余额,交易成功,2023030200001\t,,,";
    let Outcome::Record(t) = alipay(w).unwrap() else {
        panic!()
    };
    assert_eq!(t.to, Destination::BankAccount);
}

#[test]
fn b5_refunds_and_bad_fields() {
    let r = "2023-03-05 10:00:00,退款,示例商店,,退款-午餐,不计收支,28.16,交通银行信用卡(7449),退款成功,2023030122001400000000000001\t,,,";
    let Outcome::Refund { txn, of } = alipay(r).unwrap() else {
        panic!()
    };
    assert_eq!(of.as_deref(), Some("2023030122001400000000000001"));
    assert_eq!(txn.amount.to_string(), "28.16");
    let e = alipay("2023/3/1 12:30,餐饮美食,店,,x,支出,1.00,余额,交易成功,1\t,,,").unwrap_err();
    assert_eq!(e.field, "交易时间");
    assert!(e.message.contains("Excel"));
    let e = alipay("2023-03-01 12:30,餐饮美食,店,,x,支出,1.2E+27,余额,交易成功,1.2E+27,,,")
        .unwrap_err();
    assert_eq!(e.field, "交易订单号");
    let e = alipay("2023-03-01 12:30,餐饮美食,店,,x,支出,abc,余额,交易成功,1\t,,,").unwrap_err();
    assert_eq!(e.field, "金额");
}

#[test]
fn wechat_rows() {
    let Outcome::Record(t) = wechat("2023-04-01 08:00:00,商户消费,示例超市,牛奶,支出,¥28.16,中国银行(7449),支付成功,4200001234\t,M001\t,/").unwrap() else { panic!() };
    assert_eq!(t.amount.to_string(), "28.16");
    assert_eq!(t.method, MethodMatch::Card(MethodId(1)));
    assert_eq!(wechat("2023-04-01 08:00:00,零钱充值,招商银行(0000),/,/,¥100.00,招商银行(0000),充值完成,4200001235\t,/,/").unwrap(), Outcome::Skip(SkipReason::TopUp));
    let Outcome::Record(t) = wechat("2023-04-02 08:00:00,零钱提现,招商银行(0000),/,/,¥100.00,零钱,提现已到账,4200001236\t,/,服务费¥0.10").unwrap() else { panic!() };
    assert_eq!(t.to, Destination::BankAccount);
    assert_eq!(
        wechat("2023-04-02 08:00:00,转账,某人,/,收入,¥5.00,/,已存入零钱,4200001237\t,/,/").unwrap(),
        Outcome::Skip(SkipReason::Income)
    );
    let Outcome::Record(t) =
        wechat("2023-04-02 08:00:00,转账,某人,/,支出,¥5.00,零钱,对方已收钱,4200001238\t,/,/")
            .unwrap()
    else {
        panic!()
    };
    assert_eq!(t.ty, TxType::Personal);
}

#[test]
fn split_keeps_quoted_commas() {
    assert_eq!(
        split_line("a,\"b,c\",\"d\"\"e\",\r\n"),
        vec!["a", "b,c", "d\"e", ""]
    );
}

#[test]
fn split_into_reuses_and_trims_a_longer_row() {
    let mut fields = split_line("1,2,3,4,5");
    split_line_into("a,\"b,c\"", &mut fields);
    assert_eq!(fields, vec!["a", "b,c"]);
    split_line_into("", &mut fields);
    assert_eq!(fields, vec![""]);
}

#[test]
fn the_plain_time_reads_as_the_format_does() {
    let by_format = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").ok();
    for s in [
        "2023-02-03 12:30:00",
        "2024-02-29 23:59:59",
        "2023-02-29 12:00:00",
        "2023-13-01 12:00:00",
        "2023-02-03 24:00:00",
        "2023-02-03 12:60:00",
        "2023-02-03T12:30:00",
        "2023-0a-03 12:30:00",
        "+023-02-03 12:30:00",
    ] {
        // Where it gives up, the formats still read the text.
        let read = plain_time(s).or_else(|| by_format(s));
        assert_eq!(read, by_format(s), "{s}");
    }
    assert!(plain_time("2023-02-03 12:30:00").is_some());
    assert_eq!(plain_time("2023-02-03 12:30"), None, "left to the formats");
    assert!(bill_time(BillProvider::Alipay, "t", "2023-02-03 12:30").is_ok());
}
