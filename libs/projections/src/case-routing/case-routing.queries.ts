import type { DataSource } from 'typeorm';
import type { PlacementStatus, ReferralStage, Urgency } from '@app/domain';
import { CaseCursor, encodeCursor } from './case-cursor';

/** Whose eyes: the caller's agency, and the region it oversees when the caller is an auditor or admin. */
export interface CaseViewer {
  agencyId: string;
  /** Set only for AUDITOR / ADMIN users: they see every referral of agreements covering this region. */
  overseenRegion: string | null;
}

export interface CaseFilters {
  status?: ReferralStage;
  agreementId?: string;
  holder?: string;
  urgency?: Urgency;
}

export interface CaseSummary {
  id: string;
  status: ReferralStage;
  onHold: boolean;
  urgency: Urgency;
  minor: boolean;
  agreement: { id: string; version: number };
  referrerAgencyId: string;
  holderAgencyId: string | null;
  placement: { shelterAgencyId: string; status: PlacementStatus } | null;
  submittedAt: string;
  updatedAt: string;
  version: number;
}

export interface CasePage {
  items: CaseSummary[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export interface InboxItem extends CaseSummary {
  /** Why it waits on the caller's agency: it holds it, it must decide a placement, or it owes an obligation. */
  waitingFor: ('holder' | 'placement-decision' | 'obligation')[];
  nextObligation: { obligationId: string; description: string; dueAt: string } | null;
}

export interface CaseCounts {
  total: number;
  byStatus: Record<ReferralStage, number>;
  onHold: number;
}

const STAGES: readonly ReferralStage[] = ['routed', 'acknowledged', 'returned', 'closed', 'cancelled'];

interface CaseRow {
  referral_id: string;
  status: ReferralStage;
  on_hold: boolean;
  urgency: Urgency;
  minor: boolean;
  agreement_id: string;
  agreement_version: number;
  referrer_agency_id: string;
  holder_agency_id: string | null;
  shelter_agency_id: string | null;
  placement_status: PlacementStatus | null;
  submitted_at: Date | string;
  updated_at: Date | string;
  version: number;
  cursor_at: string;
}

interface InboxRow extends CaseRow {
  holds: boolean;
  decides_placement: boolean;
  obligation_id: string | null;
  obligation_description: string | null;
  due_at: Date | string | null;
}

const CASE_COLUMNS = `c.referral_id, c.status, c.on_hold, c.urgency, c.minor, c.agreement_id, c.agreement_version, c.referrer_agency_id,
  c.holder_agency_id, c.shelter_agency_id, c.placement_status, c.submitted_at, c.updated_at, c.version,
  to_char(c.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

/** The same rule as the referral API's `maySeeReferral`, on the columns the projection keeps for it. */
const VISIBLE = '(c.visible_to @> ARRAY[$1]::text[] OR c.region = $2)';

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

function summaryOf(row: CaseRow): CaseSummary {
  return {
    id: row.referral_id,
    status: row.status,
    onHold: row.on_hold,
    urgency: row.urgency,
    minor: row.minor,
    agreement: { id: row.agreement_id, version: Number(row.agreement_version) },
    referrerAgencyId: row.referrer_agency_id,
    holderAgencyId: row.holder_agency_id,
    placement: row.shelter_agency_id ? { shelterAgencyId: row.shelter_agency_id, status: row.placement_status! } : null,
    submittedAt: iso(row.submitted_at),
    updatedAt: iso(row.updated_at),
    version: Number(row.version),
  };
}

/** Case routing read straight from `rm_referral_cases` (and `rm_obligations` once it exists), never from the domain. */
export class CaseRoutingQueries {
  private obligationsExist = false;

  constructor(private readonly dataSource: DataSource) {}

  /** Newest activity first; keyset pagination on (updated_at, referral_id), so pages stay stable while rows change. */
  async list(viewer: CaseViewer, filters: CaseFilters, page: { cursor?: CaseCursor; limit: number }): Promise<CasePage> {
    const params: unknown[] = [viewer.agencyId, viewer.overseenRegion];
    const where = [VISIBLE];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filters.status) add('c.status = ?', filters.status);
    if (filters.agreementId) add('c.agreement_id = ?', filters.agreementId);
    if (filters.holder) add('c.holder_agency_id = ?', filters.holder);
    if (filters.urgency) add('c.urgency = ?', filters.urgency);
    if (page.cursor) {
      params.push(page.cursor.updatedAt, page.cursor.referralId);
      where.push(`(c.updated_at, c.referral_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(page.limit + 1);
    const rows = await this.dataSource.query<CaseRow[]>(
      `SELECT ${CASE_COLUMNS} FROM rm_referral_cases c WHERE ${where.join(' AND ')}
       ORDER BY c.updated_at DESC, c.referral_id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, page.limit);
    const last = rows.length > page.limit ? items[items.length - 1] : undefined;
    return { items: items.map(summaryOf), nextCursor: last ? encodeCursor({ updatedAt: last.cursor_at, referralId: last.referral_id }) : null };
  }

  /**
   * Referrals waiting on the viewer's agency, the soonest deadline first (none last). The next
   * obligation is the open one with the earliest deadline that the agency is responsible for.
   */
  async inbox(viewer: CaseViewer, limit: number): Promise<InboxItem[]> {
    const obligations = await this.hasObligations();
    const next = obligations
      ? `LEFT JOIN LATERAL (
           SELECT o.obligation_id, o.description, o.due_at FROM rm_obligations o
           WHERE o.referral_id = c.referral_id AND o.status = 'open' AND o.responsible_agency_ids @> ARRAY[$1]::text[]
           ORDER BY o.due_at, o.obligation_id LIMIT 1) o ON true`
      : 'LEFT JOIN LATERAL (SELECT NULL::text AS obligation_id, NULL::text AS description, NULL::timestamptz AS due_at) o ON true';
    const rows = await this.dataSource.query<InboxRow[]>(
      `SELECT ${CASE_COLUMNS}, c.holder_agency_id = $1 AS holds,
         (c.shelter_agency_id = $1 AND c.placement_status = 'requested') AS decides_placement,
         o.obligation_id, o.description AS obligation_description, o.due_at
       FROM rm_referral_cases c ${next}
       WHERE c.visible_to @> ARRAY[$1]::text[]
         AND (c.holder_agency_id = $1 OR (c.shelter_agency_id = $1 AND c.placement_status = 'requested') OR o.obligation_id IS NOT NULL)
       ORDER BY o.due_at ASC NULLS LAST, c.updated_at DESC, c.referral_id DESC
       LIMIT $2`,
      [viewer.agencyId, limit],
    );
    return rows.map((row) => ({
      ...summaryOf(row),
      waitingFor: [
        ...(row.holds ? (['holder'] as const) : []),
        ...(row.decides_placement ? (['placement-decision'] as const) : []),
        ...(row.obligation_id ? (['obligation'] as const) : []),
      ],
      nextObligation: row.obligation_id ? { obligationId: row.obligation_id, description: row.obligation_description!, dueAt: iso(row.due_at!) } : null,
    }));
  }

  /** How many referrals the viewer may see, per status. */
  async counts(viewer: CaseViewer): Promise<CaseCounts> {
    const rows = await this.dataSource.query<{ status: ReferralStage; total: number; on_hold: number }[]>(
      `SELECT c.status, count(*)::int AS total, count(*) FILTER (WHERE c.on_hold)::int AS on_hold
       FROM rm_referral_cases c WHERE ${VISIBLE} GROUP BY c.status`,
      [viewer.agencyId, viewer.overseenRegion],
    );
    const byStatus = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<ReferralStage, number>;
    let total = 0;
    let onHold = 0;
    for (const row of rows) {
      byStatus[row.status] = Number(row.total);
      total += Number(row.total);
      onHold += Number(row.on_hold);
    }
    return { total, byStatus, onHold };
  }

  /** `rm_obligations` belongs to the protocol-compliance projection; until its migration has run the inbox shows no deadlines. */
  private async hasObligations(): Promise<boolean> {
    if (this.obligationsExist) return true;
    const rows = await this.dataSource.query<{ present: boolean }[]>(`SELECT to_regclass('rm_obligations') IS NOT NULL AS present`);
    this.obligationsExist = rows[0]?.present === true;
    return this.obligationsExist;
  }
}
