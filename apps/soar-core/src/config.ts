import { describeZodIssues } from '@soar/asff-schema';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RoutingConfigSchema, SlaConfigSchema } from '@soar/tickets';
import { AccountMetadataConfigSchema } from '@soar/accounts';
import { DecideConfigSchema } from '@soar/triage';
import { describeError } from '@soar/common';
import { TicketSystemConfigSchema } from '@soar/ticket-systems';
import { ChannelsConfigSchema, TicketOnlyRuleSchema } from '@soar/workflow/config';
import {
  AllowAnyOrganizationSchema,
  checkOrganization,
  LogRetentionDaysSchema,
  OrganizationIdSchema,
} from '@soar/constructs';
import { parse as parseYaml } from 'yaml';
import { ScheduledJobsConfigSchema, SchedulesConfigSchema } from './schedules-config';
import { MonitoringConfigShape } from './monitoring-config';
import * as z from 'zod';

/**
 * The configuration of the soar-core app, from a file (`-c configFile=soar.config.yaml`) or the CDK
 * context key `soar` (JSON). Every field but the organization has a default: `{ organizationId: 'o-…' }`
 * deploys SOAR with internal tickets and emails that are built and logged but not sent
 * (`email.send: false`) until a verified sender is set. An unknown key, at any level, is an error that
 * names its path and the closest valid key (`email.form: unknown key; did you mean "from"?`): a typo
 * must not silently fall back to a default.
 *
 * | Field | Default | Meaning |
 * |---|---|---|
 * | `stackName` | `SoarCore` | CloudFormation stack name |
 * | `eventBusName` | `default` | the bus where Security Hub findings arrive (a custom bus the findings are forwarded to, or `default`) |
 * | `memberRoleName` | `AWSControlTowerExecution` | role SOAR assumes in member accounts (prefer a dedicated least-privilege role) |
 * | `organizationId` | — (required, or `allowAnyOrganization`) | `o-…`: SOAR may assume the member role only in accounts of this organization (`aws:ResourceOrgID`) |
 * | `allowAnyOrganization` | `false` | `true` deploys without `organizationId`: the member role may be assumed in any account whose role trusts SOAR's (the synth warns). Without either field the synth fails |
 * | `email` | `{ from: 'soar@example.com', send: false }` | SES v2 sender, copies, and whether to send |
 * | `ticketing` | `{ system: 'internal' }` | `internal`, `jira` or `servicenow` (`@soar/ticket-systems`); without `secretId` the stack creates the credentials secret |
 * | `decide` | see `@soar/triage` | `soarEnabled`, `deferTeamFixes`, `deferAutoRemediations`, `newAccount`, `controlNotEnabled`, … |
 * | `accounts` | see `@soar/accounts` | account tag keys, `minAgeHours`, default project keys |
 * | `routing`, `sla` | see `@soar/tickets` | SOC project, SLA hours, escalation copies |
 * | `remediation.enabled` | every control SOAR has | controls seeded into the remediable-controls table |
 * | `remediation.ticketOnly` | `[]` | `{ controlId, environments }`: only ticket these (destructive) controls there |
 * | `remediation.optOutTag` | `{ key: 'soar:auto-remediation', values: ['off', 'false', 'no', 'disabled'], action: 'suppress' }` | a resource with this tag is left alone; `action`: `suppress` its finding with a note naming the tag, or `ticket` it |
 * | `logRetentionDays` | `30` | Lambda and state machine logs |
 * | `retainData` | `true` | keep the tables when the stack is deleted |
 * | `scheduledJobs` | `{ hourly: 'cron(0 * * * ? *)', accountRefreshHours: 6 }` | when the hourly tasks (statistics, overdue reminders) run, and every how many hours each account's cached metadata is refreshed |
 * | `schedules.syncControls` | `rate(1 hour)` | when the enabled-controls sync runs: `rate(…)` or `cron(…)` (see `SchedulesConfigSchema`) |
 * | `channels` | `{}` (all off) | `slack`, `teams`, `sentinel`: each on when present, with its `secretId` (else the stack creates the secret to fill in) and `when: { environments, teams }` (default every account); see `ChannelsConfigSchema` of `@soar/workflow/config` |
 * | `metricNamespace` | `SOAR` | CloudWatch namespace of the statistics the dashboards read |
 * | `alarms` | `{}` | `snsTopicArn` (an existing topic) or `email` (a new topic with these subscribers): every SOAR alarm notifies it; without either, alarms only become findings through alarms-to-sechub |
 * | `dashboards` | `{ enabled: true }` | the security status and execution dashboards, and their names |
 * | `preprocessing` | both `true` | intake's pre-processing: `reassignment` imports a finding the security account (this stack's) produced about a member account's resource into that account and suppresses the original; `healthReclassification` lowers AWS Health notifications to INFORMATIONAL |
 * | `tracing` | `active` | X-Ray: `active` tracing of every function and state machine; `powertools` adds the Powertools Tracer to every function (handler subsegment with cold start and correlation id, errors, every HTTPS call), at about 127 KB and 35 ms of cold import each |
 */
