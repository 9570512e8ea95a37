import { SUPPRESSION_KEYS, type SuppressionKey } from './ast';

/** Other spellings accepted for a key; the tree always holds the canonical one. */
const ALIASES: ReadonlyMap<string, SuppressionKey> = new Map([['project_name', 'project']]);

/** Every accepted spelling (lower case) to its canonical key. A `Map`, so `constructor` is no key. */
const SPELLINGS: ReadonlyMap<string, SuppressionKey> = new Map<string, SuppressionKey>([
  ...SUPPRESSION_KEYS.map((key): [string, SuppressionKey] => [key, key]),
  ...ALIASES,
]);

/**
 * The canonical key for a spelling, ignoring upper/lower case; `undefined` for an unknown key.
 *
 * @example
 * ```ts
 * resolveKey('Project_Name'); // 'project'
 * resolveKey('enviroment'); // undefined
 * ```
 */
export function resolveKey(spelling: string): SuppressionKey | undefined {
  return SPELLINGS.get(spelling.toLowerCase());
}

/** Lower case, letters and digits only: `Account-ID` and `accountId` both become `accountid`. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Levenshtein distance between two short strings, in code points. */
function editDistance(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  let previous = right.map((_, index) => index + 1);
  previous.unshift(0);
  for (const [i, leftChar] of left.entries()) {
    const current = [i + 1];
    for (const [j, rightChar] of right.entries()) {
      const substitution = (previous[j] ?? 0) + (leftChar === rightChar ? 0 : 1);
      const insertion = (current[j] ?? 0) + 1;
      const deletion = (previous[j + 1] ?? 0) + 1;
      current.push(Math.min(substitution, insertion, deletion));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/**
 * The known key an unknown one was probably meant to be: same letters and digits (`accountId`),
 * a prefix of at least three characters (`env`), or one or two typing mistakes (`enviroment`).
 *
 * @example
 * ```ts
 * suggestKey('enviroment'); // 'environment'
 * suggestKey('colour'); // undefined
 * ```
 */
export function suggestKey(spelling: string): string | undefined {
  const wanted = squash(spelling);
  if (wanted.length === 0) return undefined;
  const candidates = [...SPELLINGS.keys()];
  const sameLetters = candidates.find((candidate) => squash(candidate) === wanted);
  if (sameLetters !== undefined) return sameLetters;
  const prefixOf = candidates.find((candidate) => wanted.length >= 3 && squash(candidate).startsWith(wanted));
  if (prefixOf !== undefined) return prefixOf;
  const tolerance = wanted.length <= 4 ? 1 : 2;
  const near = candidates
    .filter((candidate) => Math.abs(squash(candidate).length - wanted.length) <= tolerance)
    .map((candidate) => ({ candidate, distance: editDistance(squash(candidate), wanted) }))
    .filter(({ distance }) => distance <= tolerance)
    .sort((x, y) => x.distance - y.distance);
  return near[0]?.candidate;
}
