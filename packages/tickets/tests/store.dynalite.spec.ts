import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { aControlFinding, startDynalite, type LocalDynamoDb } from '@soar/testing';
import {
  type OpenTicketInput,
  TicketStore,
  ticketsTableDefinition,
  type TicketStoreOptions,
  toItem,
} from '../src/store';
import { TicketClaimLostError, TicketInputError, TicketRowError, TicketStoreError } from '../src/errors';
import { DEFAULT_SLA, dueAt, overdueStatus } from '../src/sla';

const T0 = new Date('2026-05-01T00:00:00.000Z');
const after = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const HOURS = 3600;
const ACCOUNT = '111122223333';

let tableCount = 0;

describe('Class: TicketStore (dynalite)', () => {
  let db: LocalDynamoDb;
  let dynamodb: DynamoDBClient;
  let queries: number;

  beforeAll(async () => {
    db = await startDynalite();
    dynamodb = db.client();
    dynamodb.middlewareStack.add(
      (next, context) => async (args) => {
        if (context['commandName'] === 'QueryCommand') queries += 1;
        return next(args);
      },
      { step: 'initialize' },
    );
  });
  afterAll(() => db.stop());

  /** A store on a fresh table, so tests never see each other's rows. */
  async function newStore(options: Partial<TicketStoreOptions> = {}): Promise<TicketStore> {
    tableCount += 1;
    const tableName = `tickets-${tableCount}`;
    await dynamodb.send(new CreateTableCommand(ticketsTableDefinition(tableName)));
    return new TicketStore({ dynamodb, tableName, ...options });
  }

  const anInput = (overrides: Partial<OpenTicketInput> = {}): OpenTicketInput => {
    const finding = aControlFinding({ accountId: overrides.accountId ?? ACCOUNT });
    return {
      findingId: finding.Id,
      accountId: finding.AwsAccountId,
      accountName: 'payments-prod',
      region: 'eu-west-1',
      controlId: 'EC2.2',
      title: finding.Title,
      severityLabel: 'HIGH',
      penaltyScore: 7,
      environment: 'production',
      team: 'payments',
      project: 'PAY',
      destination: 'TEAM',
      domain: 'INFRA',
      ...overrides,
    };
  };

  async function openTicket(store: TicketStore, input: OpenTicketInput, ticketId: string, now = T0) {
    const claim = await store.claimOpen(input, now);
    if (claim.kind !== 'claimed') throw new Error(`expected a claim, got ${claim.kind}`);
    return store.confirmOpen(input.findingId, claim.token, { ticketId, ticketSystem: 'JIRA' }, now);
  }

  const rawRow = async (store: TicketStore, findingId: string) =>
    (await dynamodb.send(new GetItemCommand({ TableName: store.tableName, Key: { id: { S: findingId } } })))
      .Item;

  it('creates the table with its three indexes', async () => {
    const store = await newStore();
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: store.tableName }));
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([
      'account-open-index',
      'account-opened-index',
      'open-due-index',
    ]);
  });

  describe('idempotent open', () => {
    it('lets exactly one of ten concurrent duplicates claim, and ends with exactly one ticket', async () => {
      // Arrange: ten executions, each with its own client, as ten Lambdas would
      const store = await newStore();
      const stores = Array.from(
        { length: 10 },
        () => new TicketStore({ dynamodb: db.client(), tableName: store.tableName }),
      );
      const input = anInput();

      // Act
      const results = await Promise.all(stores.map((s) => s.claimOpen(input, T0)));

      // Assert
      const claimed = results.filter((result) => result.kind === 'claimed');
      expect(claimed).toHaveLength(1);
      expect(
        results.filter((result) => result.kind === 'in_progress' || result.kind === 'exists'),
      ).toHaveLength(9);
      const [winner] = claimed;
      if (winner?.kind !== 'claimed') throw new Error('no winner');
      const ticket = await store.confirmOpen(input.findingId, winner.token, {
        ticketId: 'PAY-1',
        ticketSystem: 'JIRA',
        url: 'https://jira.example.com/browse/PAY-1',
      });
      expect(ticket).toMatchObject({ status: 'OPEN', ticketId: 'PAY-1', version: 2, claimToken: undefined });

      const again = await Promise.all(stores.map((s) => s.claimOpen(input, after(60))));
      expect(again.every((result) => result.kind === 'exists')).toBe(true);
      const { tickets } = await store.openTicketsForAccount(ACCOUNT);
      expect(tickets.map((t) => t.ticketId)).toEqual(['PAY-1']);
      // What the triage gates read (packages/triage/src/decide/gate-data.ts)
      expect(await rawRow(store, input.findingId)).toMatchObject({
        status: { S: 'OPEN' },
        ticket_id: { S: 'PAY-1' },
      });
    });

    it('lets exactly one of ten concurrent re-openings of a closed finding win, keeping one history entry', async () => {
      // Arrange
      const store = await newStore();
      const input = anInput();
      await openTicket(store, input, 'PAY-5');
      await store.close(input.findingId, { ticketId: 'PAY-5', now: after(60) });
      const stores = Array.from(
        { length: 10 },
        () => new TicketStore({ dynamodb: db.client(), tableName: store.tableName }),
      );

      // Act
      const results = await Promise.all(stores.map((s) => s.claimOpen(input, after(120))));

      // Assert
      expect(results.filter((result) => result.kind === 'claimed')).toHaveLength(1);
      expect(results.filter((result) => result.kind === 'in_progress')).toHaveLength(9);
      const row = await store.get(input.findingId);
      expect(row).toMatchObject({ status: 'OPENING', version: 4, closedAt: undefined });
      expect(row?.history.map((entry) => entry.ticketId)).toEqual(['PAY-5']);
    });

    it('is not an open ticket for the gates or the listings while OPENING', async () => {
      const store = await newStore();
      const input = anInput({ severityLabel: 'CRITICAL' });
      await store.claimOpen(input, T0);

      expect(await rawRow(store, input.findingId)).toMatchObject({ status: { S: 'OPENING' } });
      expect((await rawRow(store, input.findingId))?.['ticket_id']).toBeUndefined();
      expect((await store.openTicketsForAccount(ACCOUNT)).tickets).toEqual([]);
      expect((await store.overdueTickets(after(10 * HOURS))).tickets).toEqual([]);
    });

    it('lets another execution take over an expired claim, and rejects the stale token', async () => {
      // Arrange
      const store = await newStore({ claimSeconds: 300 });
      const input = anInput();
      const first = await store.claimOpen(input, T0);
      if (first.kind !== 'claimed') throw new Error('expected a claim');
      expect(first.expiresAt).toBe('2026-05-01T00:05:00.000Z');

      // Act + Assert: held until the expiry, taken over after it
      expect(await store.claimOpen(input, after(299))).toEqual({
        kind: 'in_progress',
        until: '2026-05-01T00:05:00.000Z',
      });
      expect(await store.claimOpen(input, after(300))).toMatchObject({ kind: 'in_progress' });
      const second = await store.claimOpen(input, after(301));
      expect(second).toMatchObject({ kind: 'claimed' });
      if (second.kind !== 'claimed') throw new Error('expected a take-over');
      expect(second.token).not.toBe(first.token);
      expect(second.ticket).toMatchObject({ openedAt: after(301).toISOString(), version: 2 });

      const stale = store.confirmOpen(input.findingId, first.token, {
        ticketId: 'PAY-1',
        ticketSystem: 'JIRA',
      });
      await expect(stale).rejects.toThrow(TicketClaimLostError);
      await expect(stale).rejects.toMatchObject({ findingId: input.findingId, ticketId: 'PAY-1' });

      const ticket = await store.confirmOpen(input.findingId, second.token, {
        ticketId: 'PAY-2',
        ticketSystem: 'JIRA',
      });
      expect(ticket.ticketId).toBe('PAY-2');
      // the first execution learns it lost even after the second confirmed
      await expect(
        store.confirmOpen(input.findingId, first.token, { ticketId: 'PAY-1', ticketSystem: 'JIRA' }),
      ).rejects.toThrow(/lost.*OPEN with ticket PAY-2.*PAY-1 is a duplicate/);
    });

    it('confirms an expired claim nobody took over, and repeats a confirmation idempotently', async () => {
      const store = await newStore({ claimSeconds: 60 });
      const input = anInput();
      const claim = await store.claimOpen(input, T0);
      if (claim.kind !== 'claimed') throw new Error('expected a claim');

      const confirmed = { ticketId: 'PAY-9', ticketSystem: 'SERVICE_NOW' };
      const first = await store.confirmOpen(input.findingId, claim.token, confirmed, after(3600));
      const second = await store.confirmOpen(input.findingId, claim.token, confirmed, after(3601));

      expect(second).toEqual(first);
      expect(first).toMatchObject({ status: 'OPEN', ticketSystem: 'SERVICE_NOW', version: 2 });
    });

    it('records an abandoned claim and lets the next execution take over at once', async () => {
      // Arrange
      const store = await newStore();
      const input = anInput();
      const claim = await store.claimOpen(input, T0);
      if (claim.kind !== 'claimed') throw new Error('expected a claim');

      // Act
      expect(await store.abandonClaim(input.findingId, 'not-the-token', new Error('nope'), after(1))).toBe(
        false,
      );
      expect(await store.abandonClaim(input.findingId, claim.token, new Error('Jira 503'), after(1))).toBe(
        true,
      );

      // Assert
      expect(await store.get(input.findingId)).toMatchObject({
        status: 'OPENING',
        lastError: 'Error: Jira 503',
        lastErrorAt: after(1).toISOString(),
        failedAttempts: 1,
        claimToken: undefined,
      });
      const retry = await store.claimOpen(input, after(2));
      expect(retry).toMatchObject({
        kind: 'claimed',
        ticket: { lastError: 'Error: Jira 503', failedAttempts: 1 },
      });
      if (retry.kind !== 'claimed') throw new Error('expected a claim');
      const ticket = await store.confirmOpen(input.findingId, retry.token, {
        ticketId: 'PAY-3',
        ticketSystem: 'JIRA',
      });
      expect(ticket).toMatchObject({ status: 'OPEN', lastError: undefined, failedAttempts: undefined });
    });

    it('names the bad field of an invalid claim', async () => {
      const store = await newStore();
      const claim = store.claimOpen(anInput({ accountId: 'payments-prod' }), T0);
      await expect(claim).rejects.toThrow(TicketInputError);
      await expect(claim).rejects.toMatchObject({ field: 'accountId' });
      await expect(
        store.confirmOpen('some-finding', 'token', { ticketId: ' ', ticketSystem: 'JIRA' }),
      ).rejects.toMatchObject({ name: 'TicketInputError', field: 'ticketId', findingId: 'some-finding' });
    });
  });

  describe('close', () => {
    it('closes once, then reports the second close as a no-op', async () => {
      // Arrange
      const store = await newStore({ closedRetentionDays: 30 });
      const input = anInput();
      await openTicket(store, input, 'PAY-10');

      // Act
      const first = await store.close(input.findingId, {
        ticketId: 'PAY-10',
        reason: 'RESOLVED',
        now: after(60),
      });
      const second = await store.close(input.findingId, {
        ticketId: 'PAY-10',
        reason: 'RESOLVED',
        now: after(90),
      });

      // Assert
      expect(first).toMatchObject({
        kind: 'closed',
        ticket: {
          status: 'CLOSED',
          closedAt: after(60).toISOString(),
          closeReason: 'RESOLVED',
          expiresAt: Math.floor(after(60).getTime() / 1000) + 30 * 86_400,
        },
      });
      expect(second).toMatchObject({ kind: 'already_closed', ticket: { closedAt: after(60).toISOString() } });
      const row = await rawRow(store, input.findingId);
      expect(row).toMatchObject({ status: { S: 'CLOSED' } });
      expect(Object.keys(row ?? {}).filter((name) => name.startsWith('open_'))).toEqual([]);
      expect((await store.openTicketsForAccount(ACCOUNT)).tickets).toEqual([]);
    });

    it('changes nothing when the ticket id is not the one the row holds, or the row is missing', async () => {
      const store = await newStore();
      const input = anInput();
      await openTicket(store, input, 'PAY-11');

      expect(await store.close(input.findingId, { ticketId: 'EVIL-1', now: after(5) })).toMatchObject({
        kind: 'other_ticket',
        ticket: { status: 'OPEN', ticketId: 'PAY-11' },
      });
      expect(await store.close('no-such-finding', { ticketId: 'PAY-11' })).toEqual({ kind: 'not_found' });
    });

    it('keeps the history when a closed finding is ticketed again', async () => {
      // Arrange
      const store = await newStore();
      const input = anInput({ severityLabel: 'CRITICAL' });
      await openTicket(store, input, 'PAY-20');
      await store.recordReminder(input.findingId, after(5 * HOURS), { escalated: true });
      await store.close(input.findingId, { ticketId: 'PAY-20', reason: 'RESOLVED', now: after(6 * HOURS) });

      // Act: the finding regresses twice
      const reopened = await openTicket(store, input, 'PAY-21', after(7 * HOURS));
      await store.close(input.findingId, { ticketId: 'PAY-21', now: after(8 * HOURS) });
      const third = await store.claimOpen(input, after(9 * HOURS));

      // Assert
      expect(reopened).toMatchObject({
        status: 'OPEN',
        ticketId: 'PAY-21',
        reminderSentAt: undefined,
        escalated: undefined,
        closedAt: undefined,
        expiresAt: undefined,
        dueAt: after(11 * HOURS).toISOString(),
        history: [
          {
            ticketId: 'PAY-20',
            ticketSystem: 'JIRA',
            openedAt: T0.toISOString(),
            closedAt: after(6 * HOURS).toISOString(),
            closeReason: 'RESOLVED',
          },
        ],
      });
      expect(third).toMatchObject({ kind: 'claimed' });
      if (third.kind !== 'claimed') throw new Error('expected a claim');
      expect(third.ticket.history.map((entry) => entry.ticketId)).toEqual(['PAY-20', 'PAY-21']);
      expect((await rawRow(store, input.findingId))?.['expires_at']).toBeUndefined();
      expect(await store.close(input.findingId, { ticketId: 'PAY-20' })).toMatchObject({
        kind: 'already_closed',
      });
    });

    it('drops the oldest history entries beyond maxHistory', async () => {
      const store = await newStore({ maxHistory: 2 });
      const input = anInput();
      for (let n = 1; n <= 4; n++) {
        await openTicket(store, input, `PAY-${n}`, after(n * HOURS));
        await store.close(input.findingId, { ticketId: `PAY-${n}`, now: after(n * HOURS + 60) });
      }
      const ticket = await openTicket(store, input, 'PAY-5', after(5 * HOURS));
      expect(ticket.history.map((entry) => entry.ticketId)).toEqual(['PAY-3', 'PAY-4']);
    });
  });

  describe('listings', () => {
    it('finds every overdue ticket across shards and pages, and nothing else', async () => {
      // Arrange: 120 tickets of four accounts, opened an hour apart, some closed, some never due
      const store = await newStore({ openShards: 4, pageSize: 5 });
      const severities = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNKNOWN'];
      const accounts = ['111111111111', '222222222222', '333333333333', '444444444444'];
      const inputs = Array.from({ length: 120 }, (_, n) =>
        anInput({
          findingId: `finding-${String(n).padStart(3, '0')}`,
          accountId: accounts[n % 4] ?? ACCOUNT,
          severityLabel: severities[n % severities.length] ?? 'HIGH',
        }),
      );
      for (let batch = 0; batch < inputs.length; batch += 20) {
        await Promise.all(
          inputs
            .slice(batch, batch + 20)
            .map((input, i) => openTicket(store, input, `T-${batch + i}`, after(-(batch + i) * HOURS))),
        );
      }
      const closed = inputs.filter((_, n) => n % 10 === 0);
      for (const input of closed) {
        await store.close(input.findingId, { ticketId: `T-${inputs.indexOf(input)}`, now: after(0) });
      }
      const now = after(HOURS);
      const expected = inputs
        .map((input, n) => ({ input, openedAt: after(-n * HOURS) }))
        .filter(({ input }) => !closed.includes(input))
        .filter(
          ({ input, openedAt }) =>
            overdueStatus({ openedAt, dueAt: dueAt(openedAt, input.severityLabel, DEFAULT_SLA) }, now)
              .overdue,
        )
        .map(({ input }) => input.findingId)
        .sort();
      queries = 0;

      // Act
      const { tickets, corrupt } = await store.overdueTickets(now);

      // Assert
      expect(corrupt).toEqual([]);
      expect(tickets.map((ticket) => ticket.findingId).sort()).toEqual(expected);
      expect(expected.length).toBeGreaterThan(40);
      expect(queries).toBeGreaterThan(expected.length / 5); // it paged
      const shards = new Set(
        await Promise.all(
          tickets.map(async (ticket) => (await rawRow(store, ticket.findingId))?.['open_shard']?.S),
        ),
      );
      expect(shards.size).toBe(4);
      const dues = tickets.map((ticket) => ticket.dueAt ?? '');
      expect(dues).toEqual([...dues].sort());
      expect(tickets.some((ticket) => ticket.severityLabel === 'INFORMATIONAL')).toBe(false);
      expect(tickets.filter((ticket) => ticket.severityLabel === 'UNKNOWN').length).toBeGreaterThan(0);

      // Every open ticket, those without a deadline (INFORMATIONAL) too, for the hourly statistics
      const open = await store.openTickets();
      const openIds = inputs.filter((input) => !closed.includes(input)).map((input) => input.findingId);
      expect(open.corrupt).toEqual([]);
      expect(open.tickets.map((ticket) => ticket.findingId)).toEqual(openIds.sort());
      expect(open.tickets.some((ticket) => ticket.severityLabel === 'INFORMATIONAL')).toBe(true);
    });

    it('lists the open tickets of one account, optionally of one severity, and all its tickets by time', async () => {
      // Arrange
      const store = await newStore();
      const other = '999900001111';
      await openTicket(store, anInput({ findingId: 'a-high-1', severityLabel: 'HIGH' }), 'A-1', after(1));
      await openTicket(store, anInput({ findingId: 'a-high-2', severityLabel: 'high' }), 'A-2', after(2));
      await openTicket(store, anInput({ findingId: 'a-crit', severityLabel: 'CRITICAL' }), 'A-3', after(3));
      await openTicket(store, anInput({ findingId: 'a-closed', severityLabel: 'HIGH' }), 'A-4', after(4));
      await store.close('a-closed', { ticketId: 'A-4', now: after(5) });
      await store.claimOpen(anInput({ findingId: 'a-opening', severityLabel: 'HIGH' }), after(6));
      await openTicket(
        store,
        anInput({ findingId: 'b-high', accountId: other, severityLabel: 'HIGH' }),
        'B-1',
      );

      // Act + Assert
      const open = await store.openTicketsForAccount(ACCOUNT);
      expect(open.tickets.map((ticket) => ticket.findingId)).toEqual(['a-crit', 'a-high-1', 'a-high-2']);
      const high = await store.openTicketsForAccount(ACCOUNT, { severity: ' High ' });
      expect(high.tickets.map((ticket) => ticket.ticketId)).toEqual(['A-1', 'A-2']);
      expect((await store.openTicketsForAccount(ACCOUNT, { severity: 'LOW' })).tickets).toEqual([]);
      expect((await store.openTicketsForAccount(other)).tickets.map((ticket) => ticket.ticketId)).toEqual([
        'B-1',
      ]);

      const all = await store.ticketsForAccount(ACCOUNT);
      expect(all.tickets.map((ticket) => [ticket.findingId, ticket.status])).toEqual([
        ['a-high-1', 'OPEN'],
        ['a-high-2', 'OPEN'],
        ['a-crit', 'OPEN'],
        ['a-closed', 'CLOSED'],
        ['a-opening', 'OPENING'],
      ]);
      const recent = await store.ticketsForAccount(ACCOUNT, { from: after(3), to: after(5) });
      expect(recent.tickets.map((ticket) => ticket.findingId)).toEqual(['a-crit', 'a-closed']);
    });

    it('skips a corrupt row, reports it by finding id and field, and refuses it in get', async () => {
      // Arrange: a good ticket and a row written by something else with a broken penalty score
      const store = await newStore({ openShards: 1 });
      await openTicket(store, anInput({ findingId: 'good', severityLabel: 'CRITICAL' }), 'G-1');
      const good = await rawRow(store, 'good');
      await dynamodb.send(
        new PutItemCommand({
          TableName: store.tableName,
          Item: { ...good, ...toItem({ id: 'broken', ticket_id: 'X-1', penalty_score: 'very high' }) },
        }),
      );

      // Act
      const overdue = await store.overdueTickets(after(5 * HOURS));
      const open = await store.openTicketsForAccount(ACCOUNT);

      // Assert
      expect(overdue.tickets.map((ticket) => ticket.findingId)).toEqual(['good']);
      expect(overdue.corrupt).toHaveLength(1);
      expect(overdue.corrupt[0]).toBeInstanceOf(TicketRowError);
      expect(overdue.corrupt[0]).toMatchObject({
        findingId: 'broken',
        accountId: ACCOUNT,
        field: 'penalty_score',
      });
      expect(overdue.corrupt[0]?.message).toMatch(/Ticket row broken is corrupt: penalty_score/);
      expect(open.corrupt.map((error) => error.findingId)).toEqual(['broken']);
      await expect(store.get('broken')).rejects.toMatchObject({
        name: 'TicketRowError',
        field: 'penalty_score',
      });
    });
  });

  describe('reminders', () => {
    it('lets one of five concurrent reminders win, once per ticket', async () => {
      // Arrange
      const store = await newStore();
      const input = anInput({ severityLabel: 'CRITICAL' });
      await openTicket(store, input, 'PAY-30');
      const now = after(5 * HOURS);

      // Act
      const won = await Promise.all(
        Array.from({ length: 5 }, () => store.recordReminder(input.findingId, now, { escalated: true })),
      );

      // Assert
      expect(won.filter(Boolean)).toHaveLength(1);
      expect(await store.get(input.findingId)).toMatchObject({
        reminderSentAt: now.toISOString(),
        escalated: true,
      });
      expect(await store.recordReminder(input.findingId, after(6 * HOURS), { escalated: false })).toBe(false);
      const [listed] = (await store.overdueTickets(after(6 * HOURS))).tickets;
      expect(listed?.reminderSentAt).toBe(now.toISOString());
    });

    it('does not remind a closed, missing or different ticket', async () => {
      const store = await newStore();
      const input = anInput();
      await openTicket(store, input, 'PAY-31');

      expect(await store.recordReminder(input.findingId, T0, { escalated: false, ticketId: 'PAY-0' })).toBe(
        false,
      );
      await store.close(input.findingId, { ticketId: 'PAY-31', now: after(1) });
      expect(await store.recordReminder(input.findingId, after(2), { escalated: false })).toBe(false);
      expect(await store.recordReminder('missing', after(2), { escalated: false })).toBe(false);
    });
  });

  it('wraps DynamoDB failures in a TicketStoreError naming the finding', async () => {
    const store = new TicketStore({ dynamodb, tableName: 'no-such-table' });
    const read = store.get('finding-x');
    await expect(read).rejects.toThrow(TicketStoreError);
    await expect(read).rejects.toMatchObject({
      findingId: 'finding-x',
      message: /ResourceNotFoundException/,
    });
  });

  it('rejects invalid options by name', () => {
    expect(() => new TicketStore({ dynamodb, tableName: 'tickets', openShards: 0 })).toThrow(
      expect.objectContaining({ name: 'TicketInputError', field: 'openShards' }),
    );
  });
});
