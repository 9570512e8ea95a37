import * as z from 'zod';

import { SecurityHubFindingsCustomActionEventSchema } from './security-hub-findings-custom-action-event';
import { SecurityHubFindingsImportedEventSchema } from './security-hub-findings-imported-event';

/**
 * Either Security Hub event that carries findings, told apart by `detail-type`:
 * {@link SecurityHubFindingsImportedEventSchema} or {@link SecurityHubFindingsCustomActionEventSchema}.
 *
 * @example
 * ```ts
 * const event = SecurityHubEventSchema.parse(input);
 * if (event['detail-type'] === 'Security Hub Findings - Custom Action') {
 *   console.log(event.detail.actionName); // narrowed to the custom action event
 * }
 * ```
 */
export const SecurityHubEventSchema = z.discriminatedUnion('detail-type', [
  SecurityHubFindingsImportedEventSchema,
  SecurityHubFindingsCustomActionEventSchema,
]);

/** A Security Hub event that carries findings; inferred from {@link SecurityHubEventSchema}. */
export type SecurityHubEvent = z.infer<typeof SecurityHubEventSchema>;
