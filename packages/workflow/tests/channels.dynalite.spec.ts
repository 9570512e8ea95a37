import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { createHttpClient } from '@soar/http';
import { channelCredentials, staticCredentials, type ChannelCredentials } from '@soar/http/secrets';
import type { NotificationRecipients, Notifier } from '@soar/notifications';
import { AccountSchema, createScratchpad, type AccountInput } from '@soar/scratchpad';
import { createLocalSecurityHub } from '@soar/security-hub';
import { InternalTicketSystem } from '@soar/ticket-systems';
import { TicketStore, ticketsTableDefinition } from '@soar/tickets/store';
import {
  aControlFinding,
  instantSleep,
  LOOPBACK_TIMEOUT_MS,
  startDynalite,
  startTestServer,
  type LocalDynamoDb,
  type TestServer,
} from '@soar/testing';
import { chatChannelsOf, sentinelExporterOf } from '../src/aws/channels';
import { createMemoryFailureRecorder } from '../src/failures';
import { parseRuntimeConfig, type RuntimeConfig } from '../src/runtime-config';
import { closeTicketStep, notifyFixedStep, ticketStep } from '../src/steps/steps';
import type { FlowState } from '../src/state';
import { ticketingFor } from '../src/ticketing';
import { createMemoryWatermarks } from '../src/watermark';

const SLACK_PATH = '/services/T0/B0/SECRET';
const TEAMS_PATH = '/workflows/w/triggers/manual/paths/invoke';
const NOW = new Date('2026-12-01T12:00:00.000Z');

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

class RecordingEmail implements Notifier {
  public readonly name = 'email';
  public readonly sent: { subject: string; to: readonly string[] }[] = [];
  public send(message: Parameters<Notifier['send']>[0], recipients?: NotificationRecipients): Promise<void> {
    this.sent.push({ subject: message.subject, to: recipients?.to ?? [] });
    return Promise.resolve();
  }
}

function configWith(channels: unknown): RuntimeConfig {
  return parseRuntimeConfig({
    tables: {
      tickets: 'tickets',
      enabledControls: 'enabled-controls',
      controlSuppressions: 'control-suppressions',
      remediableControls: 'remediable-controls',
      remediationExclusions: 'remediation-exclusions',
      accounts: 'accounts',
      failures: 'failures',
      watermarks: 'watermarks',
    },
    email: { from: 'soar@example.com' },
    channels,
  });
}

