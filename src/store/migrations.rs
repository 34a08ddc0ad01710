//! Schema steps, one per entry. `PRAGMA user_version` counts the steps applied.
//!
//! Never edit a step that has shipped; add a new one.

pub const STEPS: &[&str] = &[
    // 1: accounts, methods, and the database's own identity.
    r"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- A random id per database file, so secrets of two databases (yours, the demo,
-- a test) never share a keyring entry.
INSERT INTO meta (key, value) VALUES ('database_id', lower(hex(randomblob(16))));

CREATE TABLE account (
    id                INTEGER PRIMARY KEY,
    provider          TEXT NOT NULL
                      CHECK (provider IN ('alipay', 'alipay-hk', 'wechat-pay', 'alibaba-cloud')),
    label             TEXT NOT NULL CHECK (length(trim(label)) > 0),
    region            TEXT CHECK (region IN ('US', 'EU', 'EUROPE-NON-EU', 'MY', 'OTHER')),
    country           TEXT CHECK (country GLOB '[A-Z][A-Z]'),
    tier              TEXT NOT NULL CHECK (tier IN ('unverified', 'verified')),
    holder            TEXT,
    passport_expiry   TEXT CHECK (passport_expiry IS date(passport_expiry)),
    outstanding_bills INTEGER NOT NULL DEFAULT 0 CHECK (outstanding_bills IN (0, 1)),
    created_at        TEXT NOT NULL,
    CHECK (provider <> 'alibaba-cloud' OR region IS NOT NULL)
) STRICT;

CREATE TABLE method (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES account (id),
    kind           TEXT NOT NULL CHECK (kind IN ('card', 'paypal')),
    status         TEXT NOT NULL
                   CHECK (status IN ('pending', 'active', 'failed', 'expired', 'removed')),
    is_default     INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    status_reason  TEXT,
    created_at     TEXT NOT NULL,
    -- cards: never the full number (first 6, last 4, a keyed fingerprint)
    network        TEXT CHECK (network IN
                   ('visa', 'mastercard', 'amex', 'jcb', 'unionpay', 'discover', 'diners')),
    first6         TEXT CHECK (first6 GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
    last4          TEXT CHECK (last4 GLOB '[0-9][0-9][0-9][0-9]'),
    number_length  INTEGER CHECK (number_length BETWEEN 12 AND 19),
    fingerprint    TEXT CHECK (length(fingerprint) = 64),
    expiry_month   INTEGER CHECK (expiry_month BETWEEN 1 AND 12),
    expiry_year    INTEGER CHECK (expiry_year BETWEEN 2000 AND 2199),
    holder         TEXT,
    funding        TEXT CHECK (funding IN ('credit', 'debit', 'prepaid', 'virtual', 'gift')),
    issuer_country TEXT CHECK (issuer_country GLOB '[A-Z][A-Z]'),
    bank           TEXT,
    intl_enabled   TEXT CHECK (intl_enabled IN ('yes', 'no', 'unknown')),
    three_ds       TEXT CHECK (three_ds IN ('yes', 'no', 'unknown')),
    balance_ok     TEXT CHECK (balance_ok IN ('yes', 'no', 'unknown')),
    -- PayPal
    email          TEXT,
    paypal_country TEXT CHECK (paypal_country GLOB '[A-Z][A-Z]'),
    funding_source INTEGER CHECK (funding_source IN (0, 1)),
    CHECK (kind <> 'card' OR (network IS NOT NULL AND first6 IS NOT NULL AND last4 IS NOT NULL
           AND number_length IS NOT NULL AND fingerprint IS NOT NULL
           AND expiry_month IS NOT NULL AND expiry_year IS NOT NULL AND holder IS NOT NULL
           AND intl_enabled IS NOT NULL AND three_ds IS NOT NULL AND balance_ok IS NOT NULL)),
    CHECK (kind <> 'paypal' OR (email IS NOT NULL AND paypal_country IS NOT NULL
           AND funding_source IS NOT NULL)),
    -- L6: a removed method is never the default.
    CHECK (NOT (is_default = 1 AND status = 'removed'))
) STRICT;

-- L6: an account has at most one default method.
CREATE UNIQUE INDEX method_one_default ON method (account_id) WHERE is_default = 1;
CREATE INDEX method_by_account ON method (account_id, id);
CREATE INDEX method_by_fingerprint ON method (fingerprint) WHERE fingerprint IS NOT NULL;
",
    // 2: the bind-attempt log (A4 reads it).
    r"
CREATE TABLE bind_attempt (
    id        INTEGER PRIMARY KEY,
    method_id INTEGER NOT NULL REFERENCES method (id),
    provider  TEXT NOT NULL
              CHECK (provider IN ('alipay', 'alipay-hk', 'wechat-pay', 'alibaba-cloud')),
    -- UTC, RFC 3339 with Z, so text order is time order
    at        TEXT NOT NULL CHECK (at LIKE '____-__-__T__:__:__Z'),
    outcome   TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
    error     TEXT
) STRICT;
CREATE INDEX bind_attempt_by_method ON bind_attempt (method_id, at);
CREATE INDEX method_by_email ON method (email) WHERE email IS NOT NULL;
",
    // 3: when the USD 1.00 pre-authorization hold was placed (pending methods).
    r"
ALTER TABLE method ADD COLUMN preauth_at TEXT
    CHECK (preauth_at IS NULL OR preauth_at LIKE '____-__-__T__:__:__Z');
UPDATE method SET preauth_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at)
    WHERE status = 'pending';
