import type { SuppressionOperator } from './ast';
import { parseSuppressionRule, safeParseSuppressionRule } from './parse';
import { SuppressionRuleError } from '../errors';

/** A clause without its position: `[key, operator, values]`. */
type Shape = [string, SuppressionOperator, string[]];

/** The rule as branches of clause shapes, positions left out. */
function shapeOf(text: string): Shape[][] {
  return parseSuppressionRule(text).branches.map((branch) =>
    branch.clauses.map((clause): Shape => [clause.key, clause.operator, [...clause.values]]),
  );
}

describe('Function: parseSuppressionRule', () => {
  describe('the examples of the original documentation', () => {
    it.each<[string, Shape[][]]>([
      ['environment != PROD', [[['environment', '!=', ['PROD']]]]],
      ['organizational_unit = ROOT, INFRA', [[['organizational_unit', '=', ['ROOT', 'INFRA']]]]],
      [
        'environment = DEV AND team = Platform',
        [
          [
            ['environment', '=', ['DEV']],
            ['team', '=', ['Platform']],
          ],
        ],
      ],
      [
        'environment = DEV\nteam = Platform',
        [[['environment', '=', ['DEV']]], [['team', '=', ['Platform']]]],
      ],
      ['account_id != 1', [[['account_id', '!=', ['1']]]]],
      [
        'policy_name = developer-permission-boundary-policy, network-administrator-permission-boundary-policy',
        [
          [
            [
              'policy_name',
              '=',
              ['developer-permission-boundary-policy', 'network-administrator-permission-boundary-policy'],
            ],
          ],
        ],
      ],
    ])('reads %j', (text, expected) => {
      // Act
      const shape = shapeOf(text);

      // Assert
      expect(shape).toEqual(expected);
    });
  });

  describe('keys', () => {
    it.each([
      ['account_id', 'account_id'],
      ['region', 'region'],
      ['client', 'client'],
      ['environment', 'environment'],
      ['organizational_unit', 'organizational_unit'],
      ['ou_path', 'ou_path'],
      ['project', 'project'],
      ['project_name', 'project'],
      ['team', 'team'],
      ['policy_name', 'policy_name'],
      ['ENVIRONMENT', 'environment'],
      ['Project_Name', 'project'],
      ['Ou_Path', 'ou_path'],
    ])('reads key %s as %s', (written, key) => {
      // Act
      const [branch] = parseSuppressionRule(`${written} = x`).branches;

      // Assert
      expect(branch?.clauses[0]?.key).toBe(key);
    });
  });

  describe('operators and value lists', () => {
    it.each<[string, Shape[][]]>([
      ['team = a', [[['team', '=', ['a']]]]],
      ['team != a', [[['team', '!=', ['a']]]]],
      ['team =~ a*', [[['team', '=~', ['a*']]]]],
      ['team !~ a?', [[['team', '!~', ['a?']]]]],
      ['team = a, b, c', [[['team', '=', ['a', 'b', 'c']]]]],
      ['team=a,b,c', [[['team', '=', ['a', 'b', 'c']]]]],
      ['team!=a', [[['team', '!=', ['a']]]]],
      ['team=~a', [[['team', '=~', ['a']]]]],
      ['team = ~a', [[['team', '=', ['~a']]]]],
      ['team = Hello!', [[['team', '=', ['Hello!']]]]],
    ])('reads %j', (text, expected) => {
      expect(shapeOf(text)).toEqual(expected);
    });
  });

  describe('white space', () => {
    it.each<[string, Shape[][]]>([
      ['   team   =   a  ,  b   ', [[['team', '=', ['a', 'b']]]]],
      ['\tteam\t=\ta\t', [[['team', '=', ['a']]]]],
      ['team = Platform Team', [[['team', '=', ['Platform Team']]]]],
      ['team = Platform   Team , Ops', [[['team', '=', ['Platform   Team', 'Ops']]]]],
      ['team = a\u00a0', [[['team', '=', ['a']]]]],
      [
        'team = a\r\nregion = b\rclient = c',
        [[['team', '=', ['a']]], [['region', '=', ['b']]], [['client', '=', ['c']]]],
      ],
    ])('reads %j', (text, expected) => {
      expect(shapeOf(text)).toEqual(expected);
    });
  });

  describe('AND and OR', () => {
    it.each<[string, Shape[][]]>([
      [
        'team = a AND region = b',
        [
          [
            ['team', '=', ['a']],
            ['region', '=', ['b']],
          ],
        ],
      ],
      [
        'team = a and region = b',
        [
          [
            ['team', '=', ['a']],
            ['region', '=', ['b']],
          ],
        ],
      ],
      [
        'team = a And region = b',
        [
          [
            ['team', '=', ['a']],
            ['region', '=', ['b']],
          ],
        ],
      ],
      ['team = a OR region = b', [[['team', '=', ['a']]], [['region', '=', ['b']]]]],
      ['team = a or region = b', [[['team', '=', ['a']]], [['region', '=', ['b']]]]],
      [
        'team = a AND region = b OR client = c AND project = d',
        [
          [
            ['team', '=', ['a']],
            ['region', '=', ['b']],
          ],
          [
            ['client', '=', ['c']],
            ['project', '=', ['d']],
          ],
        ],
      ],
    ])('reads %j', (text, expected) => {
      expect(shapeOf(text)).toEqual(expected);
    });

    it.each([
      ['organizational_unit = ROOT, INFRA, SANDBOXES', ['ROOT', 'INFRA', 'SANDBOXES']],
      ['client = BRAND', ['BRAND']],
      ['team = Android, ANDROID', ['Android', 'ANDROID']],
      ['team = ANDY, ORACLE, Orlando, sandor', ['ANDY', 'ORACLE', 'Orlando', 'sandor']],
      ['team = a ANDb', ['a ANDb']],
      ['team = OR-team', ['OR-team']],
    ])('keeps words that only contain AND or OR as values: %j', (text, values) => {
      // Act
      const rule = parseSuppressionRule(text);

      // Assert
      expect(rule.branches).toHaveLength(1);
      expect(rule.branches[0]?.clauses).toHaveLength(1);
      expect(rule.branches[0]?.clauses[0]?.values).toEqual(values);
    });
  });

  describe('quoted values', () => {
    it.each([
      ['team = "a=b"', ['a=b']],
      ["team = 'a=b'", ['a=b']],
      ['policy_name = "a,b", c', ['a,b', 'c']],
      ['team = " padded "', [' padded ']],
      ['team = "AND", "or"', ['AND', 'or']],
      ['team = "# not a comment"', ['# not a comment']],
      ['team = ""', ['']],
      ['team = "say \\"hi\\""', ['say "hi"']],
      ["team = 'it\\'s'", ["it's"]],
      ['team = "back\\\\slash"', ['back\\slash']],
      ['team = "tab\\tnew\\nline\\r"', ['tab\tnew\nline\r']],
      ['team = "it\'s"', ["it's"]],
      ["team = O'Brien", ["O'Brien"]],
      ['team = say"what"', ['say"what"']],
      ['team = "x" , \'y\'', ['x', 'y']],
    ])('reads %j', (text, values) => {
      expect(parseSuppressionRule(text).branches[0]?.clauses[0]?.values).toEqual(values);
    });
  });

  describe('comments and blank lines', () => {
    it.each<[string, Shape[][]]>([
      ['# only a comment', []],
      ['', []],
      ['\n\n   \n\t\n', []],
      ['team = a # the platform team', [[['team', '=', ['a']]]]],
      ['team = a#b', [[['team', '=', ['a']]]]],
      [
        '# header\n\nteam = a\n\n# between\nregion = b\n\n',
        [[['team', '=', ['a']]], [['region', '=', ['b']]]],
      ],
    ])('reads %j', (text, expected) => {
      expect(shapeOf(text)).toEqual(expected);
    });
  });

  describe('positions', () => {
    it('records the line of each branch and the line and column of each clause', () => {
      // Arrange
      const text = '# skip\n\n  team = a AND region = b\nclient = c OR   project = d';

      // Act
      const rule = parseSuppressionRule(text);

      // Assert
      expect(rule.branches.map((branch) => branch.line)).toEqual([3, 4, 4]);
      expect(rule.branches.flatMap((b) => b.clauses.map((c) => [c.line, c.column]))).toEqual([
        [3, 3],
        [3, 16],
        [4, 1],
        [4, 17],
      ]);
    });

    it('counts columns in characters, not UTF-16 units', () => {
      expect(parseSuppressionRule('team = 😀 AND region = b').branches[0]?.clauses[1]?.column).toBe(14);
    });
  });

  it('returns a deeply frozen tree', () => {
    // Act
    const rule = parseSuppressionRule('team = a, b AND region = c');

    // Assert
    expect(Object.isFrozen(rule)).toBe(true);
    expect(Object.isFrozen(rule.branches)).toBe(true);
    expect(Object.isFrozen(rule.branches[0])).toBe(true);
    expect(Object.isFrozen(rule.branches[0]?.clauses)).toBe(true);
    expect(Object.isFrozen(rule.branches[0]?.clauses[0])).toBe(true);
    expect(Object.isFrozen(rule.branches[0]?.clauses[0]?.values)).toBe(true);
  });

  it('throws a SuppressionRuleError for input that is not text', () => {
    expect(() => parseSuppressionRule(42 as unknown as string)).toThrow(
      new SuppressionRuleError({
        line: 1,
        column: 1,
        token: '',
        expected: 'the rule as text',
        reason: 'expected the rule as text, found number',
      }),
    );
  });
});

describe('Function: safeParseSuppressionRule', () => {
  it('returns the rule as data on success', () => {
    // Act
    const result = safeParseSuppressionRule('team = a');

    // Assert
    expect(result).toEqual({ success: true, data: parseSuppressionRule('team = a') });
  });

  it('returns the error instead of throwing it', () => {
    // Act
    const result = safeParseSuppressionRule('team a');

    // Assert
    expect(result.success).toBe(false);
    expect(!result.success && result.error).toBeInstanceOf(SuppressionRuleError);
    expect(!result.success && result.error.message).toBe(
      'line 1, column 6: expected "=", "!=", "=~" or "!~" after key "team", found "a"',
    );
  });
});
