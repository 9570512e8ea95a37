import * as z from 'zod';

import { AccountMetadataConfigError, type ConfigIssue } from './errors';

/** Ticketing systems that decide `ProjectId` / `ProjectIdApp`. */
export const TICKETING_SYSTEMS = ['JIRA', 'SERVICE_NOW', 'NONE'] as const;
/** Ticketing system that decides `ProjectId` / `ProjectIdApp`. */
export type TicketingSystem = (typeof TICKETING_SYSTEMS)[number];

/** An AWS tag key: 1 to 128 characters. */
const TagKey = (fallback: string) => z.string().min(1).max(128).default(fallback);

/**
 * Names of the account tags that feed the account metadata. The defaults are the original
 * template's parameter defaults (`AccountTeamEmailTag`, …), so existing account tags keep working.
 */
export const AccountTagKeysSchema = z.lazy(() =>
  z
    .strictObject({
      /** Team address for INFRA findings. Default `soar:team:email`. */
      teamEmail: TagKey('soar:team:email'),
      /** Team address for APP findings. Default `soar:team:email:app`. */
      teamEmailApp: TagKey('soar:team:email:app'),
      /** Client name. Default `soar:client`. */
      client: TagKey('soar:client'),
      /** Project name. Default `soar:project`. */
      project: TagKey('soar:project'),
      /** Team name. Default `soar:team`. */
      team: TagKey('soar:team'),
      /** Environment (free text, drives the penalty multiplier). Default `soar:environment`. */
      environment: TagKey('soar:environment'),
      /** Jira project for INFRA findings. Default `soar:jira:project-key`. */
      jiraProjectKey: TagKey('soar:jira:project-key'),
      /** Jira project for APP findings. Default `soar:jira:project-key:app`. */
      jiraProjectKeyApp: TagKey('soar:jira:project-key:app'),
      /** ServiceNow assignment group for INFRA findings. Default `soar:service-now:project-queue`. */
      serviceNowProjectQueue: TagKey('soar:service-now:project-queue'),
      /** ServiceNow assignment group for APP findings. Default `soar:service-now:project-queue:app`. */
      serviceNowProjectQueueApp: TagKey('soar:service-now:project-queue:app'),
    })
    .prefault({}),
);

const seconds = () => z.number().int().nonnegative();

/**
 * Configuration of the account-metadata lookup. Every field has a default, so `{}` is a valid
 * configuration; unknown fields are rejected so a typo does not silently fall back to a default.
 *
 * | Field | Default | Meaning |
 * |---|---|---|
 * | `tagKeys` | `soar:*` keys | see {@link AccountTagKeysSchema} |
 * | `defaultTeamEmail` | `""` | team address of accounts without a team-email tag; `""` → the account's root email |
 * | `ticketingSystem` | `JIRA` | decides `ProjectId`: `JIRA`, `SERVICE_NOW` or `NONE` (→ `Unspecified`) |
 * | `jiraDefaultProjectKey` | `XXX` | `ProjectId` of untagged accounts under Jira (template default) |
 * | `serviceNowDefaultProjectQueue` | `XXX` | `ProjectId` of untagged accounts under ServiceNow (template default) |
 * | `minAgeHours` | `24` | an account younger than this is `AccountNew` (evaluated on every read) |
 * | `tableName` | `cached-account-data` | DynamoDB cache table (key `id` S, TTL attribute `expires_at`) |
 * | `cacheTtlSeconds` | `21600` (6 h) | lifetime of a cached Organizations record, per account |
 * | `cacheTtlJitter` | `0.1` | each item's lifetime is shortened by up to this fraction at random, so items filled together do not all expire together |
 * | `memoryTtlSeconds` | `300` | how long a process reuses a record without re-reading DynamoDB (bounds staleness after `invalidate` in another process); `0` disables the memo |
 * | `maxMemoryEntries` | `10000` | size bound of the in-process memo |
 * | `notFoundTtlSeconds` | `300` | how long a process remembers that Organizations does not know an account |
 * | `serveStaleSeconds` | `86400` (24 h) | if Organizations fails transiently, an expired cache item at most this much past its expiry is served instead; `0` disables |
 *
 * @example
 * ```ts
 * const config = AccountMetadataConfigSchema.parse({ ticketingSystem: 'SERVICE_NOW', minAgeHours: 48 });
 * config.tagKeys.teamEmail; // 'soar:team:email'
 * ```
 */
export const AccountMetadataConfigSchema = z.lazy(() =>
  z.strictObject({
    tagKeys: AccountTagKeysSchema,
    defaultTeamEmail: z.string().default(''),
    ticketingSystem: z.enum(TICKETING_SYSTEMS).default('JIRA'),
    jiraDefaultProjectKey: z.string().min(1).default('XXX'),
    serviceNowDefaultProjectQueue: z.string().min(1).default('XXX'),
    minAgeHours: z.number().nonnegative().finite().default(24),
    tableName: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)')
      .default('cached-account-data'),
    cacheTtlSeconds: seconds().min(1).default(21_600),
    cacheTtlJitter: z.number().min(0).max(0.5).default(0.1),
    memoryTtlSeconds: seconds().default(300),
    maxMemoryEntries: z.number().int().min(1).default(10_000),
    notFoundTtlSeconds: seconds().default(300),
    serveStaleSeconds: seconds().default(86_400),
  }),
);