",
    // 4: transactions, the rate table, per-day totals, limit books, own caps.
    r"
CREATE TABLE rate (
    from_ccy TEXT NOT NULL CHECK (from_ccy GLOB '[A-Z][A-Z][A-Z]'),
    to_ccy   TEXT NOT NULL CHECK (to_ccy GLOB '[A-Z][A-Z][A-Z]' AND to_ccy <> from_ccy),
    day      TEXT NOT NULL CHECK (day IS date(day)),
    rate     TEXT NOT NULL,
    PRIMARY KEY (from_ccy, to_ccy, day)
) STRICT;

ALTER TABLE account ADD COLUMN limit_book TEXT NOT NULL DEFAULT 'standard';

-- Q6: every transaction keeps its amount in each limit currency (USD and CNY, in
-- cents) and the rate used, so history never moves when rates change.
CREATE TABLE txn (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES account (id),
    at           TEXT NOT NULL,
    at_utc       INTEGER NOT NULL,
    -- the calendar day in the limits' time zone (the day_total key)
    day          TEXT NOT NULL CHECK (day IS date(day)),
    amount       TEXT NOT NULL,
    currency     TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
    type         TEXT NOT NULL CHECK (type IN ('personal', 'goods', 'services')),
    dest         TEXT NOT NULL CHECK (dest IN ('merchant', 'alipay-account', 'bank-account')),
    method_id    INTEGER REFERENCES method (id),
    counterparty TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    fx_exempt    INTEGER NOT NULL CHECK (fx_exempt IN (0, 1)),
    usd_cents    INTEGER NOT NULL CHECK (usd_cents >= 0),
    usd_rate     TEXT NOT NULL,
    usd_rate_day TEXT CHECK (usd_rate_day IS date(usd_rate_day)),
    cny_cents    INTEGER NOT NULL CHECK (cny_cents >= 0),
    cny_rate     TEXT NOT NULL,
    cny_rate_day TEXT CHECK (cny_rate_day IS date(cny_rate_day)),
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX txn_by_time ON txn (account_id, at_utc, id);

-- Kept in step with txn in the same transaction: quota figures add up at most a
-- year of days, never the transactions themselves.
CREATE TABLE day_total (
    account_id INTEGER NOT NULL REFERENCES account (id),
    day        TEXT NOT NULL,
    type       TEXT NOT NULL,
    dest       TEXT NOT NULL,
    fx_exempt  INTEGER NOT NULL,
    method_id  INTEGER NOT NULL,
    usd_cents  INTEGER NOT NULL,
    cny_cents  INTEGER NOT NULL,
    count      INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (account_id, day, type, dest, fx_exempt, method_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE limit_override (
    account_id INTEGER NOT NULL REFERENCES account (id),
    key        TEXT NOT NULL,
    amount     TEXT NOT NULL,
    PRIMARY KEY (account_id, key)
) STRICT;

CREATE TABLE cap (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    window     TEXT NOT NULL CHECK (window IN ('single', 'day', 'week', 'month', 'year')),
    currency   TEXT NOT NULL CHECK (currency IN ('USD', 'CNY')),
    amount     TEXT NOT NULL,
    method_id  INTEGER REFERENCES method (id)
) STRICT;
",
    // 5: a live card whose number is not in the secret store is marked, not hidden.
    r"
ALTER TABLE method ADD COLUMN number_missing INTEGER NOT NULL DEFAULT 0
    CHECK (number_missing IN (0, 1));
",
    // 6: an account can be removed (archived): its payments stay for the FX
    // quota and its history, it leaves the lists (L8).
    r"
ALTER TABLE account ADD COLUMN archived_at TEXT;
",
    // 7: bill imports (B4, B5): the provider and its order number of an imported
    // row (trimmed of tabs and spaces), and a refund's link to its payment.
    r"
ALTER TABLE txn ADD COLUMN provider TEXT CHECK (provider IS NULL OR length(provider) > 0);
ALTER TABLE txn ADD COLUMN order_no TEXT CHECK (order_no IS NULL OR length(order_no) > 0);
ALTER TABLE txn ADD COLUMN is_refund INTEGER NOT NULL DEFAULT 0 CHECK (is_refund IN (0, 1));
ALTER TABLE txn ADD COLUMN refund_of INTEGER REFERENCES txn (id);
ALTER TABLE txn ADD COLUMN refund_of_order TEXT;
CREATE INDEX txn_by_order ON txn (account_id, provider, order_no) WHERE order_no IS NOT NULL;
",
    // 8: the refunds of a window (Q9: shown beside the used figure) without
    // reading every payment of the account.
    r"
CREATE INDEX txn_refunds ON txn (account_id, day) WHERE is_refund = 1;
",
    // 9: column mappings of other CSVs (a bank's statement), saved by name: the
    // mapping as JSON (domain::bills::mapping::CsvMapping).
    r"
CREATE TABLE csv_mapping (
    name     TEXT PRIMARY KEY NOT NULL CHECK (length(trim(name)) > 0),
    spec     TEXT NOT NULL,
    saved_at TEXT NOT NULL
) STRICT;
",
    // 10: text search (issue 14). A trigram index of counterparty and note
    // over the rows up to txn_text_upto.id; later rows are scanned with LIKE
    // until the list's worker indexes them (store::index_text), so an import
    // writes no index entries. Rows at or below the mark are kept in step here.
    r"
CREATE VIRTUAL TABLE txn_text USING fts5 (
    counterparty, note, content = 'txn', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TABLE txn_text_upto (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    id  INTEGER NOT NULL
) STRICT;
INSERT INTO txn_text_upto VALUES (1, 0);
CREATE TRIGGER txn_text_add AFTER INSERT ON txn
WHEN new.id <= (SELECT id FROM txn_text_upto) BEGIN
    INSERT INTO txn_text (rowid, counterparty, note) VALUES (new.id, new.counterparty, new.note);
END;
CREATE TRIGGER txn_text_remove AFTER DELETE ON txn
WHEN old.id <= (SELECT id FROM txn_text_upto) BEGIN
    INSERT INTO txn_text (txn_text, rowid, counterparty, note)
        VALUES ('delete', old.id, old.counterparty, old.note);
END;
-- An edit writes the row again and gives it back its id: either id may be
-- at or below the mark.
CREATE TRIGGER txn_text_edit AFTER UPDATE OF id, counterparty, note ON txn BEGIN
    INSERT INTO txn_text (txn_text, rowid, counterparty, note)
        SELECT 'delete', old.id, old.counterparty, old.note
        WHERE old.id <= (SELECT id FROM txn_text_upto);
    INSERT INTO txn_text (rowid, counterparty, note)
        SELECT new.id, new.counterparty, new.note
        WHERE new.id <= (SELECT id FROM txn_text_upto);
END;
",
];