export const SoarAppConfigSchema = z.strictObject({
  stackName: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'must be a CloudFormation stack name')
    .default('SoarCore'),
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  region: z.string().min(1).optional(),
  eventBusName: z.string().min(1).default('default'),
  memberRoleName: z.string().min(1).default('AWSControlTowerExecution'),
  organizationId: OrganizationIdSchema,
  allowAnyOrganization: AllowAnyOrganizationSchema,
  productName: z.string().min(1).default('SOAR'),
  consoleBaseUrl: z.url().optional(),
  email: z
    .strictObject({
      from: z.string().min(3).default('soar@example.com'),
      cc: z.array(z.string()).default([]),
      bcc: z.array(z.string()).default([]),
      send: z.boolean().default(false),
    })
    .prefault({}),
  ticketing: TicketSystemConfigSchema.default({ system: 'internal' }),
  decide: DecideConfigSchema.prefault({}),
  accounts: AccountMetadataConfigSchema.unwrap()
    .omit({ tableName: true, ticketingSystem: true })
    .prefault({}),
  routing: RoutingConfigSchema.prefault({}),
  sla: SlaConfigSchema.prefault({}),
  remediation: z
    .strictObject({
      /** Control ids, or `*` for every control of `@soar/remediations`. */
      enabled: z.array(z.string().min(1)).default(['*']),
      ticketOnly: z.array(TicketOnlyRuleSchema).default([]),
      optOutTag: z
        .strictObject({
          key: z.string().min(1),
          values: z.array(z.string().min(1)).min(1),
          action: z.enum(['suppress', 'ticket']).optional(),
        })
        .optional(),
    })
    .prefault({}),
  logRetentionDays: LogRetentionDaysSchema,
  retainData: z.boolean().default(true),
  schedules: SchedulesConfigSchema.prefault({}),
  /** The hourly tasks and the account cache refresh (see `ScheduledJobsConfigSchema`). */
  scheduledJobs: ScheduledJobsConfigSchema.prefault({}),
  channels: ChannelsConfigSchema.prefault({}),
  tracing: z.enum(['active', 'powertools']).default('active'),
  preprocessing: z
    .strictObject({
      reassignment: z.boolean().default(true),
      healthReclassification: z.boolean().default(true),
    })
    .prefault({}),
  ...MonitoringConfigShape,
});
export type SoarAppConfig = z.infer<typeof SoarAppConfigSchema>;
export type SoarAppConfigInput = z.input<typeof SoarAppConfigSchema>;

/**
 * {@link SoarAppConfigSchema} with the organization check: an organization id, or the explicit opt-in to any
 * organization (see `checkOrganization` of `@soar/constructs`).
 */
const CheckedSoarAppConfigSchema = SoarAppConfigSchema.superRefine(checkOrganization);

/** The app configuration is invalid; the message names the source and every bad field. */
export class SoarConfigError extends Error {
  public override name = 'SoarConfigError';
}

/**
 * Validates the app configuration.
 *
 * @throws {SoarConfigError} e.g. `soar.config.yaml: organizationId: must be an organization id (o-…)`
 */
export function parseAppConfig(input: unknown, source = 'config'): SoarAppConfig {
  const parsed = CheckedSoarAppConfigSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issues = describeZodIssues(parsed.error.issues, [], { schema: SoarAppConfigSchema });
  throw new SoarConfigError(`${source}: invalid SOAR configuration:\n  ${issues.join('\n  ')}`);
}

/**
 * Reads the app configuration from a YAML or JSON file.
 *
 * @throws {SoarConfigError} when the file cannot be read or parsed, or is invalid
 */
export function loadAppConfigFile(file: string): SoarAppConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new SoarConfigError(`${file}: cannot read the configuration (${describeError(cause)})`);
  }
  let data: unknown;
  try {
    data = path.extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new SoarConfigError(
      `${file}: not valid ${path.extname(file) === '.json' ? 'JSON' : 'YAML'} (${describeError(cause)})`,
    );
  }
  return parseAppConfig(data, file);
}
