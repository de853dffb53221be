import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { AgreementTerms, agreementVersion, Referral, ReferralState } from '@app/domain';
import { AccessLogStore, AccessOutcome } from '@app/audit';
import { DirectoryService } from '@app/directory';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { correlationIdOf, EVENT_STORE, ServiceError, ServicePatterns } from '@app/platform';
import { referralStream } from '@app/referrals';
import type { LoadedAgreement, LoadedReferral } from '@app/referrals';
import { AuthenticatedUser, isOverseer } from '../auth/authenticated-user';
import { WriteSideClient } from '../write-side/write-side.client';
import { currentReferral } from '../referral-history/referral-at';
import { maySeeReferral } from './referral-view';

/** The route as declared (`/api/v1/referrals/:id`), so that entries group by what was read, not by id. */
const routePattern = (request: Request): string => ((request.route as { path?: unknown } | undefined)?.path as string | undefined) ?? request.path;

/** Agreement versions whose terms are kept; far more than a deployment has in force. */
const KEPT_AGREEMENT_VERSIONS = 500;

export const referralNotFound = () => new ServiceError('NOT_FOUND', 'No such referral', { reason: 'referral-not-found' });

export interface AccessibleReferral {
  referral: Referral;
  version: number;
  agreement: { terms: AgreementTerms };
  /** The user oversees the agreement's region (AUDITOR or ADMIN there), rather than being a party. */
  overseer: boolean;
}

/** A read of a referral by a person, to be logged: what was read, in answer to which request. */
export interface ReferralRead {
  /** 'referral', 'history', 'state', 'export', … */
  kind: string;
  request: Request;
  /** What distinguishes this read from another of the same kind (the instant asked for, a format). */
  detail?: Record<string, unknown>;
}

/**
 * Who may see a referral, in one place for every route that shows one, and the access log of the
 * reads. A referral the caller may not see answers 404, exactly like one that does not exist.
 *
 * Logging: a read (a call with a `ReferralRead`: the GET, history, state, export and verify routes;
 * not the view a command answers to the caller who just acted) that is granted is recorded before any
 * of the referral leaves the gateway, and if
 * the entry cannot be stored the read fails (503): no data without a log entry. A refused read of a
 * referral that exists is recorded too (outcome `denied`), because outsiders probing cases are what
 * auditors look for; if that entry cannot be stored the failure goes to the service log and the
 * caller still gets its 404, so that an outage cannot tell it the referral exists. Reads of ids no
 * referral has are not recorded: there is no case, and so no region whose auditors could see them.
 */
@Injectable()
export class ReferralAccess {
  private readonly logger = new Logger(ReferralAccess.name);
  private readonly terms = new Map<string, AgreementTerms>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly writeSide: WriteSideClient,
    private readonly directory: DirectoryService,
    private readonly accessLog: AccessLogStore,
  ) {}

  /** The referral as the write side holds it now; with `read`, the read is logged. */
  async load(user: AuthenticatedUser, id: string, read?: ReferralRead): Promise<AccessibleReferral> {
    const loaded = await this.writeSide.request<LoadedReferral>(ServicePatterns.loadReferral, { referralId: id });
    return this.admit(user, loaded.state, loaded.version, read);
  }

  /**
   * The referral's stream, read once, with the access decision made on those very events: for the
   * routes that show or verify the events themselves.
   */
  async loadStream(user: AuthenticatedUser, id: string, read: ReferralRead): Promise<{ events: RecordedEvent[]; accessible: AccessibleReferral }> {
    const events = await this.store.readStream(referralStream(id));
    const now = currentReferral(events);
    return { events, accessible: await this.admit(user, now.state, now.version, read) };
  }

  /** Checks `state` (folded by the caller, e.g. from the stream it is about to show) the same way. */
  async admit(user: AuthenticatedUser, state: ReferralState, version: number, read?: ReferralRead): Promise<AccessibleReferral> {
    if (state.stage === 'none') throw referralNotFound();
    const terms = await this.termsOf(state.agreementId, state.agreementVersion);
    const region = await this.regionOf(user);
    const allowed = maySeeReferral(user, state, terms, region);
    if (read) await this.record(user, state.referralId, terms.territory.region, read, allowed ? 'granted' : 'denied');
    if (!allowed) throw referralNotFound();
    return { referral: state, version, agreement: { terms }, overseer: region !== null && region === terms.territory.region };
  }

  /**
   * One version's terms. A version's terms never change once recorded (an amendment makes a new
   * version), so they are kept for the life of the process (beyond the bound, the longest kept goes first).
   */
  async termsOf(agreementId: string, version: number): Promise<AgreementTerms> {
    const key = `${agreementId}\n${version}`;
    const known = this.terms.get(key);
    if (known) return known;
    const agreement = await this.writeSide.request<LoadedAgreement>(ServicePatterns.loadAgreement, { agreementId });
    const { terms } = agreementVersion(agreement.state, version);
    if (this.terms.size >= KEPT_AGREEMENT_VERSIONS) this.terms.delete(this.terms.keys().next().value!);
    this.terms.set(key, terms);
    return terms;
  }

  /** Only auditors and admins oversee a region; for everyone else the lookup is skipped. */
  async regionOf(user: AuthenticatedUser): Promise<string | null> {
    if (!isOverseer(user)) return null;
    return (await this.directory.findAgency(user.agencyId))?.territory.region ?? null;
  }

  private async record(user: AuthenticatedUser, referralId: string, region: string | null, read: ReferralRead, outcome: AccessOutcome): Promise<void> {
    const entry = {
      accessedAt: new Date(),
      userId: user.userId,
      username: user.username,
      agencyId: user.agencyId,
      referralId,
      region,
      kind: read.kind,
      route: `${read.request.method} ${routePattern(read.request)}`,
      outcome,
      correlationId: correlationIdOf(read.request),
      detail: read.detail,
    };
    try {
      await this.accessLog.record(entry);
    } catch (error) {
      this.logger.error(`Access log entry not stored: ${JSON.stringify(entry)}: ${error instanceof Error ? error.message : String(error)}`);
      if (outcome === 'granted') {
        throw new ServiceError('SERVICE_UNAVAILABLE', 'The read could not be recorded in the access log, so nothing is shown', { reason: 'access-log-unavailable' });
      }
    }
  }
}
