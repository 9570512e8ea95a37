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
  });
});
