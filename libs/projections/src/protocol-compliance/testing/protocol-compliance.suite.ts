import { LUCCA_PROTOCOL_TERMS, AgreementTerms, ComplianceReport } from '@app/domain';
import { AgreementCatalog } from '../../engine/agreement-catalog';
import { rebuildProjection } from '../../engine/rebuild-projection';
import { ProtocolComplianceProjection } from '../protocol-compliance.projection';
import { ProtocolComplianceQueries } from '../protocol-compliance.queries';
import { agreementAmended, agreementDrafted, appendAgreement, CEIS, ComplianceTestBed, HOTLINE, openComplianceTestBed, ReferralScript } from './compliance-test-bed';

const T1 = Date.parse('2026-11-05T09:00:00.000Z');
const HOUR = 3_600_000;
/** `n` hours after T1. */
const h = (n: number) => new Date(T1 + n * HOUR).toISOString();
const NOW = '2026-12-01T00:00:00.000Z';

/** Version 2 halves the time to acknowledge a routed referral: 12 h, or 1 h when urgent. */
const V2: AgreementTerms = {
  ...LUCCA_PROTOCOL_TERMS,
  obligations: LUCCA_PROTOCOL_TERMS.obligations.map((o) => (o.id === 'acknowledge-routed' ? { ...o, within: 'PT12H', withinIfUrgent: 'PT1H' } : o)),
};

const figuresOf = (report: ComplianceReport, obligationId: string) => report.obligations.find((o) => o.obligationId === obligationId)?.figures;

/**
 * Urgent and ordinary referrals met on time, late, left open and breached, across an amendment: the
 * referrals submitted under version 1 keep its 24 h / 2 h, those submitted after it get 12 h / 1 h.
 */
