/**
 * `soar run hourly` and `soar simulate --hours`, in-process over this app's stack: the hourly tasks
 * function run locally at a given time, over the tickets of a world.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, type CliIo, type SoarCliApp } from '@soar/cli';
import { simulationTemplate, WORKSPACE_ROOT } from '../src/simulation';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const app: SoarCliApp = { workspaceRoot: WORKSPACE_ROOT, template: (world) => simulationTemplate(world) };

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    stderrIsTty: false,
    stdoutIsTty: false,
    noColor: true,
    exitCode: 0,
  };
}

const FINDING = (n: number) =>
  `arn:aws:securityhub:eu-west-1:111122223333:security-control/IAM.6/finding/00000000-0000-4000-8000-00000000000${n}`;

/** One HIGH ticket opened two days before `now` (overdue), one MEDIUM opened an hour before (not due). */
const WORLD = {
  now: '2026-12-01T12:00:00Z',
  accounts: [
    {
      id: '111122223333',
      name: 'payments-prod',
      email: 'aws+payments-prod@example.com',
      joined: '2023-04-01T09:30:00Z',
      tags: {
        'soar:team': 'payments',
        'soar:environment': 'PROD',
        'soar:team:email': 'payments@example.com',
      },
    },
  ],
  tickets: [
    {
      findingId: FINDING(1),
      accountId: '111122223333',
      ticketId: 'SOAR-OVERDUE',
      severity: 'HIGH',
      openedAt: '2026-11-29T12:00:00Z',
    },
    {
      findingId: FINDING(2),
      accountId: '111122223333',
      ticketId: 'SOAR-RECENT',
      severity: 'MEDIUM',
      openedAt: '2026-12-01T11:00:00Z',
    },
  ],
};

/** {@link WORLD} with other team tags or service levels. */
function worldWith(changes: { readonly teamEmail?: string; readonly sla?: unknown }) {
  const [account] = WORLD.accounts;
  return {
    ...WORLD,
    accounts: [
      {
        ...account,
        tags: { ...account?.tags, 'soar:team:email': changes.teamEmail ?? 'payments@example.com' },
      },
    ],
    ...(changes.sla === undefined ? {} : { sla: changes.sla }),
  };
}

