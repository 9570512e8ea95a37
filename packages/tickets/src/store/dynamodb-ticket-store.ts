import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describeError, type SoarErrorContext } from '@soar/common';
import { sdk } from '../sdk';
import { TicketClaimLostError, TicketRowError, TicketStoreError } from '../errors';
import { toItem, type Item } from './attribute-values';
import { parseTicketStoreConfig, type TicketStoreConfig, type TicketStoreConfigInput } from './config';
import { ExpressionBuilder } from './expression';
import {
  checkConfirmed,
  decideAbandon,
  decideClaim,
  decideClose,
  decideConfirm,
  decideReminder,
  parseOpenInput,
  timeOf,
  type ClaimResult,
  type CloseResult,
  type ConfirmedTicket,
} from './lifecycle';
import type { OpenTicketInput } from './open-input';
import { openIndexAttributes, TICKET_INDEXES } from './table';
import { parseTicketRow, ticketAttributes, type Ticket } from './ticket-row';

/** How to reach the tickets table, plus its settings. */
export interface TicketStoreOptions extends TicketStoreConfigInput {
  /** The plain DynamoDB client (anything with its `send`). */
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  /** Makes claim tokens; injectable for tests (default: random UUIDs). */
  readonly newToken?: () => string;
}

/** Rows a list query returned, and the corrupt rows it skipped. */
export interface TicketList {
  readonly tickets: readonly Ticket[];
  /** One error per skipped row, naming the finding id and the bad attributes. */
  readonly corrupt: readonly TicketRowError[];
}

/** What a lifecycle decision asks the store to do: write `next`, or answer without writing. */
type Step<R> =
  | { readonly next: Ticket; readonly answer: (written: Ticket) => R }
  | { readonly next?: never; readonly result: R };

const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/**
 * The tickets table: one row per finding with its current ticket, idempotent opening (claim →
 * confirm/abandon) without transactions, one reminder per ticket, and query-only listings (see
 * `table.ts` for keys and indexes). The rules live in `lifecycle.ts`; this class reads a row, asks
 * the lifecycle what to write, and writes it only if the row `version` is still the one it read
 * (or the row is still absent), reading and asking again when another writer came first (at most
 * `maxClaimAttempts` rounds). Never relies on TTL for correctness.
 *
 * @example
 * ```ts
 * const store = new TicketStore({ dynamodb, tableName: 'soar-tickets' });
 * const claim = await store.claimOpen(input, new Date());
 * if (claim.kind === 'claimed') {
 *   try {
 *     const { ticketId } = await ticketSystem.open(request);
 *     await store.confirmOpen(input.findingId, claim.token, { ticketId, ticketSystem: ticketSystem.name });
 *   } catch (error) {
 *     await store.abandonClaim(input.findingId, claim.token, error); // the error is kept on the row
 *     throw error;
 *   }
 * }
 * ```
 */
export class TicketStore {
  private readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  private readonly config: TicketStoreConfig;
  private readonly newToken: () => string;

  /** @throws {TicketInputError} when an option is invalid (names it) */
  public constructor(options: TicketStoreOptions) {
    const { dynamodb, newToken, ...config } = options;
    this.dynamodb = dynamodb;
    this.config = parseTicketStoreConfig(config);
    this.newToken = newToken ?? randomUUID;
  }

  /** The table this store reads and writes. */
  public get tableName(): string {
    return this.config.tableName;
  }

  /**
   * Reads a finding's ticket row (strongly consistent), or `undefined` when it never had one.
   *
   * @throws {TicketRowError} when the row is corrupt
   * @throws {TicketStoreError} when DynamoDB fails
   */
  public async get(findingId: string): Promise<Ticket | undefined> {
    const { GetItemCommand } = await sdk.dynamodb();
    const read = new GetItemCommand({ TableName: this.tableName, Key: key(findingId), ConsistentRead: true });
    const output = await this.call(
      () => this.dynamodb.send(read),
      `read the ticket of finding ${findingId}`,
      {
        findingId,
      },
    );
    return output.Item === undefined ? undefined : parseTicketRow(output.Item);
  }

