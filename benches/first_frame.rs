//! Open to first frame, at a million payments: the database opened, the app
//! built (fonts included, as `walletdesk` starts it) and its first frame laid
//! out through `egui_kittest`'s harness, which draws no pixels. The real
//! window's paint on software GL adds to this; `BENCHMARKS.md` has that figure.
//!
//! `cargo bench --bench first_frame` (builds the database of `benches/list.rs`
//! on its first run).

mod common;

use common::{clock, database};
use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use egui_kittest::Harness;
use walletdesk::Wallet;
use walletdesk::ui::WalletApp;
use walletdesk::vault::Vault;

/// The app built and run for its first frames: kittest's build runs until the
/// app is idle or `max_steps` frames, so 2 is the first frame (and the one
/// kittest adds), and many is every answer of the list's workers drawn.
fn app(path: &std::path::Path, max_steps: u64) -> Harness<'static, WalletApp> {
    let wallet = Wallet::open(path, Vault::memory(), clock()).expect("open");
    let mut b = Harness::builder()
        .with_size(egui::vec2(1100.0, 720.0))
        .with_max_steps(max_steps);
    if walletdesk::ui::cjk_font_name().is_none() {
        b = b.allow_missing_glyphs();
    }
    b.build_eframe(move |cc| {
        walletdesk::ui::setup(&cc.egui_ctx);
        WalletApp::new(wallet).without_system_clipboard()
    })
}

/// Frames enough for the list's workers to answer (each frame is microseconds).
const ALL: u64 = 10_000_000;

fn bench(c: &mut Criterion) {
    let path = database();
    // Once, before the workers of many runs share the cores: where the time goes.
    let t = std::time::Instant::now();
    let w = Wallet::open(&path, Vault::memory(), clock()).expect("open");
    let opened = t.elapsed();
    drop(w);
    let t = std::time::Instant::now();
    let h = app(&path, 2);
    let first = t.elapsed();
    drop(h);
    let t = std::time::Instant::now();
    let h = app(&path, ALL);
    eprintln!(
        "once: open {opened:?}; first frame {first:?}; every answer in {:?}",
        t.elapsed()
    );
    drop(h);
    let mut g = c.benchmark_group("open to first frame, 1,000,000 payments");
    g.sample_size(10);
    g.bench_function("open, build the app, first frame", |b| {
        b.iter(|| app(&path, 2));
    });
    g.bench_function("the same, until every answer is in and drawn", |b| {
        b.iter(|| app(&path, ALL));
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(std::time::Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
