import type { ReportDeliveryError, ReportSourceError, ReportStoreError } from './errors';
import { weeklyReportStep, type ProseRequest, type WeeklyReportPorts } from './step';

const NOW = new Date('2026-06-08T01:00:00.000Z');
const DAY = 86_400_000;
const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString();

function ports(overrides: Partial<WeeklyReportPorts> = {}) {
  const stored: { key: string; html: string }[] = [];
  const delivered: { subject: string; html: string; uri: string }[] = [];
  const warnings: { message: string; attributes: unknown }[] = [];
  const since: Date[] = [];
  const base: WeeklyReportPorts = {
    sources: {
      accounts: () =>
        Promise.resolve([
          { id: '111111111111', name: 'payments-prod', team: 'Payments' },
          { id: '222222222222', name: 'search-dev' },
          { id: '333333333333', name: 'quiet' },
        ]),
      tickets: (from) => {
        since.push(from);
        return Promise.resolve([
          {
            findingId: 'f1',
            ticketId: 'T-1',
            accountId: '111111111111',
            severity: 'HIGH',
            openedAt: at(10),
            dueAt: at(3),
          },
          { findingId: 'f2', ticketId: 'T-2', accountId: '222222222222', severity: 'LOW', openedAt: at(2) },
          { findingId: 'broken', accountId: '222222222222', severity: 'HIGH' },
        ]);
      },
      remediations: () =>
        Promise.resolve([
          {
            accountId: '111111111111',
            controlId: 'S3.8',
            severity: 'HIGH',
            at: at(1),
            outcome: 'remediated',
          },
        ]),
      incidents: () => Promise.resolve([]),
    },
    store: {
      put: (key, html) => {
        stored.push({ key, html });
        return Promise.resolve({ uri: `s3://reports/${key}` });
      },
    },
    deliver: (report) => {
      delivered.push(report);
      return Promise.resolve();
    },
    clock: () => NOW,
    logger: {
      debug: () => undefined,
      info: () => undefined,
      error: () => undefined,
      warn: (message, ...attributes) => warnings.push({ message, attributes }),
    },
    ...overrides,
  };
  return { ports: base, stored, delivered, warnings, since };
}

describe('Function: weeklyReportStep', () => {
  it('reads four weeks of facts, stores the report under its dated key and delivers it', async () => {
    const prose = jest.fn((section: ProseRequest) =>
      Promise.resolve(`<p>Prose for ${section.id} ${section.accountId ?? ''}</p>`),
    );
    const { ports: p, stored, delivered, since } = ports({ prose });
    const summary = await weeklyReportStep(p);
    expect(since).toEqual([new Date(NOW.getTime() - 28 * DAY)]);
    expect(stored.map((s) => s.key)).toEqual(['weekly-security-report-2026-06-08.html']);
    expect(delivered).toEqual([
      {
        subject: 'SOAR weekly security report',
        html: stored[0]?.html,
        uri: 's3://reports/weekly-security-report-2026-06-08.html',
      },
    ]);
    expect(summary).toEqual({
      key: 'weekly-security-report-2026-06-08.html',
      uri: 's3://reports/weekly-security-report-2026-06-08.html',
      subject: 'SOAR weekly security report',
      delivered: true,
      accounts: 3,
      accountsWithIssues: 2,
      openTickets: 2,
      overdueTickets: 1,
      autoRemediations: 1,
      incidents: 0,
      sectionsWithoutProse: [],
      unreadableRows: 1,
    });
    expect(prose.mock.calls.map(([section]) => [section.id, section.accountId])).toEqual([
      ['overview', undefined],
      ['account', '111111111111'],
      ['account', '222222222222'],
      ['recommendations', undefined],
    ]);
    expect(stored[0]?.html).toContain('Prose for account 222222222222');
  });

  it('survives a failing prose call: that section goes without prose, logged, and the rest is whole', async () => {
    const prose = (section: ProseRequest) =>
      section.accountId === '111111111111'
        ? Promise.reject(new Error('ThrottlingException'))
        : section.id === 'recommendations'
          ? Promise.resolve(undefined)
          : Promise.resolve('<p>Fine</p>');
    const { ports: p, stored, warnings } = ports({ prose });
    const summary = await weeklyReportStep(p);
    expect(summary.sectionsWithoutProse).toEqual(['account:111111111111', 'recommendations']);
    expect(warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        'Weekly report: prose failed; the section goes without it',
        'Weekly report: no prose for a section',
      ]),
    );
    expect(stored[0]?.html.match(/data-prose="unavailable"/g)).toHaveLength(2);
    expect(summary.delivered).toBe(true);
  });

  it('asks for prose at most `concurrency` sections at once', async () => {
    let running = 0;
    let most = 0;
    const prose = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return '<p>x</p>';
    };
    await weeklyReportStep(ports({ prose, concurrency: 2 }).ports);
    expect(most).toBe(2);
  });

  it('is complete without a model at all', async () => {
    const { ports: p, stored } = ports({ prose: undefined });
    const summary = await weeklyReportStep(p);
    expect(summary.sectionsWithoutProse).toEqual([
      'overview',
      'account:111111111111',
      'account:222222222222',
      'recommendations',
    ]);
    expect(stored[0]?.html).toContain('payments-prod');
  });

  it('fails with typed errors naming the source, the key or the stored report', async () => {
    const failing = ports();
    await expect(
      weeklyReportStep({
        ...failing.ports,
        sources: { ...failing.ports.sources, incidents: () => Promise.reject(new Error('AccessDenied')) },
      }),
    ).rejects.toMatchObject({
      name: 'ReportSourceError',
      source: 'incidents',
    } satisfies Partial<ReportSourceError>);
    await expect(
      weeklyReportStep({ ...failing.ports, store: { put: () => Promise.reject(new Error('NoSuchBucket')) } }),
    ).rejects.toMatchObject({
      name: 'ReportStoreError',
      key: 'weekly-security-report-2026-06-08.html',
    } satisfies Partial<ReportStoreError>);
    const undelivered = ports({ deliver: () => Promise.reject(new Error('MessageRejected')) });
    await expect(weeklyReportStep(undelivered.ports)).rejects.toMatchObject({
      name: 'ReportDeliveryError',
      uri: 's3://reports/weekly-security-report-2026-06-08.html',
    } satisfies Partial<ReportDeliveryError>);
    expect(undelivered.stored).toHaveLength(1);
  });
});