describe('Channels: a failing Slack, Teams or Sentinel never stops the email', () => {
  let db: LocalDynamoDb;
  let server: TestServer;
  let table = 0;
  const http = () => createHttpClient({ sleep: instantSleep().sleep, timeoutMs: LOOPBACK_TIMEOUT_MS });

  beforeAll(async () => {
    db = await startDynalite();
  });
  afterAll(() => db.stop());
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.close());

  /** The ticketing service of `config` over dynalite, the chat channels pointed at the local server. */
  async function world(config: RuntimeConfig, credentials: ChannelCredentials) {
    const tableName = `tickets-${++table}`;
    await db.client().send(new CreateTableCommand(ticketsTableDefinition(tableName)));
    const email = new RecordingEmail();
    const failures = createMemoryFailureRecorder();
    const finding = aControlFinding({ controlId: 'EC2.13', accountId: account.Id });
    const securityHub = createLocalSecurityHub({ findings: [finding] });
    const tickets = ticketingFor(config, {
      store: new TicketStore({ dynamodb: db.client(), tableName, sla: config.sla }),
      ticketSystem: new InternalTicketSystem(),
      email,
      chat: chatChannelsOf(config, { credentials, allowInsecureHttp: true, http: http() }),
      accounts: { getAccount: () => Promise.reject(new Error('not needed')) },
      clock: () => NOW,
    });
    const state: FlowState = {
      key: 'event-1',
      pad: { ...createScratchpad(finding), account: AccountSchema.parse(account) },
      decision: { route: 'ticket', rule: 'failed_control', reason: 'It fails.', gates: [] },
    };
    return { email, failures, securityHub, tickets, state };
  }

  const webhooks = (): ChannelCredentials => ({
    ...channelCredentials(
      { get: () => Promise.reject(new Error('no secrets here')), invalidate: () => undefined },
      {},
    ),
    slack: staticCredentials({ webhookUrl: `${server.url}${SLACK_PATH}` }),
    teams: staticCredentials({ webhookUrl: `${server.url}${TEAMS_PATH}` }),
  });

  it('Slack answers 500: retried, then a failure row with step slack; the email and Teams still go out', async () => {
    // Arrange
    server.on('POST', SLACK_PATH, { status: 500, body: 'server_error' });
    server.on('POST', TEAMS_PATH, { status: 202 });
    const config = configWith({ slack: { secretId: 'soar/slack' }, teams: { secretId: 'soar/teams' } });
    const { email, failures, securityHub, tickets, state } = await world(config, webhooks());

    // Act
    const next = await ticketStep(state, {
      tickets,
      securityHub,
      watermarks: createMemoryWatermarks(),
      failures,
      clock: () => NOW,
    });

    // Assert
    expect(next.result?.outcome).toBe('ticketed');
    expect(email.sent).toHaveLength(1);
    expect(server.requestsTo('POST', SLACK_PATH)).toHaveLength(3);
    expect(server.requestsTo('POST', TEAMS_PATH)).toHaveLength(1);
    expect(failures.list()).toEqual([
      expect.objectContaining({
        key: 'event-1',
        step: 'slack',
        error: 'HttpError',
        findingId: state.pad.finding.Id,
        at: NOW.toISOString(),
      }),
    ]);
    expect(failures.list()[0]?.cause).toMatch(/not delivered to slack \(after its retries\)/);
    expect(failures.list()[0]?.cause).not.toContain('SECRET');
  });

  it('Teams answers 502 on a closed ticket: retried, then a failure row with step teams; the email goes out', async () => {
    // Arrange
    server.on('POST', TEAMS_PATH, { status: 502, body: 'bad gateway' });
    const config = configWith({ teams: { secretId: 'soar/teams' } });
    const { email, failures, securityHub, tickets, state } = await world(config, webhooks());
    const opened = await ticketStep(state, { tickets, securityHub, watermarks: createMemoryWatermarks() });
    const ticketId = opened.ticket?.ticketId ?? '';

    // Act
    const next = await closeTicketStep(
      {
        ...state,
        key: 'event-2',
        decision: {
          route: 'close_ticket',
          rule: 'resolved_with_ticket',
          reason: 'It passes now.',
          gates: [],
          ticketId,
        },
      },
      { tickets, securityHub, watermarks: createMemoryWatermarks(), failures, clock: () => NOW },
    );

    // Assert
    expect(next.result?.outcome).toBe('ticket_closed');
    expect(email.sent).toHaveLength(2);
    expect(server.requestsTo('POST', TEAMS_PATH)).toHaveLength(3 + 3);
    expect(failures.list()).toEqual([
      expect.objectContaining({ key: 'event-2', step: 'teams', error: 'HttpError' }),
    ]);
  });

  it('a channel selected for other teams gets nothing; one selected for this team does', async () => {
    // Arrange
    server.on('POST', SLACK_PATH, { status: 200, body: 'ok' });
    server.on('POST', TEAMS_PATH, { status: 202 });
    const config = configWith({
      slack: { secretId: 'soar/slack', when: { teams: ['PAYMENTS'], environments: ['prod'] } },
      teams: { secretId: 'soar/teams', when: { teams: ['identity'] } },
    });
    const { email, failures, securityHub, tickets, state } = await world(config, webhooks());

    // Act
    await notifyFixedStep(
      {
        ...state,
        remediation: { kind: 'remediated', changes: ['Closed port 22.'], beforeImages: [], simulated: false },
      },
      { tickets, securityHub, failures },
    );

    // Assert
    expect(email.sent).toHaveLength(1);
    expect(server.requestsTo('POST', SLACK_PATH)).toHaveLength(1);
    expect(server.requestsTo('POST', TEAMS_PATH)).toHaveLength(0);
    expect(failures.list()).toEqual([]);
  });

  it('Sentinel answers 500: retried, then a failure row with step sentinel; the ticket and email stand', async () => {
    // Arrange
    server.on('POST', '/tenant-1/oauth2/v2.0/token', {
      status: 200,
      body: { access_token: 'token-1', expires_in: 3600, token_type: 'Bearer' },
    });
    const ingest = /^\/dataCollectionRules\/dcr-0{32}\/streams\/Custom-Soar_CL$/;
    server.on('POST', ingest, { status: 500, body: 'down' });
    const config = configWith({ sentinel: { secretId: 'soar/sentinel' } });
    const credentials: ChannelCredentials = {
      ...webhooks(),
      sentinel: staticCredentials({
        tenantId: 'tenant-1',
        clientId: 'client-1',
        clientSecret: 'SECRET-VALUE',
        endpoint: server.url,
        dcrImmutableId: `dcr-${'0'.repeat(32)}`,
        streamName: 'Custom-Soar_CL',
      }),
    };
    const { email, failures, securityHub, tickets, state } = await world(config, credentials);
    const exporter = sentinelExporterOf(config, {
      credentials,
      allowInsecureHttp: true,
      http: http(),
      authorityHost: server.url,
    });

    // Act
    const next = await ticketStep(state, {
      tickets,
      securityHub,
      watermarks: createMemoryWatermarks(),
      failures,
      exporter,
      clock: () => NOW,
    });

    // Assert
    expect(next.result?.outcome).toBe('ticketed');
    expect(email.sent).toHaveLength(1);
    expect(server.requestsTo('POST', ingest)).toHaveLength(3);
    expect(failures.list().map((f) => f.step)).toEqual(['sentinel']);
    expect(JSON.stringify(failures.list())).not.toContain('SECRET-VALUE');
  });

  it('Sentinel gets the ticketed finding as one redacted record with what SOAR did', async () => {
    // Arrange
    server.on('POST', '/tenant-1/oauth2/v2.0/token', {
      status: 200,
      body: { access_token: 'token-1', expires_in: 3600, token_type: 'Bearer' },
    });
    const ingest = /^\/dataCollectionRules\/dcr-1{32}\/streams\/Custom-Other_CL$/;
    server.on('POST', ingest, { status: 204 });
    // The DCR id and stream of the configuration take the place of the secret's.
    const config = configWith({
      sentinel: {
        secretId: 'soar/sentinel',
        dcrImmutableId: `dcr-${'1'.repeat(32)}`,
        streamName: 'Custom-Other_CL',
      },
    });
    const credentials: ChannelCredentials = {
      ...webhooks(),
      sentinel: staticCredentials({
        tenantId: 'tenant-1',
        clientId: 'client-1',
        clientSecret: 'SECRET-VALUE',
        endpoint: server.url,
        dcrImmutableId: `dcr-${'0'.repeat(32)}`,
        streamName: 'Custom-Soar_CL',
      }),
    };
    const { failures, securityHub, tickets, state } = await world(config, credentials);
    const withSecret: FlowState = {
      ...state,
      pad: {
        ...state.pad,
        finding: {
          ...state.pad.finding,
          Resources: [
            {
              Type: 'AwsLambdaFunction',
              Id: 'arn:aws:lambda:eu-west-1:111122223333:function:pay',
              Details: { AwsLambdaFunction: { Environment: { Variables: { DB_PASSWORD: 'hunter2' } } } },
            },
          ],
        },
      },
    };

    // Act
    await ticketStep(withSecret, {
      tickets,
      securityHub,
      watermarks: createMemoryWatermarks(),
      failures,
      exporter: sentinelExporterOf(config, {
        credentials,
        allowInsecureHttp: true,
        http: http(),
        authorityHost: server.url,
      }),
      clock: () => NOW,
    });

    // Assert
    const [upload] = server.requestsTo('POST', ingest);
    const records = upload?.json() as Record<string, unknown>[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      FindingId: state.pad.finding.Id,
      IncidentType: 'ticketed',
      Team: 'payments',
      Environment: 'PROD',
      TimeGenerated: NOW.toISOString(),
    });
    expect(records[0]?.['TicketId']).toMatch(/^SOAR-/);
    expect(JSON.stringify(records)).not.toContain('hunter2');
    expect(failures.list()).toEqual([]);
  });
});
