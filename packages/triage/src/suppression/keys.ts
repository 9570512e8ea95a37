import { closestMatch } from '@soar/common';
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
  return closestMatch(spelling, [...SPELLINGS.keys()]);
}
