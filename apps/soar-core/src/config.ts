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
import {
  AiConfigSchema,
  MonitoringConfigShape,
  ScheduledJobsConfigSchema,
  SchedulesConfigSchema,
  WeeklyReportConfigSchema,
} from '@soar/soar-core-infra/config';
import { IncidentsConfigSchema } from '@soar/incidents/config';
import * as z from 'zod';

/**
 * The configuration of the soar-core app, from a file (`-c configFile=soar.config.yaml`) or the CDK
 * context key `soar` (JSON); an unknown key, at any level, is an error naming its path and the
 * closest valid key. Every field, its default and its meaning: the README, "Configuration".
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
  incidents: IncidentsConfigSchema.prefault({}),
  preprocessing: z
    .strictObject({
      reassignment: z.boolean().default(true),
      healthReclassification: z.boolean().default(true),
    })
    .prefault({}),
  ai: AiConfigSchema.prefault({}),
  weeklyReport: WeeklyReportConfigSchema.prefault({}),
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
