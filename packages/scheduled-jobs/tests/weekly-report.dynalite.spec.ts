/**
 * The weekly report over SOAR's own tables: tickets written by the ticket store for 20 accounts
 * (open, overdue, closed, incidents), fixes in the remediation history, read back through the
 * account index and assembled by `@soar/reporting`. Every figure of the summary is counted again
 * here from what was seeded.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { AccountSchema, type Account } from '@soar/scratchpad';
import { startDynalite, type LocalDynamoDb } from '@soar/testing';
import { SlaConfigSchema, TicketStore, ticketsTableDefinition } from '@soar/tickets';
import { createDynamoDbRemediationHistory, historyTableDefinition } from '@soar/history';
import { weeklyReportSources } from '../src/weekly';

const NOW = new Date('2026-12-07T01:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;

const accountOf = (index: number): Account =>
  AccountSchema.parse({
    Id: String(100000000000 + index),
    Name: `account-${index}`,
    Email: `aws+${index}@example.com`,
    TeamEmail: `team-${index % 3}@example.com`,
    TeamEmailApp: `team-${index % 3}@example.com`,
    Team: `team-${index % 3}`,
    Environment: index % 2 === 0 ? 'PROD' : 'DEV',
    OrganizationalUnit: 'Workloads',
  });

describe('Workflow: the weekly report over the ticket store and the remediation history', () => {
  let db: LocalDynamoDb;
  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());

  it('reads 20 accounts by their index and reports exactly what the tables hold', async () => {
    // Arrange
    const client = db.client();
    await client.send(new CreateTableCommand(ticketsTableDefinition('tickets')));
    await client.send(new CreateTableCommand(historyTableDefinition('history')));
    const store = new TicketStore({ dynamodb: client, tableName: 'tickets', sla: SlaConfigSchema.parse({}) });
    const history = createDynamoDbRemediationHistory({
      dynamodb: client,
      tableName: 'history',
      clock: () => NOW,
    });
    const accounts = Array.from({ length: 20 }, (_, index) => accountOf(index));
    const seeded = { open: 0, closedThisWeek: 0, incidents: 0, fixes: 0 };
    const open = async (
      findingId: string,
      accountId: string,
      openedAt: Date,
      extra: { kind?: 'INCIDENT'; severity: string },
    ) => {
      const claim = await store.claimOpen(
        {
          findingId,
          accountId,
          title: findingId,
          severityLabel: extra.severity,
          penaltyScore: 2,
          ...(extra.kind === undefined ? {} : { kind: extra.kind }),
        },
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
    for (const [index, account] of accounts.entries()) {
      // Accounts differ: some have no tickets at all, some only incidents, some only fixes.
      for (let n = 0; n < index % 4; n += 1) {
        await open(`t-${index}-${n}`, account.Id, ago(1 + n * 5), { severity: SEVERITIES[n % 4] ?? 'LOW' });
        seeded.open += 1;
      }
      if (index % 5 === 0) {
        await open(`closed-${index}`, account.Id, ago(3), { severity: 'MEDIUM' });
        await store.close(`closed-${index}`, { ticketId: `SOAR-closed-${index}`, now: ago(1) });
        seeded.closedThisWeek += 1;
      }
      if (index % 6 === 1) {
        await open(`incident-${index}`, account.Id, ago(2), { kind: 'INCIDENT', severity: 'HIGH' });
        seeded.incidents += 1;
      }
      if (index % 7 === 2) {
        await history.record({
          key: `fix-${index}`,
          findingId: `fix-${index}`,
          accountId: account.Id,
          severity: 'HIGH',
          outcome: 'remediated',
          simulated: false,
          at: ago(2).toISOString(),
        });
        seeded.fixes += 1;
      }
    }
    const read: string[] = [];
    const tickets = {
      ticketsForAccount: (id: string) => {
        read.push(id);
        return store.ticketsForAccount(id);
      },
    };
    const stored: string[] = [];

    // Act (the report is loaded as the function loads it: on first use)
    const { weeklyReportStep } = await import('@soar/reporting');
    const summary = await weeklyReportStep({
      sources: weeklyReportSources({
        accounts: () => Promise.resolve(accounts),
        tickets,
        remediations: history,
      }),
      store: {
        put: (key, html) => {
          stored.push(html);
          return Promise.resolve({ uri: `memory://${key}` });
        },
      },
      clock: () => NOW,
    });

    // Assert
    expect(read.sort()).toEqual(accounts.map((a) => a.Id).sort());
    expect(summary).toMatchObject({
      accounts: 20,
      openTickets: seeded.open,
      incidents: seeded.incidents,
      autoRemediations: seeded.fixes,
      unreadableRows: 0,
    });
    expect(stored[0]).toMatch(
      new RegExp(`data-figure="ticketsClosed.thisWeek"[^>]*>${seeded.closedThisWeek}<`),
    );
  });
});
