import { spawnSync } from 'node:child_process';
import { describePersonalDataVaultContract } from './testing/personal-data-vault.contract';
import { postgresServerVaultTarget } from './testing/personal-data-targets';

const pgDumpVersion = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });

describePersonalDataVaultContract('on the PostgreSQL server', postgresServerVaultTarget, {
  pgDump:
    pgDumpVersion.status === 0
      ? { available: true }
      : { available: false, reason: 'pg_dump is not on the PATH; install the PostgreSQL client tools to run it' },
});
