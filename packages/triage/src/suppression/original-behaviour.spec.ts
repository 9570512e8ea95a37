import fc from 'fast-check';

import { matchesSuppressionRule } from './evaluate';
import type { SuppressionFacts } from './facts';

// ---------------------------------------------------------------------------------------------
// TEST ORACLE — NOT PRODUCTION CODE. A deliberately faithful model of how the original Python
// `suppress_locally` read a rule, which made some valid rules silently never match: lines split on
// "\n", clauses split on the raw substring "AND" (case-sensitive, not word-bounded), the first "="
// or "!=" taken as the operator, a second "=" or an unknown key making the clause false. It exists
// only to show where the new parser differs (the bugs) and where it must agree (everything else).
// ---------------------------------------------------------------------------------------------
const ORIGINAL_BINDINGS: ReadonlyMap<string, (facts: SuppressionFacts) => string | undefined> = new Map([
  ['account_id', (facts: SuppressionFacts) => facts.accountId],
  ['region', (facts: SuppressionFacts) => facts.region],
  ['client', (facts: SuppressionFacts) => facts.client],
  ['environment', (facts: SuppressionFacts) => facts.environment],
  ['organizational_unit', (facts: SuppressionFacts) => facts.organizationalUnit],
  ['project_name', (facts: SuppressionFacts) => facts.project],
  ['team', (facts: SuppressionFacts) => facts.team],
  ['policy_name', (facts: SuppressionFacts) => facts.policyName],
]);

function originalClause(clause: string, facts: SuppressionFacts): boolean {
  const at = clause.search(/!=|=/);
  if (at < 0) return false;
  const operator = clause.startsWith('!=', at) ? '!=' : '=';
  const key = clause.slice(0, at).trim();
  const rest = clause.slice(at + operator.length);
  if (rest.includes('=')) return false;
  const read = ORIGINAL_BINDINGS.get(key);
  if (read === undefined) return false;
  const values = rest.split(',').map((value) => value.trim());
  const inList = values.some((value) => value === read(facts));
  return operator === '=' ? inList : !inList;
}

function originalMatches(text: string, facts: SuppressionFacts): boolean {
  return text
    .split('\n')
    .some((line) => line.trim() !== '' && line.split('AND').every((clause) => originalClause(clause, facts)));
}
// ------------------------------------------- end of oracle -----------------------------------

const FACTS: SuppressionFacts = {
  accountId: '111122223333',
  region: 'eu-west-1',
  client: 'Acme',
  environment: 'DEV',
  organizationalUnit: 'SANDBOXES',
  organizationalUnitPath: ['Root', 'SANDBOXES'],
  project: 'payments',
  team: 'Android',
};

describe('Function: matchesSuppressionRule (compared with the original)', () => {
  describe('the bugs it fixes', () => {
    it.each<[string, string, Partial<SuppressionFacts>, boolean, boolean]>([
      ['a list holding SANDBOXES', 'organizational_unit = ROOT, INFRA, SANDBOXES', {}, false, true],
      [
        'a list holding SANDBOXES, other OU',
        'organizational_unit = ROOT, INFRA, SANDBOXES',
        { organizationalUnit: 'ROOT' },
        false,
        true,
      ],
      ['a value holding BRAND', 'client = BRAND', { client: 'BRAND' }, false, true],
      ['a value holding Android (mixed case is safe in both)', 'team = Android', {}, true, true],
      ['a value holding ANDROID', 'team = ANDROID', { team: 'ANDROID' }, false, true],
      [
        'a negated list holding SANDBOXES',
        'organizational_unit != SANDBOXES',
        { organizationalUnit: 'ROOT' },
        false,
        true,
      ],
      ['an = inside a quoted value', 'policy_name = "a=b"', { policyName: 'a=b' }, false, true],
      ['lower-case and as a keyword', 'environment = DEV and team = Android', {}, false, true],
      ['a key in capitals', 'ENVIRONMENT = DEV', {}, false, true],
    ])('%s: %j', (_case, text, overrides, original, ours) => {
      // Arrange
      const facts = { ...FACTS, ...overrides };

      // Act
      const before = originalMatches(text, facts);
      const now = matchesSuppressionRule(text, facts);

      // Assert
      expect(before).toBe(original);
      expect(now).toBe(ours);
    });

    it.each(['enviroment = DEV', 'environment == DEV', 'environment = DEV AND', 'team = a=b'])(
      'rejects %j, which the original silently read as "no match"',
      (text) => {
        // Act
        const before = originalMatches(text, FACTS);

        // Assert
        expect(before).toBe(false);
        expect(() => matchesSuppressionRule(text, FACTS)).toThrow(/^line 1, column \d+: /);
      },
    );
  });

  describe('the rules it keeps', () => {
    /** Words the original never mangles: no "AND" inside, no keyword, no special character. */
    const word = fc
      .stringMatching(/^[A-Za-z0-9_.:/@+-]{1,8}$/)
      .filter((text) => !text.includes('AND') && !['and', 'or'].includes(text.toLowerCase()));
    const value = fc.array(word, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
    const space = fc.constantFrom('', ' ', '  ', '\t');
    const keys = [...ORIGINAL_BINDINGS.keys()];

    it('gives the same answer as the original on every rule the original reads correctly', () => {
      fc.assert(
        fc.property(
          fc.array(value, { minLength: 1, maxLength: 6 }),
          fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
          fc.array(
            fc.array(
              fc.record({
                key: fc.constantFrom(...keys),
                operator: fc.constantFrom('=', '!='),
                values: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
                pad: fc.tuple(space, space, space),
              }),
              { minLength: 1, maxLength: 3 },
            ),
            { minLength: 0, maxLength: 3 },
          ),
          fc.boolean(),
          (pool, picks, lines, blankLine) => {
            // Arrange: facts drawn from the same pool as the values, so matches happen.
            const pick = (index: number): string => pool[index % pool.length] ?? '';
            const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = picks;
            const facts: SuppressionFacts = {
              accountId: pick(a),
              region: pick(b),
              client: pick(c),
              environment: pick(d),
              organizationalUnit: pick(e),
              organizationalUnitPath: [],
              project: pick(f),
              team: pick(g),
              ...(h % 3 === 0 ? {} : { policyName: pick(h) }),
            };
            const text = lines
              .map((clauses) =>
                clauses
                  .map(
                    ({ key, operator, values, pad: [p1, p2, p3] }) =>
                      `${p1}${key}${p2}${operator}${p3}${values.map((index) => `${p1}${pick(index)}${p2}`).join(',')}`,
                  )
                  .join(' AND '),
              )
              .join(blankLine ? '\n\n' : '\n');

            // Act + Assert
            expect(matchesSuppressionRule(text, facts)).toBe(originalMatches(text, facts));
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
