import { readFacts } from './facts';

const empty = { accounts: [], tickets: [], remediations: [], incidents: [] };

describe('Function: readFacts', () => {
  it.each([
    ['lower-case severity', { severity: 'high' }, { severity: 'HIGH' }],
    ['penalty score as text', { penaltyScore: '2.5' }, { penaltyScore: 2.5 }],
    ['a +00:00 offset', { openedAt: '2026-06-01T09:00:00+00:00' }, { openedAt: '2026-06-01T09:00:00.000Z' }],
    ['another offset', { openedAt: '2026-06-01T11:00:00+02:00' }, { openedAt: '2026-06-01T09:00:00.000Z' }],
    ['an empty closing time', { closedAt: '' }, { closedAt: undefined }],
    ['a null control', { controlId: null }, { controlId: undefined }],
    ['no kind (older rows)', {}, { kind: 'TEAM_FIX' }],
    ['a column we do not know', { reminder_sent_at: null, region: 'eu-west-1' }, {}],
    ['a secret in the title', { title: 'password=hunter2 leaked' }, { title: 'password=[redacted] leaked' }],
  ])('reads a ticket row with %s', (_, columns, expected) => {
    const row = {
      findingId: 'f1',
      accountId: '111111111111',
      severity: 'LOW',
      openedAt: '2026-06-01T09:00:00Z',
      ...columns,
    };
    const { facts, unreadable } = readFacts({ ...empty, tickets: [row] });
    expect(unreadable).toEqual([]);
    expect(facts.tickets[0]).toMatchObject(expected);
    expect(facts.tickets[0]).not.toHaveProperty('region');
  });

  it.each([
    ['no opening time', { openedAt: undefined }, ['openedAt']],
    ['an unknown severity', { severity: 'SEVERE' }, ['severity']],
    ['a date that is not one', { openedAt: '2026-13-45T99:00:00Z' }, ['openedAt']],
    ['no account and a bad penalty', { accountId: '', penaltyScore: 'lots' }, ['accountId', 'penaltyScore']],
  ])('counts a ticket row with %s as unreadable, naming the columns', (_, columns, fields) => {
    const row = {
      findingId: 'f1',
      accountId: '111111111111',
      severity: 'LOW',
      openedAt: '2026-06-01T09:00:00Z',
      ...columns,
    };
    const { facts, unreadable } = readFacts({ ...empty, tickets: [row] });
    expect(facts.tickets).toEqual([]);
    expect(unreadable).toEqual([{ source: 'tickets', index: 0, id: 'f1', fields }]);
  });

  it('counts rows that are not objects, and reads the others', () => {
    const { facts, unreadable } = readFacts({
      ...empty,
      accounts: [null, 'text', { id: '111111111111', isManagementAccount: 'true', extra: 1 }],
    });
    expect(facts.accounts).toEqual([
      {
        id: '111111111111',
        name: undefined,
        environment: undefined,
        ou: undefined,
        team: undefined,
        teamEmail: undefined,
        isManagementAccount: true,
      },
    ]);
    expect(unreadable.map((row) => [row.index, row.fields])).toEqual([
      [0, ['(row)']],
      [1, ['(row)']],
    ]);
  });
});
