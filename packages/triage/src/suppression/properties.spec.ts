import fc from 'fast-check';

import {
  SUPPRESSION_KEYS,
  SUPPRESSION_OPERATORS,
  type SuppressionBranch,
  type SuppressionClause,
  type SuppressionRule,
} from './ast';
import { evaluateSuppressionRule, FACT_OF_KEY } from './evaluate';
import type { SuppressionFacts } from './facts';
import { formatSuppressionRule, formatSuppressionValue } from './format';
import { parseSuppressionRule } from './parse';
import { SuppressionRuleError } from '../errors';

/** Property tests run this many cases each (fast-check's default is 100). */
const RUNS = { numRuns: 1000 };

/** Pieces of the language, to build texts that reach deep into the parser. */
const FRAGMENT = fc.constantFrom(
  ...SUPPRESSION_KEYS,
  'project_name',
  'ENVIRONMENT',
  'enviroment',
  '=',
  '!=',
  '=~',
  '!~',
  '==',
  '!',
  '~',
  ',',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  'AND',
  'and',
  'OR',
  'Or',
  'SANDBOXES',
  'BRAND',
  'Android',
  'PROD',
  'a b',
  '*',
  '?',
  '#',
  '# comment',
  '"',
  "'",
  '\\',
  '\\"',
  '"quoted"',
  "'it\\'s'",
  '😀',
  '\u00a0',
  '\u2028',
  'constructor',
  '__proto__',
);
const RULE_LIKE = fc.array(FRAGMENT, { maxLength: 30 }).map((parts) => parts.join(''));

/** Parses and returns the rule or the SuppressionRuleError; anything else thrown escapes. */
function attempt(text: string): SuppressionRule | SuppressionRuleError {
  try {
    return parseSuppressionRule(text);
  } catch (error) {
    if (error instanceof SuppressionRuleError) return error;
    throw error;
  }
}

/** The rule without source positions. */
function structure(rule: SuppressionRule): unknown {
  return rule.branches.map((branch) =>
    branch.clauses.map(({ key, operator, values }) => ({ key, operator, values: [...values] })),
  );
}

/** Any value: arbitrary Unicode, or the characters and words the syntax gives a meaning to. */
const VALUE = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ maxLength: 12 }),
  fc.array(FRAGMENT, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')),
  fc.stringMatching(/^[A-Za-z0-9_.:/@+-]{1,10}$/),
);

const CLAUSE: fc.Arbitrary<SuppressionClause> = fc.record({
  key: fc.constantFrom(...SUPPRESSION_KEYS),
  operator: fc.constantFrom(...SUPPRESSION_OPERATORS),
  values: fc.array(VALUE, { minLength: 1, maxLength: 4 }),
  line: fc.constant(0),
  column: fc.constant(0),
});
const BRANCH: fc.Arbitrary<SuppressionBranch> = fc.record({
  line: fc.constant(0),
  clauses: fc.array(CLAUSE, { minLength: 1, maxLength: 4 }),
});
const RULE: fc.Arbitrary<SuppressionRule> = fc.record({ branches: fc.array(BRANCH, { maxLength: 4 }) });

const TEXT = fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.stringMatching(/^[A-Za-z-]{0,6}$/));
const FACTS: fc.Arbitrary<SuppressionFacts> = fc.record(
  {
    accountId: TEXT,
    region: fc.option(TEXT, { nil: undefined }),
    client: TEXT,
    environment: TEXT,
    organizationalUnit: TEXT,
    organizationalUnitPath: fc.array(TEXT, { maxLength: 4 }),
    project: TEXT,
    team: TEXT,
    policyName: TEXT,
  },
  {
    requiredKeys: [
      'accountId',
      'region',
      'client',
      'environment',
      'organizationalUnit',
      'organizationalUnitPath',
      'project',
      'team',
    ],
  },
);

/** A random case for a word: `and`, `AND`, `aNd`... */
function randomCase(word: string, flips: readonly boolean[]): string {
  return Array.from(word, (char, index) =>
    flips[index % flips.length] ? char.toUpperCase() : char.toLowerCase(),
  ).join('');
}

