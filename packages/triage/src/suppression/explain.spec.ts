import type { SuppressionRule } from './ast';
import { evaluateSuppressionRule, type SuppressionClauseVerdict } from './evaluate';
import { explainSuppressionEvaluation, explainSuppressionRule } from './explain';
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

  it('explains a single line of 200,000 clauses without running out of stack', () => {
    // Arrange: an author pastes a generated rule with one enormous AND chain. Writing each
    // clause's line by spreading the whole list into one call overflows the stack past about
    // 120,000 items, so the explainer (and the CLI or ticket note that uses it) would crash.
    const size = 200_000;
    const rule = parseSuppressionRule(Array.from({ length: size }, () => 'environment = DEV').join(' AND '));

    // Act
    const lines = explainSuppressionRule(rule, FACTS).split('\n');

    // Assert
    expect(lines).toHaveLength(size + 2);
    expect(lines.slice(0, 3)).toEqual([
      'The rule matches (line 1).',
      '  line 1: yes',
      '    yes  environment = DEV  (environment is "DEV")',
    ]);
  });

  it('reads each verdict a bounded number of times, however many lines the rule has', () => {
    // Arrange: a rule of many alternatives, and its evaluation behind a counter of every verdict
    // read. Looking up each line's verdicts by scanning the whole list reads lines × clauses
    // verdicts: 25 million for this rule, where walking them once reads about 5,000.
    const size = 5_000;
    const rule: SuppressionRule = parseSuppressionRule(
      Array.from({ length: size }, (_, index) =>
        index % 2 === 0 ? 'team = Platform' : 'region = us-east-1',
      ).join('\n'),
    );
    const evaluation = evaluateSuppressionRule(rule, FACTS);
    let reads = 0;
    const counted = new Proxy<readonly SuppressionClauseVerdict[]>(evaluation.clauses, {
      get(target, property, receiver): unknown {
        if (typeof property === 'string' && /^\d+$/.test(property)) reads += 1;
        return Reflect.get(target, property, receiver) as unknown;
      },
    });

    // Act
    const text = explainSuppressionEvaluation(rule, { ...evaluation, clauses: counted });

    // Assert
    expect(text).toBe(explainSuppressionRule(rule, FACTS));
    expect(reads).toBeLessThanOrEqual(2 * size + 1);
  });
});
