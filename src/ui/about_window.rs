//! Help → About walletdesk: the version, where the database, its backups and
//! the window's remembered state live (each with a button to show the folder),
//! the secret store and the font in use, the licence, and the sources the
//! rules come from (links open the browser).

use std::path::{Path, PathBuf};

use eframe::egui::{self, Grid, RichText, ScrollArea};

use super::command::Command;
use crate::domain::sources;
use crate::wallet::Installation;

/// What About shows, gathered when it opens.
pub struct About {
    pub installation: Installation,
    /// eframe's folder for the window's remembered state (size, view, filter).
    pub window_state: Option<PathBuf>,
    /// The system font that shows Chinese text, if one was found.
    pub cjk_font: Option<String>,
}

pub fn about_window_ui(
    ctx: &egui::Context,
    about: &About,
    open: &mut bool,
    commands: &mut Vec<Command>,
) {
    let i = &about.installation;
    egui::Window::new("About walletdesk")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .default_width(620.0)
        .show(ctx, |ui| {
            ui.heading(format!("walletdesk {}", i.version));
            ui.label(
                "Keeps the cards and PayPal accounts linked to Alipay, Alipay HK, WeChat Pay and \
                 Alibaba Cloud on this computer, and says before you try whether a card will bind.",
            );
            ui.add_space(8.0);
            Grid::new("about_grid")
                .num_columns(3)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    folder_row_ui(ui, "Database", &i.database, i.database.parent(), commands);
                    folder_row_ui(ui, "Backups", &i.backups, Some(&i.backups), commands);
                    if let Some(dir) = &about.window_state {
                        folder_row_ui(ui, "Window state", dir, Some(dir), commands);
                    }
                    ui.label(RichText::new("Secret store").weak());
                    ui.label(&i.secret_store);
                    ui.end_row();
                    ui.label(RichText::new("Chinese text").weak());
                    ui.label(about.cjk_font.as_deref().map_or_else(
                        || "no system font has Chinese characters: install fonts-noto-cjk or fonts-wqy-microhei".to_owned(),
                        |f| format!("{f} (from the system)"),
                    ));
                    ui.end_row();
                    ui.label(RichText::new("Licence").weak());
                    ui.label(i.licence);
                    ui.end_row();
                });
            ui.add_space(8.0);
            ui.strong("Sources of the rules");
            ScrollArea::vertical()
                .max_height(200.0)
                .id_salt("about_sources")
                .show(ui, |ui| {
                    for s in sources::built_in().map(sources::Sources::all).unwrap_or_default() {
                        let title = crate::words::source_title(s);
                        match &s.url {
                            Some(url) => {
                                ui.hyperlink_to(title, url);
                            }
                            None => {
                                ui.label(title);
                            }
                        }
                    }
                });
        });
}

fn folder_row_ui(
    ui: &mut egui::Ui,
    name: &str,
    path: &Path,
    folder: Option<&Path>,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new(name).weak());
    ui.label(path.display().to_string());
    match folder {
        Some(f) => {
            if ui
                .small_button("Open folder")
                .on_hover_text(format!("Show {} in the file manager", f.display()))
                .clicked()
            {
                commands.push(Command::OpenFolder(f.to_owned()));
            }
        }
        None => {
            ui.label("");
        }
    }
    ui.end_row();
}
