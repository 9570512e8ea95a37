import { describeZodIssues } from '@soar/asff-schema';
import { DEFAULT_OPT_OUT_TAG } from '@soar/remediations';
import { RoutingConfigSchema, SlaConfigSchema } from '@soar/tickets';
import {
  AccountMetadataConfigSchema,
  parseAccountMetadataConfig,
  type AccountMetadataConfig,
} from '@soar/accounts';
import { projectTagsOf, TicketSystemConfigSchema } from '@soar/ticket-systems';
import { DecideConfigSchema } from '@soar/triage';
import { IncidentsConfigSchema } from '@soar/incidents/config';
import * as z from 'zod';
import { CHANNEL_NAMES, ChannelsConfigSchema } from '@soar/notifications';
import { WorkflowConfigError } from './errors';

/**
 * Names of the DynamoDB tables the gates read. Each table has a string partition key `id`:
 * - `tickets`: finding Id → `{ ticket_id, status: 'OPEN' | 'CLOSED' }` (written by the ticket store)
 * - `enabledControls`: `<account id>#<control id>` → presence means enabled (written by the sync; see
 *   `ENABLED_CONTROLS_TABLE` for its index)
 * - `controlSuppressions`: control id → `{ suppress_when }`
 * - `remediableControls`: control id → presence means auto-remediation is on
 * - `remediationExclusions`: control id → `{ suppress_when }`: a match means ticket instead of fix
 */
export const GateTablesSchema = z.lazy(() =>
  z
    .strictObject({
      tickets: z.string().min(3),
      enabledControls: z.string().min(3),
      controlSuppressions: z.string().min(3),
      remediableControls: z.string().min(3),
      remediationExclusions: z.string().min(3),
    })
    .refine((tables) => new Set(Object.values(tables)).size === Object.values(tables).length, {
      message: 'every gate table needs its own name',
    }),
);
export type GateTables = z.infer<typeof GateTablesSchema>;

/** Name of the environment variable every SOAR Lambda reads its configuration from (JSON). */
export const RUNTIME_CONFIG_VARIABLE = 'SOAR_CONFIG';

const tableName = () => z.string().min(3);

/** A destructive control that only tickets, in the named environments (or every environment: `*`). */
export const TicketOnlyRuleSchema = z.lazy(() =>
  z.strictObject({
    controlId: z.string().min(1),
    environments: z.array(z.string().min(1)).min(1),
  }),
);

/**
 * The configuration every SOAR Lambda reads from `SOAR_CONFIG` (the CDK stack writes it from the
 * app's typed config). Every field but the table names has a default. An unknown key, at any level,
 * is an error naming its path and the closest valid key, so a stack and a function of different
 * versions fail loudly instead of dropping a setting.
 *
 * Built on first use (like every configuration schema): a function reads its configuration once, on
 * its first invocation, so building it at import would only lengthen every cold import.
 *
 * @example
 * ```json
 * {
 *   "tables": { "tickets": "soar-tickets", "enabledControls": "…", "controlSuppressions": "…",
 *               "remediableControls": "…", "remediationExclusions": "…", "accounts": "…", "failures": "…",
 *               "watermarks": "…" },
 *   "stateMachineArn": "arn:aws:states:eu-west-1:111122223333:stateMachine:FindingProcessor",
 *   "email": { "from": "soar@example.com" }
 * }
 * ```
 */
