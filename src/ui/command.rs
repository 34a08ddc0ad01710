//! Everything a person can ask of the window. Screens and dialogs push these
//! while drawing; `app::command_handling` carries them out through the service
//! once the frame is drawn. A leaf: it imports no other screen.

use std::path::PathBuf;

use crate::domain::txn::{TxnDraft, TxnPatch};
use crate::domain::{
    AccountDraft, AccountId, CapId, CardDraft, MethodId, MethodStatus, Outcome, PaypalDraft,
    Provider, TxnId,
};
use crate::wallet::{CapDraft, PrecheckDraft, RateDraft, Setting, Theme};

/// The views of the central panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum View {
    #[default]
    Accounts,
    Limits,
    Transactions,
    Matrix,
}

impl View {
    pub const ALL: [View; 4] = [
        View::Accounts,
        View::Limits,
        View::Transactions,
        View::Matrix,
    ];

    /// The name on its tab and in the View menu.
    pub fn name(self) -> &'static str {
        match self {
            View::Accounts => "Accounts",
            View::Limits => "Limits",
            View::Transactions => "Transactions",
            View::Matrix => "Will it bind?",
        }
    }
}

/// A step of View → Zoom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoomStep {
    In,
    Out,
    Reset,
}

/// Something the user asked for, carried out after drawing.
#[must_use]
#[derive(Debug)]
pub enum Command {
    // ---- accounts and methods ----
    SelectAccount(AccountId),
    ShowView(View),
    ShowArchived(bool),
    OpenAddAccount,
    AddAccount(AccountDraft),
    OpenEditAccount(AccountId),
    EditAccount(AccountId, AccountDraft),
    OpenRemoveAccount(AccountId),
    ConfirmRemoveAccount(AccountId),
    /// Bring a removed (archived) account back.
    RestoreAccount(AccountId),
    OpenAddCard,
    /// Add a card; `true` adds it although its verdict is `block` ("Add anyway").
    AddCard(AccountId, Box<CardDraft>, bool),
    OpenAddPaypal,
    /// Link PayPal; `true` links it although its verdict is `block`.
    AddPaypal(AccountId, PaypalDraft, bool),
    LoadDemo,
    /// Show a method's flags and attempts below the table.
    SelectMethod(MethodId),
    CloseDetail,
    RecordAttempt(MethodId, Outcome, String),
    /// A cell of the "Will it bind?" matrix.
    SelectCell(MethodId, Provider),
    MakeDefault(MethodId),
    /// Start "Remove…": confirmation, or the refusal and its plan.
    OpenRemove(MethodId),
    /// Remove, with the new default when L6 asks for one.
    ConfirmRemove(MethodId, Option<MethodId>),
    /// A plan chosen in "Remove…": remove the first with the second as the new
    /// default, shown for confirmation (nothing changes until `ConfirmRemove`).
    PlanRemove(MethodId, MethodId),
    OpenMarkFailed(MethodId),
    SetStatus(MethodId, MethodStatus, String),
    Reveal(MethodId),
    Hide,
    Copy(MethodId),

    // ---- limits ----
    OpenPrecheck,
    /// Record the payment the pre-check was asked about.
    RecordChecked(PrecheckDraft),
    /// "Set my figure…" for the limit with this key.
    OpenOverride(String),
    /// Save (or with `None`, drop) the account's own figure for a limit.
    SaveOverride(String, Option<String>),
    SetBook(String),
    AddCap(CapDraft),
    RemoveCap(CapId),
    AddRate(RateDraft),

    // ---- transactions ----
    OpenRecord,
    OpenEdit(TxnId),
    RecordTxn(TxnDraft),
    /// "Save changes": only the fields changed in the form.
    ChangeTxn(TxnId, TxnPatch),
    AskDelete(TxnId),
    ConfirmDelete(TxnId),
    /// The filters of the transactions list changed: count again.
    FilterChanged,
    /// "Clear the filters": the whole list of the account again.
    ClearFilters,
    OpenImport,
    /// Read this file into a preview.
    StartPreview(String),
    /// Write the previewed rows.
    StartImport,
    /// A person's change to a row of the import's preview (by its line).
    ChangeImportRow(u64, crate::wallet::RowChange),
    CancelImport,
    /// "Map its columns…": the mapping screen for this file (any other CSV).
    OpenMapping(String),
    /// Save a CSV mapping; `true` then reads the file with it into the import preview.
    SaveMapping(Box<crate::domain::bills::mapping::CsvMapping>, bool),
    /// Open the system's file dialog for the file to import.
    ChooseImportFile,
    /// A file dropped onto the window: import it into the selected account.
    DroppedFile(PathBuf),
    OpenExport,
    /// Open the system's file dialog for where to export.
    ChooseExportFile,
    Export(String),

    // ---- the database ----
    OpenBackups,
    BackupTo(PathBuf),
    /// Confirmed: replace the open database's contents with this backup.
    Restore(PathBuf),

    // ---- the window ----
    CloseDialog,
    DismissNotice,
    OpenSettings,
    /// Settings → Save: the changed values, written in one transaction.
    SaveSettings(Vec<(Setting, String)>),
    SetTheme(Theme),
    Zoom(ZoomStep),
    /// "Check a card…": will a card bind, with no account needed.
    OpenCheckCard,
    OpenShortcuts,
    OpenAbout,
    /// Show a folder in the desktop's file manager.
    OpenFolder(PathBuf),
    Quit,
}
