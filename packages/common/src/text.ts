import { createHash } from 'node:crypto';

/**
 * SHA-256 (hex) of a finding id, optionally with an occurrence: the stable key ticket systems use
 * to recognise a retry for the same finding.
 *
 * @example
 * ```ts
 * findingDigest('arn:aws:securityhub:eu-west-1:111122223333:security-control/EC2.2/finding/abc').slice(0, 12);
 * ```
 */
export function findingDigest(findingId: string, occurrence?: string): string {
  const input = occurrence === undefined ? findingId : `${findingId}\u0000${occurrence}`;
  return createHash('sha256').update(input, 'utf8').digest('hex');
}

/**
 * Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character.
 *
 * @example
 * ```ts
 * truncateUtf8('héllo', 2); // 'h'
 * ```
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = Math.max(0, maxBytes);
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}

/**
 * Cuts `text` to at most `maxChars` characters (code points), adding `…` when cut.
 *
 * @example
 * ```ts
 * truncateChars('a long summary', 6); // 'a lon…'
 * ```
 */
export function truncateChars(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length <= maxChars ? text : `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}

/**
 * A value as it may appear in an error message: JSON-quoted (so control characters are escaped and
 * cannot forge log lines), cut to `maxChars` characters.
 *
 * @example
 * ```ts
 * quote('ABC-1\r\nX-Injected: 1'); // '"ABC-1\\r\\nX-Injected: 1"'
 * ```
 */
export function quote(text: string, maxChars = 64): string {
  return JSON.stringify(text.length > maxChars ? `${text.slice(0, maxChars)}…` : text);
}

/** Lower case, letters and digits only: `Account-ID` and `accountId` both become `accountid`. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Edit distance between two short strings, in code points: insertions, deletions, substitutions and
 * swaps of two neighbours (`tgas` is one edit from `tags`).
 */
function editDistance(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const rows: number[][] = [];
  for (let i = 0; i <= left.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= right.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] ?? [];
      const same = left[i - 1] === right[j - 1];
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + (same ? 0 : 1));
      if (i > 1 && j > 1 && left[i - 1] === right[j - 2] && left[i - 2] === right[j - 1]) {
        best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[left.length]?.[right.length] ?? 0;
}

/**
 * The candidate a misspelt word was probably meant to be: the same letters and digits
 * (`organisation_id` for `organisationId`), a prefix of at least three characters (`env` for
 * `environment`), one or two typing mistakes (`enviroment`), or a long shared beginning
 * (`secretArn` for `secretId`); `undefined` when none is close.
 *
 * @example
 * ```ts
 * closestMatch('enviroment', ['environment', 'team']); // 'environment'
 * closestMatch('colour', ['environment', 'team']); // undefined
 * ```
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const wanted = squash(word);
  if (wanted.length === 0) return undefined;
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
  if (near[0] !== undefined) return near[0].candidate;
  // A long shared beginning (`secretArn` for `secretId`): the longest, if it is at least five
  // characters and half of the word.
  const shared = candidates
    .map((candidate) => ({ candidate, length: commonPrefixLength(squash(candidate), wanted) }))
    .filter(({ length }) => length >= 5 && length * 2 >= wanted.length)
    .sort((x, y) => y.length - x.length);
  return shared[0]?.candidate;
}

function commonPrefixLength(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length += 1;
  return length;
}
