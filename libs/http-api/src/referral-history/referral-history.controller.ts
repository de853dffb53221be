import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { instantMillis } from '@app/domain';
import { ServiceError } from '@app/platform';
import { referralStream } from '@app/referrals';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { etagOf } from '../http/versions';
import { ReferralAccess, ReferralRead } from '../referrals/referral-access';
import { referralView, ReferralView } from '../referrals/referral-view';
import { historyCsv } from './history-csv';
import { HistoryEntry, historyEntryOf } from './history-entry';
import { referralAt } from './referral-at';
import { HistoryExportQueryDto, ReferralStateQueryDto } from './referral-history.dto';

export interface ReferralHistory {
  referralId: string;
  streamId: string;
  /** Events in the stream, the referral's version now. */
  version: number;
  events: HistoryEntry[];
}

/**
 * A referral replayed from its stream: personal data is not part of it. The subject's record is
 * encrypted, kept only as it is now, and never versioned, so a replay cannot say what it held then.
 */
export type ReplayedReferralView = Omit<ReferralView, 'subject'> & {
  subject: Omit<ReferralView['subject'], 'personalData'> & { personalData: { status: 'erased' } | { status: 'not-replayed' } };
};

/**
 * Auditor replay, read straight from the referral's stream in the event store: history, the state at
 * an instant, and exports. Each answers to the same visibility as `GET /referrals/:id`, judged on the
 * same events it shows, and each read is in the access log.
 */
@ApiTags('referral history')
@ApiBearerAuth()
@Controller('api/v1/referrals')
export class ReferralHistoryController {
  constructor(private readonly access: ReferralAccess) {}

  @Get(':id/history')
  async history(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Req() request: Request): Promise<ReferralHistory> {
    return this.historyOf(user, id, { kind: 'history', request });
  }

  @Get(':id/history/export')
  async export(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: HistoryExportQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReferralHistory | string> {
    const format = query.format ?? 'json';
    const history = await this.historyOf(user, id, { kind: 'export', request, detail: { format } });
    response.setHeader('Content-Disposition', `attachment; filename="referral-${id}-history.${format}"`);
    if (format === 'json') return history;
    response.type('text/csv; charset=utf-8');
    return historyCsv(history.events);
  }

  @Get(':id/state')
  async state(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ReferralStateQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReplayedReferralView> {
    const at = instantMillis(query.at);
    const { events, accessible } = await this.access.loadStream(user, id, { kind: 'state', request, detail: { at: new Date(at).toISOString() } });
    const then = referralAt(events, at);
    if (!then) throw new ServiceError('NOT_FOUND', 'The referral did not exist yet at that instant', { reason: 'referral-not-yet-recorded' });
    const view = referralView(then.referral, then.version, accessible.agreement.terms, user, { status: 'unknown' });
    response.setHeader('ETag', etagOf(view.version));
    return { ...view, subject: { ...view.subject, personalData: then.referral.subject.erased ? { status: 'erased' } : { status: 'not-replayed' } } };
  }

  private async historyOf(user: AuthenticatedUser, id: string, read: ReferralRead): Promise<ReferralHistory> {
    const { events, accessible } = await this.access.loadStream(user, id, read);
    const reader = { agencyId: user.agencyId, overseer: accessible.overseer };
    return { referralId: id, streamId: referralStream(id), version: events.length, events: events.map((event) => historyEntryOf(event, reader)) };
  }
}