export function describeProtocolCompliance(label: string, on: 'pglite' | 'server'): void {
  describe(`protocol-compliance projection (${label})`, () => {
    let bed: ComplianceTestBed;
    let queries: ProtocolComplianceQueries;
    const r: Record<string, ReferralScript> = {};

    beforeAll(async () => {
      bed = await openComplianceTestBed(on);
      queries = new ProtocolComplianceQueries(bed.dataSource);
      const script = () => new ReferralScript(bed.store);
      await appendAgreement(bed.store, agreementDrafted(LUCCA_PROTOCOL_TERMS, '2026-11-01T09:00:00.000Z'));
      r.onTime = await script().submitted(h(0)).acknowledged(h(3)).append();
      r.urgentLate = await script().submitted(h(0), { urgency: 'urgent' }).acknowledged(h(5)).append();
      r.open = await script().submitted(h(0)).append();
      r.urgentBreached = await script().submitted(h(0), { urgency: 'urgent' }).append();
      r.cancelled = await script().submitted(h(0)).cancelled(h(1)).append();
      r.movedLate = await script().submitted(h(0), { urgency: 'urgent' }).transferred(h(3), CEIS.agencyId, HOTLINE.agencyId).acknowledged(h(4), HOTLINE).append();
      await appendAgreement(bed.store, agreementAmended(2, V2, h(1)));
      r.v2Late = await script().submitted(h(2), { version: 2 }).append();
      r.v2UrgentOnTime = await script().submitted(h(2), { version: 2, urgency: 'urgent' }).acknowledged(h(2.5)).append();
      // Appended in two parts, so the acknowledgement arrives in a later batch than its trigger.
      await bed.project();
      await r.v2Late.acknowledged(h(15)).append();
      await bed.project();
    });

    afterAll(async () => {
      await bed?.dispose();
    });

    const rowsOf = async (script: ReferralScript) =>
      (await queries.instances('lucca-2007', { from: null, to: null })).filter((instance) => instance.referralId === script.referralId);

    it('tracks each referral by the version it was submitted under', async () => {
      const acknowledgement = async (script: ReferralScript) => (await rowsOf(script)).find((i) => i.obligationId === 'acknowledge-routed')!;
      expect(await acknowledgement(r.open)).toMatchObject({ agreementVersion: 1, urgency: 'ordinary', dueAt: h(24), status: 'open', responsibleAgencyIds: ['ceis-lucca'] });
      expect(await acknowledgement(r.urgentBreached)).toMatchObject({ agreementVersion: 1, urgency: 'urgent', dueAt: h(2), status: 'open' });
      expect(await acknowledgement(r.v2Late)).toMatchObject({ agreementVersion: 2, urgency: 'ordinary', dueAt: h(14), status: 'met', metAt: h(15) });
      expect(await acknowledgement(r.v2UrgentOnTime)).toMatchObject({ agreementVersion: 2, urgency: 'urgent', dueAt: h(3), metAt: h(2.5) });
    });

    it('stores who met an obligation and what discharged the others', async () => {
      const rows = await rowsOf(r.movedLate);
      expect(rows.map((i) => [i.obligationId, i.triggerRevision, i.status, i.responsibleAgencyIds, i.metAt ?? i.dischargedAt, i.metByAgencyId, i.metByEventType])).toEqual([
        ['feedback-to-referrer', 0, 'discharged', ['ceis-lucca'], h(3), null, null],
        ['acknowledge-routed', 1, 'discharged', ['ceis-lucca'], h(3), null, null],
        ['acknowledge-transferred', 2, 'met', ['numero-verde-toscana'], h(4), 'numero-verde-toscana', 'ReferralAcknowledged'],
      ]);
      expect((await rowsOf(r.cancelled)).map((i) => [i.obligationId, i.status, i.dischargedAt])).toEqual([
        ['feedback-to-referrer', 'discharged', h(1)],
        ['acknowledge-routed', 'discharged', h(1)],
      ]);
    });

    it('reports on-time, late, open and breached as of the end of the period', async () => {
      const report = await queries.report('lucca-2007', { from: null, to: h(10) }, NOW);
      expect(report.asOf).toBe(h(10));
      expect(figuresOf(report, 'acknowledge-routed')).toEqual({
        total: 8,
        metOnTime: 2,
        metLate: 1,
        open: 2,
        breached: 2,
        discharged: 1,
        onTimeRate: 0.4,
        medianTimeToCompleteMs: 3 * HOUR,
        p90TimeToCompleteMs: 5 * HOUR,
      });
      expect(report.obligations.find((o) => o.obligationId === 'acknowledge-routed')!.agreementVersions).toEqual([1, 2]);
      expect(figuresOf(report, 'acknowledge-transferred')).toMatchObject({ total: 1, metOnTime: 1, medianTimeToCompleteMs: HOUR });
      expect(figuresOf(report, 'feedback-to-referrer')).toMatchObject({ total: 8, open: 6, discharged: 2, onTimeRate: null });
      expect(report.parties.map((p) => [p.agencyId, p.figures.total])).toEqual([
        ['ceis-lucca', 16],
        ['numero-verde-toscana', 1],
      ]);
      expect(report.openBreaches.map((b) => [b.referralId, b.obligationId, b.responsibleAgencyIds, b.urgency, b.dueAt, b.overdueByMs])).toEqual([
        [r.urgentBreached.referralId, 'acknowledge-routed', ['ceis-lucca'], 'urgent', h(2), 8 * HOUR],
      ]);
    });

    it('judges later: the ordinary referral left open is breached once its day has passed, the late one under version 2 counts as late', async () => {
      const report = await queries.report('lucca-2007', { from: null, to: h(30) }, NOW);
      expect(figuresOf(report, 'acknowledge-routed')).toMatchObject({ metOnTime: 2, metLate: 2, open: 0, breached: 3, discharged: 1, onTimeRate: 0.2857 });
      expect(report.openBreaches.map((b) => [b.referralId, b.dueAt, b.overdueByMs])).toEqual([
        [r.urgentBreached.referralId, h(2), 28 * HOUR],
        [r.open.referralId, h(24), 6 * HOUR],
      ]);
      const never = await queries.report('lucca-2007', { from: null, to: null }, h(30));
      expect(never.asOf).toBe(h(30));
      expect(never.obligations).toEqual(report.obligations);
    });

    it('selects instances by trigger time', async () => {
      const report = await queries.report('lucca-2007', { from: h(2), to: h(30) }, NOW);
      expect(report.obligations.map((o) => [o.obligationId, o.figures.total, o.agreementVersions])).toEqual([
        ['acknowledge-routed', 2, [2]],
        ['acknowledge-transferred', 1, [1]],
        ['feedback-to-referrer', 2, [2]],
      ]);
      expect((await queries.report('another-agreement', { from: null, to: null }, NOW)).obligations).toEqual([]);
    });

    it('gives the same rows and report when the events are replayed, whatever the batch size, by a rebuild too, and never applies an event twice', async () => {
      const snapshot = async () => ({
        rows: await bed.dataSource.query('SELECT * FROM rm_obligations ORDER BY referral_id, obligation_id, trigger_revision'),
        referrals: await bed.dataSource.query('SELECT * FROM rm_compliance_referrals ORDER BY referral_id'),
        report: await queries.report('lucca-2007', { from: null, to: h(30) }, NOW),
      });
      const first = await snapshot();
      expect(first.rows.length).toBe(17);

      const events = await bed.store.readAll({ filter: { streamPrefixes: ['referral-'] } });
      const projection = new ProtocolComplianceProjection();
      const agreements = new AgreementCatalog(bed.store);
      await agreements.catchUp();
      await bed.dataSource.transaction((manager) => projection.applyBatch(manager, events, { agreements }));
      expect(await snapshot()).toEqual(first);

      for (const batchSize of [1, 3]) {
        await bed.reset();
        await bed.project(batchSize);
        expect(await snapshot()).toEqual(first);
      }

      // A rebuild beside the live tables (shadow copies, then a swap) ends with the same rows too.
      const rebuilt = await rebuildProjection(bed.dataSource, bed.store, bed.projection, { batchSize: 4 });
      expect(rebuilt.events).toBe(events.length);
      expect(await snapshot()).toEqual(first);
    });
  });
}