  /**
   * Claims a finding to open its ticket (see `decideClaim`): of concurrent callers at most one gets
   * `claimed`; the others learn that a ticket `exists` or is `in_progress`. The claimed row is not
   * an open ticket (for the triage gates or the listings) until {@link TicketStore.confirmOpen}.
   *
   * @throws {TicketInputError} when the input is invalid (names the field)
   * @throws {TicketRowError} when the existing row is corrupt
   * @throws {TicketStoreError} when DynamoDB fails or the row keeps changing under us
   */
  public async claimOpen(input: OpenTicketInput, now: Date = new Date()): Promise<ClaimResult> {
    const data = parseOpenInput(input);
    timeOf(now, data.findingId);
    const context = { findingId: data.findingId, accountId: data.accountId };
    return this.settle<ClaimResult>('claim', data.findingId, context, (current) => {
      const decision = decideClaim(current, { ...data, token: this.newToken() }, now, this.config);
      if (decision.kind !== 'claim') return { result: decision };
      const { token, expiresAt } = decision;
      return { next: decision.next, answer: (ticket) => ({ kind: 'claimed', token, expiresAt, ticket }) };
    });
  }

  /**
   * Records the external ticket of a claim and makes the row an OPEN ticket (see `decideConfirm`):
   * only while `token` holds the finding, also after the claim's expiry if nobody took over.
   * Repeating a successful call with the same ticket id returns the ticket again.
   *
   * @throws {TicketClaimLostError} when the claim was lost: the external ticket is a duplicate
   * @throws {TicketInputError} when `ticketId` is blank
   * @throws {TicketStoreError} when DynamoDB fails
   */
  public async confirmOpen(
    findingId: string,
    token: string,
    confirmed: ConfirmedTicket,
    now: Date = new Date(),
  ): Promise<Ticket> {
    checkConfirmed(findingId, confirmed);
    timeOf(now, findingId);
    const { ticketId } = confirmed;
    const context = { findingId, ticketId };
    return this.settle<Ticket>('confirm the ticket of', findingId, context, (current) => {
      const decision = decideConfirm(current, { findingId, token, ticket: confirmed }, now);
      if (decision.kind === 'confirm') return { next: decision.next, answer: (ticket) => ticket };
      if (decision.kind === 'confirmed') return { result: decision.ticket };
      throw new TicketClaimLostError(
        `Claim on finding ${findingId} was lost (${decision.state}); ticket ${ticketId} is a duplicate`,
        { context },
      );
    });
  }

  /**
   * Gives up a claim after the ticket could not be created (see `decideAbandon`): the error is kept
   * on the row and the claim is released, so the next execution takes over at once.
   *
   * @returns `true` when recorded; `false` when `token` no longer holds the finding
   * @throws {TicketStoreError} when DynamoDB fails
   */
  public async abandonClaim(
    findingId: string,
    token: string,
    error: unknown,
    now: Date = new Date(),
  ): Promise<boolean> {
    timeOf(now, findingId);
    return this.settle<boolean>('abandon the claim on', findingId, { findingId }, (current) => {
      const decision = decideAbandon(current, { findingId, token, error }, now);
      return decision.kind === 'abandon' ? { next: decision.next, answer: () => true } : { result: false };
    });
  }

  /**
   * Closes the finding's open ticket `ticketId` and takes it out of the open indexes (see
   * `decideClose`). Closing twice, closing a ticket that is in the history, or closing a ticket the
   * row does not hold changes nothing and says so.
   *
   * @throws {TicketStoreError} when DynamoDB fails
   */
  public async close(
    findingId: string,
    options: { readonly ticketId: string; readonly reason?: string; readonly now?: Date },
  ): Promise<CloseResult> {
    const now = options.now ?? new Date();
    timeOf(now, findingId);
    const context = { findingId, ticketId: options.ticketId };
    const input = { findingId, ticketId: options.ticketId, reason: options.reason };
    return this.settle<CloseResult>('close the ticket of', findingId, context, (current) => {
      const decision = decideClose(current, input, now, this.config);
      if (decision.kind !== 'close') return { result: decision };
      return { next: decision.next, answer: (ticket) => ({ kind: 'closed', ticket }) };
    });
  }

