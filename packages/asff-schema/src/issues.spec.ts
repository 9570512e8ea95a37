import * as z from 'zod';
import { describeZodIssues } from './issues';

describe('Function: describeZodIssues', () => {
  const Schema = z.object({
    email: z.object({ from: z.string() }),
    accounts: z.array(z.object({ id: z.string() })),
  });

  it('names each bad field by its path, with the prefix first', () => {
    const parsed = Schema.safeParse({ email: {}, accounts: [{ id: 12 }] });
    if (parsed.success) throw new Error('expected invalid');

    expect(describeZodIssues(parsed.error.issues, ['SOAR_CONFIG'])).toEqual([
      'SOAR_CONFIG.email.from: Invalid input: expected string, received undefined',
      'SOAR_CONFIG.accounts.0.id: Invalid input: expected string, received number',
    ]);
  });

  it('says (root) when the value itself is wrong', () => {
    const parsed = Schema.safeParse('nope');
    if (parsed.success) throw new Error('expected invalid');

    expect(describeZodIssues(parsed.error.issues)).toEqual([
      '(root): Invalid input: expected object, received string',
    ]);
  });

  describe('unknown keys', () => {
    const Strict = z.strictObject({
      organizationId: z.string().optional(),
      ticketing: z
        .discriminatedUnion('system', [
          z.strictObject({ system: z.literal('internal') }),
          z.strictObject({ system: z.literal('jira'), secretId: z.string().optional() }),
        ])
        .optional(),
      accounts: z
        .array(z.strictObject({ id: z.string(), tags: z.record(z.string(), z.string()).default({}) }))
        .default([]),
    });

    it('names the key, its path and the closest valid key', () => {
      const parsed = Strict.safeParse({ organisationId: 'o-1', accounts: [{ id: '1', tgas: {} }] });
      if (parsed.success) throw new Error('expected invalid');

      expect(describeZodIssues(parsed.error.issues, ['config'], { schema: Strict })).toEqual([
        'config.accounts.0.tgas: unknown key; did you mean "tags"?',
        'config.organisationId: unknown key; did you mean "organizationId"?',
      ]);
    });

    it('looks into the options of a union, and lists the valid keys when none is close', () => {
      const parsed = Strict.safeParse({ ticketing: { system: 'jira', secretArn: 'arn:x', colour: 'red' } });
      if (parsed.success) throw new Error('expected invalid');

      expect(describeZodIssues(parsed.error.issues, [], { schema: Strict })).toEqual([
        'ticketing.secretArn: unknown key; did you mean "secretId"?',
        'ticketing.colour: unknown key; valid keys: secretId, system',
      ]);
    });

    describe('nested schemas', () => {
      const Email = z.strictObject({
        from: z.string().default('soar@example.com'),
        send: z.boolean().optional(),
      });
      const Nested = z.strictObject({
        email: Email.prefault({}),
        remediation: z
          .strictObject({
            optOutTag: z.strictObject({ key: z.string(), values: z.array(z.string()) }).optional(),
            ticketOnly: z
              .array(z.strictObject({ controlId: z.string(), environments: z.array(z.string()) }))
              .default([]),
          })
          .prefault({}),
        hours: z.record(z.enum(['CRITICAL', 'HIGH']), z.number()).optional(),
        raw: z.preprocess((value) => value, Email).optional(),
        notify: z
          .union([z.strictObject({ slack: z.string() }), z.strictObject({ teams: z.string() })])
          .optional(),
      });
      const linesFor = (input: unknown) => {
        const parsed = Nested.safeParse(input);
        if (parsed.success) throw new Error('expected invalid');
        return describeZodIssues(parsed.error.issues, ['soar.config.yaml'], { schema: Nested });
      };

      it.each([
        [{ email: { form: 'a@b.c' } }, 'soar.config.yaml.email.form: unknown key; did you mean "from"?'],
        [
          { remediation: { optOutTag: { key: 'k', kay: 'x', values: ['off'] } } },
          'soar.config.yaml.remediation.optOutTag.kay: unknown key; did you mean "key"?',
        ],
        [
          { remediation: { ticketOnly: [{ controlId: 'EC2.4', environments: ['PROD'], enviroments: [] }] } },
          'soar.config.yaml.remediation.ticketOnly.0.enviroments: unknown key; did you mean "environments"?',
        ],
        [
          { hours: { CRITICAL: 2, HIGH: 8, HIHG: 4 } },
          'soar.config.yaml.hours.HIHG: unknown key; did you mean "HIGH"?',
        ],
        [{ raw: { form: 'a@b.c' } }, 'soar.config.yaml.raw.form: unknown key; did you mean "from"?'],
        [
          { notify: { slack: '#soc', slak: '#x' } },
          'soar.config.yaml.notify.slak: unknown key; did you mean "slack"?',
        ],
      ])('names the full path of %j and the closest key at that level', (input, line) => {
        expect(linesFor(input)).toEqual([line]);
      });

      it('keeps the strictness and the keys of a schema made with extend, omit or pick', () => {
        const Derived = z.strictObject({
          extended: Email.extend({ replyTo: z.string().optional() }),
          omitted: Email.omit({ send: true }),
          picked: Email.pick({ send: true }),
        });

        const parsed = Derived.safeParse({
          extended: { replyto: 'x' },
          omitted: { send: true },
          picked: { sned: true },
        });
        if (parsed.success) throw new Error('expected invalid');

        expect(describeZodIssues(parsed.error.issues, [], { schema: Derived })).toEqual([
          'extended.replyto: unknown key; did you mean "replyTo"?',
          'omitted.send: unknown key; valid keys: from',
          'picked.sned: unknown key; did you mean "send"?',
        ]);
      });
    });
  });
});
