import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { AccountNotFoundError, AccountTagKeysSchema, type AccountSource } from '@soar/accounts';
import { describeZodIssues } from '@soar/asff-schema';
import { describeError } from '@soar/common';
import type { Registry } from '@soar/remediations';
import { enabledControlItem, syncedMarkerKey } from '@soar/security-hub/controls';
import { internalTicketId } from '@soar/ticket-systems';
import { SlaConfigSchema, type TicketStore } from '@soar/tickets';
import { IncidentsConfigSchema } from '@soar/incidents/config';
import { DecideConfigSchema } from '@soar/triage';
import { TicketOnlyRuleSchema, type GateTables } from '@soar/workflow/config';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod';
import { WorldError } from './errors';
import { sdk } from './sdk';
import { WorldAlarmContextSchema, WorldInstanceSchema } from './world-incidents';
import { AccountIdSchema, DateSchema } from './world-values';

/** One account of the simulated organization. */
export const WorldAccountSchema = z.strictObject({
  id: AccountIdSchema,
  name: z.string().min(1),
  email: z.string().min(3),
  /** When the account joined the organization (ISO 8601); drives the "new account" gate. */
  joined: z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString() : v)),
  /** Organizational units from the root down, e.g. `[Workloads, Prod]`. */
  ou: z.array(z.string().min(1)).default([]),
  /** Account tags, e.g. `soar:team`, `soar:environment`, `soar:team:email` (see `@soar/accounts`). */
  tags: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
  /** Security Hub controls enabled in the account; `['*']` for every control that appears in the findings. */
  enabledControls: z.array(z.string().min(1)).default(['*']),
});
export type WorldAccount = z.infer<typeof WorldAccountSchema>;

/** A ticket SOAR's store holds open when the simulation starts (so a resolved finding can close it). */
export const WorldTicketSchema = z.strictObject({
  findingId: z.string().min(1),
  accountId: AccountIdSchema,
  /** Default: the internal ticket id of the finding (`SOAR-…`), as SOAR would have opened it. */
  ticketId: z.string().min(1).optional(),
  controlId: z.string().min(1).optional(),
  title: z.string().default(''),
  severity: z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).default('MEDIUM'),
  /** Default: a day before the simulation's `now`. */
  openedAt: DateSchema.optional(),
});
export type WorldTicket = z.infer<typeof WorldTicketSchema>;

/**
 * The live state of one resource, as a control's `read` would find it in AWS: remediations plan
 * against it instead of what the finding's `Details` say (checked against the control's own state
 * schema when the simulation plans it).
 */
export const WorldResourceSchema = z.strictObject({
  /** The finding's `Resources[].Id` (an ARN, or the id Security Hub uses). */
  resourceId: z.string().min(1),
  controlId: z.string().min(1),
  state: z.record(z.string(), z.unknown()),
});
export type WorldResource = z.infer<typeof WorldResourceSchema>;

/**
 * The world a simulation runs in: the organization's accounts, the controls enabled in each, SOAR's
 * suppression rules and remediation switches, the decision switches, the tickets already open, the
 * live state of resources, and what incidents read (instances, and the sources of an alarm's context). Loaded from a YAML or JSON file (`soar simulate --world
 * examples/world.yaml`); every section is optional, and an unknown key anywhere is an error that names
 * it, its path and the closest valid key.
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
 * tickets:
 *   - { findingId: "arn:aws:securityhub:…/finding/1", accountId: "111122223333", controlId: IAM.6 }
 * resources:
 *   - resourceId: arn:aws:ec2:eu-west-1:111122223333:security-group/sg-0123456789abcdef0
 *     controlId: EC2.2
 *     state: { groupId: sg-0123456789abcdef0, … }
 * incidents:
 *   containment: { enabled: true, excludedEnvironments: [PROD] }
 * instances:
 *   - { instanceId: i-0abc1234def567890, accountId: "222233334444", region: eu-west-1, state: running }
 * alarmContext:
 *   alarms: [{ name: INFRA-Orders-SM-Failure-HIGH, accountId: "111122223333", region: eu-west-1, … }]
 *   executions: [{ stateMachineArn: "arn:aws:states:…:stateMachine:Orders", name: run-1, startDate: …, … }]
 *   logEvents: [{ logGroupName: /aws/lambda/charge-card, timestamp: …, message: "[ERROR] …" }]
 *   history: [{ alarmName: INFRA-Orders-SM-Failure-HIGH, accountId: "111122223333", region: eu-west-1, times: [ … ] }]
 * ```
 */
