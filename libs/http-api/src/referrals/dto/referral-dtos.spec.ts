import {
  CLOSURE_OUTCOMES,
  EXPLOITATION_TYPES,
  GENDERS,
  nationalityCategoryOf,
  PLACEMENT_DECISIONS,
  PLACEMENT_DECLINE_REASONS,
  PROGRAMME_TYPES,
  TRANSFER_REASONS,
  URGENCIES,
} from '@app/domain';
import { Body, Controller, Post, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  AssessmentDto,
  CloseDto,
  ConsentDto,
  PlacementDecisionDto,
  PlacementRequestDto,
  ProgrammeDto,
  TransferDto,
} from './referral-actions.dto';
import { SubjectDto, SubmitReferralDto } from './submit-referral.dto';
import { accept, json, rejection } from '../../testing/validation-pipe.helpers';


const submission = () => ({
  agreementId: 'lucca-2007',
  subject: { firstName: 'Joy', lastName: 'Okafor', birthYear: 2001, nationality: 'NG', gender: 'female', minor: false },
  exploitationTypes: ['sexual', 'begging'],
  indicators: ['deception', 'debt-bondage'],
  urgency: 'urgent',
  consent: { dataSharing: true },
  municipality: 'Viareggio',
});

/** A JSON body to break on purpose: any path can be read and overwritten with anything. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- these bodies are wrong on purpose
type Draft = Record<string, any>;

function submissionWith(change: (body: Draft) => void): Record<string, unknown> {
  const body = submission() as Draft;
  change(body);
  return body;
}

const thisYear = () => new Date().getUTCFullYear();

describe('SubmitReferralDto', () => {
  it('accepts a valid submission unchanged, as DTO instances', async () => {
    const dto = await accept(SubmitReferralDto, submission());

    expect(dto).toBeInstanceOf(SubmitReferralDto);
    expect(dto.subject).toBeInstanceOf(SubjectDto);
    expect(dto.consent).toBeInstanceOf(ConsentDto);
    expect(json(dto)).toEqual(submission());
  });

  it('accepts what the domain leaves open: no municipality, no indicators, an unknown birth year, every vocabulary value', async () => {
    const minimal = submissionWith((b) => {
      delete b.municipality;
      b.indicators = [];
      b.subject.birthYear = null;
      b.exploitationTypes = [...EXPLOITATION_TYPES];
      b.urgency = 'ordinary';
    });
    expect(json(await accept(SubmitReferralDto, minimal))).toEqual(minimal);
    expect(await accept(SubmitReferralDto, submissionWith((b) => (b.municipality = null)))).toBeInstanceOf(SubmitReferralDto);
    for (const gender of GENDERS) {
      expect((await accept(SubmitReferralDto, submissionWith((b) => (b.subject.gender = gender)))).subject.gender).toBe(gender);
    }
  });

  it('accepts indicators an agreement adds to the catalogue, which the decider checks', async () => {
    const dto = await accept(SubmitReferralDto, submissionWith((b) => (b.indicators = ['caporalato', 'deception'])));
    expect(dto.indicators).toEqual(['caporalato', 'deception']);
  });

  it('rejects unknown fields at the top and in nested objects', async () => {
    const messages = await rejection(
      SubmitReferralDto,
      submissionWith((b) => {
        b.referralId = 'r-1';
        b.subject.email = 'joy@example.org';
        b.consent.signedAt = '2026-03-01T09:00:00Z';
      }),
    );
    expect(messages.sort()).toEqual([
      'consent.property signedAt should not exist',
      'property referralId should not exist',
      'subject.property email should not exist',
    ]);
  });

  it.each<[string, (b: Draft) => void, string]>([
    ['gender', (b) => (b.subject.gender = 'other'), `subject.gender must be one of the following values: ${GENDERS.join(', ')}`],
    ['urgency', (b) => (b.urgency = 'asap'), `urgency must be one of the following values: ${URGENCIES.join(', ')}`],
    [
      'exploitation type',
      (b) => (b.exploitationTypes = ['sexual', 'organ-removal']),
      `each value in exploitationTypes must be one of the following values: ${EXPLOITATION_TYPES.join(', ')}`,
    ],
  ])('rejects a %s outside the domain vocabulary', async (_name, change, message) => {
    expect(await rejection(SubmitReferralDto, submissionWith(change))).toEqual([message]);
  });

  it('rejects no exploitation type, and one named twice', async () => {
    expect(await rejection(SubmitReferralDto, submissionWith((b) => (b.exploitationTypes = [])))).toEqual([
      'exploitationTypes must contain at least 1 elements',
    ]);
    expect(await rejection(SubmitReferralDto, submissionWith((b) => (b.exploitationTypes = ['labour', 'labour'])))).toEqual([
      "All exploitationTypes's elements must be unique",
    ]);
  });

  it('rejects an indicator named twice or not shaped like a code', async () => {
    expect(await rejection(SubmitReferralDto, submissionWith((b) => (b.indicators = ['deception', 'deception'])))).toEqual([
      "All indicators's elements must be unique",
    ]);
    expect(await rejection(SubmitReferralDto, submissionWith((b) => (b.indicators = ['Debt bondage'])))).toEqual([
      'each value in indicators must be an indicator code such as debt-bondage',
    ]);
  });

  describe('subject', () => {
    it('accepts a birth year from 1900 to the current one', async () => {
      for (const birthYear of [1900, thisYear()]) {
        expect((await accept(SubmitReferralDto, submissionWith((b) => (b.subject.birthYear = birthYear)))).subject.birthYear).toBe(birthYear);
      }
    });

    it.each<[string, unknown, string]>([
      ['in the future', thisYear() + 1, `subject.birthYear must not be later than ${thisYear()}`],
      ['before 1900', 1899, 'subject.birthYear must not be less than 1900'],
      ['not whole', 1990.5, 'subject.birthYear must be an integer number'],
      ['a string', '1990', 'subject.birthYear must be an integer number'],
      ['missing', undefined, 'subject.birthYear must be an integer number'],
    ])('rejects a birth year %s', async (_name, birthYear, message) => {
      expect(await rejection(SubmitReferralDto, submissionWith((b) => (b.subject.birthYear = birthYear)))).toContain(message);
    });

    it.each<[string, unknown, string]>([
      ['empty', '', 'must not be empty'],
      ['blank', '   ', 'must not be empty'],
      ['too long', 'x'.repeat(101), 'must be shorter than or equal to 100 characters'],
      ['not text', 42, 'must not be empty'],
    ])('rejects an %s first or last name', async (_name, name, message) => {
      expect(await rejection(SubmitReferralDto, submissionWith((b) => (b.subject.firstName = name)))).toContain(`subject.firstName ${message}`);
      expect(await rejection(SubmitReferralDto, submissionWith((b) => (b.subject.lastName = name)))).toContain(`subject.lastName ${message}`);
    });

    it.each(['NG', 'it', 'RO', 'AL', 'XK', 'stateless', 'unknown', 'Stateless'])(
      'accepts the nationality %j, which the domain classifies',
      async (nationality) => {
        const dto = await accept(SubmitReferralDto, submissionWith((b) => (b.subject.nationality = nationality)));
        expect(() => nationalityCategoryOf(dto.subject.nationality)).not.toThrow();
      },
    );

    it.each(['NGA', 'Nigeria', 'XX', 'N', '', ' IT', 42, null])('rejects the nationality %j without repeating it', async (nationality) => {
      const messages = await rejection(SubmitReferralDto, submissionWith((b) => (b.subject.nationality = nationality)));
      expect(messages).toEqual(["subject.nationality must be an ISO 3166-1 alpha-2 country code (e.g. NG), 'stateless' or 'unknown'"]);
    });

    it('rejects a minor flag that is not a boolean', async () => {
      expect(await rejection(SubmitReferralDto, submissionWith((b) => (b.subject.minor = 'no')))).toEqual(['subject.minor must be a boolean value']);
    });
  });

  it('requires the subject and the consent', async () => {
    const messages = await rejection(
      SubmitReferralDto,
      submissionWith((b) => {
        delete b.subject;
        b.consent = {};
      }),
    );
    expect(messages.sort()).toEqual(['consent.dataSharing must be a boolean value', 'subject must be an object']);
  });

  it('rejects an agreement id no agreement can have', async () => {
    expect(await rejection(SubmitReferralDto, submissionWith((b) => (b.agreementId = '../admin')))).toEqual(['agreementId is not an agreement id']);
  });
});

describe('referral action DTOs', () => {
  it('accept valid bodies unchanged', async () => {
    const bodies: [Type<unknown>, unknown][] = [
      [AssessmentDto, { indicatorsConfirmed: true, notes: 'Consistent account, debt of 30,000 euros' }],
      [AssessmentDto, { indicatorsConfirmed: false }],
      [PlacementRequestDto, {}],
      [PlacementRequestDto, { shelterAgencyId: 'ceis-lucca' }],
      [PlacementDecisionDto, { decision: 'accepted' }],
      [PlacementDecisionDto, { decision: 'accepted', reason: null }],
      [TransferDto, { toAgencyId: 'numero-verde-toscana', reason: 'other-territory' }],
      [ConsentDto, { dataSharing: false }],
    ];
    for (const [metatype, body] of bodies) {
      const dto = await accept(metatype, body);
      expect(dto).toBeInstanceOf(metatype);
      expect(json(dto)).toEqual(body);
    }
  });

  it.each<[string, Type<unknown>, string, readonly string[], Record<string, unknown>]>([
    ['decline reason', PlacementDecisionDto, 'reason', PLACEMENT_DECLINE_REASONS, { decision: 'declined' }],
    ['programme', ProgrammeDto, 'type', PROGRAMME_TYPES, {}],
    ['transfer reason', TransferDto, 'reason', TRANSFER_REASONS, { toAgencyId: 'numero-verde-toscana' }],
    ['closure outcome', CloseDto, 'outcome', CLOSURE_OUTCOMES, {}],
  ])('accept every %s of the domain and nothing else', async (_name, metatype, field, vocabulary, rest) => {
    for (const value of vocabulary) {
      expect(json(await accept(metatype, { ...rest, [field]: value }))).toEqual({ ...rest, [field]: value });
    }
    expect(await rejection(metatype, { ...rest, [field]: 'something-else' })).toEqual([
      `${field} must be one of the following values: ${vocabulary.join(', ')}`,
    ]);
  });

  it('accepts both decisions of the domain and nothing else', async () => {
    expect(json(await accept(PlacementDecisionDto, { decision: 'accepted' }))).toEqual({ decision: 'accepted' });
    expect(json(await accept(PlacementDecisionDto, { decision: 'declined', reason: 'no-capacity' }))).toEqual({ decision: 'declined', reason: 'no-capacity' });
    expect(PLACEMENT_DECISIONS).toEqual(['accepted', 'declined']);
    expect(await rejection(PlacementDecisionDto, { decision: 'maybe' })).toEqual([
      `decision must be one of the following values: ${PLACEMENT_DECISIONS.join(', ')}`,
    ]);
  });

  it('rejects a decline without a reason', async () => {
    const expected = [`reason must be one of the following values: ${PLACEMENT_DECLINE_REASONS.join(', ')}`];
    expect(await rejection(PlacementDecisionDto, { decision: 'declined' })).toEqual(expected);
    expect(await rejection(PlacementDecisionDto, { decision: 'declined', reason: null })).toEqual(expected);
  });

  it('rejects a reason with an acceptance, as the domain does', async () => {
    expect(await rejection(PlacementDecisionDto, { decision: 'accepted', reason: 'no-capacity' })).toEqual(['reason is given only with a decline']);
  });

  it('reject unknown fields', async () => {
    expect(await rejection(PlacementRequestDto, { shelterAgencyId: 'ceis-lucca', at: '2026-03-01T09:00:00Z' })).toEqual([
      'property at should not exist',
    ]);
    expect(await rejection(CloseDto, { outcome: 'lost-contact', note: 'moved away' })).toEqual(['property note should not exist']);
  });

  it('reject values of the wrong kind or size', async () => {
    expect(await rejection(AssessmentDto, { indicatorsConfirmed: 'true' })).toEqual(['indicatorsConfirmed must be a boolean value']);
    expect(await rejection(AssessmentDto, { indicatorsConfirmed: true, notes: 'x'.repeat(4001) })).toEqual([
      'notes must be shorter than or equal to 4000 characters',
    ]);
    expect(await rejection(ConsentDto, { dataSharing: 'yes' })).toEqual(['dataSharing must be a boolean value']);
    expect(await rejection(TransferDto, { toAgencyId: ' ', reason: 'safety' })).toEqual(['toAgencyId must not be empty']);
    expect(await rejection(PlacementRequestDto, { shelterAgencyId: '' })).toEqual(['shelterAgencyId must not be empty']);
  });
});

describe('OpenAPI', () => {
  @Controller('referrals')
  class ProbeController {
    @Post()
    submit(@Body() _body: SubmitReferralDto) {}

    @Post('decide')
    decide(@Body() _body: PlacementDecisionDto) {}
  }

  it('describes the request bodies with the domain vocabularies', async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
      const schemas = document.components!.schemas! as Record<string, { properties?: Record<string, unknown>; required?: string[]; enum?: string[] }>;

      expect(schemas.SubmitReferralDto.required).toEqual(
        expect.arrayContaining(['agreementId', 'subject', 'exploitationTypes', 'indicators', 'urgency', 'consent']),
      );
      expect(schemas.SubmitReferralDto.required).not.toContain('municipality');
      expect(schemas.ExploitationType.enum).toEqual([...EXPLOITATION_TYPES]);
      expect(schemas.Gender.enum).toEqual([...GENDERS]);
      expect(schemas.PlacementDeclineReason.enum).toEqual([...PLACEMENT_DECLINE_REASONS]);
      expect(schemas.SubjectDto.properties!.birthYear).toMatchObject({ type: 'integer', minimum: 1900, nullable: true });
    } finally {
      await app.close();
    }
  });
});