/** Writes a value in quotes of the given kind, escaping what must be. */
function quote(value: string, mark: '"' | "'"): string {
  const escapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', [mark]: `\\${mark}` };
  return `${mark}${Array.from(value, (char) => escapes[char] ?? char).join('')}${mark}`;
}

/** Writes a rule the way a person might: any case, spacing, quotes, aliases, comments and OR. */
const NOISY: fc.Arbitrary<{ rule: SuppressionRule; text: string }> = RULE.chain((rule) =>
  fc
    .record({
      flips: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
      space: fc.array(fc.constantFrom(' ', '  ', '\t'), { minLength: 1, maxLength: 5 }),
      quoting: fc.array(fc.constantFrom('bare', '"', "'"), { minLength: 1, maxLength: 5 }),
      alias: fc.boolean(),
      separators: fc.array(fc.constantFrom('\n', '\r\n', '\n\n  \n', '\n# comment\n', ' OR ', ' or '), {
        minLength: 1,
        maxLength: 4,
      }),
      trailing: fc.constantFrom('', ' # note', '\n', '\n\n'),
    })
    .map(({ flips, space, quoting, alias, separators, trailing }) => {
      let turn = 0;
      const next = <T>(choices: readonly T[]): T => {
        turn += 1;
        return choices[turn % choices.length] as T;
      };
      const writeValue = (value: string): string => {
        const style = next(quoting);
        const bare = formatSuppressionValue(value) === value;
        return style === 'bare' && bare ? value : quote(value, style === "'" ? "'" : '"');
      };
      const writeClause = ({ key, operator, values }: SuppressionClause): string => {
        const spelled = key === 'project' && alias ? 'project_name' : key;
        const gap = next(space);
        return `${randomCase(spelled, flips)}${gap}${operator}${next(space)}${values.map(writeValue).join(`${gap},${next(space)}`)}`;
      };
      const lines = rule.branches.map((branch) =>
        branch.clauses.map(writeClause).join(`${next(space)}${randomCase('and', flips)}${next(space)}`),
      );
      const text = lines.reduce(
        (all, line, index) => (index === 0 ? line : `${all}${next(separators)}${line}`),
        '',
      );
      return { rule, text: `${next(space)}${text}${trailing}` };
    }),
);

