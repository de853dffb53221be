import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { v5 as uuidv5 } from 'uuid';
import { nationalityCategoryOf, ReferralCommand } from '@app/domain';
import { PersonalDataRecord, PersonalDataVault } from '@app/personal-data';
import { ServiceError, ServicePatterns } from '@app/platform';
import { submissionReferralId } from '@app/referrals';
import type { ExecuteReferralRequest, ReferralExecutionResult } from '@app/referrals';
import { actorOf, AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { requestOrigin } from '../http/request-origin';
import { etagOf, versionFromIfMatch } from '../http/versions';
import { WriteSideClient } from '../write-side/write-side.client';
import { AssessmentDto, CloseDto, ConsentDto, PlacementDecisionDto, PlacementRequestDto, ProgrammeDto, TransferDto } from './dto/referral-actions.dto';
import { SubmitReferralDto } from './dto/submit-referral.dto';
import { AccessibleReferral, ReferralAccess, ReferralRead } from './referral-access';
import { referralSummary, ReferralSummary, referralView, ReferralView } from './referral-view';

/** Fixed forever: the subject record's id is derived from the referral's, so a repeated submission reuses it. */
const SUBJECT_NAMESPACE = 'b3c1e4a0-8d0e-4a57-9f53-0c6a3c2f7d21';
const subjectRefOf = (referralId: string) => uuidv5(`${referralId}\nsubject`, SUBJECT_NAMESPACE);
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('api/v1/referrals')
export class ReferralsController {
  constructor(
    private readonly writeSide: WriteSideClient,
    private readonly vault: PersonalDataVault,
    private readonly access: ReferralAccess,
  ) {}

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'The same key again returns the same referral and appends nothing' })
  async submit(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: SubmitReferralDto,
    @Headers('idempotency-key') key: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReferralSummary> {
    if (!key || !IDEMPOTENCY_KEY.test(key)) {
      throw new ServiceError('PRECONDITION_REQUIRED', 'Send an Idempotency-Key header (1–200 letters, digits, . _ : -) with every submission', {
        reason: 'idempotency-key-required',
      });
    }
    const referralId = submissionReferralId(user.agencyId, key);
    const subjectRef = subjectRefOf(referralId);
    const origin = requestOrigin(user, request);
    const command: ReferralCommand = {
      type: 'SubmitReferral',
      data: {
        referralId,
        agreementId: body.agreementId,
        subject: { ref: subjectRef, minor: body.subject.minor, gender: body.subject.gender, nationalityCategory: nationalityCategoryOf(body.subject.nationality) },
        exploitationTypes: body.exploitationTypes,
        indicators: body.indicators,
        urgency: body.urgency,
        consent: { dataSharing: body.consent.dataSharing },
        municipality: body.municipality ?? null,
        at: origin.occurredAt,
      },
    };
    const result = await this.execute(user, referralId, command, origin);
    // Stored once the submission is recorded, so a refused one leaves no data behind; a retry with
    // the same key (the referral already recorded) stores it again under the same subject.
    const { firstName, lastName, birthYear, nationality, gender, minor } = body.subject;
    await this.vault.store(subjectRef, { identity: { firstName, lastName, birthYear: birthYear ?? null, nationality, gender, minor } });
    // The referral as the command left it, to its referrer (who may see it).
    const referral = result.referral;
    if (referral.stage === 'none') throw new Error('A recorded submission left no referral');
    const summary = referralSummary(referral, result.version, await this.access.termsOf(referral.agreementId, referral.agreementVersion));
    response.status(201).setHeader('ETag', etagOf(summary.version));
    response.setHeader('Location', `/api/v1/referrals/${referralId}`);
    return summary;
  }

  @Get(':id')
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ReferralView> {
    const view = await this.view(user, id, { kind: 'referral', request });
    response.setHeader('ETag', etagOf(view.version));
    return view;
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false })
  acknowledge(@CurrentUser() u: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Headers('if-match') m: string | undefined, @Req() q: Request, @Res({ passthrough: true }) r: Response) {
    return this.act(u, id, m, q, r, (at) => ({ type: 'AcknowledgeReferral', data: { at } }));
  }

  @Post(':id/assessment')
  @HttpCode(200)
  async assessment(@CurrentUser() u: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: AssessmentDto, @Headers('if-match') m: string | undefined, @Req() q: Request, @Res({ passthrough: true }) r: Response) {
    const notes = body.notes;
    return this.act(
      u,
      id,
      m,
      q,
      r,
      (at, { referral }) => ({ type: 'AssessReferral', data: { indicatorsConfirmed: body.indicatorsConfirmed, notesRef: notes ? referral.subject.ref : null, at } }),
      // Only once the assessment is recorded: a refused one must not change the subject's record.
      notes ? ({ referral }) => this.keepInterviewNotes(referral.subject.ref, notes) : undefined,
    );
  }

  @Post(':id/placement-request')
  @HttpCode(200)
  placementRequest(@CurrentUser() u: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: PlacementRequestDto, @Headers('if-match') m: string | undefined, @Req() q: Request, @Res({ passthrough: true }) r: Response) {
    return this.act(u, id, m, q, r, (at) => ({ type: 'RequestPlacement', data: { shelterAgencyId: body.shelterAgencyId ?? null, at } }));
  }

  @Post(':id/placement-decision')
  @HttpCode(200)
  placementDecision(@CurrentUser() u: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: PlacementDecisionDto, @Headers('if-match') m: string | undefined, @Req() q: Request, @Res({ passthrough: true }) r: Response) {
    return this.act(u, id, m, q, r, (at) => ({ type: 'DecidePlacement', data: { decision: body.decision, reason: body.reason ?? null, at } }));
  }

  @Post(':id/placement-start')
  @HttpCode(200)
  placementStart(@CurrentUser() u: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Headers('if-match') m: string | undefined, @Req() q: Request, @Res({ passthrough: true }) r: Response) {
    return this.act(u, id, m, q, r, (at) => ({ type: 'StartPlacement', data: { at } }));
  }

  @Post(':id/placement-end')
  @HttpCode(200)
  placementEnd(@CurrentUser() u: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Headers('if-match') m: string | undefined, @Req() q: Request, @Res({ passthrough: true }) r: Response) {
    return this.act(u, id, m, q, r, (at) => ({ type: 'EndPlacement', data: { at } }));
  }

  @Post(':id/programme')
  @HttpCode(200)
  programme(@CurrentUser() u: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ProgrammeDto, @Headers('if-match') m: string | undefined, @Req() q: Request, @Res({ passthrough: true }) r: Response) {
    return this.act(u, id, m, q, r, (at) => ({ type: 'EnrolInProgramme', data: { programme: body.type, at } }));
  }

  @Post(':id/transfer')
  @HttpCode(200)
  transfer(@CurrentUser() u: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: TransferDto, @Headers('if-match') m: string | undefined, @Req() q: Request, @Res({ passthrough: true }) r: Response) {
    return this.act(u, id, m, q, r, (at) => ({ type: 'TransferReferral', data: { toAgencyId: body.toAgencyId, reason: body.reason, at } }));
  }

  @Post(':id/consent')
  @HttpCode(200)
  consent(@CurrentUser() u: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ConsentDto, @Headers('if-match') m: string | undefined, @Req() q: Request, @Res({ passthrough: true }) r: Response) {
    return this.act(u, id, m, q, r, (at) => (body.dataSharing ? { type: 'RecordConsent', data: { at } } : { type: 'WithdrawConsent', data: { at } }));
  }

  @Post(':id/hold')
  @HttpCode(200)
  hold(@CurrentUser() u: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Headers('if-match') m: string | undefined, @Req() q: Request, @Res({ passthrough: true }) r: Response) {
    return this.act(u, id, m, q, r, (at) => ({ type: 'PutReferralOnHold', data: { at } }));
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@CurrentUser() u: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Headers('if-match') m: string | undefined, @Req() q: Request, @Res({ passthrough: true }) r: Response) {
    return this.act(u, id, m, q, r, (at) => ({ type: 'ResumeReferral', data: { at } }));
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@CurrentUser() u: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: CloseDto, @Headers('if-match') m: string | undefined, @Req() q: Request, @Res({ passthrough: true }) r: Response) {
    return this.act(u, id, m, q, r, (at) => ({ type: 'CloseReferral', data: { outcome: body.outcome, at } }));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentUser() u: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Headers('if-match') m: string | undefined, @Req() q: Request, @Res({ passthrough: true }) r: Response) {
    return this.act(u, id, m, q, r, (at) => ({ type: 'CancelReferral', data: { at } }));
  }

  /**
   * Erasure of the subject's personal data (COORDINATOR of the agreement or ADMIN, as the decider
   * rules). The event is recorded first, so only a permitted request destroys anything; then the
   * subject's key is destroyed. A retry after a failure in between finds the event and finishes.
   */
  @Delete(':id/subject')
  @HttpCode(204)
  async eraseSubject(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Req() request: Request): Promise<void> {
    const { referral } = await this.access.load(user, id);
    if (!referral.subject.erased) {
      const origin = requestOrigin(user, request);
      await this.execute(user, id, { type: 'EraseSubjectData', data: { at: origin.occurredAt } }, origin);
    }
    await this.vault.erase(referral.subject.ref);
  }

  private async act(
    user: AuthenticatedUser,
    id: string,
    ifMatch: string | undefined,
    request: Request,
    response: Response,
    command: (at: string, loaded: AccessibleReferral) => ReferralCommand,
    afterCommand?: (loaded: AccessibleReferral) => Promise<void>,
  ): Promise<ReferralView> {
    const expectedVersion = versionFromIfMatch(ifMatch);
    const loaded = await this.access.load(user, id);
    const origin = requestOrigin(user, request);
    const result = await this.execute(user, id, command(origin.occurredAt, loaded), origin, expectedVersion);
    await afterCommand?.(loaded);
    // The referral as the command left it, shown only if the caller may still see it (a transfer hands it on).
    const view = await this.viewOf(user, await this.access.admit(user, result.referral, result.version));
    response.setHeader('ETag', etagOf(view.version));
    return view;
  }

  /** Interview notes are personal data: they join the subject's encrypted record, never an event. */
  private async keepInterviewNotes(subjectRef: string, notes: string): Promise<void> {
    const current = await this.vault.read(subjectRef);
    if (current.status !== 'present') throw new ServiceError('ILLEGAL_TRANSITION', 'The subject record is not available', { reason: 'subject-data-unavailable' });
    const earlier = current.record['exploitation-narrative']?.text;
    const record: PersonalDataRecord = { ...current.record, 'exploitation-narrative': { text: earlier ? `${earlier}\n\n${notes}` : notes } };
    await this.vault.store(subjectRef, record);
  }

  /** With `read`, a read by the caller that the access log records. */
  private async view(user: AuthenticatedUser, id: string, read?: ReferralRead): Promise<ReferralView> {
    return this.viewOf(user, await this.access.load(user, id, read));
  }

  private async viewOf(user: AuthenticatedUser, { referral, version, agreement }: AccessibleReferral): Promise<ReferralView> {
    return referralView(referral, version, agreement.terms, user, await this.vault.read(referral.subject.ref));
  }

  private execute(
    user: AuthenticatedUser,
    referralId: string,
    command: ReferralCommand,
    origin: ReturnType<typeof requestOrigin>,
    expectedVersion?: number,
  ): Promise<ReferralExecutionResult> {
    const payload: ExecuteReferralRequest = { referralId, command, actor: actorOf(user), origin, expectedVersion };
    return this.writeSide.request<ReferralExecutionResult>(ServicePatterns.executeReferralCommand, payload);
  }
}
