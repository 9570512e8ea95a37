import type { Account } from '@soar/scratchpad';
import type { Ticket } from '@soar/tickets';
import { createMemoryIncidentLog, type RemediationHistoryRecord } from '@soar/history';
import { reportEmail, weeklyReportSources } from './weekly';

const SECURITY = '999999999999';
const account = (id: string, name: string) =>
  ({
    Id: id,
    Name: name,
    Environment: 'PROD',
    OrganizationalUnit: 'Prod',
    Team: name,
    TeamEmail: `${name}@example.com`,
  }) as Account;
const ticket = (accountId: string, overrides: Partial<Ticket> = {}) =>
  ({
    findingId: `finding-${accountId}-${overrides.title ?? 'x'}`,
    status: 'OPEN',
    kind: 'TEAM_FIX',
    ticketId: 'SOAR-1',
    accountId,
    severityLabel: 'HIGH',
    controlId: 'S3.8',
    title: 'x',
    penaltyScore: 5,
    openedAt: '2026-12-01T10:00:00.000Z',
    history: [],
    version: 1,
    ...overrides,
  }) as Ticket;

describe('Function: weeklyReportSources', () => {
  it("reads each account's tickets from its index, a few accounts at a time, and splits team tickets from incidents", async () => {
    // Arrange
    let running = 0;
    let most = 0;
    const asked: string[] = [];
    const accounts = ['111111111111', '222222222222', '333333333333', SECURITY].map((id, i) =>
      account(id, `a${i}`),
    );
    const tickets = {
      async ticketsForAccount(id: string) {
        asked.push(id);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => setImmediate(resolve));
        running -= 1;
        return {
          tickets: [
            ticket(id),
            ticket(id, {
              kind: 'INCIDENT',
              title: id === SECURITY ? 'INFRA-SOAR-Intake-DLQ-Failure-HIGH' : 'GuardDuty',
            }),
            ticket(id, { kind: 'INCIDENT', title: 'old', openedAt: '2026-10-01T00:00:00.000Z' }),
          ],
          corrupt: [],
        };
      },
    };
    const sources = weeklyReportSources({
      accounts: () => Promise.resolve(accounts),
      managementAccountId: SECURITY,
      tickets,
      concurrency: 2,
    });

    // Act
    const teamTickets = await sources.tickets(new Date('2026-11-24T00:00:00Z'));
    const incidents = await sources.incidents(new Date('2026-11-24T00:00:00Z'));

    // Assert
    expect(asked.sort()).toEqual(accounts.map((a) => a.Id).sort());
    expect(most).toBe(2);
    expect(teamTickets).toHaveLength(4);
    expect(teamTickets[0]).toMatchObject({
      accountId: '111111111111',
      severity: 'HIGH',
      controlId: 'S3.8',
      kind: 'TEAM_FIX',
    });
    expect(incidents).toHaveLength(4);
    expect(incidents.filter((i) => (i as { soarFailure: boolean }).soarFailure)).toEqual([
      expect.objectContaining({ accountId: SECURITY, title: 'INFRA-SOAR-Intake-DLQ-Failure-HIGH' }),
    ]);
  });

  it('reads the incidents from the incident log when there is one, ticketed or not', async () => {
    const tickets = { ticketsForAccount: jest.fn() };
    const log = createMemoryIncidentLog(() => new Date('2026-12-07T00:00:00Z'));
    await log.record({
      key: 'k-1',
      findingId: 'f-1',
      accountId: SECURITY,
      severity: 'HIGH',
      title: 'INFRA-SOAR-Intake-DLQ-Failure-HIGH',
      ticketId: 'SOC-1',
      at: '2026-12-01T10:00:00.000Z',
    });
    await log.record({
      key: 'k-2',
      findingId: 'f-2',
      accountId: '111111111111',
      severity: 'LOW',
      title: 'Recon:EC2/PortProbeUnprotectedPort',
      at: '2026-12-02T10:00:00.000Z',
    });
    const sources = weeklyReportSources({
      accounts: () => Promise.resolve([account(SECURITY, 'security')]),
      managementAccountId: SECURITY,
      tickets,
      incidents: log,
    });

    const incidents = await sources.incidents(new Date('2026-11-30T00:00:00Z'));

    expect(incidents).toEqual([
      expect.objectContaining({ accountId: SECURITY, ticketId: 'SOC-1', soarFailure: true }),
      expect.objectContaining({ accountId: '111111111111', ticketId: undefined, soarFailure: false }),
    ]);
    // The ticket rows are not read for the incidents.
    expect(tickets.ticketsForAccount).not.toHaveBeenCalled();
  });

  it('counts the fixes made, not the simulated ones, and names the accounts with their metadata', async () => {
    const rows: RemediationHistoryRecord[] = [
      {
        key: 'k1',
        findingId: 'f1',
        accountId: '111111111111',
        severity: 'HIGH',
        outcome: 'remediated',
        simulated: false,
        at: '2026-12-01T00:00:00.000Z',
        controlId: 'S3.8',
      },
      {
        key: 'k2',
        findingId: 'f2',
        accountId: '111111111111',
        severity: 'LOW',
        outcome: 'remediated',
        simulated: true,
        at: '2026-12-01T00:00:00.000Z',
      },
    ];
    const sources = weeklyReportSources({
      accounts: () => Promise.resolve([account('111111111111', 'payments')]),
      tickets: { ticketsForAccount: () => Promise.resolve({ tickets: [], corrupt: [] }) },
      remediations: { listSince: () => Promise.resolve(rows) },
    });

    const fixes = await sources.remediations(new Date('2026-11-24T00:00:00Z'));
    const accounts = await sources.accounts();

    expect(fixes).toEqual([
      {
        accountId: '111111111111',
        controlId: 'S3.8',
        severity: 'HIGH',
        at: rows[0]?.at,
        outcome: 'remediated',
      },
    ]);
    expect(accounts).toEqual([
      expect.objectContaining({
        id: '111111111111',
        name: 'payments',
        teamEmail: 'payments@example.com',
        isManagementAccount: false,
      }),
    ]);
  });
});

describe('Function: reportEmail', () => {
  it('sends the report as the HTML part and says where the stored copy is', () => {
    const email = reportEmail({
      subject: 'SOAR weekly security report',
      html: '<html>…</html>',
      uri: 's3://reports/r.html',
    });

    expect(email.html).toBe('<html>…</html>');
    expect(email.text).toContain('s3://reports/r.html');
    expect(email.subject).toBe('SOAR weekly security report');
  });
});
