/** Options: defaults, trimming, and errors that name the field. */
import { AiPromptInputError, parseAiPromptOptions } from '../src';

describe('Function: parseAiPromptOptions', () => {
  it('fills in every default', () => {
    expect(parseAiPromptOptions({})).toEqual({
      iacFlavour: 'cloudformation',
      anonymise: { accountIds: false, arns: false, emails: false, hexIds: false },
      automationRolePatterns: ['AWSControlTowerExecution', 'OrganizationAccountAccessRole', 'SOAR-Member'],
      maxPromptChars: 24_000,
      budgets: { finding: 6_000, enrichedContext: 8_000, resourceDetails: 6_000, productFields: 3_000 },
    });
  });

  it('trims role-name patterns', () => {
    expect(parseAiPromptOptions({ automationRolePatterns: [' SOAR-* '] }).automationRolePatterns).toEqual([
      'SOAR-*',
    ]);
  });

  it.each([
    [{ iacFlavour: 'pulumi' }, 'iacFlavour'],
    [{ anonymise: { arns: 'yes' } }, 'anonymise.arns'],
    [{ anonymise: { ips: true } }, 'anonymise'],
    [{ automationRolePatterns: ['ok', 'not a role'] }, 'automationRolePatterns.1'],
    [{ maxPromptChars: 100 }, 'maxPromptChars'],
    [{ budgets: { finding: -1 } }, 'budgets.finding'],
    [{ maxChars: 10 }, ''],
  ])('names the field of %j', (input, field) => {
    expect(() => parseAiPromptOptions(input)).toThrow(AiPromptInputError);
    expect(() => parseAiPromptOptions(input)).toThrow(expect.objectContaining({ field }) as Error);
  });

  it('never quotes the bad value', () => {
    expect(() => parseAiPromptOptions({ iacFlavour: 'secret-value' })).toThrow(
      expect.not.objectContaining({ message: expect.stringContaining('secret-value') as string }) as Error,
    );
  });
});
