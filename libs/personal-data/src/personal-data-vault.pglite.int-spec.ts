import { describePersonalDataVaultContract } from './testing/personal-data-vault.contract';
import { pgliteVaultTarget } from './testing/personal-data-targets';

describePersonalDataVaultContract('on PGlite', pgliteVaultTarget);