  /**
   * Records that the overdue reminder of the finding's open ticket is being sent (see
   * `decideReminder`). Only one call ever wins per ticket, even with two hourly runs at once: call
   * it **before** sending, and send only when it returns `true`.
   *
   * @param options.ticketId when given, the row must still hold this ticket
   * @returns `true` when this call won; `false` when already reminded, closed, or absent
   * @throws {TicketStoreError} when DynamoDB fails
   */
  public async recordReminder(
    findingId: string,
    now: Date,
    options: { readonly escalated: boolean; readonly ticketId?: string | undefined },
  ): Promise<boolean> {
    timeOf(now, findingId);
    const context = { findingId, ...(options.ticketId === undefined ? {} : { ticketId: options.ticketId }) };
    return this.settle<boolean>('record the reminder of', findingId, context, (current) => {
      const decision = decideReminder(
        current,
        { findingId, ...options, remindAgainAfterHours: this.config.sla.remindAgainAfterHours },
        now,
      );
      return decision.kind === 'remind' ? { next: decision.next, answer: () => true } : { result: false };
    });
  }

  /**
   * Open tickets whose due date is before `now`, oldest deadline first: one query per shard of the
   * sparse overdue index (paginated), never a scan. Tickets without a deadline are never listed.
   * Corrupt rows are skipped and reported in `corrupt`.
   *
   * @throws {TicketStoreError} when DynamoDB fails
   */
  public async overdueTickets(now: Date = new Date()): Promise<TicketList> {
    const nowIso = new Date(timeOf(now)).toISOString();
    const shards = Array.from({ length: this.config.openShards }, (_, n) => `open#${n}`);
    const lists = await Promise.all(
      shards.map((shard) => {
        const expr = new ExpressionBuilder();
        const keys = `${expr.name('open_shard')} = ${expr.value(shard)} AND ${expr.name('open_due_at')} < ${expr.value(nowIso)}`;
        return this.queryAll(TICKET_INDEXES.openByDue, keys, expr, `list overdue tickets (${shard})`);
      }),
    );
    const tickets = lists
      .flatMap((list) => list.tickets)
      .filter((ticket) => ticket.status === 'OPEN')
      .sort((a, b) => compare(a.dueAt ?? '', b.dueAt ?? '') || compare(a.findingId, b.findingId));
    return { tickets, corrupt: lists.flatMap((list) => list.corrupt) };
  }

  /**
   * Every open ticket, by finding id: one query per shard of the sparse overdue index without a
   * date condition (every open row has `open_due_at`, `~` when it has no deadline), never a scan.
   * For the hourly statistics. Corrupt rows are skipped and reported in `corrupt`.
   *
   * @throws {TicketStoreError} when DynamoDB fails
   */
  public async openTickets(): Promise<TicketList> {
    const shards = Array.from({ length: this.config.openShards }, (_, n) => `open#${n}`);
    const lists = await Promise.all(
      shards.map((shard) => {
        const expr = new ExpressionBuilder();
        const keys = `${expr.name('open_shard')} = ${expr.value(shard)}`;
        return this.queryAll(TICKET_INDEXES.openByDue, keys, expr, `list open tickets (${shard})`);
      }),
    );
    const tickets = lists
      .flatMap((list) => list.tickets)
      .filter((ticket) => ticket.status === 'OPEN')
      .sort((a, b) => compare(a.findingId, b.findingId));
    return { tickets, corrupt: lists.flatMap((list) => list.corrupt) };
  }

  /**
   * Open tickets of one account (by account id), optionally of one severity: a query of the sparse
   * `account-open-index`, ordered by severity then opening time.
   *
   * @throws {TicketStoreError} when DynamoDB fails
   */
  public async openTicketsForAccount(
    accountId: string,
    options: { readonly severity?: string } = {},
  ): Promise<TicketList> {
    const expr = new ExpressionBuilder();
    let keys = `${expr.name('account_id')} = ${expr.value(accountId)}`;
    if (options.severity !== undefined) {
      const prefix = `${options.severity.trim().toUpperCase()}#`;
      keys += ` AND begins_with(${expr.name('open_severity_at')}, ${expr.value(prefix)})`;
    }
    const action = `list the open tickets of account ${accountId}`;
    const list = await this.queryAll(TICKET_INDEXES.openByAccount, keys, expr, action, { accountId });
    return { ...list, tickets: list.tickets.filter((ticket) => ticket.status === 'OPEN') };
  }

