import { notifyAll } from '../src/notify-all';
import { SlackNotifier, TeamsNotifier, type WebhookNotifierOptions } from '../src/webhook-notifiers';
import { type Notifier } from '../src/types';
import { createHttpClient, HttpError, UnsafeUrlError } from '@soar/http';
import { staticCredentials } from '@soar/http/secrets';
import { aRenderedMessage } from '@soar/messages/testing';
import { instantSleep, startTestServer, LOOPBACK_TIMEOUT_MS, type TestServer } from '@soar/testing';

const SLACK_PATH = '/services/T0000/B0000/XXXXXXXXSECRET';
const TEAMS_PATH = '/workflows/abc/triggers/manual/paths/invoke';

describe('webhook notifiers against a local server', () => {
  let server: TestServer;
  const http = (): WebhookNotifierOptions['http'] =>
    createHttpClient({ sleep: instantSleep().sleep, timeoutMs: LOOPBACK_TIMEOUT_MS });

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('Slack: POSTs message.slack as JSON', async () => {
    server.on('POST', SLACK_PATH, { status: 200, body: 'ok' });
    const slack = new SlackNotifier({
      credentials: staticCredentials({ webhookUrl: `${server.url}${SLACK_PATH}` }),
      allowInsecureWebhookUrl: true,
      http: http(),
    });
    const message = aRenderedMessage();
    await slack.send(message);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.json()).toEqual(message.slack);
  });

  it('Slack: retries a 500 (at-least-once), does not retry invalid_payload, and hides the webhook path', async () => {
    server.on('POST', SLACK_PATH, { status: 500, body: 'server_error' }, { status: 200, body: 'ok' });
    const slack = new SlackNotifier({
      credentials: staticCredentials({ webhookUrl: `${server.url}${SLACK_PATH}` }),
      allowInsecureWebhookUrl: true,
      http: http(),
    });
    await slack.send(aRenderedMessage());
    expect(server.requests).toHaveLength(2);

    server.on('POST', SLACK_PATH, { status: 400, body: 'invalid_payload' });
    const error: unknown = await slack.send(aRenderedMessage()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      status: 400,
      bodyExcerpt: 'invalid_payload',
      url: `${server.url}/…`,
      channel: 'slack',
    });
    expect(JSON.stringify(error) + String((error as Error).message)).not.toContain('SECRET');
    expect(server.requests).toHaveLength(3);
  });

  it('Slack: only https://hooks.slack.com unless allowed for tests', async () => {
    for (const webhookUrl of [
      `${server.url}${SLACK_PATH}`,
      `https://evil.example${SLACK_PATH}`,
      `https://hooks.slack.com.evil.example${SLACK_PATH}`,
      `http://hooks.slack.com${SLACK_PATH}`,
    ]) {
      const slack = new SlackNotifier({ credentials: staticCredentials({ webhookUrl }), http: http() });
      const error: unknown = await slack.send(aRenderedMessage()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsafeUrlError);
      expect((error as Error).message).not.toContain('SECRET');
    }
    expect(server.requests).toHaveLength(0);
  });

  it('Teams: POSTs message.teams (Adaptive Card) as JSON and accepts 202', async () => {
    server.on('POST', TEAMS_PATH, { status: 202 });
    const teams = new TeamsNotifier({
      credentials: staticCredentials({
        webhookUrl: `${server.url}${TEAMS_PATH}?api-version=2016-06-01&sig=SIGSECRET`,
      }),
      allowInsecureWebhookUrl: true,
      http: http(),
    });
    const message = aRenderedMessage();
    await teams.send(message);
    const [request] = server.requests;
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.query.get('sig')).toBe('SIGSECRET');
    expect(request?.json()).toEqual(message.teams);
    expect(request?.json()).toMatchObject({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null }],
    });
  });

  it('Teams: https only, and on the allowed hosts when configured', async () => {
    const insecure = new TeamsNotifier({
      credentials: staticCredentials({ webhookUrl: `${server.url}${TEAMS_PATH}` }),
      http: http(),
    });
    await expect(insecure.send(aRenderedMessage())).rejects.toMatchObject({
      setting: 'teams.webhookUrl',
      reason: 'must use https',
    });
    const wrongHost = new TeamsNotifier({
      credentials: staticCredentials({ webhookUrl: 'https://evil.example/workflows/x?sig=1' }),
      allowedHosts: ['.logic.azure.com', '.powerplatform.com'],
      http: http(),
    });
    await expect(wrongHost.send(aRenderedMessage())).rejects.toBeInstanceOf(UnsafeUrlError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('notifyAll', () => {
  const notifier = (name: string, send: Notifier['send']): Notifier => ({ name, send });

  it('sends through every notifier, reports each outcome and never throws', async () => {
    const received: string[] = [];
    const results = await notifyAll(
      [
        notifier('email', (_message, recipients) => {
          received.push(`email:${recipients?.to?.join(',') ?? ''}`);
          return Promise.resolve();
        }),
        notifier('slack', () => Promise.reject(new Error('slack is down'))),
        notifier('teams', () => {
          throw new Error('thrown synchronously');
        }),
        notifier('odd', () => Promise.reject('a string')),
      ],
      aRenderedMessage(),
      { to: ['team@example.com'] },
    );
    expect(received).toEqual(['email:team@example.com']);
    expect(results).toEqual([
      { channel: 'email', ok: true },
      { channel: 'slack', ok: false, error: new Error('slack is down') },
      { channel: 'teams', ok: false, error: new Error('thrown synchronously') },
      { channel: 'odd', ok: false, error: new Error('a string') },
    ]);
  });

  it('returns an empty list for no notifiers', async () => {
    await expect(notifyAll([], aRenderedMessage())).resolves.toEqual([]);
  });
});
