import * as z from 'zod';

/** Secrets Manager id (name or ARN) of a ticket system's credentials. */
const secretId = () => z.string().trim().min(1);

/**
 * Which ticket system SOAR opens its tickets in, and how: the one definition the CDK app config,
 * the Lambda runtime configuration and the simulation all read. Unknown keys are errors.
 *
 * - `internal`: tickets live in SOAR's own store only (ids `SOAR-<hex>`); the team is emailed.
 * - `jira`: Jira Cloud; the secret holds `{ baseUrl, email, apiToken }`.
 * - `servicenow`: ServiceNow; the secret holds `{ instanceUrl, username, password }`.
 *
 * `secretId` may be left out in the CDK app config: the stack then creates an empty secret to fill
 * in and writes its ARN into the functions' configuration.
 *
 * @example
 * ```ts
 * TicketSystemConfigSchema.parse({ system: 'jira', secretId: 'soar/jira', finalTransitions: ['Done'] });
 * ```
 */
export const TicketSystemConfigSchema = z.lazy(() =>
  z.discriminatedUnion('system', [
    z.strictObject({ system: z.literal('internal') }),
    z.strictObject({
      system: z.literal('jira'),
      secretId: secretId().optional(),
      issueType: z.string().trim().min(1).default('Task'),
      /** Transitions tried in order right after an issue is created (e.g. `To Do`). */
      initialTransitions: z.array(z.string().min(1)).default([]),
      /** Transitions tried in order to close an issue. */
      finalTransitions: z.array(z.string().min(1)).min(1).default(['Done']),
    }),
    z.strictObject({
      system: z.literal('servicenow'),
      secretId: secretId().optional(),
      /** The table tickets are created in. */
      table: z.string().trim().min(1).default('incident'),
      location: z.string().min(1).optional(),
    }),
  ]),
);
export type TicketSystemConfig = z.infer<typeof TicketSystemConfigSchema>;
export type TicketSystemConfigInput = z.input<typeof TicketSystemConfigSchema>;

/**
 * What the credentials secret of each external ticket system holds (Secrets Manager, JSON): the
 * deployment writes it into the description of the secret it creates for the operator to fill in.
 *
 * @example
 * ```ts
 * `SOAR ${system} credentials: set the value to ${CREDENTIALS_SECRET_SHAPE[system]}.`;
 * ```
 */
export const CREDENTIALS_SECRET_SHAPE = {
  jira: '{"baseUrl","email","apiToken"}',
  servicenow: '{"instanceUrl","username","password"}',
} as const satisfies Readonly<Record<Exclude<TicketSystemConfig['system'], 'internal'>, string>>;

/**
 * The account tags that give a finding's project for a ticket system: Jira project keys, ServiceNow
 * assignment groups. SOAR's own internal tickets are labelled with the Jira project keys, so that a
 * later move to Jira keeps the same projects.
 *
 * @example
 * ```ts
 * projectTagsOf({ system: 'servicenow', table: 'incident' }); // 'SERVICE_NOW'
 * ```
 */
export function projectTagsOf(config: Pick<TicketSystemConfig, 'system'>): 'JIRA' | 'SERVICE_NOW' {
  return config.system === 'servicenow' ? 'SERVICE_NOW' : 'JIRA';
}
