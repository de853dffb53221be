import { Migration } from '@app/database';

/**
 * Two tables, deliberately without a foreign key between them, so that the keys can move to a
 * database of their own (then a dump of either alone reveals nothing, even with the master key).
 *
 * pd_subject_keys: one row per subject, for ever. While the subject's data lives it holds the data
 * key wrapped by a master key and that master key's id; erasure nulls both and sets erased_at, and
 * the row stays as the tombstone that lets reads answer "erased" rather than "unknown" and stops
 * anyone storing data under that reference again. The primary key is what makes two concurrent
 * first stores of a subject agree on one data key.
 *
 * pd_subject_records: the sealed record (AES-256-GCM under the subject's data key, with the subject
 * reference as additional data). Erasure deletes the row.
 *
 * What erasure guarantees. At once, for every SQL reader and every dump (pg_dump reads only live
 * rows): the wrapped key and the ciphertext are gone, and nothing in clear was ever stored. On disk,
 * PostgreSQL keeps the old row versions (dead tuples) in the table files until VACUUM prunes them, and
 * even then only marks their space reusable; WAL, replicas and backups keep copies for their own
 * lifetime. Overwriting the ciphertext before deleting it would not help: an UPDATE writes a new row
 * version and leaves the old one behind just the same. Those remnants are ciphertext and wrapped keys,
 * never clear data, and they unwrap only with the master key, which never enters the database. So
 * the complete guarantee comes from the master key: after a rotation (re-wrap every live key under a
 * new master key, then destroy the old one) no remnant from before can be decrypted by anyone.
 * Autovacuum is told to visit the keys table after every erasure, to keep the window short.
 */
export const PERSONAL_DATA_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create pd_subject_keys and pd_subject_records',
    sql: `
      CREATE TABLE pd_subject_keys (
        subject_ref uuid PRIMARY KEY,
        wrapped_key bytea,
        master_key_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CONSTRAINT pd_subject_keys_live_or_erased CHECK (
          (erased_at IS NULL AND wrapped_key IS NOT NULL AND master_key_id IS NOT NULL)
          OR (erased_at IS NOT NULL AND wrapped_key IS NULL AND master_key_id IS NULL)
        )
      ) WITH (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0);

      CREATE TABLE pd_subject_records (
        subject_ref uuid PRIMARY KEY,
        ciphertext bytea NOT NULL,
        iv bytea NOT NULL CHECK (octet_length(iv) = 12),
        auth_tag bytea NOT NULL CHECK (octet_length(auth_tag) = 16),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

export const PERSONAL_DATA_MIGRATION_SET = 'personal-data';