  /**
   * Every ticket row of one account (open, opening and closed, until their TTL), by opening time,
   * optionally within `[from, to]`: a query of `account-opened-index`, for reports and statistics.
   *
   * @throws {TicketStoreError} when DynamoDB fails
   */
  public async ticketsForAccount(
    accountId: string,
    options: { readonly from?: Date; readonly to?: Date } = {},
  ): Promise<TicketList> {
    const expr = new ExpressionBuilder();
    let keys = `${expr.name('account_id')} = ${expr.value(accountId)}`;
    const iso = (date: Date): string => expr.value(new Date(timeOf(date)).toISOString());
    const { from, to } = options;
    if (from !== undefined && to !== undefined)
      keys += ` AND ${expr.name('opened_at')} BETWEEN ${iso(from)} AND ${iso(to)}`;
    else if (from !== undefined) keys += ` AND ${expr.name('opened_at')} >= ${iso(from)}`;
    else if (to !== undefined) keys += ` AND ${expr.name('opened_at')} <= ${iso(to)}`;
    const action = `list the tickets of account ${accountId}`;
    return this.queryAll(TICKET_INDEXES.byAccount, keys, expr, action, { accountId });
  }

  /**
   * Reads the row, asks `decide`, and writes its `next` row unless another writer changed the row
   * since the read (then reads and asks again, at most `maxClaimAttempts` rounds). `verb` names the
   * operation in errors: `Could not <verb> finding <id>: …`.
   */
  private async settle<R>(
    verb: string,
    findingId: string,
    context: SoarErrorContext,
    decide: (current: Ticket | undefined) => Step<R>,
  ): Promise<R> {
    const action = `${verb} finding ${findingId}`;
    for (let attempt = 0; attempt < this.config.maxClaimAttempts; attempt++) {
      const current = await this.get(findingId);
      const step = decide(current);
      if (step.next === undefined) return step.result;
      const written = await this.write(current, step.next, action, context);
      if (written !== undefined) return step.answer(written);
    }
    throw new TicketStoreError(
      `Could not ${action}: the row changed under ${this.config.maxClaimAttempts} attempts`,
      { context },
    );
  }

  /**
   * Writes `next` over `current` (every attribute of the row; attributes it lacks are removed), on
   * condition that the row is still absent or still at `current.version`.
   *
   * @returns the written row, or `undefined` when the condition failed
   */
  private async write(
    current: Ticket | undefined,
    next: Ticket,
    action: string,
    context: SoarErrorContext,
  ): Promise<Ticket | undefined> {
    const attributes = ticketAttributes(next);
    const written = parseTicketRow(toItem({ id: next.findingId, ...attributes })); // never write a row we could not read
    const expr = new ExpressionBuilder();
    const update = expr.update({
      set: { ...attributes, ...openIndexAttributes(current?.status, next, this.config.openShards) },
    });
    const condition =
      current === undefined
        ? `attribute_not_exists(${expr.name('id')})`
        : `${expr.name('version')} = ${expr.value(current.version)}`;
    const { UpdateItemCommand } = await sdk.dynamodb();
    const command = new UpdateItemCommand({
      TableName: this.tableName,
      Key: key(next.findingId),
      UpdateExpression: update,
      ConditionExpression: condition,
      ...expr.attributes(),
    });
    try {
      await this.call(() => this.dynamodb.send(command), action, context);
      return written;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** Every page of a query of `index` (corrupt rows skipped and reported). */
  private async queryAll(
    index: string,
    keys: string,
    expr: ExpressionBuilder,
    action: string,
    context: SoarErrorContext = {},
  ): Promise<TicketList> {
    const { QueryCommand } = await sdk.dynamodb();
    const tickets: Ticket[] = [];
    const corrupt: TicketRowError[] = [];
    let start: Item | undefined;
    do {
      const query = new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: keys,
        ...expr.attributes(),
        ...(this.config.pageSize === undefined ? {} : { Limit: this.config.pageSize }),
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      });
      const output = await this.call(() => this.dynamodb.send(query), action, context);
      for (const item of output.Items ?? []) {
        try {
          tickets.push(parseTicketRow(item));
        } catch (error) {
          if (!(error instanceof TicketRowError)) throw error;
          corrupt.push(error);
        }
      }
      start = output.LastEvaluatedKey;
    } while (start !== undefined);
    return { tickets, corrupt };
  }

  /** Runs a DynamoDB call; errors other than a failed condition become {@link TicketStoreError}. */
  private async call<T>(run: () => Promise<T>, action: string, context: SoarErrorContext): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isConditionFailure(error)) throw error;
      throw new TicketStoreError(`Could not ${action}: ${describeError(error)}`, { cause: error, context });
    }
  }
}

function key(findingId: string): Item {
  return { id: { S: findingId } };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
