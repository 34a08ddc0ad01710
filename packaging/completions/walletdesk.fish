# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_walletdesk_global_optspecs
    string join \n db= now= json demo h/help V/version
end

function __fish_walletdesk_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_walletdesk_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_walletdesk_using_subcommand
    set -l cmd (__fish_walletdesk_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c walletdesk -n "__fish_walletdesk_needs_command" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_needs_command" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_needs_command" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -l demo -d 'With no command: open the window on a fresh temporary database with demo data'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -s V -l version -d 'Print version'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "demo" -d 'Add sample accounts, cards and a PayPal account to an empty database (`--demo` opens a throw-away one)'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "account" -d 'Payment accounts (Alipay, Alipay HK, WeChat Pay, Alibaba Cloud)'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "card" -d 'Cards'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "paypal" -d 'PayPal accounts'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "method" -d 'Linked methods of an account'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "check-card" -d 'Will this card bind? The number is read from standard input and not stored'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "rate" -d 'Exchange rates (Q6): the table conversions use'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "mapping" -d 'Column mappings of other CSVs (a bank\'s statement), saved by name for `tx import --format mapping:NAME`'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "tx" -d 'Payments: add, edit, delete, list, import and export (CSV)'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "quota" -d 'Every limit in force on an account: used, remaining, when it resets'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "precheck" -d 'Would a payment go through? Limits broken, fee, and the method to use (exit 1 when it would be refused)'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "limit" -d 'Limit books, your figures and your own caps'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "setting" -d 'Settings, shared with the window\'s Settings: time-zone, bank-fee-threshold, reveal-seconds, backups-kept, theme, zoom'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "backup" -d 'Write a consistent copy of the database to FILE (SQLite online backup; no card numbers: they stay in the secret store)'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "restore" -d 'Replace the database\'s contents with a backup: FILE is checked first, and the current contents are kept in the backups folder'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "backups" -d 'List the automatic backups (made before migrations, imports and restores, and once a day), newest first'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "check" -d 'Check the database (integrity_check) and that every live card\'s number is in the secret store'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "rules" -d 'The rules walletdesk checks: what each checks, which providers apply it, at which level, what to do, and its source'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "completions" -d 'Print the shell completion script, e.g. `walletdesk completions bash > ~/.local/share/bash-completion/completions/walletdesk`'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "man" -d 'Print the man page (roff), e.g. `walletdesk man | man -l -`'
complete -c walletdesk -n "__fish_walletdesk_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand demo" -l transactions -d 'Also generate this many payments over the last 15 months (and their rates)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand demo" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand demo" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand demo" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand demo" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and not __fish_seen_subcommand_from add list edit remove restore help" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and not __fish_seen_subcommand_from add list edit remove restore help" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and not __fish_seen_subcommand_from add list edit remove restore help" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and not __fish_seen_subcommand_from add list edit remove restore help" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and not __fish_seen_subcommand_from add list edit remove restore help" -f -a "add" -d 'Add an account; prints its id'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and not __fish_seen_subcommand_from add list edit remove restore help" -f -a "list" -d 'List the accounts'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and not __fish_seen_subcommand_from add list edit remove restore help" -f -a "edit" -d 'Change an account: only the flags given change'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and not __fish_seen_subcommand_from add list edit remove restore help" -f -a "remove" -d 'Remove (archive) an account: it leaves the lists, its payments stay and still count towards the FX quota; refused while it has live methods (L8)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and not __fish_seen_subcommand_from add list edit remove restore help" -f -a "restore" -d 'Bring a removed (archived) account back into the lists'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and not __fish_seen_subcommand_from add list edit remove restore help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from add" -l provider -d 'The provider the account is with' -r -f -a "alipay\t'Alipay'
alipay-hk\t'Alipay HK'
wechat-pay\t'WeChat Pay'
alibaba-cloud\t'Alibaba Cloud'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from add" -l label -d 'A name for the account, e.g. "Cloud US"' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from add" -l region -d 'The region of registration (required for alibaba-cloud)' -r -f -a "US\t'United States'
EU\t'European Union'
EUROPE-NON-EU\t'Europe outside the EU'
MY\t'Malaysia'
OTHER\t'Other'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from add" -l country -d 'Country of registration (two letters)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from add" -l tier -d 'The verification tier' -r -f -a "unverified\t'not real-name verified'
verified\t'real-name verified with a passport'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from add" -l holder -d 'The holder\'s name as on the passport' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from add" -l passport-expiry -d 'The passport\'s expiry date (YYYY-MM-DD)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from add" -l outstanding-bills -d 'Running resources, outstanding or overdue bills (Alibaba Cloud, L5)' -r -f -a "yes\t''
no\t''"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from add" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from add" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from add" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from list" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from list" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from list" -l all -d 'Include removed (archived) accounts'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from edit" -l provider -d 'The provider (only while the account has no methods or payments)' -r -f -a "alipay\t'Alipay'
alipay-hk\t'Alipay HK'
wechat-pay\t'WeChat Pay'
alibaba-cloud\t'Alibaba Cloud'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from edit" -l label -d 'A name for the account, e.g. "Cloud US"' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from edit" -l region -d 'The region of registration (Alibaba Cloud)' -r -f -a "US\t'United States'
EU\t'European Union'
EUROPE-NON-EU\t'Europe outside the EU'
MY\t'Malaysia'
OTHER\t'Other'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from edit" -l country -d 'Country of registration (two letters)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from edit" -l tier -d 'The verification tier' -r -f -a "unverified\t'not real-name verified'
verified\t'real-name verified with a passport'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from edit" -l holder -d 'The holder\'s name as on the passport' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from edit" -l passport-expiry -d 'The passport\'s expiry date (YYYY-MM-DD)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from edit" -l outstanding-bills -d 'Running resources, outstanding or overdue bills (Alibaba Cloud, L5)' -r -f -a "yes\t''
no\t''"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from edit" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from edit" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from edit" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from remove" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from remove" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from remove" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from restore" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from restore" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from restore" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an account; prints its id'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the accounts'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change an account: only the flags given change'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove (archive) an account: it leaves the lists, its payments stay and still count towards the FX quota; refused while it has live methods (L8)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Bring a removed (archived) account back into the lists'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand account; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and not __fish_seen_subcommand_from add set-number help" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and not __fish_seen_subcommand_from add set-number help" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and not __fish_seen_subcommand_from add set-number help" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and not __fish_seen_subcommand_from add set-number help" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and not __fish_seen_subcommand_from add set-number help" -f -a "add" -d 'Add a card; the number is read from standard input; prints the new id'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and not __fish_seen_subcommand_from add set-number help" -f -a "set-number" -d 'Put a card\'s number back into the secret store (read from standard input; it must be the same card)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and not __fish_seen_subcommand_from add set-number help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l account -d 'The account\'s id (see `walletdesk account list`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l expiry -d 'The card\'s expiry (MM/YY)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l holder -d 'The cardholder\'s name as on the card' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l bank -d 'The issuing bank\'s name' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l funding -d 'What kind of card it is (not known when left out)' -r -f -a "credit\t''
debit\t''
prepaid\t''
virtual\t''
gift\t''"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l issuer-country -d 'Where the card was issued (two letters, e.g. US, HK, CN)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l intl -d 'International and online payments enabled' -r -f -a "yes\t''
no\t''
unknown\t''"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l three-ds -d '3-D Secure enabled' -r -f -a "yes\t''
no\t''
unknown\t''"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l balance-ok -d 'A balance of at least USD 1.00 (for the pre-authorization)' -r -f -a "yes\t''
no\t''
unknown\t''"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l status -d 'pending until the provider has verified it, or active when it already has' -r -f -a "pending\t'Linking is under way (the default)'
active\t'Already linked and verified'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l anyway -d 'Add it even though the rules say it will fail (a `block` verdict): you know it did bind'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from set-number" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from set-number" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from set-number" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from set-number" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a card; the number is read from standard input; prints the new id'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from help" -f -a "set-number" -d 'Put a card\'s number back into the secret store (read from standard input; it must be the same card)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand card; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and not __fish_seen_subcommand_from add help" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and not __fish_seen_subcommand_from add help" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and not __fish_seen_subcommand_from add help" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and not __fish_seen_subcommand_from add help" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and not __fish_seen_subcommand_from add help" -f -a "add" -d 'Link a PayPal account; prints the new id'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and not __fish_seen_subcommand_from add help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and __fish_seen_subcommand_from add" -l account -d 'The account\'s id (see `walletdesk account list`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and __fish_seen_subcommand_from add" -l email -d 'The PayPal account\'s email address' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and __fish_seen_subcommand_from add" -l country -d 'Where the PayPal account is registered (two letters)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and __fish_seen_subcommand_from add" -l funding-source -d 'A card or bank account is attached to it (AC9)' -r -f -a "yes\t''
no\t''"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and __fish_seen_subcommand_from add" -l status -d 'pending until the provider has verified it, or active when it already has' -r -f -a "pending\t'Linking is under way (the default)'
active\t'Already linked and verified'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and __fish_seen_subcommand_from add" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and __fish_seen_subcommand_from add" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and __fish_seen_subcommand_from add" -l anyway -d 'Link it even though the rules say it will fail (a `block` verdict): you know it did bind'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and __fish_seen_subcommand_from add" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and __fish_seen_subcommand_from help" -f -a "add" -d 'Link a PayPal account; prints the new id'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand paypal; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and not __fish_seen_subcommand_from list default remove set-status attempt help" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and not __fish_seen_subcommand_from list default remove set-status attempt help" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and not __fish_seen_subcommand_from list default remove set-status attempt help" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and not __fish_seen_subcommand_from list default remove set-status attempt help" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and not __fish_seen_subcommand_from list default remove set-status attempt help" -f -a "list" -d 'List an account\'s methods'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and not __fish_seen_subcommand_from list default remove set-status attempt help" -f -a "default" -d 'Make a method its account\'s default (it must be active: L2)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and not __fish_seen_subcommand_from list default remove set-status attempt help" -f -a "remove" -d 'Remove (archive) a method: history stays, its number leaves the keyring'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and not __fish_seen_subcommand_from list default remove set-status attempt help" -f -a "set-status" -d 'Report a method\'s status: active once verified, failed with a reason'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and not __fish_seen_subcommand_from list default remove set-status attempt help" -f -a "attempt" -d 'Record how an attempt to bind a method went (three failures in 24 h raise A4)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and not __fish_seen_subcommand_from list default remove set-status attempt help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from list" -l account -d 'The account\'s id (see `walletdesk account list`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from list" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from list" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from list" -l all -d 'Include removed (archived) methods'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from default" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from default" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from default" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from default" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from remove" -l new-default -d 'When removing the default while others are active: the method that becomes the default in the same step (L3, L6)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from remove" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from remove" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from remove" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from set-status" -l reason -d 'Why binding failed (kept with the method)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from set-status" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from set-status" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from set-status" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from set-status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from attempt" -l outcome -d 'How the attempt went' -r -f -a "ok\t'it bound'
failed\t'the provider refused it'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from attempt" -l error -d 'The error the provider showed' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from attempt" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from attempt" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from attempt" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from attempt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "list" -d 'List an account\'s methods'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "default" -d 'Make a method its account\'s default (it must be active: L2)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove (archive) a method: history stays, its number leaves the keyring'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "set-status" -d 'Report a method\'s status: active once verified, failed with a reason'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "attempt" -d 'Record how an attempt to bind a method went (three failures in 24 h raise A4)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand method; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l provider -d 'The provider to judge the card for, or all of them' -r -f -a "alipay\t'Alipay'
alipay-hk\t'Alipay HK'
wechat-pay\t'WeChat Pay'
alibaba-cloud\t'Alibaba Cloud'
all\t'every provider'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l account -d 'Judge against this stored account (its provider, region, tier, holder, passport); see `walletdesk account list`' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l region -d 'Without --account: the account\'s region of registration (Alibaba Cloud)' -r -f -a "US\t'United States'
EU\t'European Union'
EUROPE-NON-EU\t'Europe outside the EU'
MY\t'Malaysia'
OTHER\t'Other'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l tier -d 'Without --account: the account\'s verification tier' -r -f -a "unverified\t'not real-name verified'
verified\t'real-name verified with a passport'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l account-holder -d 'Without --account: the account holder\'s name as on the passport' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l passport-expiry -d 'Without --account: the passport\'s expiry date (YYYY-MM-DD)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l expiry -d 'The card\'s expiry (MM/YY)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l holder -d 'The cardholder\'s name as on the card' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l funding -d 'What kind of card it is (not known when left out)' -r -f -a "credit\t''
debit\t''
prepaid\t''
virtual\t''
gift\t''"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l issuer-country -d 'Where the card was issued (two letters, e.g. US, HK, CN)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l intl -d 'International and online payments enabled' -r -f -a "yes\t''
no\t''
unknown\t''"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l three-ds -d '3-D Secure enabled' -r -f -a "yes\t''
no\t''
unknown\t''"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l balance-ok -d 'A balance of at least USD 1.00 (for the pre-authorization)' -r -f -a "yes\t''
no\t''
unknown\t''"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check-card" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and not __fish_seen_subcommand_from set list delete help" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and not __fish_seen_subcommand_from set list delete help" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and not __fish_seen_subcommand_from set list delete help" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and not __fish_seen_subcommand_from set list delete help" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and not __fish_seen_subcommand_from set list delete help" -f -a "set" -d 'Record an exchange rate: 1 FROM = RATE TO, from DATE (default today)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and not __fish_seen_subcommand_from set list delete help" -f -a "list" -d 'List the rate table, newest first'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and not __fish_seen_subcommand_from set list delete help" -f -a "delete" -d 'Delete the FROM→TO rate of one date (payments keep the rate they were recorded with)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and not __fish_seen_subcommand_from set list delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from set" -l date -d 'The first day the rate applies (YYYY-MM-DD; default today)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from set" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from set" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from set" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from list" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from list" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from delete" -l date -d 'The day the rate applies from (YYYY-MM-DD)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from delete" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from delete" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from delete" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from help" -f -a "set" -d 'Record an exchange rate: 1 FROM = RATE TO, from DATE (default today)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the rate table, newest first'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete the FROM→TO rate of one date (payments keep the rate they were recorded with)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and not __fish_seen_subcommand_from list add remove help" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and not __fish_seen_subcommand_from list add remove help" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and not __fish_seen_subcommand_from list add remove help" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and not __fish_seen_subcommand_from list add remove help" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and not __fish_seen_subcommand_from list add remove help" -f -a "list" -d 'The saved mappings'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and not __fish_seen_subcommand_from list add remove help" -f -a "add" -d 'Save a mapping (replacing one of the same name). COL is a header name or a 1-based column number'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and not __fish_seen_subcommand_from list add remove help" -f -a "remove" -d 'Forget a saved mapping'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and not __fish_seen_subcommand_from list add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from list" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from list" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l time -d 'The column of the date or time of each row' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l amount -d 'The column of the signed amount' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l currency-col -d 'The column of each row\'s currency code' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l currency -d 'One currency for every row (ISO 4217 code, e.g. EUR)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l counterparty -d 'The column of the payee' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l note -d 'The column of the description' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l date-format -d 'How the time column is written (chrono format: %d.%m.%Y, %Y-%m-%d %H:%M:%S, %m/%d/%Y, …)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l money-out -d 'Which sign is money out' -r -f -a "negative\t'negative amounts (−12.50) are money out'
positive\t'positive amounts (12.50) are money out'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l skip-lines -d 'Lines before the header (a bank\'s preamble)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l decimal-comma -d 'Amounts are written 1.234,50 (a decimal comma)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l no-header -d 'The file has no header line: give every COL as a number'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from remove" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from remove" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from remove" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from help" -f -a "list" -d 'The saved mappings'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from help" -f -a "add" -d 'Save a mapping (replacing one of the same name). COL is a header name or a 1-based column number'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Forget a saved mapping'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand mapping; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and not __fish_seen_subcommand_from add edit delete list import export help" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and not __fish_seen_subcommand_from add edit delete list import export help" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and not __fish_seen_subcommand_from add edit delete list import export help" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and not __fish_seen_subcommand_from add edit delete list import export help" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and not __fish_seen_subcommand_from add edit delete list import export help" -f -a "add" -d 'Record a payment; prints its id'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and not __fish_seen_subcommand_from add edit delete list import export help" -f -a "edit" -d 'Change a payment: only the flags given change (converted again with the rates of its date)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and not __fish_seen_subcommand_from add edit delete list import export help" -f -a "delete" -d 'Delete a payment'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and not __fish_seen_subcommand_from add edit delete list import export help" -f -a "list" -d 'List payments, newest first'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and not __fish_seen_subcommand_from add edit delete list import export help" -f -a "import" -d 'Import a CSV (walletdesk\'s own: at,amount,currency,type,to,method,counterparty,note,fx_exempt; an Alipay or WeChat Pay bill: CSV, XLSX, or the e-mailed zip, whose password is read from standard input; or any other CSV through a saved mapping): all rows or none'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and not __fish_seen_subcommand_from add edit delete list import export help" -f -a "export" -d 'Export an account\'s payments as CSV (imports back to the same rows)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and not __fish_seen_subcommand_from add edit delete list import export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -l account -d 'The account\'s id (see `walletdesk account list`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -l amount -d 'The amount, a decimal with \'.\', e.g. 1234.50' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -l currency -d 'The currency (ISO 4217), e.g. CNY, USD, HKD' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -l type -d 'What the payment is for (Q2)' -r -f -a "personal\t'Personal expenses'
goods\t'Purchasing goods'
services\t'Purchasing services'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -l to -d 'Where the money goes (Q2; merchant when left out)' -r -f -a "merchant\t'Merchant'
alipay-account\t'Another Alipay account'
bank-account\t'Bank account'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -l method -d 'The method that paid (see `walletdesk method list --account ID`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -l at -d 'When: RFC 3339, YYYY-MM-DD HH:MM on the clock of the `time-zone` setting (Beijing time by default), or a date alone (midnight there); default now' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -l counterparty -d 'Who was paid, e.g. a shop\'s name' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -l note -d 'A note of your own' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -l fx-exempt -d 'Tuition with proof: does not count toward the FX quota (Q3)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from edit" -l amount -d 'The amount, a decimal with \'.\', e.g. 1234.50' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from edit" -l currency -d 'The currency (ISO 4217), e.g. CNY, USD, HKD' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from edit" -l type -d 'What the payment is for (Q2)' -r -f -a "personal\t'Personal expenses'
goods\t'Purchasing goods'
services\t'Purchasing services'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from edit" -l to -d 'Where the money goes (Q2)' -r -f -a "merchant\t'Merchant'
alipay-account\t'Another Alipay account'
bank-account\t'Bank account'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from edit" -l method -d 'The method that paid (see `walletdesk method list --account ID`; "" for none)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from edit" -l at -d 'When: RFC 3339, YYYY-MM-DD HH:MM on the clock of the `time-zone` setting, or a date alone (midnight there)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from edit" -l counterparty -d 'Who was paid ("" for nobody)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from edit" -l note -d 'A note of your own ("" for none)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from edit" -l fx-exempt -d 'Tuition with proof, outside the FX quota (Q3): true or false; the flag alone means true' -r -f -a "true\t''
false\t''"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from edit" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from edit" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from edit" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from delete" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from delete" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from delete" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from list" -l account -d 'The account\'s id (see `walletdesk account list`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from list" -l type -d 'Only payments of this type' -r -f -a "personal\t'Personal expenses'
goods\t'Purchasing goods'
services\t'Purchasing services'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from list" -l method -d 'Only payments made with this method (see `walletdesk method list --account ID`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from list" -l from -d 'First day (YYYY-MM-DD)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from list" -l until -d 'Last day (YYYY-MM-DD)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from list" -l text -d 'Only payments with this text in the counterparty or note' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from list" -l limit -d 'How many payments to show' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from list" -l offset -d 'How many of the newest payments to skip' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from list" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from list" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from list" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from import" -l account -d 'The account\'s id (see `walletdesk account list`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from import" -l format -d 'How to read the file: auto (detected from its header), walletdesk, alipay, wechat, or mapping:NAME (a column mapping saved with `walletdesk mapping add`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from import" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from import" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from import" -l dry-run -d 'Show what would be imported and write nothing'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from import" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from export" -l account -d 'The account\'s id (see `walletdesk account list`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from export" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from export" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from export" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "add" -d 'Record a payment; prints its id'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change a payment: only the flags given change (converted again with the rates of its date)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a payment'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "list" -d 'List payments, newest first'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import a CSV (walletdesk\'s own: at,amount,currency,type,to,method,counterparty,note,fx_exempt; an Alipay or WeChat Pay bill: CSV, XLSX, or the e-mailed zip, whose password is read from standard input; or any other CSV through a saved mapping): all rows or none'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export an account\'s payments as CSV (imports back to the same rows)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand tx; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand quota" -l account -d 'The account\'s id (see `walletdesk account list`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand quota" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand quota" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand quota" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand quota" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand precheck" -l account -d 'The account\'s id (see `walletdesk account list`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand precheck" -l amount -d 'The amount, a decimal with \'.\', e.g. 1234.50' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand precheck" -l currency -d 'The currency (ISO 4217), e.g. CNY, USD, HKD' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand precheck" -l type -d 'What the payment is for (Q2)' -r -f -a "personal\t'Personal expenses'
goods\t'Purchasing goods'
services\t'Purchasing services'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand precheck" -l to -d 'Where the money goes (Q2; merchant when left out)' -r -f -a "merchant\t'Merchant'
alipay-account\t'Another Alipay account'
bank-account\t'Bank account'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand precheck" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand precheck" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand precheck" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand precheck" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and not __fish_seen_subcommand_from book set clear cap remove-cap help" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and not __fish_seen_subcommand_from book set clear cap remove-cap help" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and not __fish_seen_subcommand_from book set clear cap remove-cap help" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and not __fish_seen_subcommand_from book set clear cap remove-cap help" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and not __fish_seen_subcommand_from book set clear cap remove-cap help" -f -a "book" -d 'Use another limit book for an account: standard, or alternative (Q4\'s figures)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and not __fish_seen_subcommand_from book set clear cap remove-cap help" -f -a "set" -d 'Replace a published figure for one account (see `quota` for the keys)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and not __fish_seen_subcommand_from book set clear cap remove-cap help" -f -a "clear" -d 'Go back to the published figure'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and not __fish_seen_subcommand_from book set clear cap remove-cap help" -f -a "cap" -d 'Add your own cap, e.g. --account 1 --name "Card issuer" --window month --currency CNY --amount 20000'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and not __fish_seen_subcommand_from book set clear cap remove-cap help" -f -a "remove-cap" -d 'Remove one of your caps'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and not __fish_seen_subcommand_from book set clear cap remove-cap help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from book" -l account -d 'The account\'s id (see `walletdesk account list`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from book" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from book" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from book" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from book" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from set" -l account -d 'The account\'s id (see `walletdesk account list`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from set" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from set" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from set" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from clear" -l account -d 'The account\'s id (see `walletdesk account list`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from clear" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from clear" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from clear" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from cap" -l account -d 'The account\'s id (see `walletdesk account list`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from cap" -l name -d 'What the cap is, e.g. "Card issuer"' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from cap" -l window -d 'The span the cap adds up over' -r -f -a "single\t'per payment'
day\t'a day'
week\t'a week'
month\t'a month'
year\t'a year'"
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from cap" -l currency -d 'The cap\'s currency: USD or CNY' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from cap" -l amount -d 'The cap, a decimal with \'.\'' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from cap" -l method -d 'Only this method\'s payments count (see `walletdesk method list --account ID`)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from cap" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from cap" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from cap" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from cap" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from remove-cap" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from remove-cap" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from remove-cap" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from remove-cap" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from help" -f -a "book" -d 'Use another limit book for an account: standard, or alternative (Q4\'s figures)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from help" -f -a "set" -d 'Replace a published figure for one account (see `quota` for the keys)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Go back to the published figure'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from help" -f -a "cap" -d 'Add your own cap, e.g. --account 1 --name "Card issuer" --window month --currency CNY --amount 20000'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from help" -f -a "remove-cap" -d 'Remove one of your caps'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand limit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and not __fish_seen_subcommand_from set show help" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and not __fish_seen_subcommand_from set show help" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and not __fish_seen_subcommand_from set show help" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and not __fish_seen_subcommand_from set show help" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and not __fish_seen_subcommand_from set show help" -f -a "set" -d 'Change a setting'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and not __fish_seen_subcommand_from set show help" -f -a "show" -d 'Show the settings'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and not __fish_seen_subcommand_from set show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and __fish_seen_subcommand_from set" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and __fish_seen_subcommand_from set" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and __fish_seen_subcommand_from set" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and __fish_seen_subcommand_from show" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and __fish_seen_subcommand_from show" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and __fish_seen_subcommand_from show" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change a setting'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the settings'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand setting; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand backup" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand backup" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand backup" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand backup" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand restore" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand restore" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand restore" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand restore" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand backups" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand backups" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand backups" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand backups" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand check" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rules" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rules" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rules" -l markdown -d 'Print docs/rules.md (the catalogue as Markdown)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rules" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand rules" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand completions" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand completions" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand completions" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand completions" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand man" -l db -d 'The database file (default: walletdesk.sqlite in the platform data folder)' -r -F
complete -c walletdesk -n "__fish_walletdesk_using_subcommand man" -l now -d 'The clock, for reproducible runs (RFC 3339, e.g. 2026-03-01T12:00:00+08:00)' -r
complete -c walletdesk -n "__fish_walletdesk_using_subcommand man" -l json -d 'Machine-readable output'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand man" -s h -l help -d 'Print help'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "demo" -d 'Add sample accounts, cards and a PayPal account to an empty database (`--demo` opens a throw-away one)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "account" -d 'Payment accounts (Alipay, Alipay HK, WeChat Pay, Alibaba Cloud)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "card" -d 'Cards'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "paypal" -d 'PayPal accounts'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "method" -d 'Linked methods of an account'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "check-card" -d 'Will this card bind? The number is read from standard input and not stored'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "rate" -d 'Exchange rates (Q6): the table conversions use'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "mapping" -d 'Column mappings of other CSVs (a bank\'s statement), saved by name for `tx import --format mapping:NAME`'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "tx" -d 'Payments: add, edit, delete, list, import and export (CSV)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "quota" -d 'Every limit in force on an account: used, remaining, when it resets'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "precheck" -d 'Would a payment go through? Limits broken, fee, and the method to use (exit 1 when it would be refused)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "limit" -d 'Limit books, your figures and your own caps'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "setting" -d 'Settings, shared with the window\'s Settings: time-zone, bank-fee-threshold, reveal-seconds, backups-kept, theme, zoom'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "backup" -d 'Write a consistent copy of the database to FILE (SQLite online backup; no card numbers: they stay in the secret store)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "restore" -d 'Replace the database\'s contents with a backup: FILE is checked first, and the current contents are kept in the backups folder'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "backups" -d 'List the automatic backups (made before migrations, imports and restores, and once a day), newest first'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "check" -d 'Check the database (integrity_check) and that every live card\'s number is in the secret store'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "rules" -d 'The rules walletdesk checks: what each checks, which providers apply it, at which level, what to do, and its source'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "completions" -d 'Print the shell completion script, e.g. `walletdesk completions bash > ~/.local/share/bash-completion/completions/walletdesk`'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "man" -d 'Print the man page (roff), e.g. `walletdesk man | man -l -`'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and not __fish_seen_subcommand_from demo account card paypal method check-card rate mapping tx quota precheck limit setting backup restore backups check rules completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "add" -d 'Add an account; prints its id'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "list" -d 'List the accounts'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "edit" -d 'Change an account: only the flags given change'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "remove" -d 'Remove (archive) an account: it leaves the lists, its payments stay and still count towards the FX quota; refused while it has live methods (L8)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from account" -f -a "restore" -d 'Bring a removed (archived) account back into the lists'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from card" -f -a "add" -d 'Add a card; the number is read from standard input; prints the new id'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from card" -f -a "set-number" -d 'Put a card\'s number back into the secret store (read from standard input; it must be the same card)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from paypal" -f -a "add" -d 'Link a PayPal account; prints the new id'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from method" -f -a "list" -d 'List an account\'s methods'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from method" -f -a "default" -d 'Make a method its account\'s default (it must be active: L2)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from method" -f -a "remove" -d 'Remove (archive) a method: history stays, its number leaves the keyring'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from method" -f -a "set-status" -d 'Report a method\'s status: active once verified, failed with a reason'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from method" -f -a "attempt" -d 'Record how an attempt to bind a method went (three failures in 24 h raise A4)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from rate" -f -a "set" -d 'Record an exchange rate: 1 FROM = RATE TO, from DATE (default today)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from rate" -f -a "list" -d 'List the rate table, newest first'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from rate" -f -a "delete" -d 'Delete the FROM→TO rate of one date (payments keep the rate they were recorded with)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from mapping" -f -a "list" -d 'The saved mappings'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from mapping" -f -a "add" -d 'Save a mapping (replacing one of the same name). COL is a header name or a 1-based column number'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from mapping" -f -a "remove" -d 'Forget a saved mapping'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "add" -d 'Record a payment; prints its id'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "edit" -d 'Change a payment: only the flags given change (converted again with the rates of its date)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "delete" -d 'Delete a payment'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "list" -d 'List payments, newest first'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "import" -d 'Import a CSV (walletdesk\'s own: at,amount,currency,type,to,method,counterparty,note,fx_exempt; an Alipay or WeChat Pay bill: CSV, XLSX, or the e-mailed zip, whose password is read from standard input; or any other CSV through a saved mapping): all rows or none'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from tx" -f -a "export" -d 'Export an account\'s payments as CSV (imports back to the same rows)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from limit" -f -a "book" -d 'Use another limit book for an account: standard, or alternative (Q4\'s figures)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from limit" -f -a "set" -d 'Replace a published figure for one account (see `quota` for the keys)'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from limit" -f -a "clear" -d 'Go back to the published figure'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from limit" -f -a "cap" -d 'Add your own cap, e.g. --account 1 --name "Card issuer" --window month --currency CNY --amount 20000'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from limit" -f -a "remove-cap" -d 'Remove one of your caps'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from setting" -f -a "set" -d 'Change a setting'
complete -c walletdesk -n "__fish_walletdesk_using_subcommand help; and __fish_seen_subcommand_from setting" -f -a "show" -d 'Show the settings'
