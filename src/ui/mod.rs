pub fn run(_w: crate::Wallet) -> anyhow::Result<()> {
    Ok(())
}