describe('Function: parseSuppressionRule (properties)', () => {
  it.each([
    ['fc.string()', fc.string()],
    ['fc.string({ unit: "binary" }) (full Unicode, lone surrogates included)', fc.string({ unit: 'binary' })],
    ['fc.string({ unit: "grapheme" })', fc.string({ unit: 'grapheme' })],
    ['texts built from pieces of the language', RULE_LIKE],
  ])('throws nothing but a positioned SuppressionRuleError on %s', (_name, text) => {
    fc.assert(
      fc.property(text, (input) => {
        // Act
        const result = attempt(input);

        // Assert
        if (result instanceof SuppressionRuleError) {
          const lines = input.split(/\r\n|\r|\n/).length;
          expect(result.line).toBeGreaterThanOrEqual(1);
          expect(result.line).toBeLessThanOrEqual(lines);
          expect(result.column).toBeGreaterThanOrEqual(1);
          expect(result.message.startsWith(`line ${result.line}, column ${result.column}: `)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe('Function: formatSuppressionRule (properties)', () => {
  it('reads back the rule it wrote (positions aside), whatever the values', () => {
    fc.assert(
      fc.property(RULE, (rule) => {
        // Act
        const reread = parseSuppressionRule(formatSuppressionRule(rule));

        // Assert
        expect(structure(reread)).toEqual(structure(rule));
      }),
      RUNS,
    );
  });

  it('is a fixed point: parse(format(r)) equals r, positions included, for a canonical r', () => {
    fc.assert(
      fc.property(RULE, (generated) => {
        // Arrange
        const rule = parseSuppressionRule(formatSuppressionRule(generated));

        // Act
        const reread = parseSuppressionRule(formatSuppressionRule(rule));

        // Assert
        expect(reread).toEqual(rule);
      }),
      RUNS,
    );
  });

  it('keeps the meaning of every rule it can read, however it was written', () => {
    fc.assert(
      fc.property(NOISY, FACTS, ({ text }, facts) => {
        // Arrange
        const rule = parseSuppressionRule(text);

        // Act
        const reread = parseSuppressionRule(formatSuppressionRule(rule));

        // Assert
        expect(structure(reread)).toEqual(structure(rule));
        expect(evaluateSuppressionRule(reread, facts).matched).toBe(
          evaluateSuppressionRule(rule, facts).matched,
        );
      }),
      RUNS,
    );
  });
});

describe('Function: evaluateSuppressionRule (properties)', () => {
  const SCALAR_KEYS = SUPPRESSION_KEYS.filter((key) => key !== 'ou_path');

  it('k = v1, v2 holds exactly when the fact is v1 or v2, and != is its negation', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCALAR_KEYS),
        VALUE,
        VALUE,
        FACTS,
        fc.boolean(),
        (key, v1, v2, base, hit) => {
          // Arrange: half of the time the fact is one of the values.
          const fact = hit ? v1 : base[FACT_OF_KEY[key]];
          const facts = { ...base, [FACT_OF_KEY[key]]: fact };
          const written = parseSuppressionRule(formatSuppressionRule(ruleOf(key, '=', [v1, v2])));
          const negated = parseSuppressionRule(formatSuppressionRule(ruleOf(key, '!=', [v1, v2])));

          // Act
          const matched = evaluateSuppressionRule(written, facts).matched;

          // Assert
          expect(matched).toBe(fact === v1 || fact === v2);
          expect(evaluateSuppressionRule(negated, facts).matched).toBe(!matched);
        },
      ),
      RUNS,
    );
  });

  it('ou_path = v1, v2 holds exactly when some OU in the path is v1 or v2', () => {
    fc.assert(
      fc.property(VALUE, VALUE, FACTS, fc.boolean(), (v1, v2, base, hit) => {
        // Arrange
        const path = hit ? [...base.organizationalUnitPath, v2] : base.organizationalUnitPath;
        const facts = { ...base, organizationalUnitPath: path };

        // Act
        const matched = evaluateSuppressionRule(ruleOf('ou_path', '=', [v1, v2]), facts).matched;

        // Assert
        expect(matched).toBe(path.some((name) => name === v1 || name === v2));
      }),
      RUNS,
    );
  });

  it('=~ without wildcards is equality ignoring case', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCALAR_KEYS),
        fc.stringMatching(/^[A-Za-z0-9 -]{0,8}$/),
        FACTS,
        fc.boolean(),
        (key, value, base, hit) => {
          // Arrange
          const fact = hit ? value.toUpperCase() : base[FACT_OF_KEY[key]];
          const facts = { ...base, [FACT_OF_KEY[key]]: fact };

          // Act
          const matched = evaluateSuppressionRule(ruleOf(key, '=~', [value]), facts).matched;

          // Assert
          expect(matched).toBe(typeof fact === 'string' && fact.toLowerCase() === value.toLowerCase());
        },
      ),
      RUNS,
    );
  });

  it('never throws, whatever the rule and whatever the facts', () => {
    fc.assert(
      fc.property(RULE, fc.oneof(FACTS, fc.anything()), (rule, facts) => {
        expect(() => evaluateSuppressionRule(rule, facts as SuppressionFacts)).not.toThrow();
      }),
      RUNS,
    );
  });
});

/** A one-clause rule. */
function ruleOf(
  key: SuppressionClause['key'],
  operator: SuppressionClause['operator'],
  values: string[],
): SuppressionRule {
  return { branches: [{ line: 1, clauses: [{ key, operator, values, line: 1, column: 1 }] }] };
}

describe('Function: parseSuppressionRule (properties of valid writing)', () => {
  it('reads any valid way of writing a rule as that rule', () => {
    fc.assert(
      fc.property(NOISY, ({ rule, text }) => {
        expect(structure(parseSuppressionRule(text))).toEqual(structure(rule));
      }),
      RUNS,
    );
  });
});
