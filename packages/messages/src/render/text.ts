/**
 * Bidirectional-text controls (can make an id read differently from what it is), zero-width
 * characters and the byte-order mark. Removed from every text a finding supplies.
 */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
/** Control characters other than tab and line feed. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u0084\u0086-\u009F]/g;
/** Every kind of line break, including CR, NEL and the Unicode line/paragraph separators. */
const LINE_BREAKS = /\r\n?|[\u0085\u2028\u2029]/g;
const ELLIPSIS = '…';

/**
 * Cleans multi-line text: line breaks become `\n`, control and invisible characters go, trailing
 * spaces and runs of blank lines collapse, and the ends are trimmed.
 *
 * @example
 * ```ts
 * cleanText('a\r\n\r\n\r\nb\u202E '); // 'a\n\nb'
 * ```
 */
export function cleanText(value: string): string {
  return value
    .replace(LINE_BREAKS, '\n')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Cleans text for a single line (subjects, summaries, headers, table cells): every line break, tab
 * and control character becomes a space, invisible characters go, spaces collapse.
 *
 * @example
 * ```ts
 * singleLine('Bad\r\nBcc: victim@example.com'); // 'Bad Bcc: victim@example.com'
 * ```
 */
export function singleLine(value: string): string {
  return value
    .replace(LINE_BREAKS, ' ')
    .replace(CONTROL, ' ')
    .replace(/[\t\n]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Cuts text to at most `max` UTF-16 code units (the unit Jira, ServiceNow and Slack count), ending
 * with an ellipsis when cut, never splitting a surrogate pair.
 *
 * @example
 * ```ts
 * truncate('abcdef', 4); // 'abc…'
 * ```
 */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let out = '';
  for (const char of value) {
    if (out.length + char.length > max - ELLIPSIS.length) break;
    out += char;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/** {@link singleLine} then {@link truncate}. */
export function oneLine(value: string, max: number): string {
  return truncate(singleLine(value), max);
}

/**
 * Splits cleaned text into paragraphs (at blank lines), each a list of lines.
 *
 * @example
 * ```ts
 * paragraphs('a\nb\n\nc'); // [['a', 'b'], ['c']]
 * ```
 */
export function paragraphs(value: string): string[][] {
  const text = cleanText(value);
  if (text === '') return [];
  return text.split(/\n\s*\n/).map((paragraph) => paragraph.split('\n').map((line) => line.trim()));
}
