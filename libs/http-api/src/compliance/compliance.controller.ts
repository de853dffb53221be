import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Agreement, hasProtocolRole, hasRole, normaliseInstant } from '@app/domain';
import { ServiceError, ServicePatterns } from '@app/platform';
import { ProtocolComplianceQueries } from '@app/projections';
import type { LoadedAgreement } from '@app/referrals';
import { maySee as maySeeAgreement } from '../agreements/agreements.controller';
import { actorOf, AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ReferralAccess } from '../referrals/referral-access';
import { WriteSideClient } from '../write-side/write-side.client';
import { complianceCsv } from './compliance-csv';
import { ComplianceQueryDto } from './compliance-query.dto';
import { ComplianceReportView, complianceReportView } from './compliance-report.view';

const notFound = (): ServiceError => new ServiceError('NOT_FOUND', 'No such agreement', { reason: 'agreement-not-found' });

/**
 * Protocol compliance of one agreement. Whoever may see the agreement learns that it exists (as in the
 * agreements API); its compliance is for the protocol's coordinators and for the auditors and admins
 * of its region, and anyone else who sees the agreement gets 403.
 */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('api/v1/agreements')
export class ComplianceController {
  constructor(
    private readonly writeSide: WriteSideClient,
    private readonly access: ReferralAccess,
    private readonly compliance: ProtocolComplianceQueries,
  ) {}

  @Get(':id/compliance')
  @ApiProduces('application/json', 'text/csv')
  async report(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id') id: string,
    @Query() query: ComplianceQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ComplianceReportView | string> {
    const report = await this.build(user, id, query);
    const csv = query.format === 'csv' || (query.format === undefined && wantsCsv(accept));
    return csv ? this.sendCsv(report, response) : report;
  }

  @Get(':id/compliance.csv')
  @ApiProduces('text/csv')
  async csv(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Query() query: ComplianceQueryDto, @Res({ passthrough: true }) response: Response): Promise<string> {
    return this.sendCsv(await this.build(user, id, query), response);
  }

  private async build(user: AuthenticatedUser, id: string, query: ComplianceQueryDto): Promise<ComplianceReportView> {
    const agreement = await this.authorise(user, id);
    const period = { from: query.from === undefined ? null : normaliseInstant(query.from, 'from'), to: query.to === undefined ? null : normaliseInstant(query.to, 'to') };
    if (period.from !== null && period.to !== null && period.from >= period.to) {
      throw new ServiceError('VALIDATION_FAILED', 'from must be before to', { reason: 'invalid-period' });
    }
    const now = new Date().toISOString();
    const report = await this.compliance.report(agreement.agreementId, period, now);
    return complianceReportView(agreement, report, period, period.to !== null && period.to < now ? 'to' : 'now');
  }

  private async authorise(user: AuthenticatedUser, id: string): Promise<Agreement> {
    const loaded = await this.writeSide.request<LoadedAgreement>(ServicePatterns.loadAgreement, { agreementId: id });
    if (loaded.state.status === 'none' || !maySeeAgreement(user, loaded.state)) throw notFound();
    const agreement = loaded.state;
    const actor = actorOf(user);
    const coordinates = hasRole(actor, 'COORDINATOR') && agreement.versions.some((v) => hasProtocolRole(v.terms, user.agencyId, 'coordinator'));
    if (coordinates || (await this.oversees(user, agreement))) return agreement;
    throw new ServiceError('NOT_PERMITTED', "Only the protocol's coordinators and the auditors of its region see its compliance", {
      reason: 'compliance-not-visible',
    });
  }

  /** Auditors and admins oversee the agreements of their agency's region. */
  private async oversees(user: AuthenticatedUser, agreement: Agreement): Promise<boolean> {
    const region = await this.access.regionOf(user);
    return region !== null && agreement.versions.some((v) => v.terms.territory.region === region);
  }

  private sendCsv(report: ComplianceReportView, response: Response): string {
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="compliance-${report.agreementId}.csv"`);
    return complianceCsv(report);
  }
}

/** text/csv preferred over JSON: named, and not merely accepted through a wildcard after JSON. */
function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const types = accept.split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  const csv = types.indexOf('text/csv');
  const json = types.indexOf('application/json');
  return csv !== -1 && (json === -1 || csv < json);
}
