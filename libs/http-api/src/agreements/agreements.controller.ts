import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Agreement, AgreementCommand, partyOf } from '@app/domain';
import { ServiceError, ServicePatterns } from '@app/platform';
import type { ExecuteAgreementRequest, ExecutionResult, LoadedAgreement } from '@app/referrals';
import { actorOf, AuthenticatedUser, isOverseer } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { requestOrigin } from '../http/request-origin';
import { etagOf, versionFromIfMatch } from '../http/versions';
import { WriteSideClient } from '../write-side/write-side.client';
import { AmendAgreementDto, CreateAgreementDto, SuspendAgreementDto } from './dto/agreement-terms.dto';

/** An agreement as the API shows it: the current version's terms and the history of versions. */
export interface AgreementView {
  id: string;
  status: Agreement['status'];
  version: number;
  title: string;
  terms: Agreement['versions'][number]['terms'];
  versions: { version: number; recordedAt: string }[];
  /** The stream version, also sent as ETag: send it back in If-Match to change this agreement. */
  revision: number;
}

const notFound = (): ServiceError => new ServiceError('NOT_FOUND', 'No such agreement', { reason: 'agreement-not-found' });

function viewOf({ state, version }: LoadedAgreement): AgreementView {
  if (state.status === 'none') throw notFound();
  const current = state.versions[state.versions.length - 1];
  return {
    id: state.agreementId,
    status: state.status,
    version: current.version,
    title: current.terms.title,
    terms: current.terms,
    versions: state.versions.map((v) => ({ version: v.version, recordedAt: v.recordedAt })),
    revision: version,
  };
}

/** Parties see the agreements they are party to (in any version); auditors and admins see all. */
export function maySee(user: AuthenticatedUser, agreement: Agreement): boolean {
  if (isOverseer(user)) return true;
  return agreement.versions.some((v) => partyOf(v.terms, user.agencyId) !== undefined);
}

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('api/v1/agreements')
export class AgreementsController {
  constructor(private readonly writeSide: WriteSideClient) {}

  @Get()
  async list(@CurrentUser() user: AuthenticatedUser): Promise<AgreementView[]> {
    const all = await this.writeSide.request<LoadedAgreement[]>(ServicePatterns.listAgreements, {});
    return all
      .filter((loaded) => loaded.state.status !== 'none' && maySee(user, loaded.state))
      .map(viewOf)
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  @Get(':id')
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Res({ passthrough: true }) response: Response): Promise<AgreementView> {
    const view = await this.load(user, id);
    response.setHeader('ETag', etagOf(view.revision));
    return view;
  }

  @Post()
  @ApiHeader({ name: 'X-Correlation-Id', required: false })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateAgreementDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<AgreementView> {
    const origin = requestOrigin(user, request);
    await this.execute(user, body.agreementId, { type: 'DraftAgreement', data: { agreementId: body.agreementId, terms: body.terms, at: origin.occurredAt } }, origin);
    const view = await this.load(user, body.agreementId);
    response.status(201).setHeader('ETag', etagOf(view.revision));
    response.setHeader('Location', `/api/v1/agreements/${encodeURIComponent(view.id)}`);
    return view;
  }

  @Post(':id/amend')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the agreement the amendment is based on' })
  amend(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: AmendAgreementDto, @Headers('if-match') ifMatch: string | undefined, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.act(user, id, (at) => ({ type: 'AmendAgreement', data: { terms: body.terms, at } }), ifMatch, request, response);
  }

  @Post(':id/activate')
  @HttpCode(200)
  activate(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.act(user, id, (at) => ({ type: 'ActivateAgreement', data: { at } }), ifMatch, request, response);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  suspend(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Body() body: SuspendAgreementDto, @Headers('if-match') ifMatch: string | undefined, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.act(user, id, (at) => ({ type: 'SuspendAgreement', data: { reason: body.reason, at } }), ifMatch, request, response);
  }

  @Post(':id/reinstate')
  @HttpCode(200)
  reinstate(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.act(user, id, (at) => ({ type: 'ReinstateAgreement', data: { at } }), ifMatch, request, response);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  terminate(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.act(user, id, (at) => ({ type: 'TerminateAgreement', data: { at } }), ifMatch, request, response);
  }

  private async act(user: AuthenticatedUser, id: string, command: (at: string) => AgreementCommand, ifMatch: string | undefined, request: Request, response: Response): Promise<AgreementView> {
    const expectedVersion = versionFromIfMatch(ifMatch);
    await this.load(user, id);
    const origin = requestOrigin(user, request);
    await this.execute(user, id, command(origin.occurredAt), origin, expectedVersion);
    const view = await this.load(user, id);
    response.setHeader('ETag', etagOf(view.revision));
    return view;
  }

  /** An agreement the caller may not see answers 404, exactly like one that does not exist. */
  private async load(user: AuthenticatedUser, id: string): Promise<AgreementView> {
    const loaded = await this.writeSide.request<LoadedAgreement>(ServicePatterns.loadAgreement, { agreementId: id });
    if (loaded.state.status === 'none' || !maySee(user, loaded.state)) throw notFound();
    return viewOf(loaded);
  }

  private execute(user: AuthenticatedUser, agreementId: string, command: AgreementCommand, origin: ReturnType<typeof requestOrigin>, expectedVersion?: number): Promise<ExecutionResult> {
    const payload: ExecuteAgreementRequest = { agreementId, command, actor: actorOf(user), origin, expectedVersion };
    return this.writeSide.request<ExecutionResult>(ServicePatterns.executeAgreementCommand, payload);
  }
}
