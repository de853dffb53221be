import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Queryable, SqlClient } from '@app/database';
import { MasterKey } from '../master-key';
import { PersonalDataCorrupted, PersonalDataErased, UnknownMasterKey } from '../personal-data.errors';
import { PersonalDataRecord } from '../personal-data.record';
import { PersonalDataVault } from '../personal-data-vault';
import { occurrencesOf, scanSchemaAsText } from './database-scan';
import { VaultTarget } from './personal-data-targets';

export interface VaultContractOptions {
  /** Also dump the target's schema with pg_dump (server targets, when pg_dump is installed). */
  pgDump?: { available: true } | { available: false; reason: string };
}

/** Distinctive enough that finding them anywhere can only mean they leaked. */
const FIRST_NAME = 'Zyxwaldine';
const LAST_NAME = 'Quorvantheux';
const NARRATIVE = 'Brought over by Mirelkos Varantide';
const IDENTIFYING = [FIRST_NAME, LAST_NAME, NARRATIVE, 'Mirelkos'];

function recordOf(firstName: string, extra: Partial<PersonalDataRecord> = {}): PersonalDataRecord {
  return {
    identity: { firstName, lastName: LAST_NAME, birthYear: 2004, nationality: 'NG', gender: 'female', minor: false },
    ...extra,
  };
}

const FULL_RECORD: PersonalDataRecord = recordOf(FIRST_NAME, {
  contact: { text: 'Reachable through the shelter in Lucca' },
  health: { text: 'Needs follow-up at the clinic' },
  'legal-status': { text: 'Art. 18 permit requested' },
  'exploitation-narrative': { text: NARRATIVE },
});

interface KeyRow {
  wrapped_key: string | null;
  master_key_id: string | null;
  erased_at: Date | null;
}

