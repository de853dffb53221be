import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AgreementCommand, AgreementTerms, LUCCA_AGREEMENT_ID, LUCCA_PROTOCOL_TERMS, partiesWithRole } from '@app/domain';
import { DEMO_LAZIO_AGREEMENT, DEMO_LAZIO_AGREEMENT_ID, DirectoryService, seedDemoDirectory } from '@app/directory';
import { PLATFORM_CONFIG, PlatformConfig, ServicePatterns } from '@app/platform';
import type { ExecuteAgreementRequest, LoadedAgreement } from '@app/referrals';
import { WriteSideClient } from '../write-side/write-side.client';

const DEMO_AGREEMENTS: { id: string; terms: AgreementTerms }[] = [
  { id: LUCCA_AGREEMENT_ID, terms: LUCCA_PROTOCOL_TERMS },
  { id: DEMO_LAZIO_AGREEMENT_ID, terms: DEMO_LAZIO_AGREEMENT },
];

/**
 * Demo data from the seed territories for the embedded platform: the directory's agencies and
 * accounts, and the Lucca and Lazio agreements, drafted and activated by a coordinator of each
 * through the ordinary write side, so their history is like any other. Idempotent.
 */
@Injectable()
export class DemoDataSeeder {
  private readonly logger = new Logger('DemoData');

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly directory: DirectoryService,
    private readonly writeSide: WriteSideClient,
  ) {}

  async seedIfEnabled(): Promise<void> {
    if (!this.config.demoData) return;
    const created = await seedDemoDirectory(this.directory);
    for (const agreement of DEMO_AGREEMENTS) await this.ensureActive(agreement.id, agreement.terms);
    if (created.usersCreated.length > 0) {
      this.logger.log(`demo accounts created (password "demo"): ${created.usersCreated.join(', ')}`);
    }
  }

  private async ensureActive(agreementId: string, terms: AgreementTerms): Promise<void> {
    const loaded = await this.writeSide.request<LoadedAgreement>(ServicePatterns.loadAgreement, { agreementId });
    if (loaded.state.status === 'active') return;
    const coordinatorAgency = partiesWithRole(terms, 'coordinator')[0]?.agencyId;
    const [coordinator] = (await this.directory.listUsers({ agencyId: coordinatorAgency })).filter((u) => u.roles.includes('COORDINATOR'));
    if (!coordinator) throw new Error(`No demo COORDINATOR at ${coordinatorAgency} to activate ${agreementId}`);
    const actor = { userId: coordinator.id, agencyId: coordinator.agency.id, roles: [...coordinator.roles] };
    const run = (command: AgreementCommand) => {
      const request: ExecuteAgreementRequest = {
        agreementId,
        command,
        actor,
        origin: { actorUserId: actor.userId, actorAgencyId: actor.agencyId, correlationId: randomUUID(), occurredAt: command.data.at },
      };
      return this.writeSide.request(ServicePatterns.executeAgreementCommand, request);
    };
    const at = new Date().toISOString();
    if (loaded.state.status === 'none') await run({ type: 'DraftAgreement', data: { agreementId, terms, at } });
    await run({ type: 'ActivateAgreement', data: { at } });
  }
}
