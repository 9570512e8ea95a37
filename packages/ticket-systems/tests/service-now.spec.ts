import { ChannelConfigurationError, createHttpClient, HttpError, UnsafeUrlError } from '@soar/http';
import { InvalidTicketIdError, TicketNotFoundError } from '../src/errors';
import {
  isServiceNowSysId,
  serviceNowCorrelationId,
  ServiceNowTicketSystem,
  type ServiceNowTicketSystemOptions,
} from '../src/service-now-ticket-system';
import { type OpenTicketRequest } from '../src/types';
import type { ServiceNowCredentials } from '@soar/http/secrets';
import { aRenderedMessage } from '@soar/messages/testing';
import { FINDING_ID, MALICIOUS_TICKET_IDS } from './fixtures';
import { instantSleep, startTestServer, LOOPBACK_TIMEOUT_MS, type TestServer } from '@soar/testing';

const TABLE = '/api/now/table/incident';
const SYS_ID = '6cf61b7d974261109055b08fe153af02';
const RECORD = `${TABLE}/${SYS_ID}`;
const USER = 'soar.integration';
const PASSWORD = 'snow-password-SECRET';
const EXPECTED_AUTH = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

function openRequest(overrides: Partial<OpenTicketRequest> = {}): OpenTicketRequest {
  return {
    findingId: FINDING_ID,
    accountId: '111122223333',
    severity: 'CRITICAL',
    project: 'Cloud Security',
    message: aRenderedMessage(),
    ...overrides,
  };
}

