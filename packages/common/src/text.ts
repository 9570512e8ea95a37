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
