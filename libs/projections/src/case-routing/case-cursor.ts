/** Where a page of the referral list ends: the last row's sort key, (updated_at, referral_id), descending. */
export interface CaseCursor {
  updatedAt: string;
  referralId: string;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to clients: base64url of the sort key, microseconds included so no row is skipped or repeated. */
export function encodeCursor(cursor: CaseCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt, cursor.referralId])).toString('base64url');
}

/** The cursor, or null when the text is not one this API issued. */
export function decodeCursor(text: string): CaseCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [updatedAt, referralId] = value as unknown[];
  if (typeof updatedAt !== 'string' || !INSTANT.test(updatedAt) || Number.isNaN(Date.parse(updatedAt.slice(0, 23) + 'Z'))) return null;
  if (typeof referralId !== 'string' || !UUID.test(referralId)) return null;
  return { updatedAt, referralId };
}
