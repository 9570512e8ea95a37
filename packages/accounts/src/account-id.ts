import { InvalidAccountIdError } from './errors';

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Whether `value` is a 12-digit AWS account id.
 *
 * @example
 * ```ts
 * isAccountId('111122223333'); // true
 * isAccountId('1111-2222-3333'); // false
 * ```
 */
export function isAccountId(value: unknown): value is string {
  return typeof value === 'string' && ACCOUNT_ID.test(value);
}

/**
 * Returns `value` if it is a 12-digit AWS account id, else throws {@link InvalidAccountIdError}
 * naming `field`.
 *
 * @example
 * ```ts
 * assertAccountId(finding.AwsAccountId, 'finding.AwsAccountId');
 * ```
 */
export function assertAccountId(value: unknown, field = 'accountId'): string {
  if (!isAccountId(value)) throw new InvalidAccountIdError(field, value);
  return value;
}
