import { ConfigurationError, PlatformConfig } from '@app/platform';
import { MasterKey } from './master-key';
import { loadOrCreateMasterKey } from './master-key.file';
import { PersonalDataVaultOptions } from './personal-data-vault';

/**
 * The master keys the configuration names: MASTER_KEY (in the embedded development mode, the key
 * file in DATA_DIR, made on first use) and PREVIOUS_MASTER_KEYS, during a rotation.
 */
export async function configuredMasterKeys(config: PlatformConfig): Promise<PersonalDataVaultOptions> {
  let masterKey: MasterKey;
  if (config.masterKey) masterKey = MasterKey.fromBase64(config.masterKey, 'MASTER_KEY');
  else if (config.mode === 'embedded' && !config.production) masterKey = await loadOrCreateMasterKey(config.dataDir);
  else throw new ConfigurationError(['MASTER_KEY is required outside the embedded development mode (base64 of 32 random bytes)']);
  const previousMasterKeys = config.previousMasterKeys.map((key, n) => MasterKey.fromBase64(key, `PREVIOUS_MASTER_KEYS (key ${n + 1})`));
  return { masterKey, previousMasterKeys };
}
