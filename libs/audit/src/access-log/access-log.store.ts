import { DataSource, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AccessLogEntryEntity } from './access-log.entity';

export type AccessOutcome = 'granted' | 'denied';

/** One read of a referral by a person, or one refused attempt to read it. */
export interface AccessRecord {
  accessedAt: Date;
  userId: string;
  username: string;
  agencyId: string;
  referralId: string;
  /** The region of the referral's agreement; auditors see the entries of their region. */
  region: string | null;
  /** What was read: 'referral', 'history', 'state', 'export', … */
  kind: string;
  /** The route pattern, e.g. `GET /api/v1/referrals/:id/history`. */
  route: string;
  outcome: AccessOutcome;
  correlationId: string;
  /** What distinguishes this read from another of the same kind (the instant of a state, an export's format). */
  detail?: Record<string, unknown>;
}

export interface AccessLogEntry extends Omit<AccessRecord, 'accessedAt' | 'detail'> {
  /** Increases with every entry: the newest entry has the largest. */
  seq: string;
  accessedAt: string;
  detail: Record<string, unknown>;
}

export interface AccessLogQuery {
  /** Only entries about referrals of this region: the scope of the auditor asking. */
  region: string;
  referralId?: string;
  userId?: string;
  agencyId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
  limit: number;
}

export interface AccessLogPage {
  /** Newest first. */
  entries: AccessLogEntry[];
  /** Pass it back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** A cursor the store did not issue. Same shape as the platform's errors, so it answers 400. */
export class InvalidAccessLogCursor extends Error {
  readonly code = 'VALIDATION_FAILED';
  readonly reason = 'invalid-cursor';

  constructor() {
    super('cursor is not one this API returned');
    this.name = 'InvalidAccessLogCursor';
  }
}

const CURSOR_PREFIX = 'seq:';
export const encodeAccessLogCursor = (seq: string): string => Buffer.from(`${CURSOR_PREFIX}${seq}`).toString('base64url');

export function decodeAccessLogCursor(cursor: string): string {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const seq = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^[1-9]\d{0,17}$/.test(seq)) throw new InvalidAccessLogCursor();
  return seq;
}

/**
 * The access log on PostgreSQL: appended to, never changed (the table's trigger refuses UPDATE,
 * DELETE and TRUNCATE), queried newest first with a keyset cursor.
 */
export class AccessLogStore {
  private readonly entries: Repository<AccessLogEntryEntity>;

  constructor(dataSource: DataSource) {
    this.entries = dataSource.getRepository(AccessLogEntryEntity);
  }

  /** Resolves once the entry is stored; rejects (and the caller must not return the data) otherwise. */
  async record(record: AccessRecord): Promise<void> {
    const detail = (record.detail ?? {}) as QueryDeepPartialEntity<Record<string, unknown>>;
    await this.entries.insert({ ...record, detail });
  }

  async query(query: AccessLogQuery): Promise<AccessLogPage> {
    const builder = this.entries.createQueryBuilder('entry').where('entry.region = :region', { region: query.region });
    if (query.referralId) builder.andWhere('entry.referral_id = :referralId', { referralId: query.referralId });
    if (query.userId) builder.andWhere('entry.user_id = :userId', { userId: query.userId });
    if (query.agencyId) builder.andWhere('entry.agency_id = :agencyId', { agencyId: query.agencyId });
    if (query.from) builder.andWhere('entry.accessed_at >= :from', { from: query.from });
    if (query.to) builder.andWhere('entry.accessed_at < :to', { to: query.to });
    if (query.cursor) builder.andWhere('entry.seq < :before', { before: decodeAccessLogCursor(query.cursor) });
    // One more than asked: whether it exists says if there is a next page.
    const rows = await builder.orderBy('entry.seq', 'DESC').limit(query.limit + 1).getMany();
    const page = rows.slice(0, query.limit);
    return {
      entries: page.map(toEntry),
      nextCursor: rows.length > query.limit ? encodeAccessLogCursor(page[page.length - 1].seq) : null,
    };
  }
}

function toEntry(row: AccessLogEntryEntity): AccessLogEntry {
  return {
    seq: String(row.seq),
    accessedAt: row.accessedAt.toISOString(),
    userId: row.userId,
    username: row.username,
    agencyId: row.agencyId,
    referralId: row.referralId,
    region: row.region,
    kind: row.kind,
    route: row.route,
    outcome: row.outcome,
    correlationId: row.correlationId,
    detail: row.detail,
  };
}
