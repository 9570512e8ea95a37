import type { DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { AccountNotFoundError, type AccountSource } from '@soar/accounts';
import { DecideConfigSchema } from '@soar/triage';
import { enabledControlItem } from '@soar/security-hub/controls';
import * as z from 'zod';
import { TicketOnlyRuleSchema, type RuntimeConfig } from '../runtime-config';
import { sdk } from '../sdk';

const AccountIdSchema = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id'));

/** One account of the simulated organization. */
export const WorldAccountSchema = z.object({
  id: AccountIdSchema,
  name: z.string().min(1),
  email: z.string().min(3),
  /** When the account joined the organization (ISO 8601); drives the "new account" gate. */
  joined: z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString() : v)),
  /** Organizational units from the root down, e.g. `[Workloads, Prod]`. */
  ou: z.array(z.string().min(1)).default([]),
  /** Account tags, e.g. `soar:team`, `soar:environment`, `soar:team:email` (see `@soar/triage`). */
  tags: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  /** Security Hub controls enabled in the account; `['*']` for every control that appears in the findings. */
  enabledControls: z.array(z.string().min(1)).default(['*']),
});
export type WorldAccount = z.infer<typeof WorldAccountSchema>;

/**
 * The world a simulation runs in: the organization's accounts, the controls enabled in each, SOAR's
 * suppression rules and remediation switches, and the decision switches. Loaded from a YAML or JSON
 * file (`soar simulate --world examples/world.yaml`); every section is optional.
 *
 * @example
 * ```yaml
 * accounts:
 *   - id: "111122223333"
 *     name: payments-prod
 *     email: aws+payments-prod@example.com
 *     joined: 2024-03-01T00:00:00Z
 *     ou: [Workloads, Prod]
 *     tags: { soar:team: payments, soar:environment: PROD, soar:team:email: payments@example.com }
 * suppressions:
 *   EC2.22: environment = DEV
 * remediation:
 *   enabled: [EC2.2, EC2.13, S3.2]
 *   exclusions: { EC2.13: environment = PROD }
 * ```
 */
export const WorldSchema = z.object({
  accounts: z.array(WorldAccountSchema).default([]),
  /** Control id → `suppress_when` rule: matching findings are suppressed. */
  suppressions: z.record(z.string(), z.string()).default({}),
  remediation: z
    .object({
      /** Controls SOAR remediates (the remediable-controls table); `['*']` for every control SOAR has. */
      enabled: z.array(z.string().min(1)).default(['*']),
      /** Control id → `suppress_when` rule: matching findings get a ticket instead of a fix. */
      exclusions: z.record(z.string(), z.string()).default({}),
      ticketOnly: z.array(TicketOnlyRuleSchema).default([]),
    })
    .prefault({}),
  /** The decision switches of `@soar/triage` (`soarEnabled`, `deferTeamFixes`, `newAccount`, …). */
  decide: DecideConfigSchema.prefault({}),
  /** The clock of the simulation (ISO 8601); default now. */
  now: z
    .union([z.string(), z.date()])
    .transform((v) => (v instanceof Date ? v : new Date(v)))
    .refine((d) => !Number.isNaN(d.getTime()), 'must be an ISO 8601 date')
    .optional(),
});
export type World = z.infer<typeof WorldSchema>;
export type WorldInput = z.input<typeof WorldSchema>;

/**
 * An account source (what Organizations would answer) over the world's accounts.
 *
 * @example
 * ```ts
 * const service = new AccountMetadataService({ source: worldAccountSource(world), config: { minAgeHours: 24 } });
 * ```
 */
export function worldAccountSource(world: World): AccountSource {
  const byId = new Map(world.accounts.map((account) => [account.id, account]));
  return {
    fetchAccount(accountId) {
      const account = byId.get(accountId);
      if (account === undefined) return Promise.reject(new AccountNotFoundError(accountId));
      return Promise.resolve({
        account: {
          Id: account.id,
          Name: account.name,
          Email: account.email,
          JoinedTimestamp: account.joined,
        },
        tags: { ...account.tags },
        parents: [
          { type: 'ROOT', name: 'Root' },
          ...account.ou.map((name) => ({ type: 'ORGANIZATIONAL_UNIT' as const, name })),
        ],
      });
    },
  };
}

/**
 * Writes the world into SOAR's tables: enabled controls per account, suppression rules, remediable
 * controls and remediation exclusions. `*` in `enabledControls` or `remediation.enabled` expands to
 * `allControls` (the controls of the findings to simulate, or SOAR's registry).
 *
 * @example
 * ```ts
 * await seedWorld(world, { dynamodb, tables: config.tables, allControls: ['EC2.2', 'S3.2'] });
 * ```
 */
export async function seedWorld(
  world: World,
  options: {
    readonly dynamodb: Pick<DynamoDBClient, 'send'>;
    readonly tables: RuntimeConfig['tables'];
    readonly allControls: readonly string[];
    readonly remediableControls: readonly string[];
  },
): Promise<void> {
  const { BatchWriteItemCommand } = await sdk.dynamodb();
  const { tables } = options;
  const expand = (list: readonly string[], all: readonly string[]) =>
    [...new Set(list.flatMap((id) => (id === '*' ? all : [id])))].sort();
  const rows = new Map<string, WriteRequest[]>([
    [
      tables.enabledControls,
      world.accounts.flatMap((account) =>
        expand(account.enabledControls, options.allControls).map((controlId) => ({
          PutRequest: { Item: enabledControlItem(account.id, controlId) },
        })),
      ),
    ],
    [tables.controlSuppressions, ruleRows(world.suppressions)],
    [
      tables.remediableControls,
      expand(world.remediation.enabled, options.remediableControls).map((id) => ({
        PutRequest: { Item: { id: { S: id } } },
      })),
    ],
    [tables.remediationExclusions, ruleRows(world.remediation.exclusions)],
  ]);
  for (const [table, requests] of rows) {
    for (let start = 0; start < requests.length; start += 25) {
      let pending: Record<string, WriteRequest[]> = { [table]: requests.slice(start, start + 25) };
      for (let round = 0; Object.keys(pending).length > 0; round += 1) {
        if (round === 10) throw new Error(`DynamoDB kept writes to ${table} unprocessed`);
        const written = await options.dynamodb.send(new BatchWriteItemCommand({ RequestItems: pending }));
        pending = written.UnprocessedItems ?? {};
      }
    }
  }
}

function ruleRows(rules: Readonly<Record<string, string>>): WriteRequest[] {
  return Object.entries(rules).map(([id, rule]) => ({
    PutRequest: { Item: { id: { S: id }, suppress_when: { S: rule } } },
  }));
}
