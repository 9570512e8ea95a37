import * as z from 'zod';

import { isAccountId } from './account-id';

/** CloudTrail event names of AWS Organizations that change an account's cached metadata. */
export const ACCOUNT_CHANGING_EVENT_NAMES = [
  'TagResource',
  'UntagResource',
  'MoveAccount',
  'CloseAccount',
  'RemoveAccountFromOrganization',
] as const;

const EventSchema = z.object({
  source: z.literal('aws.organizations'),
  detail: z.object({
    eventName: z.string(),
    requestParameters: z
      .object({ resourceId: z.unknown().optional(), accountId: z.unknown().optional() })
      .nullish(),
  }),
});

const NAMES: ReadonlySet<string> = new Set(ACCOUNT_CHANGING_EVENT_NAMES);

/**
 * The account ids whose cached metadata an EventBridge event from AWS Organizations (CloudTrail
 * "AWS API Call via CloudTrail", delivered in us-east-1) makes stale: `TagResource` /
 * `UntagResource` of an account (`resourceId`), and `MoveAccount`, `CloseAccount`,
 * `RemoveAccountFromOrganization` (`accountId`). Any other event, or a tag change on an OU, root or
 * policy, gives `[]`. Pure; never throws.
 *
 * @example
 * ```ts
 * for (const id of accountIdsFromOrganizationsEvent(event)) await service.invalidate(id);
 * ```
 */
export function accountIdsFromOrganizationsEvent(event: unknown): string[] {
  const parsed = EventSchema.safeParse(event);
  if (!parsed.success || !NAMES.has(parsed.data.detail.eventName)) return [];
  const parameters = parsed.data.detail.requestParameters;
  const id = parameters?.resourceId ?? parameters?.accountId;
  return isAccountId(id) ? [id] : [];
}
