import { hasControlCharacters } from '@soar/http';
import { InvalidRecipientError } from './errors';

/** SES v2 limit: destinations (To + CC + BCC) per `SendEmail` call. */
export const SES_MAX_DESTINATIONS = 50;

/** Pragmatic address check: one `@`, no whitespace/control/quote/bracket characters, a dotted domain. */
const ADDRESS_PATTERN = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/u;

/**
 * Whether `address` is a plausible email address (no display name, no CR/LF, at most 254 chars).
 *
 * @example
 * ```ts
 * isEmailAddress('team@example.com'); // true
 * isEmailAddress('team@example.com\r\nBcc: x@evil.example'); // false
 * ```
 */
export function isEmailAddress(address: string): boolean {
  return address.length <= 254 && !hasControlCharacters(address) && ADDRESS_PATTERN.test(address);
}

/**
 * Splits entries that hold several addresses (`"a@x.com, b@y.com"`), trims, drops blanks, validates
 * and de-duplicates case-insensitively (first spelling wins).
 *
 * @throws {@link InvalidRecipientError} for a malformed address.
 *
 * @example
 * ```ts
 * normalizeAddresses(['A@x.com, b@y.com', 'a@X.com'], 'to'); // ['A@x.com', 'b@y.com']
 * ```
 */
export function normalizeAddresses(entries: readonly string[], field: string): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const entry of entries) {
    for (const raw of entry.split(/[,;]/u)) {
      const address = raw.trim();
      if (address === '') continue;
      if (!isEmailAddress(address)) throw new InvalidRecipientError(address, field);
      const key = address.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        result.push(address);
      }
    }
  }
  return result;
}

/** To, CC and BCC lists of one `SendEmail` call. */
export interface EmailDestination {
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
}

/**
 * Builds the destinations of one email from the call's recipients plus the configured CC/BCC — a
 * fresh list every call (the original appended to a module-level list, so escalation addresses
 * leaked into later emails). Addresses are validated and de-duplicated case-insensitively across
 * all three lists (an address in To is dropped from CC and BCC, one in CC from BCC), then split into
 * groups of at most `maxPerCall` destinations, keeping each address in its list.
 *
 * @throws {@link InvalidRecipientError} for a malformed address.
 *
 * @example
 * ```ts
 * planDestinations({ to: ['team@example.com'], cc: ['soc@example.com'] }, { cc: ['audit@example.com'] });
 * // [{ to: ['team@example.com'], cc: ['audit@example.com', 'soc@example.com'], bcc: [] }]
 * ```
 */
export function planDestinations(
  recipients: {
    readonly to?: readonly string[];
    readonly cc?: readonly string[];
    readonly bcc?: readonly string[];
  },
  configured: { readonly cc?: readonly string[]; readonly bcc?: readonly string[] } = {},
  maxPerCall: number = SES_MAX_DESTINATIONS,
): EmailDestination[] {
  const to = normalizeAddresses(recipients.to ?? [], 'to');
  const seen = new Set(to.map((address) => address.toLowerCase()));
  const rest = (addresses: string[]): string[] =>
    addresses.filter((address) => {
      const key = address.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const cc = rest(normalizeAddresses([...(configured.cc ?? []), ...(recipients.cc ?? [])], 'cc'));
  const bcc = rest(normalizeAddresses([...(configured.bcc ?? []), ...(recipients.bcc ?? [])], 'bcc'));

  const all = [
    ...to.map((address) => ({ list: 'to' as const, address })),
    ...cc.map((address) => ({ list: 'cc' as const, address })),
    ...bcc.map((address) => ({ list: 'bcc' as const, address })),
  ];
  const size = Math.max(1, Math.min(SES_MAX_DESTINATIONS, Math.floor(maxPerCall)));
  const groups: EmailDestination[] = [];
  for (let start = 0; start < all.length; start += size) {
    const chunk = all.slice(start, start + size);
    groups.push({
      to: chunk.filter((d) => d.list === 'to').map((d) => d.address),
      cc: chunk.filter((d) => d.list === 'cc').map((d) => d.address),
      bcc: chunk.filter((d) => d.list === 'bcc').map((d) => d.address),
    });
  }
  return groups;
}
