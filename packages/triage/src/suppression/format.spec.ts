import { formatSuppressionRule, formatSuppressionValue } from './format';
import { parseSuppressionRule } from './parse';

describe('Function: formatSuppressionValue', () => {
  it.each([
    ['PROD', 'PROD'],
    ['Platform Team', 'Platform Team'],
    ['Platform  Team', 'Platform  Team'],
    ["O'Brien", "O'Brien"],
    ['eu-*-1', 'eu-*-1'],
    ['SANDBOXES', 'SANDBOXES'],
    ['Hello!', 'Hello!'],
    ['~x', '~x'],
    ['', '""'],
    [' padded', '" padded"'],
    ['padded ', '"padded "'],
    ['a,b', '"a,b"'],
    ['a=b', '"a=b"'],
    ['a!=b', '"a!=b"'],
    ['a!~b', '"a!~b"'],
    ['#1', '"#1"'],
    ['AND', '"AND"'],
    ['research and development', '"research and development"'],
    ['or', '"or"'],
    ["'quoted'", `"'quoted'"`],
    ['say "hi"', '"say \\"hi\\""'],
    ['"', '"\\""'],
    ['back\\slash', 'back\\slash'],
    ['back\\slash, too', '"back\\\\slash, too"'],
    ['two\nlines', '"two\\nlines"'],
    ['tab\there', '"tab\\there"'],
  ])('writes %j as %s', (value, written) => {
    expect(formatSuppressionValue(value)).toBe(written);
  });
});

describe('Function: formatSuppressionRule', () => {
  it('writes the canonical form: one branch per line, canonical keys, no comments', () => {
    // Arrange
    const rule = parseSuppressionRule(
      "# header\n\n  Environment=DEV,TEST and TEAM = 'Platform' # why\nproject_name = x OR region =~ 'eu-*'\n",
    );

    // Act
    const text = formatSuppressionRule(rule);

    // Assert
    expect(text).toBe('environment = DEV, TEST AND team = Platform\nproject = x\nregion =~ eu-*');
  });

  it('writes an empty rule as an empty text', () => {
    expect(formatSuppressionRule(parseSuppressionRule('# nothing\n\n'))).toBe('');
  });

  it('keeps quotes where they are needed', () => {
    // Arrange
    const text = 'policy_name = "a,b", "c=d", "AND" AND team != " x"';

    // Act + Assert
    expect(formatSuppressionRule(parseSuppressionRule(text))).toBe(text);
  });
});
