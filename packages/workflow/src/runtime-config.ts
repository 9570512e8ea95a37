import { describeZodIssues } from '@soar/asff-schema';
import { DEFAULT_OPT_OUT_TAG } from '@soar/remediations';
import { RoutingConfigSchema, SlaConfigSchema } from '@soar/tickets';
import { AccountMetadataConfigSchema } from '@soar/accounts';
import { DecideConfigSchema } from '@soar/triage';
import { GateTablesSchema } from './aws/gate-loader';
import * as z from 'zod';
import { WorkflowConfigError } from './errors';

/** Name of the environment variable every SOAR Lambda reads its configuration from (JSON). */
export const RUNTIME_CONFIG_VARIABLE = 'SOAR_CONFIG';

const TableName = z.string().min(3);

/** Where tickets go. `internal` keeps them in SOAR's own store only (ids `SOAR-<hex>`). */
export const TicketingRuntimeSchema = z.discriminatedUnion('system', [
  z.object({ system: z.literal('internal') }),
  z.object({
    system: z.literal('jira'),
    /** Secrets Manager id of `{ baseUrl, email, apiToken }`. */
    secretId: z.string().min(1),
    issueType: z.string().min(1).default('Task'),
    initialTransitions: z.array(z.string()).default([]),
    finalTransitions: z.array(z.string()).default(['Done']),
  }),
  z.object({
    system: z.literal('servicenow'),
    /** Secrets Manager id of `{ instanceUrl, username, password }`. */
    secretId: z.string().min(1),
    table: z.string().min(1).default('incident'),
    location: z.string().optional(),
  }),
]);
export type TicketingRuntime = z.infer<typeof TicketingRuntimeSchema>;

/** A destructive control that only tickets, in the named environments (or every environment: `*`). */
export const TicketOnlyRuleSchema = z.object({
  controlId: z.string().min(1),
  environments: z.array(z.string().min(1)).min(1),
});

/**
 * The configuration every SOAR Lambda reads from `SOAR_CONFIG` (the CDK stack writes it from the
 * app's typed config). Every field but the table names has a default.
 *
 * @example
 * ```json
 * {
 *   "tables": { "tickets": "soar-tickets", "enabledControls": "…", "controlSuppressions": "…",
 *               "remediableControls": "…", "remediationExclusions": "…", "accounts": "…", "failures": "…" },
 *   "stateMachineArn": "arn:aws:states:eu-west-1:111122223333:stateMachine:FindingProcessor",
 *   "email": { "from": "soar@example.com" }
 * }
 * ```
 */
export const RuntimeConfigSchema = z.object({
  tables: z
    .object({
      ...GateTablesSchema.shape,
      /** Account metadata cache (`@soar/triage`). */
      accounts: TableName,
      /** Findings SOAR could not handle (see `FailureRecord`). */
      failures: TableName,
    })
    .refine((tables) => new Set(Object.values(tables)).size === Object.values(tables).length, {
      message: 'every table needs its own name',
    }),
  /** The finding processor; only the intake function needs it. */
  stateMachineArn: z.string().min(1).optional(),
  /** Region of SOAR's own resources (tables, state machine); default the Lambda's region. */
  region: z.string().min(1).optional(),
  decide: DecideConfigSchema.prefault({}),
  /** Organizations tag keys and account defaults (`@soar/triage`), without the table name. */
  accounts: AccountMetadataConfigSchema.omit({ tableName: true }).prefault({}),
  /** The role SOAR assumes in member accounts. */
  memberRoleName: z.string().min(1).default('AWSControlTowerExecution'),
  ticketing: TicketingRuntimeSchema.default({ system: 'internal' }),
  email: z.object({
    /** Verified SES identity. */
    from: z.string().min(3),
    cc: z.array(z.string()).default([]),
    bcc: z.array(z.string()).default([]),
    /** `false`: build and log emails without sending them. */
    send: z.boolean().default(true),
  }),
  routing: RoutingConfigSchema.prefault({}),
  sla: SlaConfigSchema.prefault({}),
  productName: z.string().min(1).default('SOAR'),
  consoleBaseUrl: z.url().optional(),
  remediation: z
    .object({
      optOutTag: z
        .object({ key: z.string().min(1), values: z.array(z.string().min(1)).min(1) })
        .default({ key: DEFAULT_OPT_OUT_TAG.key, values: [...DEFAULT_OPT_OUT_TAG.values] }),
      ticketOnly: z.array(TicketOnlyRuleSchema).default([]),
    })
    .prefault({}),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;
export type RuntimeConfigInput = z.input<typeof RuntimeConfigSchema>;

/**
 * Reads and validates the runtime configuration from the environment.
 *
 * @throws {WorkflowConfigError} naming the variable and every invalid field
 *
 * @example
 * ```ts
 * const config = runtimeConfigFromEnv(process.env);
 * config.tables.tickets; // 'SoarCore-TicketsA1B2…'
 * ```
 */
export function runtimeConfigFromEnv(env: Readonly<Record<string, string | undefined>>): RuntimeConfig {
  const raw = env[RUNTIME_CONFIG_VARIABLE];
  if (raw === undefined || raw.trim() === '') {
    throw new WorkflowConfigError(
      `${RUNTIME_CONFIG_VARIABLE} is not set: the stack writes SOAR's configuration there.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new WorkflowConfigError(`${RUNTIME_CONFIG_VARIABLE} is not valid JSON`, { cause });
  }
  return parseRuntimeConfig(json, RUNTIME_CONFIG_VARIABLE);
}

/**
 * Validates a runtime configuration object.
 *
 * @throws {WorkflowConfigError} naming every invalid field, e.g. `SOAR_CONFIG.email.from: Invalid input`
 */
export function parseRuntimeConfig(input: unknown, source = 'config'): RuntimeConfig {
  const parsed = RuntimeConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = describeZodIssues(parsed.error.issues, [source]);
  throw new WorkflowConfigError(`Invalid SOAR configuration: ${issues.join('; ')}`);
}

/**
 * Whether a control should only ticket in an environment, per the `ticketOnly` rules. A rule names a
 * control, or `*` for every destructive control; its environments are compared case-insensitively,
 * and `*` matches every environment (accounts without one too).
 *
 * @example
 * ```ts
 * const rules = [{ controlId: 'EC2.4', environments: ['PROD'] }];
 * isTicketOnly(rules, { controlId: 'EC2.4', destructive: true }, 'prod'); // true
 * ```
 */
export function isTicketOnly(
  rules: RuntimeConfig['remediation']['ticketOnly'],
  control: { readonly controlId: string; readonly destructive: boolean },
  environment: string | undefined,
): boolean {
  const env = environment?.trim().toUpperCase();
  return rules.some(
    (rule) =>
      (rule.controlId === control.controlId || (rule.controlId === '*' && control.destructive)) &&
      rule.environments.some((e) => e === '*' || (env !== undefined && e.trim().toUpperCase() === env)),
  );
}
