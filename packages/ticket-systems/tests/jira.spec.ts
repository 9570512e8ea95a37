import fc from 'fast-check';

import { ChannelConfigurationError, createHttpClient, HttpError, UnsafeUrlError } from '@soar/http';
import {
  InvalidTicketIdError,
  InvalidTicketRequestError,
  TicketNotFoundError,
  TicketTransitionError,
} from '../src/errors';
import {
  isJiraIssueKey,
  jiraFindingLabel,
  JiraTicketSystem,
  type JiraTicketSystemOptions,
} from '../src/jira-ticket-system';
import { type OpenTicketRequest } from '../src/types';
import type { JiraCredentials } from '@soar/http/secrets';
import { aRenderedMessage } from '@soar/messages/testing';
import { FINDING_ID, MALICIOUS_TICKET_IDS } from './fixtures';
import { instantSleep, startTestServer, LOOPBACK_TIMEOUT_MS, type TestServer } from '@soar/testing';

const ISSUE = '/rest/api/3/issue';
const SEARCH = '/rest/api/3/search/jql';
const TRANSITIONS = '/rest/api/3/issue/SEC-42/transitions';
const COMMENT = '/rest/api/3/issue/SEC-42/comment';
const EMAIL = 'soar-bot@example.com';
const TOKEN = 'jira-api-token-SECRET';
const EXPECTED_AUTH = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString('base64')}`;

function openRequest(overrides: Partial<OpenTicketRequest> = {}): OpenTicketRequest {
  return {
    findingId: FINDING_ID,
    accountId: '111122223333',
    severity: 'HIGH',
    project: 'SEC',
    message: aRenderedMessage(),
    labels: ['EC2.2', 'team payments'],
    ...overrides,
  };
}

describe('JiraTicketSystem against a local Jira', () => {
  let server: TestServer;
  let credentials: jest.Mock<Promise<JiraCredentials>, []>;
  let logger: { debug: jest.Mock; info: jest.Mock; warn: jest.Mock; error: jest.Mock };

  const jira = (options: Partial<JiraTicketSystemOptions> = {}): JiraTicketSystem =>
    new JiraTicketSystem({
      credentials,
      issueType: 'Task',
      priorities: ['P5', 'P4', 'P3', 'P2', 'P1'],
      initialTransitions: ['Triage', 'Open'],
      finalTransitions: ['Done'],
      allowInsecureHttp: true,
      http: createHttpClient({ sleep: instantSleep().sleep, timeoutMs: LOOPBACK_TIMEOUT_MS }),
      logger,
      ...options,
    });

  beforeEach(async () => {
    server = await startTestServer();
    credentials = jest.fn(() => Promise.resolve({ baseUrl: server.url, email: EMAIL, apiToken: TOKEN }));
    logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  });
  afterEach(async () => {
    await server.close();
  });

  it('searches, creates the issue (ADF, priority, labels), applies the initial transition and comments', async () => {
    server.on('POST', SEARCH, { status: 200, body: { issues: [], isLast: true } });
    server.on('POST', ISSUE, {
      status: 201,
      body: { id: '10042', key: 'SEC-42', self: `${server.url}${ISSUE}/10042` },
    });
    server.on('GET', TRANSITIONS, {
      status: 200,
      body: {
        transitions: [
          { id: '11', name: 'Start work', to: { name: 'In Progress' } },
          { id: '21', name: 'Send to triage', to: { name: 'Open' } },
        ],
      },
    });
    server.on('POST', TRANSITIONS, { status: 204 });
    server.on('POST', COMMENT, { status: 201, body: { id: '1' } });

    const opened = await jira().open(openRequest());

    expect(opened).toEqual({ ticketId: 'SEC-42', url: `${server.url}/browse/SEC-42` });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${SEARCH}`,
      `POST ${ISSUE}`,
      `GET ${TRANSITIONS}`,
      `POST ${TRANSITIONS}`,
      `POST ${COMMENT}`,
    ]);
    for (const request of server.requests) {
      expect(request.headers['authorization']).toBe(EXPECTED_AUTH);
      expect(request.headers['accept']).toBe('application/json');
      if (request.method === 'POST') expect(request.headers['content-type']).toBe('application/json');
    }
    const label = jiraFindingLabel(FINDING_ID);
    expect(label).toMatch(/^soar-finding-[0-9a-f]{32}$/u);
    expect(server.requests[0]?.json()).toEqual({
      jql: `project = "SEC" AND labels = "${label}" AND statusCategory != Done ORDER BY created ASC`,
      fields: ['status'],
      maxResults: 1,
    });
    expect(server.requests[1]?.json()).toEqual({
      fields: {
        project: { key: 'SEC' },
        issuetype: { name: 'Task' },
        summary: 'HIGH: EC2.2 default security group allows traffic',
        description: aRenderedMessage().jira.description,
        priority: { name: 'P2' },
        labels: ['soar', 'EC2.2', 'team-payments', label],
      },
    });
    expect(server.requests[3]?.json()).toEqual({ transition: { id: '21' } });
    expect(server.requests[4]?.json()).toEqual({
      body: {
        version: 1,
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              {
                type: 'text',
                text: `Ticket opened automatically by SOAR for security finding ${FINDING_ID}.`,
              },
            ],
          },
        ],
      },
    });
  });

  it.each([
    ['INFORMATIONAL', 'P5'],
    ['LOW', 'P4'],
    ['MEDIUM', 'P3'],
    ['HIGH', 'P2'],
    ['CRITICAL', 'P1'],
  ] as const)('maps severity %s to priority %s', async (severity, priority) => {
    server.on('POST', SEARCH, { status: 200, body: { issues: [] } });
    server.on('POST', ISSUE, { status: 201, body: { key: 'SEC-42' } });
    server.on('POST', COMMENT, { status: 201, body: {} });
    await jira({ initialTransitions: [] }).open(openRequest({ severity }));
    expect(server.requestsTo('POST', ISSUE)[0]?.json()).toMatchObject({
      fields: { priority: { name: priority } },
    });
  });

  it('returns an existing open issue with the finding label instead of creating a duplicate', async () => {
    server.on('POST', SEARCH, {
      status: 200,
      body: { issues: [{ id: '10007', key: 'SEC-7' }], isLast: true },
    });
    const opened = await jira().open(openRequest());
    expect(opened).toEqual({ ticketId: 'SEC-7', url: `${server.url}/browse/SEC-7`, reused: true });
    expect(server.requests).toHaveLength(1);
    expect(server.requestsTo('POST', ISSUE)).toHaveLength(0);
  });

  it('does not retry the create POST on a 500 (it may have been created); the next open finds it', async () => {
    server.on(
      'POST',
      SEARCH,
      { status: 200, body: { issues: [] } },
      { status: 200, body: { issues: [{ key: 'SEC-42' }] } },
    );
    server.on('POST', ISSUE, { status: 500, body: 'upstream timeout' });
    await expect(jira().open(openRequest())).rejects.toMatchObject({
      status: 500,
      attempts: 1,
      channel: 'jira',
    });
    expect(server.requestsTo('POST', ISSUE)).toHaveLength(1);
    await expect(jira().open(openRequest())).resolves.toMatchObject({ ticketId: 'SEC-42', reused: true });
    expect(server.requestsTo('POST', ISSUE)).toHaveLength(1);
  });

  it('keeps the created issue when the initial transition or the comment fails (logged, not thrown)', async () => {
    server.on('POST', SEARCH, { status: 200, body: { issues: [] } });
    server.on('POST', ISSUE, { status: 201, body: { key: 'SEC-42' } });
    server.on('GET', TRANSITIONS, { status: 200, body: { transitions: [{ id: '11', name: 'Start work' }] } });
    server.on('POST', COMMENT, { status: 400, body: { errorMessages: ['comments disabled'] } });
    await expect(jira().open(openRequest())).resolves.toEqual({
      ticketId: 'SEC-42',
      url: `${server.url}/browse/SEC-42`,
    });
    expect(logger.warn).toHaveBeenCalledWith('jira: no initial transition available', expect.anything());
    expect(logger.warn).toHaveBeenCalledWith('jira: adding a comment failed', expect.anything());
    expect(server.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('rejects a malformed key in the create response', async () => {
    server.on('POST', SEARCH, { status: 200, body: { issues: [] } });
    server.on('POST', ISSUE, { status: 201, body: { key: '../../admin' } });
    const error: unknown = await jira()
      .open(openRequest())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ reason: 'invalid-response' });
    expect(server.requestsTo('POST', COMMENT)).toHaveLength(0);
  });

  it('rejects a project that is not a Jira project key before any request', async () => {
    for (const project of ['sec', 'SEC" OR project != "X', 'SEC/..', '']) {
      await expect(jira().open(openRequest({ project }))).rejects.toBeInstanceOf(InvalidTicketRequestError);
    }
    expect(server.requests).toHaveLength(0);
    expect(credentials).not.toHaveBeenCalled();
  });

  it('closes with the final transition and a comment, and never deletes', async () => {
    server.on('GET', TRANSITIONS, {
      status: 200,
      body: {
        transitions: [
          { id: '31', name: 'Close issue', to: { name: 'Done', statusCategory: { key: 'done' } } },
        ],
      },
    });
    server.on('POST', TRANSITIONS, { status: 204 });
    server.on('POST', COMMENT, { status: 201, body: {} });
    await jira().close('SEC-42', {
      findingId: FINDING_ID,
      resolution: 'Security Hub reports the control as PASSED.',
    });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${TRANSITIONS}`,
      `POST ${TRANSITIONS}`,
      `POST ${COMMENT}`,
    ]);
    expect(server.requests[1]?.json()).toEqual({ transition: { id: '31' } });
    expect(JSON.stringify(server.requests[2]?.json())).toContain(
      'Ticket closed automatically by SOAR: Security Hub reports the control as PASSED.',
    );
  });

  it('treats an issue already in a done status as closed', async () => {
    server.on('GET', TRANSITIONS, { status: 200, body: { transitions: [{ id: '41', name: 'Reopen' }] } });
    server.on('GET', '/rest/api/3/issue/SEC-42', {
      status: 200,
      body: { key: 'SEC-42', fields: { status: { name: 'Done', statusCategory: { key: 'done' } } } },
    });
    await jira().close('SEC-42', { findingId: FINDING_ID });
    expect(server.requestsTo('GET', '/rest/api/3/issue/SEC-42')[0]?.query.get('fields')).toBe('status');
    expect(server.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('throws TicketTransitionError when the final transition is unavailable, and leaves the issue alone', async () => {
    server.on('GET', TRANSITIONS, { status: 200, body: { transitions: [{ id: '11', name: 'Start work' }] } });
    server.on('GET', '/rest/api/3/issue/SEC-42', {
      status: 200,
      body: { fields: { status: { name: 'Blocked', statusCategory: { key: 'indeterminate' } } } },
    });
    const error: unknown = await jira()
      .close('SEC-42', { findingId: FINDING_ID })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TicketTransitionError);
    expect(error).toMatchObject({ wanted: ['Done'], available: ['Start work'], ticketId: 'SEC-42' });
    expect(server.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('throws TicketNotFoundError for an issue that does not exist', async () => {
    server.on('GET', TRANSITIONS, { status: 404, body: { errorMessages: ['Issue does not exist'] } });
    await expect(jira().close('SEC-42', { findingId: FINDING_ID })).rejects.toBeInstanceOf(
      TicketNotFoundError,
    );
    expect(server.requests).toHaveLength(1);
  });

  it.each(MALICIOUS_TICKET_IDS)('rejects the forged ticket id %j with zero requests', async (id) => {
    const error: unknown = await jira()
      .close(id, { findingId: FINDING_ID })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTicketIdError);
    expect(error).toMatchObject({ channel: 'jira', findingId: FINDING_ID });
    expect((error as Error).message).not.toMatch(/[\r\n]/u);
    expect(server.requests).toHaveLength(0);
    expect(credentials).not.toHaveBeenCalled();
  });

  it('requires an https base URL unless allowInsecureHttp is set', async () => {
    const error: unknown = await jira({ allowInsecureHttp: false })
      .open(openRequest())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeUrlError);
    expect(error).toMatchObject({ setting: 'jira.baseUrl', reason: 'must use https' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('Jira issue keys', () => {
  it('accepts keys of the documented form', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z][A-Z0-9_]{0,30}$/u),
        fc.integer({ min: 1, max: 9_999_999_999 }),
        (project, number) => isJiraIssueKey(`${project}-${String(number)}`),
      ),
    );
  });

  it('rejects any key carrying a URL or header metacharacter', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z][A-Z0-9_]{0,10}-[1-9][0-9]{0,3}$/u),
        fc.constantFrom('/', '?', '#', ':', '.', '%', '\r', '\n', ' ', '\\', '@', ','),
        fc.nat(),
        (key, bad, position) => {
          const at = position % (key.length + 1);
          return !isJiraIssueKey(`${key.slice(0, at)}${bad}${key.slice(at)}`);
        },
      ),
    );
  });

  it('rejects non-strings', () => {
    expect(isJiraIssueKey(42)).toBe(false);
    expect(isJiraIssueKey(undefined)).toBe(false);
  });
});

describe('JiraTicketSystem configuration', () => {
  const credentials = (): Promise<JiraCredentials> =>
    Promise.resolve({ baseUrl: 'https://example.atlassian.net', email: EMAIL, apiToken: TOKEN });

  it('needs exactly 5 priorities, an issue type and a final transition', () => {
    expect(() => new JiraTicketSystem({ credentials, issueType: 'Task', priorities: ['Low'] })).toThrow(
      ChannelConfigurationError,
    );
    expect(() => new JiraTicketSystem({ credentials, issueType: ' ' })).toThrow(ChannelConfigurationError);
    expect(() => new JiraTicketSystem({ credentials, issueType: 'Task', finalTransitions: [] })).toThrow(
      ChannelConfigurationError,
    );
  });
});
