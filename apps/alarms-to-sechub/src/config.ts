import {
  AllowAnyOrganizationSchema,
  checkOrganization,
  LogRetentionDaysSchema,
  OrganizationIdSchema,
} from '@soar/constructs';
import { describeZodIssues } from '@soar/asff-schema';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AlarmFindingConfigSchema } from '@soar/alarms';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod';

import { RoleNameSchema } from './role-name';

const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;
/** `default`, or a custom bus name (EventBridge: 1-256 of `.`, `-`, `_`, letters and digits). */
const EVENT_BUS_NAME = /^[.\-_A-Za-z0-9]{1,256}$/;

/**
 * The configuration of the alarms-to-sechub app, from a file (`-c configFile=alarms.config.yaml`) or
 * the CDK context key `alarms` (JSON). Every field but the organization has a default:
 * `{ organizationId: 'o-…' }` synthesizes one environment-agnostic security stack and the forwarder.
 * An unknown key, at any level, is an error that names its path and the closest valid key
 * (`finding.suppress.name: unknown key; did you mean "names"?`).
 *
 * | Field | Default | Meaning |
 * |---|---|---|
 * | `stackName` | `AlarmsToSecHub` | security stack name; with `regions`, one stack `<stackName>-<region>` per region |
 * | `forwarderStackName` | `AlarmsToSecHubForwarder` | the member forwarder (StackSet template) |
 * | `securityAccountId` | — | the security account: the env account of the security stacks, the default of the forwarder's `SecurityAccountId` parameter |
 * | `organizationId` | — (required, or `allowAnyOrganization`) | `o-…`: org accounts may put events on the bus (`aws:PrincipalOrgID`), and the role may be assumed only in org accounts (`aws:ResourceOrgID`). Without it, only the security account's own alarms arrive |
 * | `allowAnyOrganization` | `false` | `true` deploys without `organizationId`: the role may be assumed in any account whose role trusts the security account (the synth warns). Without either field the synth fails |
 * | `regions` | `[]` | every region alarms are raised in: one security stack per region. Empty: one stack, region from the deploy environment |
 * | `eventBusName` | `default` | the security account bus the forwarders put events on and the rule listens on |
 * | `roleName` | `SecurityHubRole` | the role assumed in the alarm's account to import the finding |
 * | `finding` | see `@soar/alarms` | `alarmType`, `companyName`, `defaultSeverity`, `defaultDomain`, `suppress` |
 * | `logRetentionDays` | `30` | function logs |
 * | `retainLogs` | `true` | keep the log group when the stack is deleted |
 */
export const AlarmsAppConfigSchema = z.strictObject({
  stackName: z.string().regex(STACK_NAME, 'must be a CloudFormation stack name').default('AlarmsToSecHub'),
  forwarderStackName: z
    .string()
    .regex(STACK_NAME, 'must be a CloudFormation stack name')
    .default('AlarmsToSecHubForwarder'),
  securityAccountId: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit account id')
    .optional(),
  organizationId: OrganizationIdSchema,
  allowAnyOrganization: AllowAnyOrganizationSchema,
  regions: z
    .array(z.string().regex(REGION, 'must be a region name such as eu-west-1'))
    .default([])
    .refine((regions) => new Set(regions).size === regions.length, 'must not repeat a region'),
  eventBusName: z.string().regex(EVENT_BUS_NAME, 'must be an event bus name').default('default'),
  roleName: RoleNameSchema.default('SecurityHubRole'),
  finding: AlarmFindingConfigSchema.prefault({}),
  logRetentionDays: LogRetentionDaysSchema,
  retainLogs: z.boolean().default(true),
});
export type AlarmsAppConfig = z.infer<typeof AlarmsAppConfigSchema>;
export type AlarmsAppConfigInput = z.input<typeof AlarmsAppConfigSchema>;

/**
 * {@link AlarmsAppConfigSchema} with the organization check: an organization id, or the explicit opt-in to any
 * organization (see `checkOrganization` of `@soar/constructs`).
 */
const CheckedAlarmsAppConfigSchema = AlarmsAppConfigSchema.superRefine(checkOrganization);

/** The app configuration is invalid; the message names the source and every bad field. */
export class AlarmsAppConfigError extends Error {
  public override name = 'AlarmsAppConfigError';
}

/**
 * Validates the app configuration.
 *
 * @throws {AlarmsAppConfigError} e.g. `alarms.config.yaml: invalid alarms-to-sechub configuration:\n  regions.1: must be a region name such as eu-west-1`
 *
 * @example
 * ```ts
 * const config = parseAppConfig({ organizationId: 'o-abcdefghij', regions: ['eu-west-1', 'eu-north-1'] });
 * ```
 */
export function parseAppConfig(input: unknown, source = 'config'): AlarmsAppConfig {
  const parsed = CheckedAlarmsAppConfigSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issues = describeZodIssues(parsed.error.issues, [], { schema: AlarmsAppConfigSchema });
  throw new AlarmsAppConfigError(
    `${source}: invalid alarms-to-sechub configuration:\n  ${issues.join('\n  ')}`,
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads the app configuration from a YAML or JSON file.
 *
 * @throws {AlarmsAppConfigError} when the file cannot be read or parsed, or is invalid
 */
export function loadAppConfigFile(file: string): AlarmsAppConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (cause) {
    throw new AlarmsAppConfigError(`${file}: cannot read the configuration (${describe(cause)})`);
  }
  const json = path.extname(file) === '.json';
  let data: unknown;
  try {
    data = json ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new AlarmsAppConfigError(`${file}: not valid ${json ? 'JSON' : 'YAML'} (${describe(cause)})`);
  }
  return parseAppConfig(data, file);
}

/**
 * The configuration the CDK context names: `configFile` (a path) wins over `alarms` (JSON text or an
 * object); neither gives the defaults.
 *
 * @throws {AlarmsAppConfigError}
 */
export function configFromContext(context: { tryGetContext(key: string): unknown }): AlarmsAppConfig {
  const file: unknown = context.tryGetContext('configFile');
  if (typeof file === 'string') return loadAppConfigFile(file);
  const inline: unknown = context.tryGetContext('alarms');
  if (typeof inline !== 'string') return parseAppConfig(inline ?? {}, 'context "alarms"');
  let data: unknown;
  try {
    data = JSON.parse(inline);
  } catch (cause) {
    throw new AlarmsAppConfigError(`context "alarms": not valid JSON (${describe(cause)})`);
  }
  return parseAppConfig(data, 'context "alarms"');
}