export const WorldSchema = z.strictObject({
  accounts: z.array(WorldAccountSchema).default([]),
  /** Control id → `suppress_when` rule: matching findings are suppressed. */
  suppressions: z.record(z.string(), z.string()).default({}),
  /** Incident type (a finding's first type) → `suppress_when` rule: matching incidents are suppressed. */
  incidentSuppressions: z.record(z.string(), z.string()).default({}),
  remediation: z
    .strictObject({
      /** Controls SOAR remediates (the remediable-controls table); `['*']` for every control SOAR has. */
      enabled: z.array(z.string().min(1)).default(['*']),
      /** Control id → `suppress_when` rule: matching findings get a ticket instead of a fix. */
      exclusions: z.record(z.string(), z.string()).default({}),
      ticketOnly: z.array(TicketOnlyRuleSchema).default([]),
    })
    .prefault({}),
  /** The decision switches of `@soar/triage` (`soarEnabled`, `deferTeamFixes`, `newAccount`, …). */
  decide: DecideConfigSchema.prefault({}),
  /**
   * The service levels the simulated stack is deployed with (`@soar/tickets`: `allowedHours` per
   * severity, `escalation: { severities, cc }`, `remindAgainAfterHours`); default the original's.
   */
  sla: SlaConfigSchema.optional(),
  tickets: z.array(WorldTicketSchema).default([]),
  resources: z.array(WorldResourceSchema).default([]),
  /**
   * The incident configuration the simulated stack deploys with (`@soar/incidents/config`: product
   * filters, severities, routing, containment); default the stack's.
   */
  incidents: IncidentsConfigSchema.optional(),
  /** EC2 instances as SOAR would find them when it re-reads one before containing it. */
  instances: z.array(WorldInstanceSchema).default([]),
  /** What an alarm incident's context is gathered from: alarms, executions, log events, history. */
  alarmContext: WorldAlarmContextSchema.prefault({}),
  /** The clock of the simulation (ISO 8601); default now. */
  now: DateSchema.optional(),
});
export type World = z.infer<typeof WorldSchema>;
export type WorldInput = z.input<typeof WorldSchema>;

/**
 * Validates a world.
 *
 * @throws {WorldError} naming every bad field, e.g. `accounts.0.tgas: unknown key; did you mean "tags"?`
 *
 * @example
 * ```ts
 * const world = parseWorld({ accounts: [], suppressions: { 'EC2.22': 'environment = DEV' } });
 * ```
 */
export function parseWorld(input: unknown, source = 'world'): World {
  const parsed = WorldSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issues = describeZodIssues(parsed.error.issues, [], { schema: WorldSchema }).map(
    (line) => `  ${line}`,
  );
  throw new WorldError(`${source}: invalid world:\n${issues.join('\n')}`);
}

/**
 * Reads a world file (YAML or JSON).
 *
 * @throws {WorldError} naming the file and every invalid field
 *
 * @example
 * ```ts
 * const world = loadWorldFile('examples/world.yaml');
 * ```
 */
