import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { createScratchpad, type AccountInput, type Scratchpad } from '@soar/scratchpad';
import { aControlFinding, startDynalite, type LocalDynamoDb } from '@soar/testing';
import { FakeTicketSystem, RecordingNotifier } from './service-fakes';
import { RoutingConfigSchema } from '../src/routing/routing-config';
import { createTicketingService, type TicketingServiceOptions } from '../src/service/ticketing-service';
import { TicketInProgressError, TicketSystemError } from '../src/errors';
import { SlaConfigSchema } from '../src/sla';
import { TicketStore, ticketsTableDefinition } from '../src/store';

const account: AccountInput = {
  Id: '111122223333',
  Name: 'payments-prod',
  Email: 'aws+payments@example.com',
  TeamEmail: 'payments@example.com',
  TeamEmailApp: 'payments-devs@example.com',
  OrganizationalUnit: 'Workloads',
  ProjectId: 'PAY',
  Environment: 'PROD',
  Team: 'payments',
};

describe('Service: createTicketingService', () => {
  let db: LocalDynamoDb;
  let table = 0;
  let store: TicketStore;
  let jira: FakeTicketSystem;
  let email: RecordingNotifier;
  let slack: RecordingNotifier;
  let now: Date;
  let sleeps: number[];

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());

  beforeEach(async () => {
    const tableName = `tickets-${++table}`;
    await db.client().send(new CreateTableCommand(ticketsTableDefinition(tableName)));
    now = new Date('2026-11-20T10:00:00.000Z');
    store = new TicketStore({ dynamodb: db.client(), tableName });
    jira = new FakeTicketSystem();
    email = new RecordingNotifier('email');
    slack = new RecordingNotifier('slack');
    sleeps = [];
  });

  const service = (overrides: Partial<TicketingServiceOptions> = {}) =>
    createTicketingService({
      store,
      ticketSystem: jira,
      email,
      chat: [slack],
      routing: RoutingConfigSchema.parse({}),
      sla: SlaConfigSchema.parse({ escalation: { cc: ['ciso@example.com'], severities: ['CRITICAL'] } }),
      render: { productName: 'SOAR' },
      teamEmailOf: async (accountId) =>
        accountId === account.Id ? { teamEmail: 'payments@example.com' } : undefined,
      clock: () => now,
      delivery: {
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
      ...overrides,
    });

  const pad = (severity: 'HIGH' | 'CRITICAL' = 'HIGH'): Scratchpad =>
    createScratchpad(aControlFinding({ controlId: 'EC2.2', severity }), { account });

  it('opens one ticket, records it, and emails the team with its id', async () => {
    // Arrange
    const input = pad();

    // Act
    const result = await service().openTeamTicket(input);

    // Assert
    expect(result).toMatchObject({ kind: 'opened', ticketId: 'SEC-1', route: { project: 'PAY' } });
    expect(jira.opened).toHaveLength(1);
    expect(await store.get(input.finding.Id)).toMatchObject({
      status: 'OPEN',
      ticketId: 'SEC-1',
      project: 'PAY',
    });
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]?.recipients).toEqual({ to: ['payments@example.com'] });
    expect(email.sent[0]?.message.text).toContain('SEC-1');
    expect(slack.sent).toHaveLength(1);
  });

  it('opens one ticket and sends one email when the same event arrives three times', async () => {
    const input = pad();
    const tickets = service();

    const results = [
      await tickets.openTeamTicket(input),
      await tickets.openTeamTicket(input),
      await tickets.openTeamTicket(input),
    ];

    expect(results.map((r) => r.kind)).toEqual(['opened', 'existing', 'existing']);
    expect(jira.opened).toHaveLength(1);
    expect(email.sent).toHaveLength(1);
  });

  it('opens one ticket when ten executions race for the same finding', async () => {
    const input = pad();
    const tickets = service();

    const results = await Promise.allSettled(Array.from({ length: 10 }, () => tickets.openTeamTicket(input)));

    const opened = results.filter((r) => r.status === 'fulfilled' && r.value.kind === 'opened');
    const retried = results.filter((r) => r.status === 'rejected');
    expect(opened).toHaveLength(1);
    expect(retried.every((r) => r.status === 'rejected' && r.reason instanceof TicketInProgressError)).toBe(
      true,
    );
    expect(jira.opened).toHaveLength(1);
    expect(email.sent).toHaveLength(1);
  });

  it('keeps the failure when the ticket system fails, and the next delivery opens the ticket', async () => {
    const input = pad();
    const tickets = service();
    jira.failNextOpen = true;

    await expect(tickets.openTeamTicket(input)).rejects.toThrow(TicketSystemError);
    expect(await store.get(input.finding.Id)).toMatchObject({
      status: 'OPENING',
      lastError: expect.stringContaining('503'),
    });
    expect(email.sent).toHaveLength(0);

    await expect(tickets.openTeamTicket(input)).resolves.toMatchObject({ kind: 'opened', ticketId: 'SEC-1' });
  });

  it('opens the ticket even when email and chat fail, and reports them', async () => {
    email.fail = true;
    slack.fail = true;

    const result = await service().openTeamTicket(pad());

    expect(result.kind).toBe('opened');
    if (result.kind !== 'opened') return;
    expect(result.notifications.map((n) => [n.channel, n.ok])).toEqual([
      ['email', false],
      ['slack', false],
    ]);
  });

  it('tries a failed email again, so a passing SES hiccup does not leave the team uninformed', async () => {
    // Arrange
    email.failures = 2;

    // Act
    const result = await service().openTeamTicket(pad());

    // Assert
    expect(result.kind).toBe('opened');
    if (result.kind !== 'opened') return;
    expect(result.notifications.map((n) => [n.channel, n.ok])).toEqual([
      ['email', true],
      ['slack', true],
    ]);
    expect(email.calls).toBe(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it('reports the email as not delivered after its retries, with the ticket kept open', async () => {
    // Arrange
    const input = pad();
    email.fail = true;

    // Act
    const result = await service().openTeamTicket(input);

    // Assert
    expect(result).toMatchObject({ kind: 'opened', notifications: [{ channel: 'email', ok: false }, {}] });
    expect(email.calls).toBe(3);
    expect(await store.get(input.finding.Id)).toMatchObject({ status: 'OPEN', ticketId: 'SEC-1' });
  });

  it('sends one "closed" message when two executions close the same ticket at once', async () => {
    // Arrange
    const input = pad();
    const tickets = service();
    await tickets.openTeamTicket(input);
    email.sent.length = 0;

    // Act
    const results = await Promise.all([
      tickets.closeTicket(input, 'SEC-1'),
      tickets.closeTicket(input, 'SEC-1'),
    ]);

    // Assert
    expect(results.map((result) => result.kind).sort()).toEqual(['closed', 'not_open']);
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]?.message.subject).toMatch(/closed/i);
    expect(await store.get(input.finding.Id)).toMatchObject({ status: 'CLOSED' });
  });

  it('closes the ticket SOAR holds and tells the team', async () => {
    const input = pad();
    const tickets = service();
    await tickets.openTeamTicket(input);

    const result = await tickets.closeTicket(input, 'SEC-1');

    expect(result.kind).toBe('closed');
    expect(jira.closed).toEqual(['SEC-1']);
    expect(await store.get(input.finding.Id)).toMatchObject({ status: 'CLOSED' });
    expect(email.sent.at(-1)?.message.subject).toMatch(/closed/i);
  });

  it.each([
    ['a ticket SOAR does not hold for the finding', 'SEC-99'],
    ['a URL planted in the finding', 'https://evil.example/SEC-1'],
  ])('never calls the ticket system for %s', async (_name, ticketId) => {
    const input = pad();
    const tickets = service();
    await tickets.openTeamTicket(input);

    const result = await tickets.closeTicket(input, ticketId);

    expect(result.kind).toBe('not_open');
    expect(jira.closed).toEqual([]);
  });

  it('sends one reminder per overdue ticket, escalating the configured severities', async () => {
    const tickets = service();
    const high = pad('HIGH');
    const critical = pad('CRITICAL');
    await tickets.openTeamTicket(high);
    await tickets.openTeamTicket(critical);
    email.sent.length = 0;
    now = new Date('2026-11-20T19:00:00.000Z'); // 9 h later: HIGH (8 h) and CRITICAL (4 h) are overdue

    const first = await tickets.sendOverdueReminders();
    const second = await tickets.sendOverdueReminders();

    expect(first).toMatchObject({ overdue: 2, failed: [], corrupt: 0 });
    expect(first.reminded.map((r) => r.escalated).sort()).toEqual([false, true]);
    expect(email.sent).toHaveLength(2);
    const escalatedMail = email.sent.find((s) => s.recipients?.cc?.length);
    expect(escalatedMail?.recipients).toEqual({ to: ['payments@example.com'], cc: ['ciso@example.com'] });
    expect(second.reminded).toEqual([]);
    expect(email.sent).toHaveLength(2);
  });

  it('tries an overdue reminder again, then reports it as failed with its ticket', async () => {
    // Arrange
    const tickets = service();
    const high = pad('HIGH');
    await tickets.openTeamTicket(high);
    now = new Date('2026-11-20T19:00:00.000Z');
    email.fail = true;
    email.calls = 0;

    // Act
    const summary = await tickets.sendOverdueReminders();

    // Assert
    expect(email.calls).toBe(3);
    expect(summary.failed).toEqual([
      { findingId: high.finding.Id, ticketId: 'SEC-1', error: expect.stringContaining('email is down') },
    ]);
  });

  it('picks the chat channels of each message from its account, and reports a reminder copy that failed', async () => {
    // Arrange: Slack for the payments team in PROD only; the account is payments in PROD.
    const teams = new RecordingNotifier('teams');
    const targets: unknown[] = [];
    const tickets = service({
      chat: (target) => {
        targets.push(target);
        return target.team === 'payments' && target.environment === 'PROD' ? [slack] : [teams];
      },
    });
    const high = pad('HIGH');

    // Act
    await tickets.openTeamTicket(high);
    now = new Date('2026-11-20T19:00:00.000Z');
    slack.fail = true;
    const summary = await tickets.sendOverdueReminders();

    // Assert
    expect(targets).toEqual([
      { environment: 'PROD', team: 'payments' },
      { environment: 'PROD', team: 'payments' },
    ]);
    expect(slack.sent).toHaveLength(1);
    expect(teams.sent).toHaveLength(0);
    expect(summary.reminded).toHaveLength(1);
    expect(email.sent).toHaveLength(2);
    expect(summary.chatFailed).toEqual([
      {
        findingId: high.finding.Id,
        ticketId: 'SEC-1',
        channel: 'slack',
        error: expect.stringContaining('slack is down'),
      },
    ]);
  });
});
