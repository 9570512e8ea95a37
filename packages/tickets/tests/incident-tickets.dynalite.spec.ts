import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { AwsSecurityFinding } from '@soar/asff-schema';
import { createScratchpad, type AccountInput, type Scratchpad } from '@soar/scratchpad';
import { aControlFinding, aGuardDutyFinding, startDynalite, type LocalDynamoDb } from '@soar/testing';
import { RoutingConfigSchema, type RoutingConfigInput } from '../src/routing/routing-config';
import {
  createTicketingService,
  type IncidentTicket,
  type TicketingServiceOptions,
} from '../src/service/ticketing-service';
import { SlaConfigSchema } from '../src/sla';
import { TicketStore, ticketsTableDefinition } from '../src/store';
import { FakeTicketSystem, RecordingNotifier } from './service-fakes';

const account: AccountInput = {
  Id: '111122223333',
  Name: 'payments-prod',
  Email: 'aws+payments@example.com',
  TeamEmail: 'payments@example.com',
  TeamEmailApp: 'payments-devs@example.com',
  OrganizationalUnit: 'Workloads',
  ProjectId: 'PAY',
  ProjectIdApp: 'PAYAPP',
  Environment: 'PROD',
  Team: 'payments',
};

const CONTEXT = {
  title: 'Alarm context',
  text: [
    'Services: AWS/Lambda (orders-api)',
    'Failed executions in the window:',
    '  - orders-sync, state Charge: States.TaskFailed',
  ].join('\n'),
};

const EC2_INCIDENT: IncidentTicket = {
  incidentKind: 'ec2',
  actionsTaken: ['Terminated instance i-0abc1234def567890.'],
  context: CONTEXT,
};

/** A GuardDuty finding of a domain (`ProductFields.IncidentDomain`) and, optionally, a ticket destination. */
function anIncident(
  domain?: 'INFRA' | 'APP',
  destination?: 'TEAM' | 'SOC',
  severity: 'MEDIUM' | 'HIGH' = 'HIGH',
): AwsSecurityFinding {
  const finding = aGuardDutyFinding({ severity });
  return {
    ...finding,
    ProductFields: {
      ...finding.ProductFields,
      ...(domain === undefined ? {} : { IncidentDomain: domain }),
      ...(destination === undefined ? {} : { TicketDestination: destination }),
    },
  };
}

