import { quoteIdentifier, SqlClient } from '@app/database';

/**
 * Every row of every table in the current schema, as PostgreSQL prints it (`t::text`: bytea as hex,
 * TOASTed values expanded): what a person with a dump or a console would see.
 */
export async function scanSchemaAsText(sql: SqlClient): Promise<{ tables: string[]; text: string }> {
  const { rows: tables } = await sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const lines: string[] = [];
  for (const { table_name } of tables) {
    const { rows } = await sql.query<{ row: string }>(`SELECT t::text AS row FROM ${quoteIdentifier(table_name)} t`);
    for (const { row } of rows) lines.push(`${table_name}: ${row}`);
  }
  return { tables: tables.map((t) => t.table_name), text: lines.join('\n') };
}

/**
 * The forms a string takes in a dump if it was stored unencrypted: as text, as the hex of its UTF-8
 * bytes (bytea), and as base64 at each of the three alignments it can start at.
 */
export function encodingsOf(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const base64 = [0, 1, 2].map((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // Drop the characters that also depend on the neighbouring bytes.
    const start = Math.ceil((shift * 4) / 3) + 1;
    const end = Math.floor(((shift + bytes.length) * 4) / 3) - 1;
    return encoded.slice(start, end);
  });
  return [value, bytes.toString('hex'), ...base64];
}

/** Which of the forms of `value` occur in `haystack` (case-insensitively for text and hex). */
export function occurrencesOf(value: string, haystack: string): string[] {
  const lower = haystack.toLowerCase();
  const [text, hex, ...base64] = encodingsOf(value);
  return [
    ...(lower.includes(text.toLowerCase()) ? [`text "${text}"`] : []),
    ...(lower.includes(hex) ? [`hex ${hex}`] : []),
    ...base64.filter((form) => haystack.includes(form)).map((form) => `base64 ${form}`),
  ];
}
