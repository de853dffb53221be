import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access log: one row per read of a referral by a person, never changed or removed afterwards.
 * Unqualified names: the connection's search_path (or TypeORM's schema option) picks the schema.
 */
export class CreateAccessLog1796166000000 implements MigrationInterface {
  name = 'CreateAccessLog1796166000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_access_log (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        accessed_at timestamptz NOT NULL,
        user_id uuid NOT NULL,
        username text NOT NULL CHECK (btrim(username) <> ''),
        agency_id text NOT NULL CHECK (btrim(agency_id) <> ''),
        referral_id uuid NOT NULL,
        -- The region of the referral's agreement when it was read: what an auditor's scope is matched against.
        region text,
        -- What was read ('referral', 'history', 'state', 'export', …) and through which route.
        kind text NOT NULL CONSTRAINT audit_access_log_kind_format CHECK (kind ~ '^[a-z][a-z0-9-]{0,39}$'),
        route text NOT NULL,
        outcome text NOT NULL CONSTRAINT audit_access_log_outcome_known CHECK (outcome IN ('granted', 'denied')),
        correlation_id text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object')
      )`);
    await queryRunner.query('CREATE INDEX audit_access_log_referral_idx ON audit_access_log (referral_id, seq)');
    await queryRunner.query('CREATE INDEX audit_access_log_user_idx ON audit_access_log (user_id, seq)');
    await queryRunner.query('CREATE INDEX audit_access_log_agency_idx ON audit_access_log (agency_id, seq)');
    await queryRunner.query('CREATE INDEX audit_access_log_region_idx ON audit_access_log (region, seq)');
    await queryRunner.query(`
      CREATE FUNCTION audit_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_access_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_access_log_append_only BEFORE UPDATE OR DELETE ON audit_access_log
        FOR EACH ROW EXECUTE FUNCTION audit_access_log_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_access_log_no_truncate BEFORE TRUNCATE ON audit_access_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_access_log_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_access_log');
    await queryRunner.query('DROP FUNCTION audit_access_log_append_only()');
  }
}
