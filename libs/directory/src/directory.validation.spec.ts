import { AGENCY_KINDS, USER_ROLES } from '@app/domain';
import { InvalidDirectoryInput } from './directory.errors';
import { validateNewAgency, validateRoles, validateUsername } from './directory.validation';
import { AGENCY_KINDS_AT_CREATION, USER_ROLES_AT_CREATION } from './migrations/1795498708971-create-directory';

const reasonOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof InvalidDirectoryInput) return error.reason;
    throw error;
  }
  return 'accepted';
};

describe('usernames', () => {
  it.each(['liaison.questura.lucca', 'gatekeeper.ceis.lucca', 'abc', 'mario_rossi-2', 'a1.b2'])('accepts %s', (username) => {
    expect(validateUsername(username)).toBe(username);
  });

  it('stores them lowercase and trimmed', () => {
    expect(validateUsername('  Liaison.Questura.LUCCA ')).toBe('liaison.questura.lucca');
  });

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(65)],
    ['a space', 'mario rossi'],
    ['a leading dot', '.mario'],
    ['a trailing dash', 'mario-'],
    ['two separators in a row', 'mario..rossi'],
    ['an accented letter', 'niccolò'],
    ['an at sign', 'mario@example.org'],
    ['not a string', 42],
  ])('refuses %s', (_, username) => {
    expect(reasonOf(() => validateUsername(username))).toBe('invalid-username');
  });
});

describe('roles', () => {
  it('accepts known roles and stores them in one order', () => {
    expect(validateRoles(['COORDINATOR', 'LIAISON'])).toEqual(['LIAISON', 'COORDINATOR']);
    expect(validateRoles(['AUDITOR'])).toEqual(['AUDITOR']);
    expect(validateRoles([...USER_ROLES].filter((role) => role !== 'AUDITOR'))).toEqual(['LIAISON', 'GATEKEEPER', 'COORDINATOR', 'ADMIN']);
  });

  it.each([
    ['none', []],
    ['an unknown role', ['LIAISON', 'SUPERUSER']],
    ['a lowercase role', ['liaison']],
    ['a role twice', ['LIAISON', 'LIAISON']],
    ['an auditor who could also act', ['AUDITOR', 'GATEKEEPER']],
    ['not a list', 'LIAISON'],
  ])('refuses %s', (_, roles) => {
    expect(reasonOf(() => validateRoles(roles))).toBe('invalid-roles');
  });
});

describe('agencies', () => {
  const shelter = { id: 'casa-prova', name: 'Casa prova', kind: 'NGO' as const, territory: { region: 'Toscana', province: 'LU' } };

  it('normalises a valid agency', () => {
    expect(validateNewAgency({ ...shelter, name: ' Casa prova ', services: [{ kind: 'shelter', name: 'Accoglienza', capacity: 4 }] })).toEqual({
      id: 'casa-prova',
      name: 'Casa prova',
      kind: 'NGO',
      territory: { region: 'Toscana', province: 'LU', municipalities: [] },
      services: [{ kind: 'shelter', name: 'Accoglienza', capacity: 4 }],
    });
  });

  it('lists every problem at once', () => {
    try {
      validateNewAgency({
        id: 'Casa Prova',
        name: '',
        kind: 'CHURCH' as never,
        territory: { region: null, province: 'Lucca', municipalities: ['Lucca', 'Lucca'] },
        services: [{ kind: 'shelter', name: 'Accoglienza' }],
      });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidDirectoryInput);
      expect((error as InvalidDirectoryInput).details.problems).toHaveLength(7);
    }
  });

  it('needs a whole, non-negative capacity for a shelter only', () => {
    const withService = (service: object) => reasonOf(() => validateNewAgency({ ...shelter, services: [service as never] }));
    expect(withService({ kind: 'desk', name: 'Sportello' })).toBe('accepted');
    expect(withService({ kind: 'shelter', name: 'Accoglienza', capacity: 0 })).toBe('accepted');
    expect(withService({ kind: 'shelter', name: 'Accoglienza' })).toBe('invalid-agency');
    expect(withService({ kind: 'shelter', name: 'Accoglienza', capacity: 2.5 })).toBe('invalid-agency');
    expect(withService({ kind: 'shelter', name: 'Accoglienza', capacity: -1 })).toBe('invalid-agency');
    expect(withService({ kind: 'canteen', name: 'Mensa' })).toBe('invalid-agency');
  });
});

describe('the first migration', () => {
  // If the domain gains a kind or a role, write a migration that widens the database's check.
  it("checks the domain's agency kinds and user roles", () => {
    expect([...AGENCY_KINDS_AT_CREATION]).toEqual([...AGENCY_KINDS]);
    expect([...USER_ROLES_AT_CREATION]).toEqual([...USER_ROLES]);
  });
});
