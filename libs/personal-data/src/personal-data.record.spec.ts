import { randomUUID } from 'node:crypto';
import { ValidationFailed } from '@app/domain';
import { canonicalSubjectRef, PersonalDataRecord, revealCategories, validatePersonalDataRecord } from './personal-data.record';

const RECORD: PersonalDataRecord = {
  identity: { firstName: 'Zyxwaldine', lastName: 'Quorvantis', birthYear: 2001, nationality: 'NG', gender: 'female', minor: false },
  contact: { text: 'Reachable through the shelter' },
  health: { text: 'Needs follow-up at the clinic' },
  'legal-status': { text: 'Art. 18 permit requested' },
  'exploitation-narrative': { text: 'Recruited with a promise of work' },
};

function validationError(input: unknown): ValidationFailed {
  try {
    validatePersonalDataRecord(input);
  } catch (error) {
    if (error instanceof ValidationFailed) return error;
    throw error;
  }
  throw new Error('expected a ValidationFailed');
}

describe('personal data record', () => {
  it('accepts a full record, one with only identity, and an unknown birth year', () => {
    expect(validatePersonalDataRecord(RECORD)).toEqual(RECORD);
    expect(validatePersonalDataRecord({ identity: RECORD.identity })).toEqual({ identity: RECORD.identity });
    const unknownYear = { identity: { ...RECORD.identity, birthYear: null, nationality: 'stateless' } };
    expect(validatePersonalDataRecord(unknownYear)).toEqual(unknownYear);
  });

  it('lists every problem at once, naming fields but never their values', () => {
    const error = validationError({
      identity: { firstName: ' ', lastName: 'Quorvantis', birthYear: 1850, nationality: 'Nigeria', gender: 'other', minor: 'no', alias: 'Zyx' },
      health: 'Zyxwaldine is ill',
      passport: { text: 'X' },
    });
    expect(error.reason).toBe('invalid-personal-data');
    const problems = error.details.problems as string[];
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"passport" is not a data category'),
        expect.stringContaining('identity.alias'),
        expect.stringContaining('identity.firstName'),
        expect.stringContaining('identity.birthYear'),
        expect.stringContaining('identity.nationality'),
        expect.stringContaining('identity.gender'),
        expect.stringContaining('identity.minor'),
        expect.stringContaining('health must be { text }'),
      ]),
    );
    expect(problems).toHaveLength(8);
    expect(error.message).not.toMatch(/Zyxwaldine|Quorvantis|Nigeria|Zyx\b/);
  });

  it('requires identity and an object', () => {
    expect(validationError({}).details.problems).toEqual(['identity is required']);
    expect(validationError(null).details.problems).toEqual(['the record must be an object']);
  });

  it('reveals only the categories asked for', () => {
    expect(revealCategories(RECORD, ['health', 'legal-status'])).toEqual({ health: RECORD.health, 'legal-status': RECORD['legal-status'] });
    expect(revealCategories(RECORD, [])).toEqual({});
    expect(revealCategories({ identity: RECORD.identity }, ['identity', 'contact'])).toEqual({ identity: RECORD.identity });
    const revealed = revealCategories(RECORD, ['identity']);
    expect(revealed.identity).not.toBe(RECORD.identity);
  });

  it('takes UUID subject references, in lower case', () => {
    const ref = randomUUID();
    expect(canonicalSubjectRef(ref.toUpperCase())).toBe(ref);
    for (const bad of ['subject-7f3a', '', 42, undefined, `${ref}x`]) {
      expect(() => canonicalSubjectRef(bad)).toThrow(ValidationFailed);
    }
  });
});
