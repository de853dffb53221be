import { randomUUID } from 'node:crypto';
import { MasterKey, PersonalDataVault } from '@app/personal-data';
import { postgresServerVaultTarget, VaultTarget } from '@app/personal-data/testing/personal-data-targets';
import { runCli } from '../testing/run-cli';

const record = (firstName: string) => ({ identity: { firstName, lastName: 'Rewrap', birthYear: 2001, nationality: 'NG', gender: 'female' as const, minor: false } });

/** `npm run cli -- personal-data:rewrap` as its own process, on a schema of the PostgreSQL server. */
describe('personal-data:rewrap on the PostgreSQL server', () => {
  let target: VaultTarget;
  let databaseUrl: string;
  const refs = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    target = await postgresServerVaultTarget();
    const url = process.env.DATABASE_URL!;
    databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${target.schema}`)}`;
    for (const ref of refs) await target.vault.store(ref, record(ref.slice(0, 8)));
  });

  afterAll(async () => {
    await target?.dispose();
  });

  const keyIds = async () =>
    (await target.sql.query<{ master_key_id: string }>('SELECT master_key_id FROM pd_subject_keys ORDER BY subject_ref')).rows.map((row) => row.master_key_id);

  it('re-wraps every data key under MASTER_KEY with the old key in PREVIOUS_MASTER_KEYS, exits 1 naming a key it was not given, and refuses a bad key', async () => {
    const next = MasterKey.generate();
    const env = { DATABASE_URL: databaseUrl, NATS_URL: '', MASTER_KEY: next.exportBase64(), PREVIOUS_MASTER_KEYS: ` ${target.masterKey.exportBase64()} ` };
    expect(await runCli(['personal-data:rewrap'], env)).toMatchObject({
      code: 0,
      stdout: `2 data key(s) re-wrapped under master key ${next.keyId}\nEvery live data key is wrapped by the current master key: the previous ones can be destroyed\n`,
    });
    expect(await keyIds()).toEqual([next.keyId, next.keyId]);
    const nextOnly = await PersonalDataVault.create(target.sql, { masterKey: next });
    expect(await nextOnly.read(refs[0])).toEqual({ status: 'present', record: record(refs[0].slice(0, 8)) });

    // A subject stored under a key the command is not given is reported and left as it is.
    const stranger = MasterKey.generate();
    await (await PersonalDataVault.create(target.sql, { masterKey: stranger })).store(randomUUID(), record('Stranger'));
    const left = await runCli(['personal-data:rewrap'], { ...env, PREVIOUS_MASTER_KEYS: '' });
    expect(left).toMatchObject({
      code: 1,
      stdout: `0 data key(s) re-wrapped under master key ${next.keyId}\nLEFT 1 data key(s) wrapped by master key ${stranger.keyId}, which is not configured\n`,
    });
    expect(left.stderr).toContain('Add the missing master keys to PREVIOUS_MASTER_KEYS and run this again');

    const refused = await runCli(['personal-data:rewrap'], { ...env, PREVIOUS_MASTER_KEYS: 'not-a-key' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('PREVIOUS_MASTER_KEYS (key 1)');
    expect((await keyIds()).filter((id) => id === next.keyId)).toHaveLength(2);
  }, 120_000);
});
