import { explainSuppressionRule } from './explain';
import type { SuppressionFacts } from './facts';
import { parseSuppressionRule } from './parse';

const FACTS: SuppressionFacts = {
  accountId: '111122223333',
  region: 'eu-west-1',
  client: 'Acme',
  environment: 'DEV',
  organizationalUnit: 'SANDBOXES',
  organizationalUnitPath: ['Root', 'SANDBOXES'],
  project: 'payments',
  team: 'Platform',
};

describe('Function: explainSuppressionRule', () => {
  it('names the matching line and shows each clause with its fact', () => {
    // Arrange
    const rule = parseSuppressionRule(
      'environment = PROD\nenvironment = DEV AND team = Platform OR ou_path =~ sand*',
    );

    // Act
    const text = explainSuppressionRule(rule, FACTS);

    // Assert
    expect(text).toBe(
      [
        'The rule matches (line 2).',
        '  line 1: no',
        '    no   environment = PROD  (environment is "DEV")',
        '  line 2: yes',
        '    yes  environment = DEV  (environment is "DEV")',
        '    yes  team = Platform  (team is "Platform")',
        '  line 2 (after OR): yes',
        '    yes  ou_path =~ sand*  (ou_path is "Root" / "SANDBOXES")',
      ].join('\n'),
    );
  });

  it('says when nothing matches, and shows facts that are not set', () => {
    // Arrange
    const rule = parseSuppressionRule('policy_name = "a, b"\nou_path = Root');

    // Act
    const text = explainSuppressionRule(rule, { ...FACTS, organizationalUnitPath: [] });

    // Assert
    expect(text).toBe(
      [
        'The rule does not match: no line holds.',
        '  line 1: no',
        '    no   policy_name = "a, b"  (policy_name is not set)',
        '  line 2: no',
        '    no   ou_path = Root  (ou_path is empty)',
      ].join('\n'),
    );
  });

  it('says an empty rule never matches', () => {
    expect(explainSuppressionRule(parseSuppressionRule('# nothing yet'), FACTS)).toBe(
      'The rule is empty, so it never matches.',
    );
  });
});