export const RuntimeConfigSchema = z.lazy(() =>
  z.strictObject({
    tables: z
      .strictObject({
        ...GateTablesSchema.unwrap().shape,
        /** Account metadata cache (`@soar/accounts`). */
        accounts: tableName(),
        /** Findings SOAR could not handle (see `FailureRecord`). */
        failures: tableName(),
        /** Each finding's newest event acted on (see `createDynamoDbWatermarks`). */
        watermarks: tableName(),
        /**
         * One row per remediation outcome (see `createDynamoDbRemediationHistory`); the remediate step
         * writes it when it is named, the weekly report and the metrics read it.
         */
        remediationHistory: tableName().optional(),
        /** One row per incident, ticketed or not (see `createDynamoDbIncidentLog`), for the statistics. */
        incidentLog: tableName().optional(),
        /** Incident type → `{ suppress_when }`, and the incidents by alarm and time (`@soar/enrichment`). */
        localIncidentSuppressions: tableName().optional(),
        incidentHistory: tableName().optional(),
      })
      .refine((tables) => new Set(Object.values(tables)).size === Object.values(tables).length, {
        message: 'every table needs its own name',
      }),
    /** The finding processor; only the intake function needs it. */
    stateMachineArn: z.string().min(1).optional(),
    /** The incidents workflow; only the intake function needs it. */
    incidentsStateMachineArn: z.string().min(1).optional(),
    /** How incidents are handled (`@soar/incidents`: filters, severities, containment). */
    incidents: IncidentsConfigSchema.prefault({}),
    /** Region of SOAR's own resources (tables, state machine); default the Lambda's region. */
    region: z.string().min(1).optional(),
    decide: DecideConfigSchema.prefault({}),
    /**
     * Organizations tag keys and account defaults (`@soar/accounts`). The table name comes from
     * `tables`, and which tags give the project from `ticketing` (see `projectTagsOf`).
     */
    accounts: AccountMetadataConfigSchema.unwrap()
      .omit({ tableName: true, ticketingSystem: true })
      .prefault({}),
    /** The role SOAR assumes in member accounts. */
    memberRoleName: z.string().min(1).default('AWSControlTowerExecution'),
    /** The ticket system; in a function's configuration its credentials secret is always named. */
    ticketing: TicketSystemConfigSchema.default({ system: 'internal' }).refine(
      (ticketing) => ticketing.system === 'internal' || ticketing.secretId !== undefined,
      { message: 'is required: the secret with the ticket system credentials', path: ['secretId'] },
    ),
    email: z.strictObject({
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
    /**
     * Slack, Teams and Sentinel, each off unless present (see `ChannelsConfigSchema`); in a function's
     * configuration every channel names its secret.
     */
    channels: ChannelsConfigSchema.prefault({}).superRefine((channels, ctx) => {
      for (const name of CHANNEL_NAMES) {
        if (channels[name] !== undefined && channels[name].secretId === undefined) {
          ctx.addIssue({
            code: 'custom',
            message: `is required: the secret with the ${name} credentials`,
            path: [name, 'secretId'],
          });
        }
      }
    }),
    /** Intake's pre-processing (`preprocessFinding` of `@soar/triage/preprocess`), both on by default. */
    preprocessing: z
      .strictObject({
        reassignment: z.boolean().default(true),
        securityAccountId: z
          .string()
          .regex(/^\d{12}$/, 'must be 12 digits')
          .optional(),
        healthReclassification: z.boolean().default(true),
      })
      .prefault({}),
    remediation: z
      .strictObject({
        optOutTag: z
          .strictObject({
            key: z.string().min(1),
            values: z.array(z.string().min(1)).min(1),
            /** `suppress` (default): the finding of an opted-out resource is suppressed; `ticket`: ticketed. */
            action: z.enum(['suppress', 'ticket']).default('suppress'),
          })
          .default({
            key: DEFAULT_OPT_OUT_TAG.key,
            values: [...DEFAULT_OPT_OUT_TAG.values],
            action: 'suppress',
          }),
        ticketOnly: z.array(TicketOnlyRuleSchema).default([]),
      })
      .prefault({}),
    /** The AI section: `bedrock`, `local` (calls nothing) or `none`; `model` and `prompts` as `@soar/bedrock`, `@soar/ai-prompts` check them. */
    ai: z
      .strictObject({
        provider: z.enum(['bedrock', 'local', 'none']).default('none'),
        model: z.record(z.string(), z.unknown()).default({}),
        prompts: z.record(z.string(), z.unknown()).default({}),
      })
      .prefault({}),
  }),
);
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
  const issues = describeZodIssues(parsed.error.issues, [source], { schema: RuntimeConfigSchema });
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

/**
 * The account metadata configuration of `@soar/accounts` from SOAR's configuration: its tag keys and
 * defaults, the accounts table, and the project tags of the configured ticket system.
 *
 * @example
 * ```ts
 * createAccountMetadataService({ organizationsClient, config: accountMetadataConfigOf(config) });
 * ```
 */
export function accountMetadataConfigOf(
  config: Pick<RuntimeConfig, 'accounts' | 'tables' | 'ticketing'>,
): AccountMetadataConfig {
  return parseAccountMetadataConfig({
    ...config.accounts,
    tableName: config.tables.accounts,
    ticketingSystem: projectTagsOf(config.ticketing),
  });
}