/** A complete (defaults applied) account-metadata configuration. */
export type AccountMetadataConfig = z.output<typeof AccountMetadataConfigSchema>;
/** An account-metadata configuration as written: every field is optional. */
export type AccountMetadataConfigInput = z.input<typeof AccountMetadataConfigSchema>;
/** The tag-key part of {@link AccountMetadataConfig}. */
export type AccountTagKeys = AccountMetadataConfig['tagKeys'];

function toIssues(error: z.ZodError, rename: (field: string) => string = (field) => field): ConfigIssue[] {
  return error.issues.flatMap((issue): ConfigIssue[] => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        field: rename(base === '' ? key : `${base}.${key}`),
        message: 'unknown field',
      }));
    return [{ field: rename(base === '' ? '(root)' : base), message: issue.message }];
  });
}

/**
 * Validates an account-metadata configuration and applies the defaults.
 *
 * @throws {@link AccountMetadataConfigError} naming every bad field.
 *
 * @example
 * ```ts
 * const config = parseAccountMetadataConfig({ defaultTeamEmail: 'secops@example.com' });
 * config.minAgeHours; // 24
 * ```
 */
export function parseAccountMetadataConfig(input: unknown = {}): AccountMetadataConfig {
  const result = AccountMetadataConfigSchema.safeParse(input);
  if (!result.success) throw new AccountMetadataConfigError(toIssues(result.error), { cause: result.error });
  return result.data;
}

/** Environment variables read by {@link accountMetadataConfigFromEnv}, by config field. */
export const ACCOUNT_METADATA_ENV = {
  'tagKeys.teamEmail': 'ACCOUNT_TEAM_EMAIL_TAG',
  'tagKeys.teamEmailApp': 'ACCOUNT_TEAM_EMAIL_TAG_APP',
  'tagKeys.client': 'CLIENT_TAG',
  'tagKeys.project': 'PROJECT_TAG',
  'tagKeys.team': 'TEAM_TAG',
  'tagKeys.environment': 'ENVIRONMENT_TAG',
  'tagKeys.jiraProjectKey': 'JIRA_PROJECT_KEY_TAG',
  'tagKeys.jiraProjectKeyApp': 'JIRA_PROJECT_KEY_TAG_APP',
  'tagKeys.serviceNowProjectQueue': 'SERVICE_NOW_PROJECT_QUEUE_TAG',
  'tagKeys.serviceNowProjectQueueApp': 'SERVICE_NOW_PROJECT_QUEUE_TAG_APP',
  defaultTeamEmail: 'DEFAULT_TEAM_EMAIL',
  ticketingSystem: 'TICKETING_SYSTEM',
  jiraDefaultProjectKey: 'JIRA_DEFAULT_PROJECT_KEY',
  serviceNowDefaultProjectQueue: 'SERVICE_NOW_DEFAULT_PROJECT_QUEUE',
  minAgeHours: 'MIN_AGE_HOURS',
  tableName: 'CACHED_ACCOUNT_DATA_TABLE_NAME',
  cacheTtlSeconds: 'ACCOUNT_CACHE_TTL_SECONDS',
} as const;

const NUMERIC_FIELDS: ReadonlySet<string> = new Set(['minAgeHours', 'cacheTtlSeconds']);

/** `JIRA`, `ServiceNow`, `service-now`, `None`, … → the canonical enum value (else unchanged). */
function normalizeTicketingSystem(value: string): string {
  const compact = value.toUpperCase().replace(/[\s_-]/g, '');
  if (compact === 'SERVICENOW') return 'SERVICE_NOW';
  if (compact === 'JIRA' || compact === 'NONE') return compact;
  return value;
}

/**
 * Builds the configuration from the original function's environment variables
 * ({@link ACCOUNT_METADATA_ENV}). Unset or empty variables take the defaults, except
 * `DEFAULT_TEAM_EMAIL`, where empty is meaningful. `TICKETING_SYSTEM` also accepts the template's
 * spellings `ServiceNow` and `None`.
 *
 * @throws {@link AccountMetadataConfigError}; fields are reported as `minAgeHours (MIN_AGE_HOURS)`.
 *
 * @example
 * ```ts
 * const config = accountMetadataConfigFromEnv(process.env);
 * ```
 */
export function accountMetadataConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): AccountMetadataConfig {
  const input: Record<string, unknown> = {};
  const tagKeys: Record<string, unknown> = {};
  for (const [field, variable] of Object.entries(ACCOUNT_METADATA_ENV)) {
    const raw = env[variable];
    if (raw === undefined || (raw === '' && field !== 'defaultTeamEmail')) continue;
    let value: unknown = raw;
    if (NUMERIC_FIELDS.has(field)) value = raw.trim() === '' ? Number.NaN : Number(raw);
    if (field === 'ticketingSystem') value = normalizeTicketingSystem(raw);
    if (field.startsWith('tagKeys.')) tagKeys[field.slice('tagKeys.'.length)] = value;
    else input[field] = value;
  }
  if (Object.keys(tagKeys).length > 0) input['tagKeys'] = tagKeys;
  const result = AccountMetadataConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const variables: Readonly<Record<string, string>> = ACCOUNT_METADATA_ENV;
  const rename = (field: string) => {
    const variable = variables[field];
    return variable === undefined ? field : `${field} (${variable})`;
  };
  throw new AccountMetadataConfigError(toIssues(result.error, rename), { cause: result.error });
}
