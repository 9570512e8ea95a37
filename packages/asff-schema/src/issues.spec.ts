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
});