export function loadWorldFile(file: string): World {
  let data: unknown;
  try {
    const text = fs.readFileSync(file, 'utf8');
    data = path.extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new WorldError(`${file}: cannot read the world (${describeError(error)})`);
  }
  return parseWorld(data, file);
}

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
 * Writes the world into SOAR's tables: enabled controls per account (and each account's synced
 * marker, as a sync would leave it; not with `enabledControls: false`), suppression rules, remediable
 * controls, remediation exclusions and, through the ticket store's own lifecycle (claim, then
 * confirm), the tickets already open. `*` in `enabledControls` or `remediation.enabled` expands to
 * `allControls` (the controls of the findings to simulate, or SOAR's registry).
 *
 * @example
 * ```ts
 * await seedWorld(world, { dynamodb, tables: config.tables, allControls: ['EC2.2'], remediableControls, tickets: store });
 * ```
 */
export async function seedWorld(
  world: World,
  options: {
    readonly dynamodb: Pick<DynamoDBClient, 'send'>;
    readonly tables: GateTables;
    readonly allControls: readonly string[];
    readonly remediableControls: readonly string[];
    /** Seed the enabled-controls table (default `true`); `false` leaves it empty, as before the first sync. */
    readonly enabledControls?: boolean;
    /** The local incident suppressions table; without it the world's are not seeded. */
    readonly incidentSuppressionsTable?: string | undefined;
    /** SOAR's ticket store; without it the world's tickets are not seeded. */
    readonly tickets?: Pick<TicketStore, 'claimOpen' | 'confirmOpen'>;
  },
): Promise<void> {
  const { BatchWriteItemCommand } = await sdk.dynamodb();
  const { tables } = options;
  const expand = (list: readonly string[], all: readonly string[]) =>
    [...new Set(list.flatMap((id) => (id === '*' ? all : [id])))].sort();
  const rows = new Map<string, WriteRequest[]>([
    [
      tables.enabledControls,
      options.enabledControls === false
        ? []
        : world.accounts.flatMap((account) => [
            ...expand(account.enabledControls, options.allControls).map((controlId) => ({
              PutRequest: { Item: enabledControlItem(account.id, controlId) },
            })),
            { PutRequest: { Item: syncedMarkerKey(account.id) } },
          ]),
    ],
    [tables.controlSuppressions, ruleRows(world.suppressions)],
    [
      tables.remediableControls,
      expand(world.remediation.enabled, options.remediableControls).map((id) => ({
        PutRequest: { Item: { id: { S: id } } },
      })),
    ],
    [tables.remediationExclusions, ruleRows(world.remediation.exclusions)],
    ...(options.incidentSuppressionsTable === undefined
      ? []
      : [[options.incidentSuppressionsTable, ruleRows(world.incidentSuppressions)] as const]),
  ]);
  for (const [table, requests] of rows) {
    for (let start = 0; start < requests.length; start += 25) {
      let pending: Record<string, WriteRequest[]> = { [table]: requests.slice(start, start + 25) };
      for (let round = 0; Object.keys(pending).length > 0; round += 1) {
        if (round === 10) throw new WorldError(`DynamoDB kept writes to ${table} unprocessed`);
        const written = await options.dynamodb.send(new BatchWriteItemCommand({ RequestItems: pending }));
        pending = written.UnprocessedItems ?? {};
      }
    }
  }
  if (options.tickets !== undefined) await seedTickets(world, options.tickets);
}

/**
 * Opens the world's tickets in SOAR's store, as the ticket step would have: with the account's name,
 * environment and team from its tags (the default tag keys, as the simulated stack reads them), so
 * the hourly statistics group them as they would group a ticket SOAR opened.
 */
async function seedTickets(
  world: World,
  store: Pick<TicketStore, 'claimOpen' | 'confirmOpen'>,
): Promise<void> {
  const now = world.now ?? new Date();
  const tagKeys = AccountTagKeysSchema.parse({});
  for (const [index, ticket] of world.tickets.entries()) {
    const openedAt = ticket.openedAt ?? new Date(now.getTime() - 24 * 60 * 60 * 1000);
    const account = world.accounts.find((candidate) => candidate.id === ticket.accountId);
    const tag = (key: string) => account?.tags[key]?.trim() || undefined;
    const environment = tag(tagKeys.environment);
    const team = tag(tagKeys.team);
    const claim = await store.claimOpen(
      {
        findingId: ticket.findingId,
        accountId: ticket.accountId,
        ...(account === undefined ? {} : { accountName: account.name }),
        ...(environment === undefined ? {} : { environment }),
        ...(team === undefined ? {} : { team }),
        ...(ticket.controlId === undefined ? {} : { controlId: ticket.controlId }),
        title: ticket.title,
        severityLabel: ticket.severity,
        penaltyScore: 0,
      },
      openedAt,
    );
    if (claim.kind !== 'claimed') {
      throw new WorldError(`tickets.${index}: finding ${ticket.findingId} is listed twice`);
    }
    await store.confirmOpen(
      ticket.findingId,
      claim.token,
      { ticketId: ticket.ticketId ?? internalTicketId(ticket.findingId), ticketSystem: 'NONE' },
      openedAt,
    );
  }
}

function ruleRows(rules: Readonly<Record<string, string>>): WriteRequest[] {
  return Object.entries(rules).map(([id, rule]) => ({
    PutRequest: { Item: { id: { S: id }, suppress_when: { S: rule } } },
  }));
}

/**
 * Checks each resource state of the world against the state schema of its control, so that a typo
 * is reported when the world is loaded, with its place in the file, not when a finding reaches it.
 *
 * @throws {WorldError} naming each resource, control and bad field, e.g.
 *   `resources.0.state.ingres: unknown key; did you mean "ingress"?`
 *
 * @example
 * ```ts
 * checkWorldResources(world, defaultRegistry);
 * ```
 */
export function checkWorldResources(world: World, registry: Pick<Registry, 'get'>, source = 'world'): void {
  const problems: string[] = [];
  world.resources.forEach((resource, index) => {
    const control = registry.get(resource.controlId);
    if (control === undefined) {
      problems.push(`resources.${index}.controlId: SOAR has no remediation for ${resource.controlId}`);
      return;
    }
    const parsed = control.stateSchema.safeParse(resource.state);
    if (parsed.success) return;
    problems.push(
      ...describeZodIssues(parsed.error.issues, ['resources', index, 'state'], {
        schema: control.stateSchema,
      }),
    );
  });
  if (problems.length > 0) {
    throw new WorldError(`${source}: invalid world:\n${problems.map((line) => `  ${line}`).join('\n')}`);
  }
}

/**
 * The live state the world gives for a resource of a control finding, for the remediation plan; the
 * finding's own \`Details\` are used for resources it does not list.
 *
 * @example
 * ```ts
 * simulateRemediation(pad, { registry, liveState: worldLiveState(world) });
 * ```
 */
export function worldLiveState(
  world: World,
): (resource: { readonly Id: string }, controlId: string) => unknown {
  return (resource, controlId) =>
    world.resources.find((r) => r.resourceId === resource.Id && r.controlId === controlId)?.state;
}
