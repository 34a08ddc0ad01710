#!/usr/bin/env bash
# walletdesk side by side with the tools people would otherwise use:
#
#   * this year's and this month's totals of one account, whole process:
#     `walletdesk quota` against `ledger` and `hledger` reading the same payments
#     as a journal;
#   * CSV import: `walletdesk tx import` into a new database against
#     `sqlite3 '.import --csv'` of the same file: walletdesk's own CSV (the
#     payments above), and an Alipay CSV bill of as many rows.
#
# It prints the machine, then a markdown table of medians and their ratio, the
# answers each tool gave (and exits 1 if they disagree), and how long each step
# took.
#
#   benches/compare.sh            1,000,000 payments (ROWS), 5 runs (RUNS)
#   benches/compare.sh --quick    10,000 payments, 3 runs (for CI)
#
# Environment:
#   ROWS=N            payments to generate (default 1000000; --quick: 10000)
#   RUNS=N            runs of each command (default 5; --quick: 3); the median counts
#   IMPORT_RUNS=N     runs of each import (default: RUNS, at most 3)
#   SLOW_SECONDS=S    a totals command whose first run takes longer runs only
#                     once (hledger with a million payments; default 20)
#   NOW=RFC3339       walletdesk's clock, so the data and "this year" never move
#                     (default 2026-11-21T12:00:00+08:00)
#   WALLETDESK_BIN=P  use this binary; otherwise target/release/walletdesk, built
#                     with `cargo build --release` when missing or older than the sources
#   FRESH=1           generate the data again even if target/compare/ has it
#
# The data is generated once per ROWS and NOW under target/compare/ROWS/ by
# walletdesk itself (`demo --transactions ROWS`, deterministic: a fixed seed
# and the fixed clock), then exported per account to CSV; the ledger journal
# and the import file are made from those CSVs. ledger, hledger, sqlite3 and
# GNU time are installed with apt-get when missing.
set -euo pipefail

die() {
    echo "compare.sh: $*" >&2
    exit 1
}

QUICK=0
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        -h | --help)
            sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
            exit 0
            ;;
        *) die "unknown argument $arg (see --help)" ;;
    esac
done
if ((QUICK)); then
    ROWS=${ROWS:-10000}
    RUNS=${RUNS:-3}
fi
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-5}
IMPORT_RUNS=${IMPORT_RUNS:-$((RUNS < 3 ? RUNS : 3))}
SLOW_SECONDS=${SLOW_SECONDS:-20}
NOW=${NOW:-2026-11-21T12:00:00+08:00}
FRESH=${FRESH:-0}
[[ "$ROWS" =~ ^[1-9][0-9]*$ ]] || die "ROWS must be a positive number (got $ROWS)"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number (got $RUNS)"
[[ "$IMPORT_RUNS" =~ ^[1-9][0-9]*$ ]] || die "IMPORT_RUNS must be a positive number (got $IMPORT_RUNS)"
[[ "$SLOW_SECONDS" =~ ^[0-9]+$ ]] || die "SLOW_SECONDS must be a number of seconds (got $SLOW_SECONDS)"
[[ "$NOW" =~ ^([0-9]{4})-([0-9]{2})-([0-9]{2})T[0-9:.]+([+-][0-9]{2}:[0-9]{2}|Z)$ ]] ||
    die "NOW must be RFC 3339 with a numeric offset, e.g. 2026-11-21T12:00:00+08:00 (got $NOW)"
