import { randomUUID } from 'node:crypto';
import type { DynamoDBClient, QueryCommandInput, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { SoarErrorContext } from '@soar/common';
import { sdk } from '../sdk';
import { dueAt } from '../sla';
import { toItem, type Item, type StoredValue } from './attribute-values';
import { TicketStoreConfigSchema, type TicketStoreConfig, type TicketStoreConfigInput } from './config';
import { TicketClaimLostError, TicketInputError, TicketRowError, TicketStoreError } from '../errors';
import { ExpressionBuilder } from './expression';
import { OpenTicketInputSchema, type OpenTicketInput } from './open-input';
import { openShard, TICKET_INDEXES } from './table';
import { parseTicketRow, type Ticket, type TicketHistoryEntry } from './ticket-row';
import { describeError } from '@soar/common';

/** How to reach the tickets table, plus its settings. */
export interface TicketStoreOptions extends TicketStoreConfigInput {
  /** The plain DynamoDB client (anything with its `send`). */
  readonly dynamodb: Pick<DynamoDBClient, 'send'>;
  /** Makes claim tokens; injectable for tests (default: random UUIDs). */
  readonly newToken?: () => string;
}

/** Outcome of {@link TicketStore.claimOpen}. */
export type ClaimResult =
  /** This caller holds the finding until `expiresAt`: create the ticket, then confirm or abandon. */
  | { readonly kind: 'claimed'; readonly token: string; readonly expiresAt: string; readonly ticket: Ticket }
  /** The finding already has an open ticket: do not open another. */
  | { readonly kind: 'exists'; readonly ticket: Ticket }
  /** Another execution is creating the ticket; its claim runs `until` then. */
  | { readonly kind: 'in_progress'; readonly until: string };

/** The external ticket {@link TicketStore.confirmOpen} records. */
export interface ConfirmedTicket {
  readonly ticketId: string;
  /** E.g. `JIRA`, `SERVICE_NOW`, `NONE`. */
  readonly ticketSystem: string;
  readonly url?: string;
}

/** Outcome of {@link TicketStore.close}. */
export type CloseResult =
  /** This call closed the ticket. */
  | { readonly kind: 'closed'; readonly ticket: Ticket }
  /** The ticket was closed before (now or in the finding's history): nothing changed. */
  | { readonly kind: 'already_closed'; readonly ticket: Ticket }
  /** The row holds another ticket, or one still being opened: nothing changed. */
  | { readonly kind: 'other_ticket'; readonly ticket: Ticket }
  /** No row for this finding. */
  | { readonly kind: 'not_found' };

/** Rows a list query returned, and the corrupt rows it skipped. */
export interface TicketList {
  readonly tickets: readonly Ticket[];
  /** One error per skipped row, naming the finding id and the bad attributes. */
  readonly corrupt: readonly TicketRowError[];
}

const CONDITION_FAILED = 'ConditionalCheckFailedException';
const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === CONDITION_FAILED;

/**
 * The tickets table: one row per finding with its current ticket, idempotent opening (claim →
 * confirm/abandon) without transactions, one reminder per ticket, and query-only listings (see
 * `table.ts` for keys and indexes). Never relies on TTL for correctness: closed rows are
 * recognised by `status`, not by their absence.
 *
 * @example
 * ```ts
 * const store = new TicketStore({ dynamodb, tableName: 'soar-tickets' });
 * const claim = await store.claimOpen(input, new Date());
 * if (claim.kind === 'claimed') {
 *   try {
 *     const key = await jira.createIssue(...);
 *     await store.confirmOpen(input.findingId, claim.token, { ticketId: key, ticketSystem: 'JIRA' });
 *   } catch (error) {
 *     await store.abandonClaim(input.findingId, claim.token, error);
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
    const parsed = TicketStoreConfigSchema.safeParse(config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') ?? '(options)';
      throw new TicketInputError(`Invalid ticket store option ${field}: ${issue?.message ?? 'invalid'}`, {
        field,
        cause: parsed.error,
      });
    }
    this.dynamodb = dynamodb;
    this.config = parsed.data;
    this.newToken = newToken ?? randomUUID;
  }

  /** The table this store reads and writes. */
  public get tableName(): string {
    return this.config.tableName;
  }

  /**
   * Reads a finding's ticket row (strongly consistent).
   *
   * @returns the ticket, or `undefined` when the finding never had one
   * @throws {TicketRowError} when the row is corrupt
   * @throws {TicketStoreError} when DynamoDB fails
   *
   * @example
   * ```ts
   * const ticket = await store.get(finding.Id);
   * if (ticket?.status === 'OPEN') console.log(ticket.ticketId);
   * ```
   */
  public async get(findingId: string): Promise<Ticket | undefined> {
    const { GetItemCommand } = await sdk.dynamodb();
    const output = await this.call(
      () =>
        this.dynamodb.send(
          new GetItemCommand({ TableName: this.tableName, Key: this.key(findingId), ConsistentRead: true }),
        ),
      `read the ticket of finding ${findingId}`,
      { findingId },
    );
    return output.Item === undefined ? undefined : parseTicketRow(output.Item);
  }

  /**
   * Claims a finding to open its ticket, idempotently, since two executions can handle the same
   * finding at once: at most one caller at a time gets `claimed`; the others learn that a ticket
   * `exists` or is `in_progress`. A claim can be taken when the finding has no row, its ticket is
   * CLOSED (the closed ticket moves into `history`, so it is not overwritten), or an earlier claim
   * expired or was abandoned. Each take-over is a conditional write on the row `version`, so two
   * concurrent callers cannot both win.
   *
   * The row records `opened_at = now` and `due_at` from the SLA; it is not an open ticket (for the
   * triage gates or the listings) until {@link TicketStore.confirmOpen}.
   *
   * @throws {TicketInputError} when the input is invalid (names the field)
   * @throws {TicketRowError} when the existing row is corrupt
   * @throws {TicketStoreError} when DynamoDB fails or the row keeps changing under us
   *
   * @example
   * ```ts
   * const claim = await store.claimOpen({ findingId, accountId: '111122223333', severityLabel: 'HIGH', penaltyScore: 7 }, new Date());
   * if (claim.kind === 'exists') return claim.ticket.ticketId;
   * ```
   */
  public async claimOpen(input: OpenTicketInput, now: Date = new Date()): Promise<ClaimResult> {
    const parsed = OpenTicketInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') ?? '(input)';
      const findingId = typeof input.findingId === 'string' ? input.findingId : undefined;
      throw new TicketInputError(
        `Cannot claim finding ${findingId ?? '(without id)'}: ${field}: ${issue?.message ?? 'invalid'}`,
        { field, cause: parsed.error, ...(findingId === undefined ? {} : { context: { findingId } }) },
      );
    }
    const data = parsed.data;
    const context = { findingId: data.findingId, accountId: data.accountId };
    const nowMs = this.millis(now, data.findingId);
    const { PutItemCommand } = await sdk.dynamodb();

    for (let attempt = 0; attempt < this.config.maxClaimAttempts; attempt++) {
      const current = await this.get(data.findingId);
      if (current?.status === 'OPEN') return { kind: 'exists', ticket: current };
      if (
        current?.status === 'OPENING' &&
        current.claimExpiresAt !== undefined &&
        Date.parse(current.claimExpiresAt) >= nowMs
      ) {
        return { kind: 'in_progress', until: current.claimExpiresAt };
      }

      const openedAt = new Date(nowMs).toISOString();
      const token = this.newToken();
      const expiresAt = new Date(nowMs + this.config.claimSeconds * 1000).toISOString();
      const history =
        current === undefined
          ? []
          : current.status === 'CLOSED'
            ? [...current.history, closedEntry(current)]
            : current.history;
      const retried = current?.status === 'OPENING';
      const item = toItem({
        id: data.findingId,
        status: 'OPENING',
        account_id: data.accountId,
        account_name: data.accountName,
        region: data.region,
        control_id: data.controlId,
        title: data.title,
        severity_label: data.severityLabel,
        penalty_score: data.penaltyScore,
        environment: data.environment,
        team: data.team,
        project: data.project,
        destination: data.destination,
        domain: data.domain,
        opened_at: openedAt,
        due_at: dueAt(openedAt, data.severityLabel, this.config.sla),
        claim_token: token,
        claim_expires_at: expiresAt,
        last_error: retried ? current.lastError : undefined,
        last_error_at: retried ? current.lastErrorAt : undefined,
        failed_attempts: retried ? current.failedAttempts : undefined,
        version: (current?.version ?? 0) + 1,
        history: history.slice(-this.config.maxHistory).map(historyRow),
      });
      const ticket = parseTicketRow(item);

      // The row may be taken when absent, CLOSED, or OPENING with an expired or released claim, and
      // only if nobody wrote it since we read it (version): two callers can never both succeed.
      const names = new ExpressionBuilder();
      const condition =
        current === undefined
          ? `attribute_not_exists(${names.name('id')})`
          : takeOverCondition(names, current.version, openedAt);
      try {
        await this.call(
          () =>
            this.dynamodb.send(
              new PutItemCommand({
                TableName: this.tableName,
                Item: item,
                ConditionExpression: condition,
                ...names.attributes(),
              }),
            ),
          `claim finding ${data.findingId}`,
          context,
        );
      } catch (error) {
        if (isConditionFailure(error)) continue; // someone else wrote first: look again
        throw error;
      }
      return { kind: 'claimed', token, expiresAt, ticket };
    }
    throw new TicketStoreError(
      `Could not claim finding ${data.findingId}: the row changed under ${this.config.maxClaimAttempts} attempts`,
      { context },
    );
  }

  /**
   * Records the external ticket of a claim and makes the row an OPEN ticket (visible to the triage
   * gates, the account listing and, when it has a deadline, the overdue index). Succeeds only while
   * `token` still holds the finding — also after the claim's expiry, as long as nobody took over.
   * Repeating a successful call with the same ticket id returns the ticket again.
   *
   * @throws {TicketClaimLostError} when the claim was lost: the external ticket is a duplicate to
   *   close or report
   * @throws {TicketInputError} when `ticketId` is blank
   * @throws {TicketStoreError} when DynamoDB fails
   *
   * @example
   * ```ts
   * const ticket = await store.confirmOpen(findingId, claim.token, { ticketId: 'SEC-42', ticketSystem: 'JIRA', url });
   * ```
   */
  public async confirmOpen(
    findingId: string,
    token: string,
    confirmed: ConfirmedTicket,
    now: Date = new Date(),
  ): Promise<Ticket> {
    const context = { findingId, ticketId: confirmed.ticketId };
    if (confirmed.ticketId.trim() === '') {
      throw new TicketInputError(`Cannot confirm the ticket of finding ${findingId}: ticketId is blank`, {
        field: 'ticketId',
        context: { findingId },
      });
    }
    this.millis(now, findingId);
    const current = await this.get(findingId);
    if (current?.status === 'OPEN' && current.ticketId === confirmed.ticketId) return current;
    if (current?.status !== 'OPENING' || current.claimToken !== token) {
      throw this.claimLost(findingId, confirmed.ticketId, current);
    }

    const expression = new ExpressionBuilder();
    const update = expression.update({
      set: {
        status: 'OPEN',
        ticket_id: confirmed.ticketId,
        ticket_system: confirmed.ticketSystem,
        ticket_url: confirmed.url,
        open_shard: openShard(findingId, this.config.openShards),
        open_severity_at: `${current.severityLabel}#${current.openedAt}`,
        open_due_at: current.dueAt,
      },
      remove: ['claim_token', 'claim_expires_at', 'last_error', 'last_error_at', 'failed_attempts'],
      increment: ['version'],
    });
    const condition = `${expression.name('status')} = ${expression.value('OPENING')} AND ${expression.name('claim_token')} = ${expression.value(token)}`;
    try {
      return await this.updateReturning(findingId, update, condition, expression, 'confirm', context);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const latest = await this.get(findingId);
      if (latest?.status === 'OPEN' && latest.ticketId === confirmed.ticketId) return latest;
      throw this.claimLost(findingId, confirmed.ticketId, latest);
    }
  }

  /**
   * Gives up a claim after the ticket could not be created: the error is kept on the row
   * (`last_error`, `failed_attempts`) and the claim is released, so the next execution takes over
   * at once instead of waiting for the claim to expire.
   *
   * @returns `true` when recorded; `false` when `token` no longer holds the finding
   * @throws {TicketStoreError} when DynamoDB fails
   *
   * @example
   * ```ts
   * await store.abandonClaim(findingId, claim.token, error);
   * ```
   */
  public async abandonClaim(
    findingId: string,
    token: string,
    error: unknown,
    now: Date = new Date(),
  ): Promise<boolean> {
    const nowIso = new Date(this.millis(now, findingId)).toISOString();
    const expression = new ExpressionBuilder();
    const update = expression.update({
      set: { last_error: describeError(error).slice(0, 2000), last_error_at: nowIso },
      remove: ['claim_token', 'claim_expires_at'],
      increment: ['version', 'failed_attempts'],
    });
    const condition = `${expression.name('status')} = ${expression.value('OPENING')} AND ${expression.name('claim_token')} = ${expression.value(token)}`;
    return this.conditionalUpdate(findingId, update, condition, expression, 'abandon the claim on', {
      findingId,
    });
  }

  /**
   * Closes the finding's open ticket `ticketId`: sets `closed_at`, `close_reason`, the TTL
   * `expires_at`, and takes the row out of the open indexes. Closing twice, closing a ticket that
   * is in the history, or closing a ticket the row does not hold changes nothing and says so.
   *
   * @throws {TicketStoreError} when DynamoDB fails
   *
   * @example
   * ```ts
   * const result = await store.close(finding.Id, { ticketId: 'SEC-42', reason: 'RESOLVED', now: new Date() });
   * if (result.kind === 'closed') await jira.transition('SEC-42');
   * ```
   */
  public async close(
    findingId: string,
    options: { readonly ticketId: string; readonly reason?: string; readonly now?: Date },
  ): Promise<CloseResult> {
    const nowMs = this.millis(options.now ?? new Date(), findingId);
    const context = { findingId, ticketId: options.ticketId };
    const expression = new ExpressionBuilder();
    const update = expression.update({
      set: {
        status: 'CLOSED',
        closed_at: new Date(nowMs).toISOString(),
        close_reason: options.reason,
        expires_at: Math.floor(nowMs / 1000) + this.config.closedRetentionDays * 86_400,
      },
      remove: ['open_shard', 'open_due_at', 'open_severity_at'],
      increment: ['version'],
    });
    const condition = `${expression.name('status')} = ${expression.value('OPEN')} AND ${expression.name('ticket_id')} = ${expression.value(options.ticketId)}`;
    try {
      const ticket = await this.updateReturning(findingId, update, condition, expression, 'close', context);
      return { kind: 'closed', ticket };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const current = await this.get(findingId);
    if (current === undefined) return { kind: 'not_found' };
    const closedNow = current.status === 'CLOSED' && current.ticketId === options.ticketId;
    const closedBefore = current.history.some((entry) => entry.ticketId === options.ticketId);
    return closedNow || closedBefore
      ? { kind: 'already_closed', ticket: current }
      : { kind: 'other_ticket', ticket: current };
  }

  /**
   * Records that the overdue reminder of the finding's open ticket is being sent. Only one call
   * ever wins per ticket (`attribute_not_exists(reminder_sent_at)`), even with two hourly runs at
   * once: call it **before** sending, and send only when it returns `true`. A re-opened ticket may
   * be reminded again.
   *
   * @param options.escalated whether the reminder also goes to the escalation CC list
   * @param options.ticketId when given, the row must still hold this ticket
   * @returns `true` when this call won; `false` when already reminded, closed, or absent
   * @throws {TicketStoreError} when DynamoDB fails
   *
   * @example
   * ```ts
   * const { escalated, cc } = reminderEscalation(ticket.severityLabel, sla);
   * if (await store.recordReminder(ticket.findingId, now, { escalated, ticketId: ticket.ticketId })) await send(cc);
   * ```
   */
  public async recordReminder(
    findingId: string,
    now: Date,
    options: { readonly escalated: boolean; readonly ticketId?: string | undefined },
  ): Promise<boolean> {
    const nowIso = new Date(this.millis(now, findingId)).toISOString();
    const expression = new ExpressionBuilder();
    const update = expression.update({
      set: { reminder_sent_at: nowIso, escalated: options.escalated },
      increment: ['version'],
    });
    let condition = `${expression.name('status')} = ${expression.value('OPEN')} AND attribute_not_exists(${expression.name('reminder_sent_at')})`;
    if (options.ticketId !== undefined) {
      condition += ` AND ${expression.name('ticket_id')} = ${expression.value(options.ticketId)}`;
    }
    return this.conditionalUpdate(findingId, update, condition, expression, 'record the reminder of', {
      findingId,
      ...(options.ticketId === undefined ? {} : { ticketId: options.ticketId }),
    });
  }

  /**
   * Open tickets whose due date is before `now`, oldest deadline first: one query per shard of the
   * sparse overdue index (paginated), never a scan. Tickets without a deadline (INFORMATIONAL) are
   * never listed. Corrupt rows are skipped and reported in `corrupt`.
   *
   * @throws {TicketStoreError} when DynamoDB fails
   *
   * @example
   * ```ts
   * const { tickets, corrupt } = await store.overdueTickets(new Date());
   * for (const ticket of tickets.filter((t) => t.reminderSentAt === undefined)) { ... }
   * ```
   */
  public async overdueTickets(now: Date = new Date()): Promise<TicketList> {
    const nowIso = new Date(this.millis(now)).toISOString();
    const shards = Array.from({ length: this.config.openShards }, (_, n) => `open#${n}`);
    const lists = await Promise.all(
      shards.map((shard) => {
        const expression = new ExpressionBuilder();
        return this.queryAll(
          {
            IndexName: TICKET_INDEXES.openByDue,
            KeyConditionExpression: `${expression.name('open_shard')} = ${expression.value(shard)} AND ${expression.name('open_due_at')} < ${expression.value(nowIso)}`,
            ...expression.attributes(),
          },
          `list overdue tickets (${shard})`,
        );
      }),
    );
    const tickets = lists
      .flatMap((list) => list.tickets)
      .filter((ticket) => ticket.status === 'OPEN')
      .sort((a, b) => compare(a.dueAt ?? '', b.dueAt ?? '') || compare(a.findingId, b.findingId));
    return { tickets, corrupt: lists.flatMap((list) => list.corrupt) };
  }

  /**
   * Open tickets of one account (by account id), optionally of one severity: a query of the sparse
   * `account-open-index`, ordered by severity then opening time.
   *
   * @throws {TicketStoreError} when DynamoDB fails
   *
   * @example
   * ```ts
   * const { tickets } = await store.openTicketsForAccount('111122223333', { severity: 'CRITICAL' });
   * ```
   */
  public async openTicketsForAccount(
    accountId: string,
    options: { readonly severity?: string } = {},
  ): Promise<TicketList> {
    const expression = new ExpressionBuilder();
    let keys = `${expression.name('account_id')} = ${expression.value(accountId)}`;
    if (options.severity !== undefined) {
      const prefix = `${options.severity.trim().toUpperCase()}#`;
      keys += ` AND begins_with(${expression.name('open_severity_at')}, ${expression.value(prefix)})`;
    }
    const list = await this.queryAll(
      { IndexName: TICKET_INDEXES.openByAccount, KeyConditionExpression: keys, ...expression.attributes() },
      `list the open tickets of account ${accountId}`,
      { accountId },
    );
    return { ...list, tickets: list.tickets.filter((ticket) => ticket.status === 'OPEN') };
  }

  /**
   * Every ticket row of one account (open, opening and closed, until their TTL), by opening time,
   * optionally within `[from, to]`: a query of `account-opened-index`, for reports and statistics.
   *
   * @throws {TicketStoreError} when DynamoDB fails
   *
   * @example
   * ```ts
   * const { tickets } = await store.ticketsForAccount('111122223333', { from: new Date(Date.now() - 28 * 86_400_000) });
   * ```
   */
  public async ticketsForAccount(
    accountId: string,
    options: { readonly from?: Date; readonly to?: Date } = {},
  ): Promise<TicketList> {
    const expression = new ExpressionBuilder();
    let keys = `${expression.name('account_id')} = ${expression.value(accountId)}`;
    const openedAt = (): string => expression.name('opened_at');
    const iso = (date: Date): string => new Date(this.millis(date)).toISOString();
    if (options.from !== undefined && options.to !== undefined) {
      keys += ` AND ${openedAt()} BETWEEN ${expression.value(iso(options.from))} AND ${expression.value(iso(options.to))}`;
    } else if (options.from !== undefined) {
      keys += ` AND ${openedAt()} >= ${expression.value(iso(options.from))}`;
    } else if (options.to !== undefined) {
      keys += ` AND ${openedAt()} <= ${expression.value(iso(options.to))}`;
    }
    return this.queryAll(
      { IndexName: TICKET_INDEXES.byAccount, KeyConditionExpression: keys, ...expression.attributes() },
      `list the tickets of account ${accountId}`,
      { accountId },
    );
  }

  private key(findingId: string): Item {
    return { id: { S: findingId } };
  }

  private millis(date: Date, findingId?: string): number {
    const millis = date.getTime();
    if (!Number.isFinite(millis)) {
      throw new TicketInputError(
        `Invalid date ${String(date)}${findingId ? ` for finding ${findingId}` : ''}`,
        {
          field: 'now',
          ...(findingId === undefined ? {} : { context: { findingId } }),
        },
      );
    }
    return millis;
  }

  private claimLost(findingId: string, ticketId: string, current: Ticket | undefined): TicketClaimLostError {
    const state =
      current === undefined
        ? 'the row is gone'
        : current.status === 'OPENING'
          ? 'another execution holds the claim now'
          : `the row is ${current.status}${current.ticketId === undefined ? '' : ` with ticket ${current.ticketId}`}`;
    return new TicketClaimLostError(
      `Claim on finding ${findingId} was lost (${state}); ticket ${ticketId} is a duplicate`,
      { context: { findingId, ticketId } },
    );
  }

  private async updateReturning(
    findingId: string,
    update: string,
    condition: string,
    expression: ExpressionBuilder,
    action: string,
    context: SoarErrorContext,
  ): Promise<Ticket> {
    const { UpdateItemCommand } = await sdk.dynamodb();
    const output = await this.call(
      () =>
        this.dynamodb.send(
          new UpdateItemCommand(this.updateInput(findingId, update, condition, expression, 'ALL_NEW')),
        ),
      `${action} the ticket of finding ${findingId}`,
      context,
    );
    if (output.Attributes === undefined) {
      throw new TicketStoreError(`DynamoDB returned no row after updating finding ${findingId}`, { context });
    }
    return parseTicketRow(output.Attributes);
  }

  private async conditionalUpdate(
    findingId: string,
    update: string,
    condition: string,
    expression: ExpressionBuilder,
    action: string,
    context: SoarErrorContext,
  ): Promise<boolean> {
    const { UpdateItemCommand } = await sdk.dynamodb();
    try {
      await this.call(
        () =>
          this.dynamodb.send(
            new UpdateItemCommand(this.updateInput(findingId, update, condition, expression, 'NONE')),
          ),
        `${action} finding ${findingId}`,
        context,
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private updateInput(
    findingId: string,
    update: string,
    condition: string,
    expression: ExpressionBuilder,
    returnValues: 'ALL_NEW' | 'NONE',
  ): UpdateItemCommandInput {
    return {
      TableName: this.tableName,
      Key: this.key(findingId),
      UpdateExpression: update,
      ConditionExpression: `attribute_exists(${expression.name('id')}) AND ${condition}`,
      ReturnValues: returnValues,
      ...expression.attributes(),
    };
  }

  private async queryAll(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
    action: string,
    context: SoarErrorContext = {},
  ): Promise<TicketList> {
    const { QueryCommand } = await sdk.dynamodb();
    const tickets: Ticket[] = [];
    const corrupt: TicketRowError[] = [];
    let start: Item | undefined;
    do {
      const page = start;
      const output = await this.call(
        () =>
          this.dynamodb.send(
            new QueryCommand({
              ...input,
              TableName: this.tableName,
              ...(this.config.pageSize === undefined ? {} : { Limit: this.config.pageSize }),
              ...(page === undefined ? {} : { ExclusiveStartKey: page }),
            }),
          ),
        action,
        context,
      );
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

/** The row is still at `version` and CLOSED, or OPENING with an expired or released claim. */
function takeOverCondition(names: ExpressionBuilder, version: number, now: string): string {
  const status = names.name('status');
  const expiry = names.name('claim_expires_at');
  const closed = `${status} = ${names.value('CLOSED')}`;
  const claimFree = `attribute_not_exists(${expiry}) OR ${expiry} < ${names.value(now)}`;
  return `${names.name('version')} = ${names.value(version)} AND (${closed} OR (${status} = ${names.value('OPENING')} AND (${claimFree})))`;
}

function closedEntry(ticket: Ticket): TicketHistoryEntry {
  return {
    ticketId: ticket.ticketId ?? '(unknown)',
    ticketSystem: ticket.ticketSystem ?? '',
    ticketUrl: ticket.ticketUrl,
    openedAt: ticket.openedAt,
    closedAt: ticket.closedAt ?? ticket.openedAt,
    closeReason: ticket.closeReason,
  };
}

function historyRow(entry: TicketHistoryEntry): StoredValue {
  return {
    ticket_id: entry.ticketId,
    ticket_system: entry.ticketSystem,
    ticket_url: entry.ticketUrl,
    opened_at: entry.openedAt,
    closed_at: entry.closedAt,
    close_reason: entry.closeReason,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
