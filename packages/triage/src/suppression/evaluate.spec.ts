import { SUPPRESSION_KEYS, type SuppressionKey } from './ast';
import { evaluateSuppressionRule, FACT_OF_KEY, matchesSuppressionRule } from './evaluate';
import type { SuppressionFacts } from './facts';
import { parseSuppressionRule } from './parse';
import { SuppressionRuleError } from '../errors';

const FACTS: SuppressionFacts = {
  accountId: '111122223333',
  region: 'eu-west-1',
  client: 'Acme',
  environment: 'DEV',
  organizationalUnit: 'SANDBOXES',
  organizationalUnitPath: ['Root', 'Workloads', 'SANDBOXES'],
  project: 'payments',
  team: 'Platform',
  policyName: 'developer-permission-boundary-policy',
};

/** Whether `text` matches `FACTS` changed by `overrides`. */
function matches(text: string, overrides: Partial<SuppressionFacts> = {}): boolean {
  return evaluateSuppressionRule(parseSuppressionRule(text), { ...FACTS, ...overrides }).matched;
}

describe('Function: evaluateSuppressionRule', () => {
  describe('each key reads its fact', () => {
    it.each<[string, string]>([
      ['account_id', '111122223333'],
      ['region', 'eu-west-1'],
      ['client', 'Acme'],
      ['environment', 'DEV'],
      ['organizational_unit', 'SANDBOXES'],
      ['ou_path', 'Workloads'],
      ['project', 'payments'],
      ['project_name', 'payments'],
      ['team', 'Platform'],
      ['policy_name', 'developer-permission-boundary-policy'],
    ])('%s = %s', (key, value) => {
      expect(matches(`${key} = ${value}`)).toBe(true);
      expect(matches(`${key} != ${value}`)).toBe(false);
      expect(matches(`${key} = other`)).toBe(false);
      expect(matches(`${key} != other`)).toBe(true);
    });

    it('maps every key to a fact', () => {
      expect(Object.keys(FACT_OF_KEY).sort()).toEqual([...SUPPRESSION_KEYS].sort());
    });
  });

  describe('operators', () => {
    it.each<[string, Partial<SuppressionFacts>, boolean]>([
      // The examples of the original documentation
      ['environment != PROD', {}, true],
      ['environment != PROD', { environment: 'PROD' }, false],
      ['organizational_unit = ROOT, INFRA', { organizationalUnit: 'INFRA' }, true],
      ['organizational_unit = ROOT, INFRA', {}, false],
      ['environment = DEV AND team = Platform', {}, true],
      ['environment = DEV AND team = Platform', { team: 'Data' }, false],
      ['environment = PROD\nteam = Platform', {}, true],
      ['environment = PROD\nteam = Data', {}, false],
      // = and != are exact and case-sensitive, as in the original
      ['environment = dev', {}, false],
      ['environment != dev', {}, true],
      ['environment = DEV ', {}, true],
      ['environment = "DEV "', {}, false],
      ['environment = *', {}, false],
      ['environment = *', { environment: '*' }, true],
      ['environment != PROD, DEV', {}, false],
      // =~ and !~ ignore case and take * and ? wildcards
      ['environment =~ dev', {}, true],
      ['environment =~ prod*', { environment: 'Production' }, true],
      ['environment =~ prod*', {}, false],
      ['environment !~ prod*', {}, true],
      ['environment !~ prod*, d?v', {}, false],
      ['region =~ eu-*-1', {}, true],
      ['region =~ "eu-*"', {}, true],
      ['account_id =~ 1111*', {}, true],
      // OR and blank lines
      ['environment = PROD OR team = Platform', {}, true],
      ['environment = PROD OR team = Data', {}, false],
      ['\n\nenvironment = PROD\n\n', { environment: 'PROD' }, true],
      ['# nothing', {}, false],
      ['', {}, false],
    ])('%j with %j -> %s', (text, overrides, expected) => {
      expect(matches(text, overrides)).toBe(expected);
    });
  });

  describe('ou_path', () => {
    it.each<[string, readonly string[], boolean]>([
      ['ou_path = Workloads', ['Root', 'Workloads', 'Payments'], true],
      ['ou_path = Payments', ['Root', 'Workloads', 'Payments'], true],
      ['ou_path = Sandbox, Payments', ['Root', 'Workloads', 'Payments'], true],
      ['ou_path = Sandbox', ['Root', 'Workloads', 'Payments'], false],
      ['ou_path != Sandbox', ['Root', 'Workloads', 'Payments'], true],
      ['ou_path != Workloads', ['Root', 'Workloads', 'Payments'], false],
      ['ou_path =~ work*', ['Root', 'Workloads'], true],
      ['ou_path = Root', [], false],
      ['ou_path != Root', [], true],
    ])('%j with path %j -> %s', (text, organizationalUnitPath, expected) => {
      expect(matches(text, { organizationalUnitPath })).toBe(expected);
    });
  });

  describe('facts that are not set', () => {
    it.each<[string, boolean]>([
      ['policy_name = x', false],
      ['policy_name != x', true],
      ['policy_name =~ *', false],
      ['policy_name !~ *', true],
      ['policy_name = ""', false],
    ])('%j without a policy name -> %s', (text, expected) => {
      // Arrange
      const { policyName: _omitted, ...withoutPolicy } = FACTS;

      // Act
      const result = evaluateSuppressionRule(parseSuppressionRule(text), withoutPolicy);

      // Assert
      expect(result.matched).toBe(expected);
    });

    it('treats an unknown region like an unset policy name', () => {
      expect(matches('region = eu-west-1', { region: undefined })).toBe(false);
      expect(matches('region != eu-west-1', { region: undefined })).toBe(true);
    });

    it('never throws on facts of the wrong shape', () => {
      // Arrange
      const rule = parseSuppressionRule('team = a\nou_path != b\nregion =~ *');
      const odd = [null, undefined, 42, 'text', [], { team: 7, organizationalUnitPath: 'Root' }];

      // Act + Assert
      for (const facts of odd) {
        expect(() => evaluateSuppressionRule(rule, facts as unknown as SuppressionFacts)).not.toThrow();
      }
      expect(evaluateSuppressionRule(rule, null as unknown as SuppressionFacts).matched).toBe(true);
    });
  });

  describe('the result explains itself', () => {
    it('names the first matching line and branch and every clause verdict', () => {
      // Arrange
      const rule = parseSuppressionRule(
        '# first line is a comment\nenvironment = PROD\nenvironment = DEV, TEST AND team = Platform',
      );

      // Act
      const result = evaluateSuppressionRule(rule, FACTS);

      // Assert
      expect(result).toMatchObject({ matched: true, line: 3, branch: 1 });
      expect(
        result.clauses.map(({ clause, branch, matched, actual, hit }) => ({
          key: clause.key,
          branch,
          matched,
          actual,
          hit,
        })),
      ).toEqual([
        { key: 'environment', branch: 0, matched: false, actual: 'DEV', hit: undefined },
        { key: 'environment', branch: 1, matched: true, actual: 'DEV', hit: 'DEV' },
        { key: 'team', branch: 1, matched: true, actual: 'Platform', hit: 'Platform' },
      ]);
    });

    it('evaluates every clause even after one fails', () => {
      // Act
      const result = evaluateSuppressionRule(parseSuppressionRule('team = x AND environment = DEV'), FACTS);

      // Assert
      expect(result.matched).toBe(false);
      expect(result.line).toBeUndefined();
      expect(result.branch).toBeUndefined();
      expect(result.clauses.map((verdict) => verdict.matched)).toEqual([false, true]);
    });

    it('names the line of a branch after OR', () => {
      // Act
      const result = evaluateSuppressionRule(
        parseSuppressionRule('team = x\nteam = y OR team = Platform'),
        FACTS,
      );

      // Assert
      expect(result).toMatchObject({ matched: true, line: 2, branch: 2 });
    });

    it('shows the hit of a negated clause that fails', () => {
      // Act
      const [verdict] = evaluateSuppressionRule(parseSuppressionRule('ou_path != Workloads'), FACTS).clauses;

      // Assert
      expect(verdict).toMatchObject({
        matched: false,
        hit: 'Workloads',
        actual: FACTS.organizationalUnitPath,
      });
    });
  });
});

describe('Function: matchesSuppressionRule', () => {
  it.each([undefined, null, '', '   ', '\n\n', '# no rule yet'])('treats %j as no match', (text) => {
    expect(matchesSuppressionRule(text, FACTS)).toBe(false);
  });

  it('matches a valid rule', () => {
    expect(matchesSuppressionRule('organizational_unit = ROOT, INFRA, SANDBOXES', FACTS)).toBe(true);
  });

  it('throws on an invalid rule instead of answering "no"', () => {
    expect(() => matchesSuppressionRule('enviroment = DEV', FACTS)).toThrow(SuppressionRuleError);
  });

  it.each(SUPPRESSION_KEYS)('accepts key %s', (key: SuppressionKey) => {
    expect(() => matchesSuppressionRule(`${key} = x`, FACTS)).not.toThrow();
  });
});
