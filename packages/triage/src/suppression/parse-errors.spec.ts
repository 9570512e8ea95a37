import { parseSuppressionRule } from './parse';
import { SuppressionRuleError, TriageError } from '../errors';

/** The error parsing `text` throws; fails the test when it throws nothing. */
function errorOf(text: string): SuppressionRuleError {
  try {
    parseSuppressionRule(text);
  } catch (error) {
    if (error instanceof SuppressionRuleError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('Function: parseSuppressionRule (errors)', () => {
  describe.each<[string, string, string]>([
    // Missing or wrong operator
    [
      'missing operator',
      'environment PROD',
      'line 1, column 13: expected "=", "!=", "=~" or "!~" after key "environment", found "PROD"',
    ],
    [
      'missing operator at the end of the line',
      'team = a\nenvironment',
      'line 2, column 12: expected "=", "!=", "=~" or "!~" after key "environment", found end of line',
    ],
    [
      'unknown operator',
      'team = a\nenvironment  == PROD',
      'line 2, column 14: expected "=", "!=", "=~" or "!~" after key "environment", found "=="',
    ],
    [
      'unknown operator',
      'environment =! PROD',
      'line 1, column 13: expected "=", "!=", "=~" or "!~" after key "environment", found "=!"',
    ],
    // Unknown keys
    [
      'unknown key, typo',
      'enviroment = PROD',
      'line 1, column 1: unknown key "enviroment"; did you mean "environment"?',
    ],
    [
      'unknown key, camel case',
      'team = a AND accountId = 1',
      'line 1, column 14: unknown key "accountId"; did you mean "account_id"?',
    ],
    ['unknown key, prefix', 'env = DEV', 'line 1, column 1: unknown key "env"; did you mean "environment"?'],
    [
      'unknown key, dashes',
      'policy-name = x',
      'line 1, column 1: unknown key "policy-name"; did you mean "policy_name"?',
    ],
    [
      'unknown key, nothing close',
      'colour = blue',
      'line 1, column 1: unknown key "colour"; expected one of account_id, region, client, environment, organizational_unit, ou_path, project, team, policy_name',
    ],
    [
      'unknown key that is an Object property name',
      'constructor = x',
      'line 1, column 1: unknown key "constructor"; expected one of account_id, region, client, environment, organizational_unit, ou_path, project, team, policy_name',
    ],
    [
      'a value holding the word "and", unquoted',
      'team = Research and Development',
      'line 1, column 21: unknown key "Development"; if "and" is part of the value before it, put that value in quotes',
    ],
    // Keys in the wrong place
    ['no key', '= PROD', 'line 1, column 1: expected a key such as "environment", found "="'],
    ['quoted key', "'team' = a", `line 1, column 1: expected a key such as "environment", found "'team'"`],
    ['leading AND', 'AND team = a', 'line 1, column 1: expected a key such as "environment", found "AND"'],
    // Empty value lists
    ['empty value list', 'environment =', 'line 1, column 14: expected a value after "=", found end of line'],
    [
      'empty value list before a comment',
      'environment != # none',
      'line 1, column 16: expected a value after "!=", found end of line',
    ],
    [
      'empty value list before AND',
      'team = AND region = a',
      'line 1, column 8: expected a value after "=", found "AND"; to use "AND" as a value, put it in quotes',
    ],
    [
      'trailing comma',
      'environment = DEV,',
      'line 1, column 19: expected a value after ",", found end of line',
    ],
    [
      'empty list item',
      'environment = DEV,,TEST',
      'line 1, column 19: expected a value after ",", found ","',
    ],
    ['leading comma', 'environment = , DEV', 'line 1, column 15: expected a value after "=", found ","'],
    // Dangling keywords
    [
      'dangling AND',
      'environment = DEV AND',
      'line 1, column 22: expected a key after "AND", found end of line',
    ],
    [
      'dangling and before a comment',
      'environment = DEV and # x',
      'line 1, column 23: expected a key after "and", found end of line',
    ],
    [
      'dangling AND continued on the next line',
      'environment = DEV AND\nteam = a',
      'line 1, column 22: expected a key after "AND", found end of line',
    ],
    [
      'dangling OR',
      'environment = DEV OR',
      'line 1, column 21: expected a key after "OR", found end of line',
    ],
    [
      'double AND',
      'team = a AND AND region = b',
      'line 1, column 14: expected a key after "AND", found "AND"',
    ],
    // Quotes and escapes
    [
      'unterminated double quote',
      'environment = "PROD',
      'line 1, column 15: expected a closing " for the quoted value that starts here, found end of line',
    ],
    [
      'unterminated single quote, then more lines',
      "team = a\nenvironment = 'PROD\nteam = b",
      "line 2, column 15: expected a closing ' for the quoted value that starts here, found end of line",
    ],
    [
      'unknown escape',
      'team = "a\\qb"',
      'line 1, column 10: unknown escape "\\q" in a quoted value; expected \\\\, \\", \\\', \\n, \\r or \\t',
    ],
    // After a value
    [
      '= inside an unquoted value',
      'team = a=b',
      'line 1, column 9: expected ",", "AND", "OR" or the end of the line after the value "a", found "="; if "=" is part of the value, put the whole value in quotes',
    ],
    [
      'plain text after a quoted value',
      'team = "a" b',
      'line 1, column 12: expected ",", "AND", "OR" or the end of the line after the value "a", found "b"',
    ],
    [
      'quoted text after a plain value',
      "team = a 'b'",
      `line 1, column 10: expected ",", "AND", "OR" or the end of the line after the value "a", found "'b'"; to mix quoted and plain text, put the whole value in quotes`,
    ],
  ])('%s', (_case, text, message) => {
    it(`rejects ${JSON.stringify(text)} with the exact message`, () => {
      // Act
      const error = errorOf(text);

      // Assert
      expect(error.message).toBe(message);
    });
  });

  it('reports the first mistake in text order', () => {
    // Arrange: a syntax error on line 1, an unclosed quote on line 2.
    const text = 'team a\nregion = "open';

    // Act
    const error = errorOf(text);

    // Assert
    expect([error.line, error.column]).toEqual([1, 6]);
  });

  it('carries the position, the offending token, what was expected and a suggestion', () => {
    // Act
    const error = errorOf('team = a\n  enviroment = PROD');

    // Assert
    expect(error).toBeInstanceOf(TriageError);
    expect(error.name).toBe('SuppressionRuleError');
    expect(error).toMatchObject({
      line: 2,
      column: 3,
      token: 'enviroment',
      expected:
        'one of account_id, region, client, environment, organizational_unit, ou_path, project, team, policy_name',
      reason: 'unknown key "enviroment"; did you mean "environment"?',
      suggestion: 'environment',
    });
  });

  it('has an empty token at the end of a line', () => {
    // Act
    const error = errorOf('environment =');

    // Assert
    expect(error).toMatchObject({ token: '', expected: 'a value' });
    expect(error.suggestion).toBeUndefined();
  });

  it('shortens a very long offending token in the message', () => {
    // Act
    const error = errorOf(`team ${'x'.repeat(100)}`);

    // Assert
    expect(error.message).toBe(
      `line 1, column 6: expected "=", "!=", "=~" or "!~" after key "team", found "${'x'.repeat(39)}…"`,
    );
    expect(error.token).toBe('x'.repeat(100));
  });
});
