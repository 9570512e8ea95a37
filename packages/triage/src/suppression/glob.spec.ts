import { globMatches } from './glob';

describe('Function: globMatches', () => {
  it.each<[string, string, boolean]>([
    ['prod', 'prod', true],
    ['prod', 'PROD', true],
    ['prod', 'production', false],
    ['prod*', 'production', true],
    ['*prod', 'preprod', true],
    ['*prod*', 'preproduction', true],
    ['*', '', true],
    ['*', 'anything', true],
    ['', '', true],
    ['', 'x', false],
    ['?', '', false],
    ['?', 'x', true],
    ['?', '😀', true],
    ['d?v', 'DEV', true],
    ['d?v', 'dv', false],
    ['eu-*-1', 'eu-west-1', true],
    ['eu-*-1', 'eu-west-2', false],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXbYbZ', false],
    ['**a', 'a', true],
    ['a**', 'a', true],
    ['*a', 'bab', false],
    ['[a]', '[a]', true],
    ['.*', 'xyz', false],
    ['.*', '.xyz', true],
  ])('%j against %j -> %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });

  it('answers patterns that make regular expressions backtrack', () => {
    // Arrange: a backtracking matcher tries every way to split 2,000 characters among 51 stars,
    // more steps than any machine finishes, so this test would never end; the star-by-star matcher
    // takes at most pattern × text steps.
    const pattern = `${'*a'.repeat(50)}*b`;
    const text = 'a'.repeat(2000);

    // Act
    const result = globMatches(pattern, text);

    // Assert
    expect(result).toBe(false);
  });
});
