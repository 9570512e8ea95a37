import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { Notifier, NotificationRecipients } from '@soar/notifications';
import type { RenderedMessage } from '@soar/messages';
import { startDynalite, type LocalDynamoDb } from '@soar/testing';
import { InternalTicketSystem } from '@soar/ticket-systems';
import {
  RoutingConfigSchema,
  SlaConfigSchema,
  TicketStore,
  ticketsTableDefinition,
  type SlaConfig,
} from '@soar/tickets';
import { AccountSchema, type Account } from '@soar/scratchpad';
import { createMemoryFailureRecorder, ticketingFor, NotificationNotDeliveredError } from '@soar/workflow';
import { AccountRefreshError, hourlyTasksStep, refreshAccountsStep, type MetricPoint } from '../src';

const ACCOUNT = '111122223333';
const T0 = new Date('2026-03-10T00:00:00.000Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

/** An account of the team at `teamEmail` (the reminders read only its addresses). */
function anAccount(id: string, teamEmail: string): Account {
  return AccountSchema.parse({
    Id: id,
    Name: `account-${id}`,
    Email: `aws+${id}@example.com`,
    TeamEmail: teamEmail,
    TeamEmailApp: teamEmail,
    OrganizationalUnit: 'Workloads',
  });
}

/** Keeps what the team was sent; fails for the addresses in `failFor`. */
class Outbox implements Notifier {
  public readonly name = 'email';
  public readonly sent: { subject: string; to: readonly string[]; cc: readonly string[] }[] = [];
  public readonly failFor = new Set<string>();
  public send(message: RenderedMessage, recipients: NotificationRecipients): Promise<void> {
    if ((recipients.to ?? []).some((to) => this.failFor.has(to)))
      return Promise.reject(new Error('SES said no'));
    this.sent.push({ subject: message.subject, to: recipients.to ?? [], cc: recipients.cc ?? [] });
    return Promise.resolve();
  }
}

describe('Workflow: hourly tasks over the ticket store', () => {
  let db: LocalDynamoDb;
  let table = 0;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());

  /** A fresh tickets table, the reminders' ports over it, and a clock the test moves. */
  async function world(sla: SlaConfig) {
    table += 1;
    const tableName = `tickets-${table}`;
    const client = db.client();
    await client.send(new CreateTableCommand(ticketsTableDefinition(tableName)));
    const store = new TicketStore({ dynamodb: client, tableName, sla });
    const clock = { now: T0 };
    const outbox = new Outbox();
    const failures = createMemoryFailureRecorder();
    const published: MetricPoint[][] = [];
    const tickets = ticketingFor(
      { routing: RoutingConfigSchema.parse({}), sla, productName: 'SOAR' },
      {
        store,
        ticketSystem: new InternalTicketSystem(),
        email: outbox,
        accounts: {
          getAccount: (id) =>
            Promise.resolve(anAccount(id, id === '999999999999' ? 'down@example.com' : 'team@example.com')),
        },
        clock: () => clock.now,
      },
    );
    const open = async (findingId: string, severityLabel: string, openedAt: Date, accountId = ACCOUNT) => {
      const claim = await store.claimOpen(
        { findingId, accountId, title: findingId, severityLabel, penaltyScore: 0 },
        openedAt,
      );
      if (claim.kind !== 'claimed') throw new Error('expected a claim');
      await store.confirmOpen(
        findingId,
        claim.token,
        { ticketId: `SOAR-${findingId}`, ticketSystem: 'NONE' },
        openedAt,
      );
    };
    const run = (hours: number) => {
      clock.now = at(hours);
      return hourlyTasksStep({
        tickets,
        failures,
        openTickets: store,
        metrics: { publish: (points) => void published.push([...points]) },
        sla,
        clock: () => clock.now,
      });
    };
    return { store, outbox, failures, published, open, run };
  }

  it('reminds a due ticket once, not a ticket that is not due, and copies the escalation list by severity', async () => {
    // Arrange: HIGH (8 h) and CRITICAL (4 h) overdue at hour 10; MEDIUM (336 h) not due
    const sla = SlaConfigSchema.parse({ escalation: { severities: ['CRITICAL'], cc: ['ciso@example.com'] } });
    const w = await world(sla);
    await w.open('high', 'HIGH', T0);
    await w.open('critical', 'CRITICAL', T0);
    await w.open('medium', 'MEDIUM', T0);

    // Act
    const first = await w.run(10);
    const second = await w.run(11);

    // Assert: the first run reminds the two overdue tickets, the CRITICAL one with the CISO in copy
    expect(first.reminders.reminded.map((r) => [r.findingId, r.escalated]).sort()).toEqual([
      ['critical', true],
      ['high', false],
    ]);
    expect(w.outbox.sent).toHaveLength(2);
    expect(w.outbox.sent.find((m) => m.cc.includes('ciso@example.com'))?.to).toEqual(['team@example.com']);
    expect(w.outbox.sent.filter((m) => m.cc.includes('ciso@example.com'))).toHaveLength(1);
    // the next hour, both were already reminded: nothing is sent again
    expect(second.reminders.reminded).toEqual([]);
    expect(second.reminders.skipped).toBe(2);
    expect(w.outbox.sent).toHaveLength(2);
    // and the statistics were published each hour
    const totals = (points: readonly MetricPoint[]) =>
      points.filter((p) => p.name === 'TotalTickets').map((p) => `${p.dimension.value}=${p.value}`);
    expect(w.published.map(totals)).toEqual([
      ['Open=3', 'Overdue=2'],
      ['Open=3', 'Overdue=2'],
    ]);
  });

  it('reminds an already reminded ticket again only after the SLA’s remindAgainAfterHours', async () => {
    const w = await world(SlaConfigSchema.parse({ remindAgainAfterHours: 24 }));
    await w.open('high', 'HIGH', T0);

    const runs = [await w.run(9), await w.run(10), await w.run(32), await w.run(33)];

    expect(runs.map((r) => r.reminders.reminded.length)).toEqual([1, 0, 0, 1]);
  });

  it('records an undelivered reminder as a failure, still publishes the statistics, then fails', async () => {
    const w = await world(SlaConfigSchema.parse({}));
    await w.open('down', 'HIGH', T0, '999999999999');
    await w.open('high', 'HIGH', T0);
    const outbox = w.outbox;
    outbox.failFor.add('down@example.com');

    await expect(w.run(10)).rejects.toBeInstanceOf(NotificationNotDeliveredError);

    expect(w.failures.list()).toEqual([
      expect.objectContaining({ findingId: 'down', step: 'overdue-reminder-email' }),
    ]);
    expect(outbox.sent).toHaveLength(1);
    expect(w.published).toHaveLength(1);
  });

  it('handles 1,000 open tickets in one invocation, with no state machine state', async () => {
    // Arrange: 1,000 open tickets, a quarter of them overdue (HIGH, 8 h), the rest MEDIUM (336 h)
    const w = await world(SlaConfigSchema.parse({}));
    for (let batch = 0; batch < 1000; batch += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => batch + i).map((n) =>
          w.open(`f-${n}`, n % 4 === 0 ? 'HIGH' : 'MEDIUM', T0, String(100000000000 + (n % 100))),
        ),
      );
    }

    // Act: two hours, as the schedule would run them
    const first = await w.run(10);
    const second = await w.run(11);

    // Assert: one invocation per hour does everything; the original needed 2 + 3–5 states per overdue ticket
    expect(first.reminders.reminded).toHaveLength(250);
    expect(second.reminders.reminded).toHaveLength(0);
    expect(second.reminders.skipped).toBe(250);
    expect(first.metrics.find((p) => p.name === 'TotalTickets' && p.dimension.value === 'Open')?.value).toBe(
      1000,
    );
    const originalStates = { first: 2 + 250 * 5, later: 2 + 250 * 3 };
    const oursStates = 0;
    const oursInvocations = 1;
    expect(oursStates).toBeLessThanOrEqual(originalStates.later / 4);
    expect({ originalStates, oursStates, oursInvocations }).toEqual({
      originalStates: { first: 1252, later: 752 },
      oursStates: 0,
      oursInvocations: 1,
    });
  }, 120_000);
});

