import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
async function main() {
  const pool = new Pool({ connectionString: 'postgres://postgres@127.0.0.1/test', max: 8, options: process.env.PGOPT });
  const sqlText = `WITH head AS (SELECT max(stream_revision) AS revision FROM prof.es_events WHERE stream_id = $1)
    INSERT INTO prof.es_events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
    SELECT $1, coalesce(head.revision, -1) + 1, $2, 'x', 1, '{}', '{}' FROM head RETURNING stream_revision`;
  let errors = 0; const t0 = Date.now(); const run = Date.now();
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let i = 0; i < 200; i++) {
      for (;;) { try { await pool.query(sqlText, [`raw${run}-${i % 3}`, randomUUID()]); break; } catch (e: any) { errors++; } }
    }
  }));
  console.log(Math.round(1600 / ((Date.now() - t0) / 1000)), '/s', errors);
  await pool.end();
}
main();
