import { open, seal, Sealed } from './aes-gcm';
import { PersonalDataCorrupted } from './personal-data.errors';
import { PersonalDataRecord } from './personal-data.record';

/**
 * The whole record is sealed as one ciphertext rather than one per category. Every category would
 * be under the same subject key anyway, so separate ciphertexts would not limit who can decrypt
 * what: which categories a reader sees is decided in the process (`revealCategories`) either way.
 * Separate ciphertexts would instead disclose in clear which categories a subject has (that health
 * notes exist is itself sensitive) and how long each is. One ciphertext is also one read and one
 * atomic replace.
 *
 * The plaintext is JSON padded with spaces (still valid JSON) to a multiple of PAD bytes, so the
 * ciphertext's length tells little about the length of a name or a narrative.
 */
const FORMAT_VERSION = 1;
const PAD = 256;

interface Plaintext {
  v: number;
  record: PersonalDataRecord;
}

export function sealRecord(dataKey: Buffer, subjectRef: string, record: PersonalDataRecord): Sealed {
  const json = Buffer.from(JSON.stringify({ v: FORMAT_VERSION, record } satisfies Plaintext), 'utf8');
  const padded = Buffer.alloc(Math.ceil((json.length + 1) / PAD) * PAD, ' ');
  json.copy(padded);
  return seal(dataKey, padded, recordAad(subjectRef));
}

/** Throws PersonalDataCorrupted unless the record was sealed under this key for this very subject. */
export function openRecord(dataKey: Buffer, subjectRef: string, sealed: Sealed): PersonalDataRecord {
  const plaintext = open(dataKey, sealed, recordAad(subjectRef));
  if (!plaintext) throw new PersonalDataCorrupted('record', subjectRef);
  let parsed: Partial<Plaintext>;
  try {
    parsed = JSON.parse(plaintext.toString('utf8')) as Partial<Plaintext>;
  } catch {
    throw new PersonalDataCorrupted('plaintext', subjectRef);
  }
  if (parsed.v !== FORMAT_VERSION || typeof parsed.record !== 'object' || parsed.record === null) {
    throw new PersonalDataCorrupted('plaintext', subjectRef);
  }
  return parsed.record;
}

/** Binds the ciphertext to its subject: moved to another subject's row it no longer authenticates. */
function recordAad(subjectRef: string): Buffer {
  return Buffer.from(`antitratta/personal-data/record/v${FORMAT_VERSION}/${subjectRef}`, 'utf8');
}