describe('Step: refreshAccountsStep', () => {
  it('refreshes each account with bounded concurrency; one failing is recorded and the rest go on', async () => {
    // Arrange
    const ids = Array.from({ length: 20 }, (_, n) => String(100000000000 + n));
    let inFlight = 0;
    let most = 0;
    const refreshed: string[] = [];
    const failures = createMemoryFailureRecorder();
    const accounts = {
      listAccountIds: () => Promise.resolve(ids),
      async refresh(id: string): Promise<'refreshed' | 'removed'> {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight -= 1;
        if (id === ids[3]) throw new Error('TooManyRequestsException');
        refreshed.push(id);
        return id === ids[5] ? 'removed' : 'refreshed';
      },
    };

    // Act
    const run = refreshAccountsStep({ accounts, failures, concurrency: 3, clock: () => T0 });

    // Assert
    await expect(run).rejects.toBeInstanceOf(AccountRefreshError);
    expect(most).toBe(3);
    expect(refreshed).toHaveLength(19);
    expect(failures.list()).toEqual([
      expect.objectContaining({
        accountId: ids[3],
        step: 'account-refresh',
        cause: expect.stringContaining('TooManyRequests'),
      }),
    ]);
  });

  it('answers what it did when every account was refreshed', async () => {
    const summary = await refreshAccountsStep({
      accounts: {
        listAccountIds: () => Promise.resolve(['111122223333', '111122223333']),
        refresh: () => Promise.resolve('refreshed'),
      },
      failures: createMemoryFailureRecorder(),
    });
    expect(summary).toEqual({ accounts: 1, refreshed: 1, removed: 0, failed: [] });
  });
});
