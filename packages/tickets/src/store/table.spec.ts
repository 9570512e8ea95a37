import { NO_DEADLINE, openIndexAttributes, openShard } from './table';
import type { Ticket } from './ticket-row';

const row = (status: Ticket['status'], overrides: Partial<Ticket> = {}): Ticket => ({
  findingId: 'finding-1',
  status,
  kind: 'TEAM_FIX',
  ticketId: status === 'OPENING' ? undefined : 'PAY-1',
  ticketSystem: undefined,
  ticketUrl: undefined,
  accountId: '111122223333',
  accountName: '',
  region: '',
  controlId: undefined,
  title: '',
  severityLabel: 'HIGH',
  penaltyScore: 7,
  environment: '',
  team: '',
  project: '',
  destination: 'TEAM',
  domain: 'INFRA',
  openedAt: '2026-05-01T00:00:00.000Z',
  dueAt: '2026-05-01T08:00:00.000Z',
  closedAt: status === 'CLOSED' ? '2026-05-01T01:00:00.000Z' : undefined,
  closeReason: undefined,
  reminderSentAt: undefined,
  escalated: undefined,
  claimToken: undefined,
  claimExpiresAt: undefined,
  lastError: undefined,
  lastErrorAt: undefined,
  failedAttempts: undefined,
  version: 2,
  history: [],
  expiresAt: undefined,
  ...overrides,
});

describe('Function: openIndexAttributes', () => {
  it('sets the open-index keys when the ticket becomes OPEN', () => {
    expect(openIndexAttributes('OPENING', row('OPEN'), 8)).toEqual({
      open_shard: openShard('finding-1', 8),
      open_due_at: '2026-05-01T08:00:00.000Z',
      open_severity_at: 'HIGH#2026-05-01T00:00:00.000Z',
    });
    expect(openIndexAttributes(undefined, row('OPEN', { dueAt: undefined }), 8)).toEqual({
      open_shard: openShard('finding-1', 8),
      open_due_at: NO_DEADLINE, // no deadline: after every date, so never listed as overdue
      open_severity_at: 'HIGH#2026-05-01T00:00:00.000Z',
    });
  });

  it('leaves them alone while the ticket stays OPEN, so it keeps the shard it was opened with', () => {
    expect(openIndexAttributes('OPEN', row('OPEN'), 16)).toEqual({});
  });

  it('removes them from a row that is not OPEN', () => {
    const removed = { open_shard: undefined, open_due_at: undefined, open_severity_at: undefined };
    expect(openIndexAttributes('OPEN', row('CLOSED'), 8)).toStrictEqual(removed);
    expect(openIndexAttributes('CLOSED', row('OPENING'), 8)).toStrictEqual(removed);
    expect(openIndexAttributes(undefined, row('OPENING'), 8)).toStrictEqual(removed);
  });

  it('keeps an open incident ticket out of the open indexes (never overdue, reminded or counted)', () => {
    const removed = { open_shard: undefined, open_due_at: undefined, open_severity_at: undefined };
    expect(openIndexAttributes('OPENING', row('OPEN', { kind: 'INCIDENT' }), 8)).toStrictEqual(removed);
  });
});
