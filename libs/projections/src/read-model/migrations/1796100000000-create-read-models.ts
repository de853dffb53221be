import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The checkpoint table and the case-routing read model. Unqualified names: the connection's
 * search_path picks the schema, and a rebuild resolves the projection's tables to shadow copies
 * the same way.
 */
export class CreateReadModels1796100000000 implements MigrationInterface {
  name = 'CreateReadModels1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        position text,
        events_applied bigint NOT NULL DEFAULT 0,
        last_event_recorded_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE rm_referral_cases (
        referral_id uuid PRIMARY KEY,
        agreement_id text NOT NULL,
        agreement_version integer NOT NULL,
        region text NOT NULL,
        status text NOT NULL,
        on_hold boolean NOT NULL,
        urgency text NOT NULL,
        minor boolean NOT NULL,
        referrer_agency_id text NOT NULL,
        holder_agency_id text,
        shelter_agency_id text,
        placement_status text,
        visible_to text[] NOT NULL,
        submitted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL,
        state jsonb NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX rm_referral_cases_visible_to_idx ON rm_referral_cases USING gin (visible_to)');
    await queryRunner.query('CREATE INDEX rm_referral_cases_holder_idx ON rm_referral_cases (holder_agency_id)');
    await queryRunner.query('CREATE INDEX rm_referral_cases_region_updated_idx ON rm_referral_cases (region, updated_at DESC, referral_id DESC)');
    await queryRunner.query('CREATE INDEX rm_referral_cases_updated_idx ON rm_referral_cases (updated_at DESC, referral_id DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rm_referral_cases');
    await queryRunner.query('DROP TABLE projection_checkpoints');
  }
}
