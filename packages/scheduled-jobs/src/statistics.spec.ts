import type { RemediationHistoryRecord } from '@soar/history';
import { performedRemediations } from './aws';
import { DEFAULT_SLA } from '@soar/tickets/sla';
import {
  dimensionValue,
  historyMetrics,
  summarizeMetrics,
  ticketMetrics,
  type OpenTicketFacts,
} from './statistics';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

const aTicket = (overrides: Partial<OpenTicketFacts> = {}): OpenTicketFacts => ({
  openedAt: hoursAgo(1),
  severityLabel: 'HIGH',
  environment: 'PROD',
  team: 'payments',
  accountId: '111122223333',
  accountName: 'payments-prod',
  ...overrides,
});

const valueOf = (points: ReturnType<typeof ticketMetrics>, name: string, dimension: string) =>
  points.find((point) => point.name === name && point.dimension.value === dimension)?.value;

describe('Function: ticketMetrics', () => {
  it('counts open and overdue tickets, in total and by severity, environment, account and team', () => {
    // Arrange: two HIGH tickets past their 8 hours, one HIGH within them, one LOW, one INFORMATIONAL
    const tickets = [
      aTicket({ openedAt: hoursAgo(9) }),
      aTicket({ openedAt: hoursAgo(30), environment: 'DEV', team: 'web', accountName: 'web-dev' }),
      aTicket({ openedAt: hoursAgo(2) }),
      aTicket({ openedAt: hoursAgo(100), severityLabel: 'low' }),
      aTicket({ openedAt: hoursAgo(5000), severityLabel: 'INFORMATIONAL', accountName: '' }),
    ];

    // Act
    const points = ticketMetrics(tickets, NOW, DEFAULT_SLA);

    // Assert
    expect(valueOf(points, 'TotalTickets', 'Open')).toBe(5);
    expect(valueOf(points, 'TotalTickets', 'Overdue')).toBe(2);
    expect(valueOf(points, 'TotalOpenTicketsBySeverity', 'HIGH')).toBe(3);
    expect(valueOf(points, 'TotalOpenTicketsBySeverity', 'LOW')).toBe(1);
    expect(valueOf(points, 'TotalOverdueTicketsBySeverity', 'HIGH')).toBe(2);
    expect(valueOf(points, 'TotalOverdueTicketsBySeverity', 'LOW')).toBeUndefined();
    expect(valueOf(points, 'TotalOverdueTicketsByEnvironment', 'DEV')).toBe(1);
    expect(valueOf(points, 'TotalOverdueTicketsByTeam', 'web')).toBe(1);
    expect(valueOf(points, 'TotalOpenTicketsByAccount', 'payments-prod')).toBe(3);
    // an account without a name is counted under its id
    expect(valueOf(points, 'TotalOpenTicketsByAccount', '111122223333')).toBe(1);
    expect(points.find((p) => p.name === 'TotalOpenTicketsBySeverity')?.dimension.name).toBe(
      'severity_label',
    );
  });

  it('judges overdue by the due date fixed at opening when the ticket has one', () => {
    const ticket = aTicket({ openedAt: hoursAgo(2), dueAt: hoursAgo(1) });
    expect(valueOf(ticketMetrics([ticket], NOW, DEFAULT_SLA), 'TotalTickets', 'Overdue')).toBe(1);
  });

  it('emits the totals as 0 when nothing is open, and no breakdown at all', () => {
    expect(ticketMetrics([], NOW, DEFAULT_SLA)).toEqual([
      { name: 'TotalTickets', dimension: { name: 'TicketStatus', value: 'Open' }, value: 0 },
      { name: 'TotalTickets', dimension: { name: 'TicketStatus', value: 'Overdue' }, value: 0 },
    ]);
  });
});

describe('Function: historyMetrics', () => {
  it('counts auto-remediations and incidents with their totals, 0 included', () => {
    const rows = [
      { severity: 'high', environment: 'PROD', team: 'payments', accountId: '111122223333' },
      { severity: 'HIGH', environment: 'PROD', team: 'payments', accountId: '111122223333' },
    ];
    const points = historyMetrics('autoRemediations', rows);
    expect(valueOf(points, 'TotalAutoRemediations', 'Performed')).toBe(2);
    expect(valueOf(points, 'TotalAutoRemediationsBySeverity', 'HIGH')).toBe(2);
    expect(historyMetrics('incidents', [])).toEqual([
      { name: 'TotalIncidents', dimension: { name: 'Action', value: 'Processed' }, value: 0 },
    ]);
  });
});

describe('Function: dimensionValue', () => {
  it.each([
    [' Équipe Paiements ', 'Equipe Paiements'],
    ['Zürich-Ops', 'Zurich-Ops'],
    ['团队', '??'],
    ['', 'Unspecified'],
    [undefined, 'Unspecified'],
    ['x'.repeat(300), 'x'.repeat(255)],
  ])('%p → %p', (input, expected) => {
    expect(dimensionValue(input)).toBe(expected);
  });
});

describe('Function: summarizeMetrics', () => {
  it('gives one line per metric with its values', () => {
    const lines = summarizeMetrics(ticketMetrics([aTicket({ openedAt: hoursAgo(9) })], NOW, DEFAULT_SLA));
    expect(lines[0]).toBe('TotalTickets: Open=1, Overdue=1');
    expect(lines).toContain('TotalOverdueTicketsBySeverity: HIGH=1');
  });
});

describe('Function: performedRemediations', () => {
  it('counts the fixes SOAR made, not the simulated ones nor those it could not or did not make', async () => {
    const row = (
      outcome: RemediationHistoryRecord['outcome'],
      simulated = false,
    ): RemediationHistoryRecord => ({
      key: `${outcome}-${String(simulated)}`,
      findingId: 'f',
      accountId: '111122223333',
      severity: 'HIGH',
      outcome,
      simulated,
      at: '2026-12-01T10:00:00.000Z',
    });
    const history = {
      listSince: () =>
        Promise.resolve([row('remediated'), row('remediated', true), row('not_done'), row('opted_out')]),
    };

    const rows = await performedRemediations(history).listSince(new Date('2026-11-01T00:00:00Z'));

    expect(rows).toEqual([row('remediated')]);
  });
});