describe('ServiceNowTicketSystem against a local ServiceNow', () => {
  let server: TestServer;
  let credentials: jest.Mock<Promise<ServiceNowCredentials>, []>;

  const snow = (options: Partial<ServiceNowTicketSystemOptions> = {}): ServiceNowTicketSystem =>
    new ServiceNowTicketSystem({
      credentials,
      allowInsecureHttp: true,
      http: createHttpClient({ sleep: instantSleep().sleep, timeoutMs: LOOPBACK_TIMEOUT_MS }),
      ...options,
    });

  beforeEach(async () => {
    server = await startTestServer();
    credentials = jest.fn(() =>
      Promise.resolve({ instanceUrl: server.url, username: USER, password: PASSWORD }),
    );
  });
  afterEach(async () => {
    await server.close();
  });

  it('looks up the correlation id, then creates the incident with urgency/impact 1-3', async () => {
    server.on('GET', TABLE, { status: 200, body: { result: [] } });
    server.on('POST', TABLE, { status: 201, body: { result: { sys_id: SYS_ID, number: 'INC0010001' } } });

    const opened = await snow({ location: 'Stockholm', correlationIdMaxChars: 255 }).open(openRequest());

    expect(opened).toEqual({ ticketId: SYS_ID, url: `${server.url}/incident.do?sys_id=${SYS_ID}` });
    const [lookup, create] = server.requests;
    expect(lookup?.query.get('sysparm_query')).toBe(`correlation_id=${FINDING_ID}^active=true`);
    expect(lookup?.query.get('sysparm_fields')).toBe('sys_id,number');
    expect(lookup?.query.get('sysparm_limit')).toBe('1');
    expect(create?.method).toBe('POST');
    expect(create?.headers['authorization']).toBe(EXPECTED_AUTH);
    expect(create?.headers['content-type']).toBe('application/json');
    expect(create?.headers['accept']).toBe('application/json');
    expect(create?.query.get('sysparm_exclude_reference_link')).toBe('true');
    expect(create?.json()).toEqual({
      short_description: 'HIGH: EC2.2 default security group allows traffic',
      description: 'The default security group of vpc-0123 allows inbound traffic.',
      urgency: '1',
      impact: '3',
      assignment_group: 'Cloud Security',
      correlation_id: FINDING_ID,
      correlation_display: 'SOAR',
      caller_id: USER,
      category: 'Security',
      location: 'Stockholm',
    });
  });

  it('writes the digest form by default and looks it up the same way', async () => {
    server.on('GET', TABLE, { status: 200, body: { result: [] } });
    server.on('POST', TABLE, { status: 201, body: { result: { sys_id: SYS_ID } } });
    await snow().open(openRequest());
    const expected = serviceNowCorrelationId(FINDING_ID);
    expect(server.requestsTo('GET', TABLE)[0]?.query.get('sysparm_query')).toBe(
      `correlation_id=${expected}^active=true`,
    );
    expect(server.requestsTo('POST', TABLE)[0]?.json()).toMatchObject({ correlation_id: expected });
  });

  it.each([
    ['CRITICAL', 'TEAM', '1', '3'],
    ['HIGH', 'SOC', '2', '2'],
    ['MEDIUM', 'TEAM', '3', '3'],
    ['LOW', 'TEAM', '3', '3'],
    ['INFORMATIONAL', 'SOC', '3', '2'],
  ] as const)(
    'sends %s/%s as urgency %s, impact %s (never 0: ServiceNow uses 1-3)',
    async (severity, destination, urgency, impact) => {
      server.on('GET', TABLE, { status: 200, body: { result: [] } });
      server.on('POST', TABLE, { status: 201, body: { result: { sys_id: SYS_ID } } });
      await snow({ deduplicate: false }).open(openRequest({ severity, destination }));
      const body = server.requestsTo('POST', TABLE)[0]?.json() as Record<string, unknown>;
      expect(body).toMatchObject({ urgency, impact });
      expect(body).not.toHaveProperty('location');
      expect(server.requestsTo('GET', TABLE)).toHaveLength(0);
    },
  );

  it('returns the active record of the finding instead of creating a duplicate', async () => {
    server.on('GET', TABLE, { status: 200, body: { result: [{ sys_id: SYS_ID, number: 'INC0010001' }] } });
    await expect(snow().open(openRequest())).resolves.toEqual({
      ticketId: SYS_ID,
      url: `${server.url}/incident.do?sys_id=${SYS_ID}`,
      reused: true,
    });
    expect(server.requestsTo('POST', TABLE)).toHaveLength(0);
  });

  it('rejects a create response without a valid sys_id', async () => {
    server.on('GET', TABLE, { status: 200, body: { result: [] } });
    server.on('POST', TABLE, {
      status: 201,
      body: { result: { sys_id: 'INC0010001,https://evil.example/x' } },
    });
    const error: unknown = await snow()
      .open(openRequest())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ reason: 'invalid-response' });
  });

  it('checks the HTTP status: a 403 is an error, not a KeyError later', async () => {
    server.on('GET', TABLE, { status: 200, body: { result: [] } });
    server.on('POST', TABLE, { status: 403, body: { error: { message: 'User Not Authorized' } } });
    await expect(snow().open(openRequest())).rejects.toMatchObject({ status: 403, channel: 'servicenow' });
  });

  it('closes with PATCH: closed state, close code and close notes', async () => {
    server.on('GET', RECORD, { status: 200, body: { result: { state: '2', active: 'true' } } });
    server.on('PATCH', RECORD, { status: 200, body: { result: { sys_id: SYS_ID, state: '6' } } });
    await snow().close(SYS_ID, { findingId: FINDING_ID, resolution: 'the control passes again.' });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${RECORD}`, `PATCH ${RECORD}`]);
    const patch = server.requests[1];
    expect(patch?.headers['authorization']).toBe(EXPECTED_AUTH);
    expect(patch?.json()).toEqual({
      state: '6',
      close_code: 'Solution provided',
      close_notes: 'Closed automatically by SOAR: the control passes again.',
    });
  });

  it('uses the configured closed state and can omit the close code', async () => {
    server.on('GET', RECORD, { status: 200, body: { result: { state: '1', active: 'true' } } });
    server.on('PATCH', RECORD, { status: 200, body: { result: { sys_id: SYS_ID } } });
    await snow({ closedState: '7', closeCode: null, table: 'incident' }).close(SYS_ID, {
      findingId: FINDING_ID,
    });
    expect(server.requestsTo('PATCH', RECORD)[0]?.json()).toEqual({
      state: '7',
      close_notes: 'Closed automatically by SOAR: the finding is resolved.',
    });
  });

  it('does nothing for a record that is already closed', async () => {
    server.on('GET', RECORD, { status: 200, body: { result: { state: '7', active: 'false' } } });
    await snow().close(SYS_ID, { findingId: FINDING_ID });
    expect(server.requests).toHaveLength(1);
  });

  it('throws TicketNotFoundError for a missing record', async () => {
    server.on('GET', RECORD, { status: 404, body: { error: { message: 'No Record found' } } });
    await expect(snow().close(SYS_ID, { findingId: FINDING_ID })).rejects.toBeInstanceOf(TicketNotFoundError);
  });

  it.each([
    ...MALICIOUS_TICKET_IDS,
    'INC0010001,https://evil.example/api/now/table/incident/6cf61b7d974261109055b08fe153af02',
    SYS_ID.toUpperCase(),
    SYS_ID.slice(1),
    `${SYS_ID}/../../sys_user`,
  ])('rejects the forged ticket id %j with zero requests and never fetches a URL from it', async (id) => {
    await expect(snow().close(id, { findingId: FINDING_ID })).rejects.toBeInstanceOf(InvalidTicketIdError);
    expect(server.requests).toHaveLength(0);
    expect(credentials).not.toHaveBeenCalled();
  });

  it('requires an https instance URL unless allowInsecureHttp is set', async () => {
    await expect(snow({ allowInsecureHttp: false }).open(openRequest())).rejects.toBeInstanceOf(
      UnsafeUrlError,
    );
    await expect(
      snow({ allowInsecureHttp: false }).close(SYS_ID, { findingId: FINDING_ID }),
    ).rejects.toBeInstanceOf(UnsafeUrlError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('ServiceNow helpers and configuration', () => {
  const credentials = (): Promise<ServiceNowCredentials> =>
    Promise.resolve({ instanceUrl: 'https://example.service-now.com', username: USER, password: PASSWORD });

  it('uses a digest as correlation id when the finding id does not fit the field', () => {
    expect(FINDING_ID.length).toBeGreaterThan(100);
    expect(serviceNowCorrelationId(FINDING_ID)).toMatch(/^sha256:[0-9a-f]{64}$/u);
    expect(serviceNowCorrelationId(FINDING_ID, 255)).toBe(FINDING_ID);
    expect(serviceNowCorrelationId('arn:aws:guardduty:eu-west-1:111122223333:detector/d1/finding/f1')).toBe(
      'arn:aws:guardduty:eu-west-1:111122223333:detector/d1/finding/f1',
    );
    const long = `arn:aws:securityhub:eu-west-1:111122223333:product/acme/x/${'a'.repeat(100)}`;
    expect(serviceNowCorrelationId(long)).toMatch(/^sha256:[0-9a-f]{64}$/u);
    expect(serviceNowCorrelationId('custom^id')).toMatch(/^sha256:/u);
    expect(serviceNowCorrelationId(long)).toBe(serviceNowCorrelationId(long));
  });

  it('validates sys_ids', () => {
    expect(isServiceNowSysId(SYS_ID)).toBe(true);
    expect(isServiceNowSysId('INC0010001')).toBe(false);
  });

  it('rejects bad table names and urgency/impact values outside 1-3', () => {
    expect(() => new ServiceNowTicketSystem({ credentials, table: 'incident/../sys_user' })).toThrow(
      ChannelConfigurationError,
    );
    expect(
      () => new ServiceNowTicketSystem({ credentials, urgency: { CRITICAL: 0 as unknown as 1 } }),
    ).toThrow(ChannelConfigurationError);
    expect(() => new ServiceNowTicketSystem({ credentials, impact: { SOC: 4 as unknown as 1 } })).toThrow(
      ChannelConfigurationError,
    );
    expect(() => new ServiceNowTicketSystem({ credentials, correlationIdMaxChars: 40 })).toThrow(
      ChannelConfigurationError,
    );
  });
});