describe('Service: openIncidentTicket', () => {
  let db: LocalDynamoDb;
  let table = 0;
  let store: TicketStore;
  let jira: FakeTicketSystem;
  let email: RecordingNotifier;
  let slack: RecordingNotifier;
  let now: Date;

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());

  beforeEach(async () => {
    const tableName = `incident-tickets-${++table}`;
    await db.client().send(new CreateTableCommand(ticketsTableDefinition(tableName)));
    now = new Date('2026-11-20T10:00:00.000Z');
    store = new TicketStore({ dynamodb: db.client(), tableName });
    jira = new FakeTicketSystem();
    email = new RecordingNotifier('email');
    slack = new RecordingNotifier('slack');
  });

  const service = (routing: RoutingConfigInput = {}, overrides: Partial<TicketingServiceOptions> = {}) =>
    createTicketingService({
      store,
      ticketSystem: jira,
      email,
      chat: [slack],
      routing: RoutingConfigSchema.parse(routing),
      sla: SlaConfigSchema.parse({}),
      render: { productName: 'SOAR' },
      teamEmailOf: async () => ({ teamEmail: 'payments@example.com' }),
      clock: () => now,
      delivery: { sleep: async () => undefined },
      ...overrides,
    });

  const pad = (finding: AwsSecurityFinding): Scratchpad => createScratchpad(finding, { account });

  it.each([
    ['no domain (INFRA)', undefined, 'PAY', 'payments@example.com'],
    ['INFRA', 'INFRA' as const, 'PAY', 'payments@example.com'],
    ['APP', 'APP' as const, 'PAYAPP', 'payments-devs@example.com'],
  ])(
    'opens the ticket of an incident of %s in the domain team project and emails its team',
    async (_name, domain, project, teamEmail) => {
      // Arrange
      const input = pad(anIncident(domain));

      // Act
      const result = await service({ incidentsToSoc: 'NONE' }).openIncidentTicket(input, EC2_INCIDENT);

      // Assert
      expect(result).toMatchObject({ kind: 'opened', ticketId: 'SEC-1', route: { project, teamEmail } });
      expect(jira.opened).toEqual([
        expect.objectContaining({ project, destination: 'TEAM', severity: 'HIGH' }),
      ]);
      expect(email.sent.map((sent) => sent.recipients)).toEqual([{ to: [teamEmail] }]);
      expect(email.sent[0]?.message.subject).toMatch(/^\[HIGH\] Incident: /);
      expect(email.sent[0]?.message.text).toContain('Opened ticket SEC-1 for this incident.');
      expect(email.sent[0]?.message.text).toContain('- Terminated instance i-0abc1234def567890.');
      expect(slack.sent).toHaveLength(1);
    },
  );

  it.each([
    // incidentsToSoc, domain, SOC copy?
    ['INFRA', 'INFRA', true],
    ['INFRA', 'APP', false],
    ['APP', 'INFRA', false],
    ['APP', 'APP', true],
    ['ALL', 'INFRA', true],
    ['ALL', 'APP', true],
    ['NONE', 'INFRA', false],
    ['NONE', 'APP', false],
  ] as const)(
    'with incidentsToSoc %s, an %s incident gets a SOC copy: %s',
    async (incidentsToSoc, domain, copied) => {
      // Act
      const result = await service({ incidentsToSoc }).openIncidentTicket(
        pad(anIncident(domain)),
        EC2_INCIDENT,
      );

      // Assert
      expect(result.kind).toBe('opened');
      if (result.kind !== 'opened') return;
      const team = domain === 'APP' ? 'PAYAPP' : 'PAY';
      expect(jira.opened.map((request) => [request.project, request.destination])).toEqual([
        [team, 'TEAM'],
        ...(copied ? [['SOC', 'SOC']] : []),
      ]);
      expect(result.route.alsoToSoc).toBe(copied);
      expect(result.socCopy).toEqual(
        copied ? { ok: true, project: 'SOC', ticketId: 'SEC-2', url: expect.any(String) } : undefined,
      );
      expect(email.sent).toHaveLength(1);
    },
  );

  it('gives the SOC copy its own occurrence and the team ticket id, and leaves it out of the store', async () => {
    // Act
    const input = pad(anIncident('INFRA'));
    await service().openIncidentTicket(input, EC2_INCIDENT);

    // Assert
    const copy = jira.opened[1];
    expect(copy).toMatchObject({ project: 'SOC', destination: 'SOC', occurrence: 'soc' });
    expect(jira.opened[0]?.occurrence).toBeUndefined();
    expect(copy?.message.text).toContain('Opened ticket SEC-1 for this incident.');
    expect(await store.get(input.finding.Id)).toMatchObject({ ticketId: 'SEC-1', project: 'PAY' });
  });

  it('opens the ticket in the SOC project when the finding asks for it, with no copy, and still emails the team', async () => {
    // Act
    const result = await service({ incidentsToSoc: 'ALL' }).openIncidentTicket(
      pad(anIncident('APP', 'SOC')),
      EC2_INCIDENT,
    );

    // Assert
    expect(result).toMatchObject({ kind: 'opened', route: { destination: 'SOC', project: 'SOC' } });
    expect(jira.opened.map((request) => request.project)).toEqual(['SOC']);
    expect(result.kind === 'opened' && result.socCopy).toBeUndefined();
    expect(email.sent[0]?.recipients).toEqual({ to: ['payments-devs@example.com'] });
  });

  it('never copies a team fix to the SOC, whatever incidentsToSoc says', async () => {
    const result = await service({ incidentsToSoc: 'ALL' }).openTeamTicket(
      pad(aControlFinding({ controlId: 'EC2.2' })),
    );

    expect(result).toMatchObject({ kind: 'opened', route: { alsoToSoc: false } });
    expect(jira.opened).toHaveLength(1);
  });

  it('opens one ticket, one SOC copy and one email when the same incident arrives three times', async () => {
    // Arrange
    const input = pad(anIncident('INFRA'));
    const tickets = service();

    // Act
    const results = [
      await tickets.openIncidentTicket(input, EC2_INCIDENT),
      await tickets.openIncidentTicket(input, EC2_INCIDENT),
      await tickets.openIncidentTicket(input, EC2_INCIDENT),
    ];

    // Assert
    expect(results.map((result) => result.kind)).toEqual(['opened', 'existing', 'existing']);
    expect(results[2]).toEqual({ kind: 'existing', ticketId: 'SEC-1', url: expect.any(String) });
    expect(jira.opened).toHaveLength(2);
    expect(email.sent).toHaveLength(1);
  });

  it('keeps the team ticket and reports the SOC copy that could not be opened', async () => {
    // Arrange
    jira.failingProjects.add('SOC');
    const input = pad(anIncident('INFRA'));
    const tickets = service();

    // Act
    const first = await tickets.openIncidentTicket(input, EC2_INCIDENT);
    const again = await tickets.openIncidentTicket(input, EC2_INCIDENT);

    // Assert
    expect(first).toMatchObject({
      kind: 'opened',
      ticketId: 'SEC-1',
      socCopy: { ok: false, project: 'SOC', error: expect.stringContaining('HTTP 403') },
      notifications: [
        { channel: 'email', ok: true },
        { channel: 'slack', ok: true },
      ],
    });
    expect(again.kind).toBe('existing');
    expect(await store.get(input.finding.Id)).toMatchObject({ status: 'OPEN', ticketId: 'SEC-1' });
  });

  it('shows the context in the email and in the ticket', async () => {
    // Act
    await service({ incidentsToSoc: 'NONE' }).openIncidentTicket(pad(anIncident()), EC2_INCIDENT);

    // Assert
    const ticket = jira.opened[0]?.message;
    const mail = email.sent[0]?.message;
    expect(mail?.html).toContain('>Alarm context</h2>');
    expect(mail?.html).toContain('Failed executions in the window:\n  - orders-sync, state Charge');
    expect(mail?.text).toContain(`Alarm context\n-------------\n${CONTEXT.text}`);
    expect(ticket?.text).toContain(CONTEXT.text);
    expect(ticket?.serviceNow.description).toContain(CONTEXT.text);
    expect(JSON.stringify(ticket?.jira.description)).toContain(JSON.stringify(CONTEXT.text));
  });

  it('escapes a hostile context in the email and keeps it as text in the ticket', async () => {
    // Arrange
    const hostile = '<script>alert(1)</script>\n"><img src=x onerror=alert(1)>\n<!channel>';

    // Act
    await service({ incidentsToSoc: 'NONE' }).openIncidentTicket(pad(anIncident()), {
      incidentKind: 'generic',
      actionsTaken: [],
      context: { title: '<b>Alarm</b> context', text: hostile },
    });

    // Assert
    const mail = email.sent[0]?.message;
    expect(mail?.html).not.toMatch(/<script|<img|<b>/i);
    expect(mail?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail?.html).toContain('&lt;b&gt;Alarm&lt;/b&gt; context');
    expect(JSON.stringify(slack.sent[0]?.message.slack)).not.toContain('<!channel>');
    expect(JSON.stringify(jira.opened[0]?.message.jira.description)).toContain(JSON.stringify(hostile));
  });

  it('records an incident ticket without a deadline: never overdue, reminded or counted as open', async () => {
    // Arrange
    const tickets = service({ incidentsToSoc: 'NONE' });
    const input = pad(anIncident('INFRA', undefined, 'HIGH'));
    await tickets.openIncidentTicket(input, EC2_INCIDENT);
    now = new Date('2026-12-20T10:00:00.000Z'); // a month later: a HIGH team fix would be overdue

    // Act
    const summary = await tickets.sendOverdueReminders();

    // Assert
    expect(summary).toMatchObject({ overdue: 0, reminded: [], failed: [] });
    expect(await store.get(input.finding.Id)).toMatchObject({
      kind: 'INCIDENT',
      status: 'OPEN',
      dueAt: undefined,
    });
    expect((await store.openTickets()).tickets).toEqual([]);
    expect(email.sent).toHaveLength(1);
  });
});
