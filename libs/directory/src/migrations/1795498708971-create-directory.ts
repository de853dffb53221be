import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lists as they were when this migration was written. A migration never changes once released,
 * so a new agency kind or role needs a new migration that widens the check (a unit test compares
 * these with the domain's lists).
 */
export const AGENCY_KINDS_AT_CREATION = [
  'QUESTURA', 'PREFETTURA', 'COMMISSIONE_TERRITORIALE', 'ASL', 'COMUNE', 'PROVINCIA', 'NGO', 'REGIONE', 'PROCURA', 'TRIBUNALE',
  'NUMERO_VERDE', 'LABOUR_INSPECTORATE',
] as const;
export const USER_ROLES_AT_CREATION = ['LIAISON', 'GATEKEEPER', 'COORDINATOR', 'AUDITOR', 'ADMIN'] as const;

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** Unqualified names: the connection's search_path (or TypeORM's schema option) picks the schema. */
export class CreateDirectory1795498708971 implements MigrationInterface {
  name = 'CreateDirectory1795498708971';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE directory_agencies (
        id text PRIMARY KEY CONSTRAINT directory_agencies_id_slug CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL CHECK (btrim(name) <> ''),
        kind text NOT NULL CONSTRAINT directory_agencies_kind_known CHECK (kind IN (${list(AGENCY_KINDS_AT_CREATION)})),
        region text,
        province text CHECK (province ~ '^[A-Z]{2}$'),
        municipalities text[] NOT NULL DEFAULT '{}',
        services jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(services) = 'array'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT directory_agencies_province_in_region CHECK (province IS NULL OR region IS NOT NULL)
      )`);
    await queryRunner.query(`
      CREATE TABLE directory_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL
          CONSTRAINT directory_users_username_key UNIQUE
          CONSTRAINT directory_users_username_format
            CHECK (username = lower(username) AND length(username) BETWEEN 3 AND 64 AND username ~ '^[a-z0-9]+([._-][a-z0-9]+)*$'),
        display_name text NOT NULL CHECK (btrim(display_name) <> ''),
        -- Only argon2id hashes: a clear-text or weaker hash cannot be stored even by mistake.
        password_hash text NOT NULL CONSTRAINT directory_users_password_argon2id CHECK (password_hash LIKE '$argon2id$%'),
        agency_id text NOT NULL CONSTRAINT directory_users_agency_fk REFERENCES directory_agencies (id),
        roles text[] NOT NULL
          CONSTRAINT directory_users_roles_known CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[${list(USER_ROLES_AT_CREATION)}]::text[]),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX directory_users_agency_id_idx ON directory_users (agency_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE directory_users');
    await queryRunner.query('DROP TABLE directory_agencies');
  }
}
