/**
 * Whether `text` matches a wildcard `pattern` as a whole, ignoring upper/lower case: `*` stands
 * for any run of characters (even none), `?` for exactly one character; every other character
 * stands for itself. Runs in time proportional to the product of the lengths (no regular
 * expression, so no pattern can make it slow).
 *
 * @example
 * ```ts
 * globMatches('prod*', 'Production'); // true
 * globMatches('eu-*-1', 'eu-west-1'); // true
 * globMatches('dev?', 'dev'); // false
 * ```
 */
export function globMatches(pattern: string, text: string): boolean {
  const wanted = Array.from(pattern.toLowerCase());
  const actual = Array.from(text.toLowerCase());
  let p = 0;
  let t = 0;
  /** Position of the last `*` seen, and of the text where it started matching. */
  let star = -1;
  let starText = 0;
  while (t < actual.length) {
    const char = wanted[p];
    if (char === '*') {
      star = p;
      starText = t;
      p += 1;
    } else if (char !== undefined && (char === '?' || char === actual[t])) {
      p += 1;
      t += 1;
    } else if (star >= 0) {
      p = star + 1;
      starText += 1;
      t = starText;
    } else {
      return false;
    }
  }
  while (wanted[p] === '*') p += 1;
  return p === wanted.length;
}
