//! Column mappings of other CSVs, saved by name (the spec is JSON).

use rusqlite::{Connection, OptionalExtension, params};

use super::Result;

/// Save `spec` under `name`, replacing a mapping of that name.
pub fn save_mapping(c: &Connection, name: &str, spec: &str, saved_at: &str) -> Result<()> {
    c.execute(
        "INSERT INTO csv_mapping (name, spec, saved_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, saved_at = excluded.saved_at",
        params![name, spec, saved_at],
    )?;
    Ok(())
}

/// The spec saved under `name`.
pub fn mapping(c: &Connection, name: &str) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT spec FROM csv_mapping WHERE name = ?1",
        [name],
        |r| r.get(0),
    )
    .optional()?)
}

/// Every saved mapping: (name, spec), by name.
pub fn mappings(c: &Connection) -> Result<Vec<(String, String)>> {
    let mut st = c.prepare_cached("SELECT name, spec FROM csv_mapping ORDER BY name")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Forget the mapping `name`; whether there was one.
pub fn delete_mapping(c: &Connection, name: &str) -> Result<bool> {
    Ok(c.execute("DELETE FROM csv_mapping WHERE name = ?1", [name])? > 0)
}