YEAR=${BASH_REMATCH[1]}
MONTH=${BASH_REMATCH[2]}
# Payments are kept on walletdesk's time-zone setting (Beijing time unless
# changed); the data is generated on a new database, so it is +08:00.
TZ_OFFSET=+08:00
YEAR_BEGIN=$YEAR-01-01
YEAR_END=$((10#$YEAR + 1))-01-01
MONTH_BEGIN=$YEAR-$MONTH-01
if [[ $MONTH == 12 ]]; then MONTH_END=$YEAR_END; else MONTH_END=$(printf '%s-%02d-01' "$YEAR" $((10#$MONTH + 1))); fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export LC_ALL=C
export WALLETDESK_SECRET_STORE=memory

STEPS=() # "what|seconds", shown at the end
step_started=0
step_begin() {
    step_started=$(date +%s%N)
    echo "… $1" >&2
}
step_end() {
    local ms=$((($(date +%s%N) - step_started) / 1000000))
    STEPS+=("$1|$ms")
}

# ---------------------------------------------------------------- the tools

install_missing() {
    local need=()
    command -v ledger >/dev/null || need+=(ledger)
    command -v hledger >/dev/null || need+=(hledger)
    command -v sqlite3 >/dev/null || need+=(sqlite3)
    [[ -x /usr/bin/time ]] || need+=(time)
    ((${#need[@]})) || return 0
    local sudo=()
    if [[ $(id -u) != 0 ]]; then
        command -v sudo >/dev/null || die "missing ${need[*]}: install them (apt-get install ${need[*]}) or run as root"
        sudo=(sudo)
    fi
    command -v apt-get >/dev/null || die "missing ${need[*]} and no apt-get to install them with"
    step_begin "installing ${need[*]}"
    local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
    if ! "${apt[@]}" install -y --no-install-recommends -o DPkg::Lock::Timeout=600 "${need[@]}" >&2; then
        "${apt[@]}" -o DPkg::Lock::Timeout=600 update >&2
        "${apt[@]}" install -y --no-install-recommends -o DPkg::Lock::Timeout=600 "${need[@]}" >&2
    fi
    step_end "install ${need[*]}"
}
install_missing

if [[ -n "${WALLETDESK_BIN:-}" ]]; then
    BIN=$WALLETDESK_BIN
else
    BIN=$ROOT/target/release/walletdesk
    newer=""
    if [[ -x $BIN ]]; then
        newer=$(find "$ROOT/src" "$ROOT/assets" "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" \
            -newer "$BIN" -print -quit)
    fi
    if [[ ! -x $BIN || -n $newer ]]; then
        command -v cargo >/dev/null || die "no $BIN and no cargo to build it (https://rustup.rs)"
        step_begin "cargo build --release"
        (cd "$ROOT" && cargo build --release --quiet)
        step_end "cargo build --release"
    fi
fi
[[ -x $BIN ]] || die "$BIN is not an executable"

# walletdesk with the fixed clock (and no keyring: WALLETDESK_SECRET_STORE).
WD=("$BIN" --now "$NOW")
wd() { "${WD[@]}" "$@"; }

# ---------------------------------------------------------------- the data

DATA=$ROOT/target/compare/$ROWS
STAMP="rows=$ROWS now=$NOW data=3"
DB=$DATA/walletdesk.sqlite
JOURNAL=$DATA/payments.journal
IMPORT_CSV=$DATA/import.csv
BILL_CSV=$DATA/alipay-bill.csv
# The sample bill's lines before its rows (its header is the last of them).
BILL_SAMPLE=$ROOT/tests/data/alipay-2023.utf8-bom.csv
BILL_HEAD_LINES=$(grep -n -m 1 '^交易时间,' "$BILL_SAMPLE" | cut -d : -f 1)
[[ -n $BILL_HEAD_LINES ]] || die "$BILL_SAMPLE has no 交易时间 header"

# Split a CSV line into raw fields (quotes kept) in f[1..n]; returns n. Lines
# without quotes take the fast way. Used by the awk programs below.
AWK_CSV='
function split_csv(line, f,    n, i, c, inq, field) {
    if (index(line, "\"") == 0) return split(line, f, ",")
    n = 0; field = ""; inq = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (c == "\"") inq = !inq
        if (c == "," && !inq) { f[++n] = field; field = "" } else field = field c
    }
    if (inq) { print "compare.sh: a quoted field spans lines (line " NR " of " FILENAME ")" > "/dev/stderr"; exit 1 }
    f[++n] = field
    return n
}
function unquote(s) {
    if (substr(s, 1, 1) != "\"") return s
    s = substr(s, 2, length(s) - 2)
    gsub(/""/, "\"", s)
    return s
}'

generate() {
    rm -rf "$DATA"
    mkdir -p "$DATA"
    local tmp=$DATA/building.sqlite

    step_begin "walletdesk demo --transactions $ROWS"
    wd --db "$tmp" --json demo --transactions "$ROWS" >"$DATA/demo.json"
    step_end "generate: walletdesk demo --transactions $ROWS"
    ACCOUNTS=$(grep -o '[0-9][0-9]*' "$DATA/demo.json" | tr '\n' ' ')
    [[ -n $ACCOUNTS ]] || die "walletdesk demo printed no account ids: $(cat "$DATA/demo.json")"
    local account=${ACCOUNTS%% *}

    # The year's and the month's totals of the account, in CNY as paid: two own
    # caps, far above anything spent, so that `quota` shows them beside the
    # published limits (those are in USD, converted at the day's rate).
    step_begin "caps and export"
    local cap_year cap_month
    cap_year=$(wd --db "$tmp" limit cap --account "$account" --name "compare: year" \
        --window year --currency CNY --amount 1000000000)
    cap_month=$(wd --db "$tmp" limit cap --account "$account" --name "compare: month" \
        --window month --currency CNY --amount 1000000000)

    local a
    for a in $ACCOUNTS; do
        wd --db "$tmp" tx export "$DATA/account-$a.csv" --account "$a" >/dev/null
    done
    wd --db "$tmp" rate list --json >"$DATA/rates.json"
    mv "$tmp" "$DB"
    for a in -wal -shm; do [[ -e $tmp$a ]] && mv "$tmp$a" "$DB$a"; done
    step_end "generate: limit cap ×2, tx export ×$(wc -w <<<"$ACCOUNTS")"

    # The journal: one entry per payment, in time order, an expense posting and
    # the account's (Wallet:A<id>), amounts with their currency; dates are the
    # local dates walletdesk counts them on.
    step_begin "ledger journal and import CSV"
    for a in $ACCOUNTS; do
        awk -v acct="$a" -v off="$TZ_OFFSET" "$AWK_CSV"'
            FNR == 1 { next }
            {
                n = split_csv($0, f)
                if (n != 9) { print "compare.sh: " FILENAME ":" FNR ": " n " fields" > "/dev/stderr"; exit 1 }
                at = unquote(f[1])
                if (substr(at, 20) != off) {
                    print "compare.sh: " FILENAME ":" FNR ": " at " is not at " off > "/dev/stderr"; exit 1
                }
                payee = unquote(f[7]); if (payee == "") payee = "payment"
                printf "%s\t%s %s\037    Expenses:%s  %s %s\037    Wallet:A%s  -%s %s\037\n",
                    at, substr(at, 1, 10), payee, unquote(f[4]), unquote(f[2]), unquote(f[3]),
                    acct, unquote(f[2]), unquote(f[3])
            }' "$DATA/account-$a.csv"
    done | sort -s -t "$(printf '\t')" -k1,1 | cut -f2- | tr '\037' '\n' >"$JOURNAL.tmp"
    mv "$JOURNAL.tmp" "$JOURNAL"

    # The import file: every account's payments in one walletdesk CSV (the
    # method column emptied: the new database has no methods).
    {
        head -n 1 "$DATA/account-${account}.csv"
        for a in $ACCOUNTS; do
            awk "$AWK_CSV"'
                FNR == 1 { next }
                {
                    n = split_csv($0, f); f[6] = ""
                    line = f[1]; for (i = 2; i <= n; i++) line = line "," f[i]
                    print line
                }' "$DATA/account-$a.csv"
        done
    } >"$IMPORT_CSV.tmp"
    mv "$IMPORT_CSV.tmp" "$IMPORT_CSV"
    step_end "generate: journal and import CSV (awk, sort)"

    # An Alipay CSV bill (UTF-8, the sample's header) of ROWS payments from the
    # day of the demo's first rates to the day before NOW, each with its own
    # order number; amounts and counterparties vary, deterministically.
    step_begin "Alipay bill"
    local first_rate start_day end_day
    first_rate=$(grep -o '"date": *"[0-9-]*"' "$DATA/rates.json" | grep -o '[0-9-]\{10\}' | sort | head -n 1)
    [[ -n $first_rate ]] || die "the demo made no exchange rates: $(head -c 200 "$DATA/rates.json")"
    start_day=$(($(date -u -d "$first_rate" +%s) / 86400))
    end_day=$(($(date -u -d "${NOW:0:10}" +%s) / 86400))
    ((end_day > start_day)) || die "the demo's first rate ($first_rate) is not before NOW"
    {
        head -n "$BILL_HEAD_LINES" "$BILL_SAMPLE"
        awk -v rows="$ROWS" -v start="$start_day" -v days="$((end_day - start_day))" '
            # Days since 1970-01-01 to a date (the proleptic Gregorian calendar).
            function civil(z,    era, doe, yoe, y, doy, mp, d, m) {
                z += 719468; era = int(z / 146097); doe = z - era * 146097
                yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
                y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
                mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
                m = mp < 10 ? mp + 3 : mp - 9
                return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
            }
            BEGIN {
                per_day = int((rows + days - 1) / days); gap = int(86400 / per_day)
                for (i = 0; i < rows; i++) {
                    s = (i % per_day) * gap
                    cents = 100 + (i * 7919) % 50000
                    printf "%s %02d:%02d:%02d,餐饮美食        ,示例餐厅 %d       ,            ,午餐套餐        ,支出          ,%d.%02d       ,余额          ,交易成功        ,2024%022d\t,T%d\t    ,            ,\n",
                        civil(start + int(i / per_day)), int(s / 3600), int(s % 3600 / 60), s % 60,
                        i % 1000, int(cents / 100), cents % 100, i, i
                }
            }'
    } >"$BILL_CSV.tmp"
    mv "$BILL_CSV.tmp" "$BILL_CSV"
    step_end "generate: Alipay bill (awk)"

    {
        echo "ACCOUNTS='$ACCOUNTS'"
        echo "ACCOUNT=$account"
        echo "CAP_YEAR=$cap_year"
        echo "CAP_MONTH=$cap_month"
    } >"$DATA/ids.sh"
    local st
    for st in "${STEPS[@]}"; do
        [[ $st == generate:* ]] && echo "$st"
    done >"$DATA/steps"
    echo "$STAMP" >"$DATA/stamp"
}

if [[ $FRESH == 1 || ! -f $DATA/stamp || $(cat "$DATA/stamp") != "$STAMP" ]]; then
    generate
else
    echo "… reusing the data in $DATA" >&2
    while IFS= read -r st; do
        STEPS+=("${st%|*} (earlier, when the data was made)|${st##*|}")
    done <"$DATA/steps"
fi
ACCOUNTS="" ACCOUNT="" CAP_YEAR="" CAP_MONTH=""
# shellcheck source=/dev/null
. "$DATA/ids.sh"

csv_rows=$(($(wc -l <"$IMPORT_CSV") - 1))
journal_entries=$(grep -c '^[0-9]' "$JOURNAL")
((csv_rows == ROWS)) || die "$IMPORT_CSV has $csv_rows payments, not $ROWS"
((journal_entries == ROWS)) || die "$JOURNAL has $journal_entries entries, not $ROWS"
bill_rows=$(($(wc -l <"$BILL_CSV") - BILL_HEAD_LINES))
((bill_rows == ROWS)) || die "$BILL_CSV has $bill_rows rows, not $ROWS"
account_rows=$(($(wc -l <"$DATA/account-$ACCOUNT.csv") - 1))

# ---------------------------------------------------------------- timing

WORK=$(mktemp -d "${TMPDIR:-/tmp}/walletdesk-compare.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

declare -A MEDIAN_MS RUNS_DONE RSS_KB

# measure KEY MAX_RUNS CUT SETUP RSS -- COMMAND...
# Runs COMMAND MAX_RUNS times (CUT=1: only once if the first run takes more
# than SLOW_SECONDS), SETUP (a function name or "") untimed before each run;
# RSS=1 runs it under /usr/bin/time -v for its peak memory. The last run's
# output is in $WORK/KEY.out; a failing run stops the script.
measure() {
    local key=$1 max=$2 cut=$3 setup=$4 rss=$5
    shift 6
    local times=() i t0 t1 ms wrap=()
    if ((rss)); then wrap=(/usr/bin/time -v -o "$WORK/$key.time"); fi
    for ((i = 1; i <= max; i++)); do
        [[ -n $setup ]] && "$setup"
        t0=$(date +%s%N)
        if ! "${wrap[@]}" "$@" >"$WORK/$key.out" 2>"$WORK/$key.err"; then
            cat "$WORK/$key.err" >&2
            die "failed: $*"
        fi
        t1=$(date +%s%N)
        ms=$(((t1 - t0) / 1000)) # microseconds
        times+=("$ms")
        if ((rss)); then
            local kb
            kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/$key.time")
            if [[ -z ${RSS_KB[$key]:-} ]] || ((kb > RSS_KB[$key])); then RSS_KB[$key]=$kb; fi
        fi
        if ((cut && i == 1 && ms > SLOW_SECONDS * 1000000)); then break; fi
    done
    RUNS_DONE[$key]=${#times[@]}
    MEDIAN_MS[$key]=$(printf '%s\n' "${times[@]}" | sort -n | awk '
        { a[NR] = $1 }
        END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.3f", m / 1000 }')
    echo "  $key: median $(human_ms "${MEDIAN_MS[$key]}") of ${RUNS_DONE[$key]}" >&2
}

human_ms() {
    awk -v ms="$1" 'BEGIN {
        if (ms < 10) printf "%.1f ms", ms
        else if (ms < 1000) printf "%.0f ms", ms
        else if (ms < 10000) printf "%.2f s", ms / 1000
        else if (ms < 100000) printf "%.1f s", ms / 1000
        else printf "%.0f s", ms / 1000 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = a / b; if (r >= 100) printf "%.0f×", r; else if (r >= 10) printf "%.1f×", r; else printf "%.2f×", r }'; }
runs_note() {
    local key=$1 n=${RUNS_DONE[$1]}
    if ((n == 1)); then
        awk -v ms="${MEDIAN_MS[$key]}" -v s="$SLOW_SECONDS" 'BEGIN { if (ms > s * 1000) printf "1 run: over %d s", s; else printf "1 run" }'
    else
        echo "median of $n"
    fi
}
with_commas() { sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta' <<<"$1"; }
rows_per_s() { with_commas "$(awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", n / (ms / 1000) }')"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f MB", kb / 1024 }'; }
# A decimal with 2 places, no separators: the way answers are compared.
norm() { tr -d ', ' <<<"$1" | awk '{ if ($0 == "") print "none"; else printf "%.2f\n", $0 }'; }

# Warm the page cache so that no tool pays for the first read of its input.
cat "$DB" "$JOURNAL" "$IMPORT_CSV" "$BILL_CSV" >/dev/null
# The first walletdesk command of a day copies the database to its daily
# backup (seconds at a million rows, once a day): taken here, not timed.
"${WD[@]}" --db "$DB" quota --account "$ACCOUNT" >/dev/null

echo "… timing the totals of account $ACCOUNT" >&2
step_begin "timing the totals"
measure walletdesk_quota "$RUNS" 1 "" 0 -- "${WD[@]}" --db "$DB" --json quota --account "$ACCOUNT"
# One process per tool answers both: the account's payments per month of this
# year, with the running total (the year so far).
measure ledger "$RUNS" 1 "" 1 -- ledger -f "$JOURNAL" -b "$YEAR_BEGIN" -e "$YEAR_END" \
    register --monthly --format '%(format_date(date, "%Y-%m"))|%(quantity(scrub(display_amount)))|%(quantity(scrub(display_total)))\n' \
    "^Wallet:A$ACCOUNT\$"
# hledger reads its files in the locale's encoding: UTF-8 (C.UTF-8 is always there).
measure hledger "$RUNS" 1 "" 1 -- env LC_ALL=C.UTF-8 hledger -f "$JOURNAL" -b "$YEAR_BEGIN" -e "$YEAR_END" \
    register --monthly -O csv "^Wallet:A$ACCOUNT\$"
step_end "totals: walletdesk ×${RUNS_DONE[walletdesk_quota]}, ledger ×${RUNS_DONE[ledger]}, hledger ×${RUNS_DONE[hledger]}"

# The answers. walletdesk: the "used" of the two caps (quota --json is one
# line of flat limit objects).
cap_used() {
    tr '{' '\n' <"$WORK/walletdesk_quota.out" | grep "\"key\":\"cap-$1\"" |
        sed -n 's/.*"used":"\([^"]*\)".*/\1/p' | head -n 1
}
wd_year=$(norm "$(cap_used "$CAP_YEAR")")
wd_month=$(norm "$(cap_used "$CAP_MONTH")")
# ledger: "YYYY-MM|month|running total" per month with payments; the amounts
# are the account's postings (negative: money out).
ledger_year=$(norm "$(tail -n 1 "$WORK/ledger.out" | cut -d '|' -f 3 | tr -d -)")
ledger_month=$(norm "$(grep "^$YEAR-$MONTH|" "$WORK/ledger.out" | cut -d '|' -f 2 | tr -d -)")
# hledger: CSV "txnidx","date","code","description","account","amount","total".
hledger_year=$(norm "$(tail -n 1 "$WORK/hledger.out" | awk -F '","' '{ gsub(/"/, "", $7); print $7 }' | tr -d '[:alpha:]' | tr -d -)")
hledger_month=$(norm "$(awk -F '","' -v month="$YEAR-$MONTH" 'index($2, month) == 1 { print $6 }' "$WORK/hledger.out" | tr -d '[:alpha:]"' | tr -d -)")
[[ $ledger_month == none ]] && ledger_month=0.00
[[ $hledger_month == none ]] && hledger_month=0.00

# ---------------------------------------------------------------- import

NEWDB=$WORK/new/walletdesk.sqlite
SQLITE_DB=$WORK/new-sqlite3.sqlite
# shellcheck disable=SC2317 # run by measure
new_database() {
    # A folder of its own: walletdesk keeps its backups beside the database.
    rm -rf "$WORK/new"
    mkdir "$WORK/new"
    local id
    id=$(wd --db "$NEWDB" account add --provider alipay --label "compare" --tier verified)
    [[ $id == 1 ]] || die "the new database's account is $id, not 1"
    # The demo's rates, so that every payment converts (as in the demo database).
    tr '{' '\n' <"$DATA/rates.json" | awk '
        function field(k,    s) {
            if (!match($0, "\"" k "\": *\"[^\"]*\"")) return ""
            s = substr($0, RSTART, RLENGTH); sub(/^"[a-z]*": *"/, "", s); sub(/"$/, "", s)
            return s
        }
        field("from") != "" { print field("from"), field("to"), field("rate"), field("date") }' |
        while read -r from to rate date; do
            wd --db "$NEWDB" rate set "$from" "$to" "$rate" --date "$date"
        done >/dev/null
}
# shellcheck disable=SC2317 # run by measure
new_sqlite() { rm -f "$SQLITE_DB"; }

echo "… timing the import of $ROWS rows" >&2
step_begin "timing the import"
measure walletdesk_import "$IMPORT_RUNS" 0 new_database 1 -- \
    "${WD[@]}" --db "$NEWDB" --json tx import "$IMPORT_CSV" --account 1
measure sqlite3_import "$IMPORT_RUNS" 0 new_sqlite 1 -- sqlite3 "$SQLITE_DB" ".import --csv $IMPORT_CSV t"
step_end "import: walletdesk ×${RUNS_DONE[walletdesk_import]}, sqlite3 ×${RUNS_DONE[sqlite3_import]}"
# Read before the bill's import replaces the database.
wd_db_rows=$(sqlite3 "$NEWDB" 'select count(*) from txn' 2>/dev/null || echo "?")
sqlite_rows=$(sqlite3 "$SQLITE_DB" 'select count(*) from t')

echo "… timing the import of an Alipay bill of $ROWS rows" >&2
step_begin "timing the bill's import"
measure walletdesk_bill "$IMPORT_RUNS" 0 new_database 1 -- \
    "${WD[@]}" --db "$NEWDB" --json tx import "$BILL_CSV" --account 1
# sqlite3 skips the lines above the header, and takes the header's names.
measure sqlite3_bill "$IMPORT_RUNS" 0 new_sqlite 1 -- \
    sqlite3 "$SQLITE_DB" ".import --csv --skip $((BILL_HEAD_LINES - 1)) $BILL_CSV t"
step_end "bill import: walletdesk ×${RUNS_DONE[walletdesk_bill]}, sqlite3 ×${RUNS_DONE[sqlite3_bill]}"
bill_written=$({ grep -o '"written": *[0-9]*' "$WORK/walletdesk_bill.out" || true; } | head -n 1 | sed 's/.*: *//')
sqlite_bill_rows=$(sqlite3 "$SQLITE_DB" 'select count(*) from t')

json_num() { { grep -o "\"$1\": *[0-9]*" "$WORK/walletdesk_import.out" || true; } | head -n 1 | sed 's/.*: *//'; }
written=$(json_num written)
duplicates=$(json_num duplicate_count)
if [[ -z $duplicates ]]; then # before duplicate_count: the list
    duplicates=$(grep -o '"repeats an earlier line of the file"\|"already recorded[^"]*"' "$WORK/walletdesk_import.out" | wc -l || true)
fi

# ---------------------------------------------------------------- report

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
ram=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
q_ms=${MEDIAN_MS[walletdesk_quota]}
wi_ms=${MEDIAN_MS[walletdesk_import]}
si_ms=${MEDIAN_MS[sqlite3_import]}
wb_ms=${MEDIAN_MS[walletdesk_bill]}
sb_ms=${MEDIAN_MS[sqlite3_bill]}

cat <<EOF

## walletdesk compared

Machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $ram RAM; $(uname -sr).
ROWS=$(with_commas "$ROWS") payments (\`walletdesk demo\`, clock $NOW), $(with_commas "$account_rows") of them on account $ACCOUNT.
Tools: $("$BIN" --version 2>/dev/null | head -n 1), $(ledger --version | head -n 1 | sed 's/,.*//'), $(hledger --version | head -n 1 | sed 's/,.*//'), sqlite3 $(sqlite3 --version | cut -d ' ' -f 1).
Times: whole processes, start to exit (\`date +%s%N\`), the median of the runs said; inputs in the page cache.

| what | walletdesk | alternative | ratio |
|---|---|---|---|
| this year's and this month's totals of one account, whole process | \`quota\`: $(human_ms "$q_ms") ($(runs_note walletdesk_quota)) | \`ledger register --monthly\`: $(human_ms "${MEDIAN_MS[ledger]}") ($(runs_note ledger)) | $(ratio "${MEDIAN_MS[ledger]}" "$q_ms") |
| the same | \`quota\`: $(human_ms "$q_ms") ($(runs_note walletdesk_quota)) | \`hledger register --monthly\`: $(human_ms "${MEDIAN_MS[hledger]}") ($(runs_note hledger)) | $(ratio "${MEDIAN_MS[hledger]}" "$q_ms") |
| CSV import, $(with_commas "$ROWS") rows, into a new database, whole process | \`tx import\`: $(human_ms "$wi_ms"), $(rows_per_s "$ROWS" "$wi_ms") rows/s ($(runs_note walletdesk_import)) | \`sqlite3 '.import --csv'\`: $(human_ms "$si_ms"), $(rows_per_s "$ROWS" "$si_ms") rows/s ($(runs_note sqlite3_import)) | $(ratio "$si_ms" "$wi_ms") |
| peak memory of the import (maximum resident set size) | $(mb "${RSS_KB[walletdesk_import]}") | sqlite3: $(mb "${RSS_KB[sqlite3_import]}") | |
| Alipay CSV bill import, $(with_commas "$ROWS") rows, into a new database, whole process | \`tx import\`: $(human_ms "$wb_ms"), $(rows_per_s "$ROWS" "$wb_ms") rows/s ($(runs_note walletdesk_bill)) | \`sqlite3 '.import --csv --skip $((BILL_HEAD_LINES - 1))'\`: $(human_ms "$sb_ms"), $(rows_per_s "$ROWS" "$sb_ms") rows/s ($(runs_note sqlite3_bill)) | $(ratio "$sb_ms" "$wb_ms") |
| peak memory of the bill's import | $(mb "${RSS_KB[walletdesk_bill]}") | sqlite3: $(mb "${RSS_KB[sqlite3_bill]}") | |
| peak memory of the totals | (not measured) | ledger: $(mb "${RSS_KB[ledger]}"), hledger: $(mb "${RSS_KB[hledger]}") | |

Ratio: the alternative's time ÷ walletdesk's (above 1: walletdesk is faster).
The import: walletdesk checks every row, converts it at the day's rate, leaves out
repeated rows (same minute, amount, currency and counterparty) and writes all or
nothing; sqlite3 copies the text into one table. walletdesk wrote $(with_commas "${written:-?}") of the
$(with_commas "$ROWS") rows and left out $(with_commas "${duplicates:-?}") as repeats (rows in its database: $(with_commas "$wd_db_rows"));
sqlite3's table has $(with_commas "$sqlite_rows"). The bill: walletdesk reads it as Alipay's
(B1–B5: which rows are payments, the card, the order number), converts and writes
$(with_commas "${bill_written:-?}") rows; sqlite3's table has $(with_commas "$sqlite_bill_rows").

Answers: account $ACCOUNT's payments in CNY, year $YEAR_BEGIN to $YEAR_END, month $MONTH_BEGIN to $MONTH_END
(walletdesk: the "used" of two own caps, \`limit cap --window year|month --currency CNY\`):

| | walletdesk | ledger | hledger |
|---|---|---|---|
| this year | $wd_year | $ledger_year | $hledger_year |
| this month | $wd_month | $ledger_month | $hledger_month |

Steps:
EOF
for s in "${STEPS[@]}"; do
    printf -- '- %s: %s\n' "${s%|*}" "$(human_ms "${s##*|}")"
done
cat <<EOF

Data: $DATA (the database, account-*.csv as exported, import.csv, alipay-bill.csv, payments.journal).
Again with: ROWS=$ROWS RUNS=$RUNS NOW=$NOW benches/compare.sh
EOF

fail=0
for tool in ledger hledger; do
    y=${tool}_year m=${tool}_month
    if [[ ${!y} != "$wd_year" || ${!m} != "$wd_month" ]]; then
        echo "compare.sh: $tool disagrees with walletdesk: year ${!y} vs $wd_year, month ${!m} vs $wd_month" >&2
        fail=1
    fi
done
if [[ $wd_year == none || $wd_month == none ]]; then
    echo "compare.sh: walletdesk's quota showed no cap-$CAP_YEAR / cap-$CAP_MONTH: $(head -c 400 "$WORK/walletdesk_quota.out")" >&2
    fail=1
fi
if [[ -z $written || $((written + ${duplicates:-0})) != "$ROWS" ]]; then
    echo "compare.sh: walletdesk wrote ${written:-?} rows and left out ${duplicates:-?} of $ROWS: $(head -c 400 "$WORK/walletdesk_import.out")" >&2
    fail=1
fi
if [[ $bill_written != "$ROWS" || $sqlite_bill_rows != "$ROWS" ]]; then
    echo "compare.sh: of the bill's $ROWS rows, walletdesk wrote ${bill_written:-?}, sqlite3 imported $sqlite_bill_rows: $(head -c 400 "$WORK/walletdesk_bill.out")" >&2
    fail=1
fi
if [[ $sqlite_rows != "$ROWS" ]]; then
    echo "compare.sh: sqlite3 imported $sqlite_rows rows, not $ROWS" >&2
    fail=1
fi
exit "$fail"