export function describePersonalDataVaultContract(
  name: string,
  createTarget: () => Promise<VaultTarget>,
  options: VaultContractOptions = {},
): void {
  describe(`PersonalDataVault: ${name}`, () => {
    let target: VaultTarget;
    let vault: PersonalDataVault;
    let sql: SqlClient;

    beforeAll(async () => {
      target = await createTarget();
      ({ vault, sql } = target);
    });

    afterAll(async () => {
      await target?.dispose();
    });

    async function keyRows(ref: string): Promise<KeyRow[]> {
      return (
        await sql.query<KeyRow>(
          "SELECT encode(wrapped_key, 'hex') AS wrapped_key, master_key_id, erased_at FROM pd_subject_keys WHERE subject_ref = $1",
          [ref],
        )
      ).rows;
    }

    async function recordRows(ref: string): Promise<{ ciphertext: string; iv: string; auth_tag: string }[]> {
      return (
        await sql.query<{ ciphertext: string; iv: string; auth_tag: string }>(
          `SELECT encode(ciphertext, 'hex') AS ciphertext, encode(iv, 'hex') AS iv, encode(auth_tag, 'hex') AS auth_tag
           FROM pd_subject_records WHERE subject_ref = $1`,
          [ref],
        )
      ).rows;
    }

    describe('store and read', () => {
      it('reads back the record it stored, every category included', async () => {
        const ref = randomUUID();
        await vault.store(ref, FULL_RECORD);
        expect(await vault.read(ref)).toEqual({ status: 'present', record: FULL_RECORD });
        expect(await keyRows(ref)).toEqual([{ wrapped_key: expect.stringMatching(/^[0-9a-f]{120}$/), master_key_id: target.masterKey.keyId, erased_at: null }]);
      });

      it('answers unknown for a subject never stored', async () => {
        expect(await vault.read(randomUUID())).toEqual({ status: 'unknown' });
      });

      it('a second store replaces the record under the same key', async () => {
        const ref = randomUUID();
        await vault.store(ref, recordOf('Before'));
        const [keyBefore] = await keyRows(ref);
        const [sealedBefore] = await recordRows(ref);
        await vault.store(ref, recordOf('After'));
        expect(await keyRows(ref)).toEqual([keyBefore]);
        const [sealedAfter] = await recordRows(ref);
        expect(sealedAfter.iv).not.toBe(sealedBefore.iv);
        expect(sealedAfter.ciphertext).not.toBe(sealedBefore.ciphertext);
        expect(await vault.read(ref)).toEqual({ status: 'present', record: recordOf('After') });
      });

      it('treats a reference in upper case as the same subject', async () => {
        const ref = randomUUID();
        await vault.store(ref.toUpperCase(), recordOf('Upper'));
        expect(await vault.read(ref)).toEqual({ status: 'present', record: recordOf('Upper') });
        expect(await vault.read(ref.toUpperCase())).toEqual({ status: 'present', record: recordOf('Upper') });
      });

      it('gives each subject its own key', async () => {
        const [a, b] = [randomUUID(), randomUUID()];
        await vault.store(a, recordOf('Same'));
        await vault.store(b, recordOf('Same'));
        const [[keyA], [keyB]] = [await keyRows(a), await keyRows(b)];
        expect(keyA.wrapped_key).not.toBe(keyB.wrapped_key);
      });
    });

    describe('erase', () => {
      it('destroys the key and the record and leaves a tombstone: reads say erased', async () => {
        const ref = randomUUID();
        await vault.store(ref, FULL_RECORD);
        const { erasedAt } = await vault.erase(ref);
        expect(erasedAt).toBeInstanceOf(Date);
        expect(await vault.read(ref)).toEqual({ status: 'erased', erasedAt });
        expect(await keyRows(ref)).toEqual([{ wrapped_key: null, master_key_id: null, erased_at: erasedAt }]);
        expect(await recordRows(ref)).toEqual([]);
      });

      it('is idempotent: erasing again keeps the first erasure time', async () => {
        const ref = randomUUID();
        await vault.store(ref, recordOf('Twice'));
        const first = await vault.erase(ref, new Date('2025-03-01T10:00:00.000Z'));
        expect(first.erasedAt.toISOString()).toBe('2025-03-01T10:00:00.000Z');
        const second = await vault.erase(ref, new Date('2025-03-02T10:00:00.000Z'));
        expect(second.erasedAt).toEqual(first.erasedAt);
        expect(await vault.erase(ref)).toEqual(first);
        expect(await vault.read(ref)).toEqual({ status: 'erased', erasedAt: first.erasedAt });
        expect(await keyRows(ref)).toHaveLength(1);
      });

      it('erasing a subject never stored leaves a tombstone, so nothing can be stored under it later', async () => {
        const ref = randomUUID();
        const { erasedAt } = await vault.erase(ref);
        expect(await vault.read(ref)).toEqual({ status: 'erased', erasedAt });
        await expect(vault.store(ref, recordOf('Late'))).rejects.toThrow(PersonalDataErased);
      });

      it('refuses to store again after erasure, and leaves no record behind', async () => {
        const ref = randomUUID();
        await vault.store(ref, recordOf('Gone'));
        const { erasedAt } = await vault.erase(ref);
        const error: unknown = await vault.store(ref, recordOf('Again')).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(PersonalDataErased);
        expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', reason: 'personal-data-erased', erasedAt });
        expect(await recordRows(ref)).toEqual([]);
        expect(await vault.read(ref)).toEqual({ status: 'erased', erasedAt });
      });
    });

    describe('readMany', () => {
      it('answers for every reference asked, as asked, in one query', async () => {
        const [present, erased, unknown, other] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
        await vault.store(present, recordOf('Present'));
        await vault.store(other, recordOf('Other'));
        await vault.store(erased, recordOf('Erased'));
        const { erasedAt } = await vault.erase(erased);

        const { client, queries } = counting(sql);
        const counted = await PersonalDataVault.create(client, { masterKey: target.masterKey });
        queries.length = 0;
        const answer = await counted.readMany([present, erased, unknown, present, other.toUpperCase()]);
        expect(queries).toHaveLength(1);
        expect([...answer.keys()]).toEqual([present, erased, unknown, other.toUpperCase()]);
        expect(answer.get(present)).toEqual({ status: 'present', record: recordOf('Present') });
        expect(answer.get(erased)).toEqual({ status: 'erased', erasedAt });
        expect(answer.get(unknown)).toEqual({ status: 'unknown' });
        expect(answer.get(other.toUpperCase())).toEqual({ status: 'present', record: recordOf('Other') });

        queries.length = 0;
        expect((await counted.readMany([])).size).toBe(0);
        expect(queries).toHaveLength(0);
      });

      it('reads a long list (500 subjects) in one query', async () => {
        const refs = Array.from({ length: 500 }, () => randomUUID());
        for (const [i, ref] of refs.slice(0, 50).entries()) await vault.store(ref, recordOf(`Listed${i}`));
        const answer = await vault.readMany(refs);
        expect(answer.size).toBe(500);
        expect(answer.get(refs[7])).toEqual({ status: 'present', record: recordOf('Listed7') });
        expect([...answer.values()].filter((r) => r.status === 'unknown')).toHaveLength(450);
      });
    });

    describe('tampering', () => {
      it('a ciphertext or wrapped key moved to another subject does not decrypt (the subject is authenticated data)', async () => {
        const [victim, other] = [randomUUID(), randomUUID()];
        await vault.store(victim, recordOf('Victim'));
        await vault.store(other, recordOf('Other'));
        await sql.query(
          `UPDATE pd_subject_records r SET ciphertext = v.ciphertext, iv = v.iv, auth_tag = v.auth_tag
           FROM pd_subject_records v WHERE r.subject_ref = $1 AND v.subject_ref = $2`,
          [other, victim],
        );
        await expect(vault.read(other)).rejects.toEqual(new PersonalDataCorrupted('record', other));

        await sql.query(
          `UPDATE pd_subject_keys k SET wrapped_key = v.wrapped_key FROM pd_subject_keys v WHERE k.subject_ref = $1 AND v.subject_ref = $2`,
          [other, victim],
        );
        await expect(vault.read(other)).rejects.toEqual(new PersonalDataCorrupted('data-key', other));

        // Even holding the victim's very data key, correctly wrapped for `other` (which takes the
        // master key), the victim's ciphertext does not open as `other`'s record.
        const [victimKey] = await keyRows(victim);
        const dataKey = target.masterKey.unwrap(Buffer.from(victimKey.wrapped_key!, 'hex'), victim);
        await sql.query('UPDATE pd_subject_keys SET wrapped_key = $2 WHERE subject_ref = $1', [other, target.masterKey.wrap(dataKey, other)]);
        await expect(vault.read(other)).rejects.toEqual(new PersonalDataCorrupted('record', other));

        expect(await vault.read(victim)).toEqual({ status: 'present', record: recordOf('Victim') });
      });

      it('a changed byte in the stored ciphertext, tag or iv is PersonalDataCorrupted', async () => {
        for (const column of ['ciphertext', 'auth_tag', 'iv']) {
          const ref = randomUUID();
          await vault.store(ref, recordOf('Tampered'));
          await sql.query(`UPDATE pd_subject_records SET ${column} = set_byte(${column}, 3, get_byte(${column}, 3) # 1) WHERE subject_ref = $1`, [
            ref,
          ]);
          await expect(vault.read(ref)).rejects.toEqual(new PersonalDataCorrupted('record', ref));
          await expect(vault.readMany([randomUUID(), ref])).rejects.toThrow(PersonalDataCorrupted);
        }
      });
    });

    describe('master keys', () => {
      it('a vault with another master key cannot open the data and says which key it lacks', async () => {
        const ref = randomUUID();
        await vault.store(ref, recordOf('Guarded'));
        const stranger = await PersonalDataVault.create(sql, { masterKey: MasterKey.generate() });
        const error: unknown = await stranger.read(ref).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UnknownMasterKey);
        expect(error).toMatchObject({ keyId: target.masterKey.keyId, subjectRef: ref });
        await expect(stranger.store(ref, recordOf('Overwrite'))).rejects.toThrow(UnknownMasterKey);
        expect(await vault.read(ref)).toEqual({ status: 'present', record: recordOf('Guarded') });
      });

      it('after a rotation, previous keys still open what they wrapped and new keys are wrapped by the current one', async () => {
        const old = randomUUID();
        await vault.store(old, recordOf('Old'));
        const next = MasterKey.generate();
        const rotated = await PersonalDataVault.create(sql, { masterKey: next, previousMasterKeys: [target.masterKey] });
        expect(await rotated.read(old)).toEqual({ status: 'present', record: recordOf('Old') });
        await rotated.store(old, recordOf('Old, updated'));
        expect((await keyRows(old))[0].master_key_id).toBe(target.masterKey.keyId);
        const fresh = randomUUID();
        await rotated.store(fresh, recordOf('Fresh'));
        expect((await keyRows(fresh))[0].master_key_id).toBe(next.keyId);
        await expect(vault.read(fresh)).rejects.toThrow(UnknownMasterKey);
      });

      it('re-wrapping moves every live data key to the current master key, leaves erased and unknown ones alone, and can run again', async () => {
        const kept = [randomUUID(), randomUUID(), randomUUID()];
        for (const [n, ref] of kept.entries()) await vault.store(ref, recordOf(`Kept${n}`));
        const erased = randomUUID();
        await vault.store(erased, recordOf('Erased'));
        await vault.erase(erased);
        // A key wrapped by a master key the rotated vault is not given: it must stay as it is.
        const stranger = MasterKey.generate();
        const orphan = randomUUID();
        await (await PersonalDataVault.create(sql, { masterKey: stranger })).store(orphan, recordOf('Orphan'));
        const orphanBefore = await keyRows(orphan);

        const next = MasterKey.generate();
        const rotated = await PersonalDataVault.create(sql, { masterKey: next, previousMasterKeys: [target.masterKey] });
        // Two rows per transaction: the walk through the table in key order has to carry on between batches.
        const result = await rotated.rewrapKeys({ batchSize: 2 });
        // Every key of the shared table that the old master key wrapped (other tests' too), and nothing else.
        expect(result.rewrapped).toBeGreaterThanOrEqual(kept.length);
        expect(result.unknownMasterKeys[stranger.keyId]).toBeGreaterThanOrEqual(1);
        for (const ref of kept) expect((await keyRows(ref))[0].master_key_id).toBe(next.keyId);
        expect(await keyRows(orphan)).toEqual(orphanBefore);
        expect(await keyRows(erased)).toEqual([{ wrapped_key: null, master_key_id: null, erased_at: expect.any(Date) }]);

        // The new master key alone now opens the data; the old one alone no longer does.
        const nextOnly = await PersonalDataVault.create(sql, { masterKey: next });
        for (const [n, ref] of kept.entries()) expect(await nextOnly.read(ref)).toEqual({ status: 'present', record: recordOf(`Kept${n}`) });
        expect((await nextOnly.read(erased)).status).toBe('erased');
        await expect(vault.read(kept[0])).rejects.toThrow(UnknownMasterKey);
        expect(await rotated.rewrapKeys()).toEqual({ rewrapped: 0, unknownMasterKeys: result.unknownMasterKeys });

        // Back to the suite's own master key, so that the tests after this one find their keys as they left them.
        const back = await PersonalDataVault.create(sql, { masterKey: target.masterKey, previousMasterKeys: [next] });
        expect((await back.rewrapKeys()).rewrapped).toBe(result.rewrapped);
        expect(await vault.read(kept[0])).toEqual({ status: 'present', record: recordOf('Kept0') });
      });
    });

    describe('concurrency', () => {
      it('a re-wrap racing stores and erasures of its subjects loses no record and revives no erased key', async () => {
        const refs = Array.from({ length: 12 }, () => randomUUID());
        for (const ref of refs) await vault.store(ref, recordOf('Before'));
        const next = MasterKey.generate();
        const rotated = await PersonalDataVault.create(sql, { masterKey: next, previousMasterKeys: [target.masterKey] });
        const erasing = refs.slice(0, 6);
        const updating = refs.slice(6);
        await Promise.all([
          rotated.rewrapKeys({ batchSize: 2 }),
          ...erasing.map((ref) => rotated.erase(ref)),
          ...updating.map((ref) => rotated.store(ref, recordOf('After'))),
        ]);
        const nextOnly = await PersonalDataVault.create(sql, { masterKey: next });
        for (const ref of erasing) expect(await keyRows(ref)).toEqual([{ wrapped_key: null, master_key_id: null, erased_at: expect.any(Date) }]);
        for (const ref of updating) expect(await nextOnly.read(ref)).toEqual({ status: 'present', record: recordOf('After') });
        // Back to the suite's own master key for the tests after this one.
        await (await PersonalDataVault.create(sql, { masterKey: target.masterKey, previousMasterKeys: [next] })).rewrapKeys();
      });

      it('concurrent first stores of one subject create one key, and the record is one of theirs', async () => {
        for (let round = 0; round < 5; round++) {
          const ref = randomUUID();
          const names = Array.from({ length: 8 }, (_, i) => `Writer${i}`);
          await Promise.all(names.map((name) => vault.store(ref, recordOf(name))));
          expect(await keyRows(ref)).toHaveLength(1);
          const result = await vault.read(ref);
          expect(result.status).toBe('present');
          expect(names).toContain(result.status === 'present' ? result.record.identity.firstName : undefined);
        }
      });

      it('a store racing an erasure never leaves a record behind', async () => {
        for (let round = 0; round < 10; round++) {
          const ref = randomUUID();
          if (round % 2 === 1) await vault.store(ref, recordOf('Existing'));
          const [stored, erased] = await Promise.allSettled([vault.store(ref, recordOf('Racing')), vault.erase(ref)]);
          expect(erased.status).toBe('fulfilled');
          if (stored.status === 'rejected') expect(stored.reason).toBeInstanceOf(PersonalDataErased);
          expect((await vault.read(ref)).status).toBe('erased');
          expect(await recordRows(ref)).toEqual([]);
          expect(await keyRows(ref)).toEqual([{ wrapped_key: null, master_key_id: null, erased_at: expect.any(Date) }]);
        }
      });
    });

    describe('what a dump of the database shows', () => {
      it('the scan can fail: it finds a name stored in clear, as text or as bytes', async () => {
        await sql.exec(`CREATE TABLE leak_probe (note text, blob bytea)`);
        try {
          await sql.query('INSERT INTO leak_probe VALUES ($1, NULL), (NULL, $2)', [`x ${FIRST_NAME} y`, Buffer.from(`{"n":"${LAST_NAME}"}`)]);
          const { text } = await scanSchemaAsText(sql);
          expect(occurrencesOf(FIRST_NAME, text)).toEqual([`text "${FIRST_NAME}"`]);
          expect(occurrencesOf(LAST_NAME, text)).toEqual([`hex ${Buffer.from(LAST_NAME).toString('hex')}`]);
        } finally {
          await sql.exec('DROP TABLE leak_probe');
        }
      });

      it('contains the subject’s name nowhere, before erasure (only ciphertext) and after it', async () => {
        const ref = randomUUID();
        await vault.store(ref, FULL_RECORD);
        const [key] = await keyRows(ref);
        const [sealed] = await recordRows(ref);

        const before = await scanSchemaAsText(sql);
        expect(before.tables).toEqual(expect.arrayContaining(['pd_subject_keys', 'pd_subject_records']));
        // The rows are there, and so is the subject's reference: the scan saw them.
        expect(before.text).toContain(ref);
        expect(before.text).toContain(sealed.ciphertext);
        for (const value of IDENTIFYING) expect(occurrencesOf(value, before.text)).toEqual([]);

        await vault.erase(ref);
        const after = await scanSchemaAsText(sql);
        expect(after.text).toContain(ref);
        for (const value of IDENTIFYING) expect(occurrencesOf(value, after.text)).toEqual([]);
        expect(after.text).not.toContain(sealed.ciphertext);
        expect(after.text).not.toContain(key.wrapped_key);
      });

      const pgDump = options.pgDump;
      if (pgDump) {
        const title = 'pg_dump of the schema contains the subject’s name nowhere, before erasure and after it';
        (pgDump.available ? it : it.skip)(pgDump.available ? title : `${title} (skipped: ${pgDump.reason})`, async () => {
          if (!target.schema || !target.databaseUrl) throw new Error('pg_dump needs a server target with a schema of its own');
          const dump = async () =>
            (
              await promisify(execFile)('pg_dump', ['--dbname', target.databaseUrl!, '--schema', target.schema!, '--no-owner', '--no-privileges'], {
                maxBuffer: 256 * 1024 * 1024,
              })
            ).stdout;
          const ref = randomUUID();
          await vault.store(ref, FULL_RECORD);
          const [key] = await keyRows(ref);
          const [sealed] = await recordRows(ref);

          const before = await dump();
          expect(before).toContain('COPY');
          expect(before).toContain(ref);
          expect(before).toContain(sealed.ciphertext);
          for (const value of IDENTIFYING) expect(occurrencesOf(value, before)).toEqual([]);

          await vault.erase(ref);
          const after = await dump();
          expect(after).toContain(ref);
          for (const value of IDENTIFYING) expect(occurrencesOf(value, after)).toEqual([]);
          expect(after).not.toContain(sealed.ciphertext);
          expect(after).not.toContain(key.wrapped_key);
        });
      }
    });
  });
}

/** The SqlClient with every statement it is asked to run recorded: to prove round trips. */
function counting(sql: SqlClient): { client: SqlClient; queries: string[] } {
  const queries: string[] = [];
  const client: SqlClient = {
    engine: sql.engine,
    query: (text, params, options) => {
      queries.push(text);
      return sql.query(text, params, options);
    },
    exec: (script) => {
      queries.push(script);
      return sql.exec(script);
    },
    transaction: <T>(work: (tx: Queryable) => Promise<T>) => {
      queries.push('BEGIN');
      return sql.transaction(work);
    },
    listen: (channel, listener) => sql.listen(channel, listener),
    close: () => sql.close(),
  };
  return { client, queries };
}
