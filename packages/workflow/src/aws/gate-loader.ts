import type { AttributeValue, DynamoDBClient, KeysAndAttributes } from '@aws-sdk/client-dynamodb';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { enabledControlRowId, SYNCED_MARKER } from '@soar/security-hub/controls';
import { sdk } from '../sdk';
import { GateDataError } from '../errors';
import type { GateLoader } from '../ports';
import type { GateTables, RuntimeConfig } from '../runtime-config';
import { awsClients } from './clients';
import type { GateData } from '@soar/triage';
import { describeError } from '@soar/common';

/** How {@link loadGateData} reads DynamoDB. */
export interface GateDataSource {
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  readonly tables: GateTables;
  /** Rounds of retries for keys DynamoDB leaves unprocessed (default 5). */
  readonly maxRetries?: number;
  /** Waits between retries; injectable for tests (default: 50 ms × 2^round with jitter). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Strongly consistent reads: for rows written a moment ago (intake's inline sync). */
  readonly consistentRead?: boolean;
}

type Row = Record<string, AttributeValue>;

const text = (row: Row | undefined, attribute: string): string | undefined => {
  const value = row?.[attribute];
  return value !== undefined && 'S' in value && typeof value.S === 'string' ? value.S : undefined;
};

/**
 * Reads everything the gates need for one finding in one `BatchGetItem` (plus retries of unprocessed
 * keys): its open ticket, whether its control is enabled in its account and whether that account
 * was ever synced (its marker row, so "not synced yet" is told apart from "not enabled"), the
 * control's suppression rule, whether it is remediable, and its remediation exclusion rule.
 * Non-control findings only need the ticket.
 *
 * @throws {GateDataError} when DynamoDB fails or keeps keys unprocessed after the retries
 *
 * @example
 * ```ts
 * const gates = await loadGateData(pad.finding, { dynamodb, tables });
 * const decision = decide(pad, gates, config);
 * ```
 */
export async function loadGateData(finding: AwsSecurityFinding, source: GateDataSource): Promise<GateData> {
  const { tables } = source;
  const controlId = finding.Compliance?.SecurityControlId?.trim() || undefined;
  const key = (id: string): Row => ({ id: { S: id } });
  const consistent = source.consistentRead === true ? { ConsistentRead: true } : {};
  const wanted = new Map<string, KeysAndAttributes>([
    [tables.tickets, { Keys: [key(finding.Id)], ...consistent }],
  ]);
  const controlRowId = controlId === undefined ? '' : enabledControlRowId(finding.AwsAccountId, controlId);
  const markerId = enabledControlRowId(finding.AwsAccountId, SYNCED_MARKER);
  if (controlId !== undefined) {
    wanted.set(tables.enabledControls, { Keys: [key(controlRowId), key(markerId)], ...consistent });
    wanted.set(tables.controlSuppressions, { Keys: [key(controlId)] });
    wanted.set(tables.remediableControls, { Keys: [key(controlId)] });
    wanted.set(tables.remediationExclusions, { Keys: [key(controlId)] });
  }

  const rows = await batchGet(Object.fromEntries(wanted), source, {
    findingId: finding.Id,
    accountId: finding.AwsAccountId,
    ...(controlId === undefined ? {} : { controlId }),
  });
  const first = (table: string): Row | undefined => rows.get(table)?.[0];
  const withId = (table: string, id: string): Row | undefined =>
    rows.get(table)?.find((row) => text(row, 'id') === id);

  const ticket = first(tables.tickets);
  const ticketId = text(ticket, 'ticket_id');
  return {
    openTicket: ticketId !== undefined && text(ticket, 'status') === 'OPEN' ? { ticketId } : undefined,
    controlEnabled: controlId !== undefined && withId(tables.enabledControls, controlRowId) !== undefined,
    ...(controlId === undefined
      ? {}
      : { accountSynced: withId(tables.enabledControls, markerId) !== undefined }),
    controlSuppressionRule: text(first(tables.controlSuppressions), 'suppress_when'),
    remediationEnabled: first(tables.remediableControls) !== undefined,
    remediationExclusionRule: text(first(tables.remediationExclusions), 'suppress_when'),
  };
}

async function batchGet(
  requestItems: Record<string, KeysAndAttributes>,
  source: GateDataSource,
  context: { findingId: string; accountId: string; controlId?: string },
): Promise<Map<string, Row[]>> {
  const { BatchGetItemCommand } = await sdk.dynamodb();
  const maxRetries = source.maxRetries ?? 5;
  const sleep = source.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const rows = new Map<string, Row[]>();
  let pending: Record<string, KeysAndAttributes> | undefined = requestItems;
  for (let round = 0; pending !== undefined && Object.keys(pending).length > 0; round++) {
    if (round > maxRetries) {
      throw new GateDataError(
        `DynamoDB left keys of ${Object.keys(pending).join(', ')} unprocessed after ${maxRetries} retries`,
        { context },
      );
    }
    if (round > 0) await sleep(50 * 2 ** (round - 1) * (0.5 + Math.random() / 2));
    let output;
    try {
      output = await source.dynamodb.send(new BatchGetItemCommand({ RequestItems: pending }));
    } catch (cause) {
      throw new GateDataError(`Could not read the gate tables: ${describeError(cause)}`, { cause, context });
    }
    for (const [table, items] of Object.entries(output.Responses ?? {})) {
      rows.set(table, [...(rows.get(table) ?? []), ...items]);
    }
    pending = output.UnprocessedKeys;
  }
  return rows;
}

/**
 * The gate tables of the configuration, read in one `BatchGetItem` per finding.
 *
 * @example
 * ```ts
 * const gates = awsGateLoader(config);
 * decide(pad, await gates.load(pad.finding), config.decide);
 * ```
 */
export function awsGateLoader(config: Pick<RuntimeConfig, 'tables' | 'region'>): GateLoader {
  const dynamodb = awsClients.dynamodb(config);
  return {
    load: (finding, options) =>
      loadGateData(finding, {
        dynamodb,
        tables: config.tables,
        ...(options?.consistentRead === true ? { consistentRead: true } : {}),
      }),
  };
}