let dir: string;
let worldFile: string;
const writeWorld = (name: string, world: unknown): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(world));
  return file;
};
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soar-cli-hourly-'));
  worldFile = writeWorld('world.json', WORLD);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('CLI: soar run hourly', () => {
  it('explains itself with --help', async () => {
    const io = captureIo();

    const status = await main(['run', 'hourly', '--help'], io, app);

    expect(status).toBe(0);
    expect(io.out.join('')).toContain('--at <time>');
    expect(io.out.join('')).toContain('Exit status');
  });

  it('refuses an --at that is not a time, naming it', async () => {
    const io = captureIo();

    const status = await main(['run', 'hourly', '--at', 'tomorrow'], io, app);

    expect(status).toBe(1);
    expect(io.err.join('')).toContain('--at: not an ISO 8601 time');
  });

  it('reminds about the overdue ticket, skips the one not due, and prints the statistics', async () => {
    const io = captureIo();

    const status = await main(['run', 'hourly', '--world', worldFile], io, app);

    const out = io.out.join('');
    expect(status).toBe(0);
    expect(out).toContain('2 open tickets, 1 reminder sent, 1 skipped');
    expect(out).toMatch(/reminded payments@example\.com about SOAR-OVERDUE \(HIGH, account 111122223333/);
    expect(out).toMatch(
      /skipped SOAR-RECENT \(MEDIUM, account 111122223333\): not due until 2026-12-15T11:00:00/,
    );
    expect(out).toContain('TotalTickets: Open=2, Overdue=1');
    // The world's tickets are grouped by their account's tags, as tickets SOAR opened would be.
    expect(out).toContain('TotalOpenTicketsByTeam: payments=2');
    expect(out).toContain('TotalOverdueTicketsByEnvironment: PROD=1');
  });

  it("copies the escalation addresses of the world's service levels on the reminder", async () => {
    const io = captureIo();
    const file = writeWorld(
      'escalation.json',
      worldWith({ sla: { escalation: { severities: ['high'], cc: ['ciso@example.com'] } } }),
    );

    const status = await main(['run', 'hourly', '--world', file, '--json'], io, app);

    expect(status).toBe(0);
    expect(JSON.parse(io.out.join(''))).toMatchObject({
      reminders: [{ ticketId: 'SOAR-OVERDUE', cc: ['ciso@example.com'], escalated: true }],
    });
  });

  it('exits 1 and says so when a reminder cannot be delivered, as SES would refuse it', async () => {
    const io = captureIo();
    const file = writeWorld('bad-address.json', worldWith({ teamEmail: 'payments team' }));

    const status = await main(['run', 'hourly', '--world', file], io, app);

    const out = io.out.join('');
    expect(status).toBe(1);
    expect(out).toContain('0 reminders sent, 1 skipped, 1 NOT DELIVERED');
    expect(out).toContain('NOT DELIVERED: The overdue reminder of ticket SOAR-OVERDUE was not delivered');
    expect(out).toContain('"payments team" is not a valid email address');
  });

  it('prints the run as JSON with --json, at the time --at gives', async () => {
    const io = captureIo();

    const status = await main(
      ['run', 'hourly', '--world', worldFile, '--at', '2026-12-01T13:00:00Z', '--json'],
      io,
      app,
    );

    expect(status).toBe(0);
    const run: unknown = JSON.parse(io.out.join(''));
    expect(run).toMatchObject({
      at: '2026-12-01T13:00:00.000Z',
      openTickets: 2,
      reminders: [
        {
          ticketId: 'SOAR-OVERDUE',
          findingId: FINDING(1),
          to: ['payments@example.com'],
          cc: [],
          escalated: false,
        },
      ],
      skipped: [{ ticketId: 'SOAR-RECENT', reason: 'not_due' }],
      failed: [],
    });
    expect(run).toHaveProperty(
      'metrics',
      expect.arrayContaining([
        { name: 'TotalTickets', dimension: { name: 'TicketStatus', value: 'Overdue' }, value: 1 },
      ]),
    );
    expect(run).toHaveProperty('metricLines', expect.arrayContaining(['TotalTickets: Open=2, Overdue=1']));
  });
});

describe('CLI: soar simulate --hours', () => {
  it('runs the hourly tasks after the findings and shows the day, reminders included', async () => {
    const io = captureIo();
    const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soar-day-'));

    const status = await main(
      [
        'simulate',
        path.join(ROOT, 'examples', 'findings'),
        '--world',
        path.join(ROOT, 'examples', 'world.yaml'),
        '--hours',
        '24',
        '--report',
        reportDir,
        '--no-progress',
      ],
      io,
      app,
    );

    const out = io.out.join('');
    expect(status).toBe(0);
    expect(out).toContain('A day of SOAR (24 hours after 2026-12-01T12:00:00.000Z)');
    expect(out).toContain('Findings processed: 23');
    // The day ends with the weekly report, its prose from the labelled local model.
    expect(out).toMatch(/Weekly report "SOAR weekly security report \(week 48\)": 3 accounts with issues/);
    const weekly = fs.readFileSync(path.join(reportDir, 'weekly-report.html'), 'utf8');
    expect(weekly).toContain('Local model (simulation): no AI was called.');
    expect(weekly).not.toMatch(/<script|<link|src="http/);
    // The world's HIGH ticket of two days ago, in the first hourly run.
    expect(out).toMatch(
      /13:00 reminded billing-team@example\.com about SOAR-\w+ \(HIGH, account 444455556666/,
    );
    expect(out).toContain('TotalTickets: Open=');
  });

  it('refuses --hours beyond a week', async () => {
    const io = captureIo();

    const status = await main(['simulate', 'x.json', '--hours', '1000'], io, app);

    expect(status).toBe(2);
    expect(io.err.join('')).toContain('from 0 to 168');
  });
});

describe('CLI: soar run weekly-report', () => {
  it("writes the week's report over the world's tickets, and emails it when asked", async () => {
    const io = captureIo();
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'soar-weekly-')), 'report.html');

    const status = await main(
      [
        'run',
        'weekly-report',
        '--world',
        path.join(ROOT, 'examples', 'world.yaml'),
        '--at',
        '2026-12-02T12:00:00Z',
        '--out',
        out,
        '--to',
        'ciso@example.com',
        '--json',
      ],
      io,
      app,
    );

    const summary = JSON.parse(io.out.join('')) as { openTickets: number; delivered: boolean; file: string };
    expect(status).toBe(0);
    // The world's two open tickets (S3.5 and IAM.6), nothing simulated.
    expect(summary).toMatchObject({ openTickets: 2, delivered: true, file: out });
    expect(fs.readFileSync(out, 'utf8')).toContain('<svg');
  });

  it('refuses a time that is not ISO 8601', async () => {
    const io = captureIo();

    const status = await main(['run', 'weekly-report', '--at', 'monday'], io, app);

    expect(status).toBe(1);
    expect(io.err.join('')).toContain('--at: not an ISO 8601 time');
  });
});
