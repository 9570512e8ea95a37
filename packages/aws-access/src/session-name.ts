import { ValidationError } from './errors';
import { assertAccountId } from './validation';

/** Prefix of every role session name this package creates, so SOAR sessions stand out in CloudTrail. */
export const SESSION_NAME_PREFIX = 'soar-';

/** STS `RoleSessionName` length limit. */
export const SESSION_NAME_MAX_LENGTH = 64;

/** Runs of characters STS does not accept in a role session name (allowed: `[\w+=,.@-]`). */
const DISALLOWED = /[^\w+=,.@-]+/g;

/**
 * A valid, recognisable STS role session name for a purpose: `soar-<purpose>[-<accountId>]`.
 *
 * The session name is recorded in the member account's CloudTrail (`userIdentity.arn` ends in
 * `assumed-role/<role>/<session name>`), so naming sessions after what they do, e.g.
 * `soar-remediate-EC2.2`, tells an investigator which automation made a change.
 *
 * Sanitising: every run of characters outside `[\w+=,.@-]` becomes one `-`, leading and trailing `-`
 * are dropped, the `soar-` prefix is added unless already present, and the purpose is truncated so that
 * the whole name, including the account suffix, fits in 64 characters.
 *
 * @param purpose - What the session is for, e.g. `remediate-EC2.2` or `auto-suppress`.
 * @param accountId - Optional 12-digit account id to append. The factory does not pass one: the target
 * account is already in every CloudTrail event of the session, and leaving it out keeps the 64 characters
 * for the purpose.
 * @throws {@link ValidationError} (field `purpose`) if nothing usable is left after sanitising, or
 * (field `accountId`) if the account id is not 12 digits.
 *
 * @example
 * ```ts
 * sessionName('remediate-EC2.2'); // 'soar-remediate-EC2.2'
 * sessionName('auto suppress / low'); // 'soar-auto-suppress-low'
 * sessionName('triage', '111122223333'); // 'soar-triage-111122223333'
 * ```
 */
export function sessionName(purpose: string, accountId?: string): string {
  return buildSessionName(purpose, accountId, 'purpose', 'accountId');
}

/** {@link sessionName}, reporting errors against the given field names. */
export function buildSessionName(
  purpose: unknown,
  accountId: string | undefined,
  purposeField: string,
  accountIdField: string,
): string {
  if (typeof purpose !== 'string') {
    throw new ValidationError(purposeField, purpose, 'must be a string');
  }
  if (accountId !== undefined) assertAccountId(accountId, accountIdField);

  const suffix = accountId === undefined ? '' : `-${accountId}`;
  let body = purpose.replace(DISALLOWED, '-').replace(/^-+/, '');
  if (body.startsWith(SESSION_NAME_PREFIX)) body = body.slice(SESSION_NAME_PREFIX.length);
  body = trimDashes(
    trimDashes(body).slice(0, SESSION_NAME_MAX_LENGTH - SESSION_NAME_PREFIX.length - suffix.length),
  );
  if (body === '') {
    throw new ValidationError(
      purposeField,
      purpose,
      'must contain at least one character of [A-Za-z0-9_+=,.@-] to name the role session after',
    );
  }
  return `${SESSION_NAME_PREFIX}${body}${suffix}`;
}

function trimDashes(value: string): string {
  return value.replace(/^-+|-+$/g, '');
}
