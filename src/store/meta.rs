//! The `meta` table: the database's own facts (its id, whether the sample data is
//! in it) and the settings, as `setting.<key>` rows.

use rusqlite::{Connection, OptionalExtension, params};

use super::Result;

/// A value of the `meta` table.
pub fn meta(c: &Connection, key: &str) -> Result<Option<String>> {
    Ok(
        c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?,
    )
}

pub fn set_meta(c: &Connection, key: &str, value: &str) -> Result<()> {
    c.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub fn setting(c: &Connection, key: &str) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT value FROM meta WHERE key = ?1",
        [format!("setting.{key}")],
        |r| r.get(0),
    )
    .optional()?)
}

pub fn set_setting(c: &Connection, key: &str, value: &str) -> Result<()> {
    c.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![format!("setting.{key}"), value],
    )?;
    Ok(())
}
