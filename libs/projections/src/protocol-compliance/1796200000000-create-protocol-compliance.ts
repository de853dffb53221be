import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The protocol-compliance read model: one row per obligation instance, and the fold each batch
 * continues from (the referral and its open instances). Unqualified names: the connection's
 * search_path picks the schema, and a rebuild resolves them to its shadow copies the same way.
 */
export class CreateProtocolCompliance1796200000000 implements MigrationInterface {
  name = 'CreateProtocolCompliance1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rm_obligations (
        referral_id uuid NOT NULL,
        obligation_id text NOT NULL,
        trigger_revision integer NOT NULL,
        agreement_id text NOT NULL,
        agreement_version integer NOT NULL,
        description text NOT NULL,
        urgency text NOT NULL,
        responsible_role text NOT NULL,
        responsible_agency_ids text[] NOT NULL,
        triggered_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        met_at timestamptz,
        met_by_agency_id text,
        met_by_event_type text,
        status text NOT NULL CHECK (status IN ('open', 'met', 'discharged')),
        discharged_at timestamptz,
        PRIMARY KEY (referral_id, obligation_id, trigger_revision)
      )`);
    // The report selects one agreement's instances by trigger time.
    await queryRunner.query('CREATE INDEX rm_obligations_agreement_triggered_idx ON rm_obligations (agreement_id, triggered_at)');
    await queryRunner.query(`
      CREATE TABLE rm_compliance_referrals (
        referral_id uuid PRIMARY KEY,
        version integer NOT NULL,
        state jsonb NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rm_compliance_referrals');
    await queryRunner.query('DROP TABLE rm_obligations');
  }
}
