import {
  aControlFinding,
  aGuardDutyFinding,
  instantSleep,
  startTestServer,
  LOOPBACK_TIMEOUT_MS,
  type TestServer,
} from '@soar/testing';

import { AZURE_MONITOR_SCOPE, EntraTokenProvider } from '../src/entra-token-provider';
import { LOGS_INGESTION_API_VERSION, SentinelExporter } from '../src/sentinel-exporter';
import { SENTINEL_FIELD_MAX_BYTES, sentinelRecord, type SentinelRecord } from '../src/sentinel-record';
import { SentinelPayloadTooLargeError } from '../src/errors';
import { createHttpClient, HttpError } from '@soar/http';
import type { SentinelCredentials } from '@soar/http/secrets';
import { anAccount } from './fixtures';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const DCR = 'dcr-00112233445566778899aabbccddeeff';
const STREAM = 'Custom-SoarIncidents_CL';
const CLIENT_SECRET = 'client-secret-VALUE';
const TOKEN_PATH = `/${TENANT}/oauth2/v2.0/token`;
const INGEST_PATH = `/dataCollectionRules/${DCR}/streams/${STREAM}`;

describe('sentinelRecord', () => {
  it('takes the account fields from the account block, not from the finding', () => {
    const finding = aGuardDutyFinding({ severity: 'HIGH' });
    const account = anAccount();
    const record = sentinelRecord(finding, account, {
      timeGenerated: '2026-11-20T10:20:00.000Z',
      ticketId: 'SEC-1',
    });
    expect(record).toMatchObject({
      TimeGenerated: '2026-11-20T10:20:00.000Z',
      FindingId: finding.Id,
      GeneratorId: finding.GeneratorId,
      Type: finding.FindingProviderFields?.Types?.[0],
      ProductName: 'GuardDuty',
      Severity: 'HIGH',
      Title: finding.Title,
      Description: finding.Description,
      Region: 'eu-west-1',
      AwsAccountId: '111122223333',
      AwsAccountName: 'payments-prod',
      Team: 'payments',
      TeamEmail: 'payments-team@example.com',
      Environment: 'production',
      OrganizationalUnit: 'Workloads',
      IncidentDomain: 'INFRA',
      TicketId: 'SEC-1',
      TruncatedFields: [],
      RedactedValues: 0,
    });
    expect(JSON.parse(record.Finding)).toEqual(finding);
    expect(JSON.parse(record.Account)).toEqual(account);
  });

  it('is pure: the same input gives the same record (TimeGenerated defaults to UpdatedAt)', () => {
    const finding = aControlFinding();
    const account = anAccount();
    const a = sentinelRecord(finding, account);
    const b = sentinelRecord(finding, account);
    expect(a).toEqual(b);
    expect(a.TimeGenerated).toBe(finding.UpdatedAt);
  });

  it('uses the APP team email for APP incidents', () => {
    const finding = { ...aGuardDutyFinding(), ProductFields: { IncidentDomain: 'APP' } };
    expect(sentinelRecord(finding, anAccount()).TeamEmail).toBe('payments-devs@example.com');
  });

  it('never sends an environment variable value or a secret in the finding, the title or the account', () => {
    // Arrange: a Lambda function whose team put an API key in its environment, a private key in a
    // tag, and a connection string in the finding's description
    const finding = {
      ...aControlFinding(),
      Description: 'Function uses DATABASE_URL=postgres://app:Pg7xQ2vLmN9rT4wZ@db:5432/orders',
      Resources: [
        {
          Type: 'AwsLambdaFunction',
          Id: 'arn:aws:lambda:eu-west-1:111122223333:function:orders',
          Tags: { deploy_private_key: '-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----' },
          Details: {
            AwsLambdaFunction: { Environment: { Variables: { STRIPE_KEY: 'sk_live_4eC39HqLyjWDarjtT1' } } },
          },
        },
      ],
    };
    const account = anAccount({ Tags: { 'soar:team': 'payments', 'ci-token': 'glpat-Zx81kQ' } });

    // Act
    const record = sentinelRecord(finding, account);

    // Assert
    const sent = JSON.stringify(record);
    for (const secret of ['Pg7xQ2vLmN9rT4wZ', 'MIIEvQ', 'sk_live_4eC39HqLyjWDarjtT1', 'glpat-Zx81kQ']) {
      expect({ secret, sent: sent.includes(secret) }).toEqual({ secret, sent: false });
    }
    expect(record.Description).toBe('Function uses DATABASE_URL=postgres://app:[redacted]@db:5432/orders');
    expect(record.RedactedValues).toBe(4);
    expect(JSON.parse(record.Finding)).toMatchObject({ Resources: [{ Id: finding.Resources[0]?.Id }] });
  });

  it('cuts long fields to 64 KB of UTF-8 bytes without splitting characters', () => {
    const finding = { ...aControlFinding(), Description: 'é€😀'.repeat(20_000) };
    const record = sentinelRecord(finding, anAccount());
    expect(record.TruncatedFields).toEqual(['Description', 'Finding']);
    expect(Buffer.byteLength(record.Description, 'utf8')).toBeLessThanOrEqual(SENTINEL_FIELD_MAX_BYTES);
    expect(Buffer.byteLength(record.Finding, 'utf8')).toBeLessThanOrEqual(SENTINEL_FIELD_MAX_BYTES);
    expect(record.Description).not.toContain('\uFFFD');
    expect(Buffer.byteLength(JSON.stringify([record]), 'utf8')).toBeLessThan(1_000_000);
  });
});

describe('SentinelExporter against local Entra and Logs Ingestion endpoints', () => {
  let server: TestServer;
  let now: number;
  let credentials: jest.Mock<Promise<SentinelCredentials>, []>;

  const exporter = (): SentinelExporter =>
    new SentinelExporter({
      credentials,
      authorityHost: server.url,
      allowInsecureHttp: true,
      now: () => now,
      http: createHttpClient({ sleep: instantSleep().sleep, timeoutMs: LOOPBACK_TIMEOUT_MS }),
    });
  const record = (): SentinelRecord => sentinelRecord(aGuardDutyFinding(), anAccount());

  beforeEach(async () => {
    server = await startTestServer();
    now = 1_000_000;
    credentials = jest.fn(() =>
      Promise.resolve({
        tenantId: TENANT,
        clientId: 'app-client-id',
        clientSecret: CLIENT_SECRET,
        endpoint: server.url,
        dcrImmutableId: DCR,
        streamName: STREAM,
      }),
    );
  });
  afterEach(async () => {
    await server.close();
  });

  it('gets a client-credentials token, then POSTs a JSON array of one record with Bearer auth', async () => {
    server.on('POST', TOKEN_PATH, {
      status: 200,
      body: { token_type: 'Bearer', expires_in: 3599, access_token: 'at-1' },
    });
    server.on('POST', INGEST_PATH, { status: 204 });
    const row = record();
    await exporter().export(row);

    const [token, ingest] = server.requests;
    expect(token?.method).toBe('POST');
    expect(token?.path).toBe(TOKEN_PATH);
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(token?.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: 'app-client-id',
      client_secret: CLIENT_SECRET,
      scope: 'https://monitor.azure.com//.default',
    });
    expect(AZURE_MONITOR_SCOPE).toBe('https://monitor.azure.com//.default');

    expect(ingest?.method).toBe('POST');
    expect(ingest?.path).toBe(INGEST_PATH);
    expect(ingest?.query.get('api-version')).toBe(LOGS_INGESTION_API_VERSION);
    expect(LOGS_INGESTION_API_VERSION).toBe('2023-01-01');
    expect(ingest?.headers['authorization']).toBe('Bearer at-1');
    expect(ingest?.headers['content-type']).toBe('application/json');
    expect(ingest?.json()).toEqual([JSON.parse(JSON.stringify(row))]);
  });

  it('caches the token until shortly before it expires', async () => {
    server.on(
      'POST',
      TOKEN_PATH,
      { status: 200, body: { expires_in: 3600, access_token: 'at-1' } },
      { status: 200, body: { expires_in: 3600, access_token: 'at-2' } },
    );
    server.on('POST', INGEST_PATH, { status: 204 });
    const sentinel = exporter();
    await sentinel.export(record());
    now += 30 * 60_000;
    await sentinel.export(record());
    expect(server.requestsTo('POST', TOKEN_PATH)).toHaveLength(1);
    now += 26 * 60_000; // 56 min: inside the 5-minute refresh margin
    await sentinel.export(record());
    expect(server.requestsTo('POST', TOKEN_PATH)).toHaveLength(2);
    expect(server.requestsTo('POST', INGEST_PATH).map((r) => r.headers['authorization'])).toEqual([
      'Bearer at-1',
      'Bearer at-1',
      'Bearer at-2',
    ]);
  });

  it('on a 401 drops the token and retries once with a new one', async () => {
    server.on(
      'POST',
      TOKEN_PATH,
      { status: 200, body: { expires_in: 3600, access_token: 'revoked' } },
      { status: 200, body: { expires_in: 3600, access_token: 'fresh' } },
    );
    server.on('POST', INGEST_PATH, (request) =>
      request.headers['authorization'] === 'Bearer fresh'
        ? { status: 204 }
        : { status: 401, body: { error: 'InvalidToken' } },
    );
    await exporter().export(record());
    expect(server.requestsTo('POST', INGEST_PATH)).toHaveLength(2);
  });

  it('retries a 429 honouring Retry-After and a 503', async () => {
    server.on('POST', TOKEN_PATH, { status: 200, body: { expires_in: 3600, access_token: 'at' } });
    server.on(
      'POST',
      INGEST_PATH,
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 503 },
      { status: 204 },
    );
    await exporter().export(record());
    expect(server.requestsTo('POST', INGEST_PATH)).toHaveLength(3);
  });

  it('fails with HttpError without leaking the client secret or the token', async () => {
    server.on('POST', TOKEN_PATH, {
      status: 200,
      body: { expires_in: 3600, access_token: 'at-SECRET-TOKEN' },
    });
    server.on('POST', INGEST_PATH, {
      status: 403,
      body: { error: { code: 'OperationFailed', message: 'no access to DCR' } },
    });
    const error: unknown = await exporter()
      .export(record())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 403, channel: 'sentinel' });
    const text = `${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).stack)}`;
    expect(text).not.toContain('at-SECRET-TOKEN');
    expect(text).not.toContain(CLIENT_SECRET);
  });

  it('reports a failed token request as HttpError without the secret', async () => {
    server.on('POST', TOKEN_PATH, {
      status: 401,
      body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' },
    });
    const error: unknown = await exporter()
      .export(record())
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, url: `${server.url}${TOKEN_PATH}` });
    expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
    expect(server.requestsTo('POST', INGEST_PATH)).toHaveLength(0);
  });

  it('refuses a body over 1 MB before any request', async () => {
    const huge = { ...record(), Finding: 'x'.repeat(1_000_001) };
    await expect(exporter().export(huge)).rejects.toBeInstanceOf(SentinelPayloadTooLargeError);
    expect(server.requests).toHaveLength(0);
  });

  it('requires https endpoints unless allowed', async () => {
    const strict = new SentinelExporter({ credentials, authorityHost: server.url });
    await expect(strict.export(record())).rejects.toMatchObject({ setting: 'sentinel.endpoint' });
    expect(server.requests).toHaveLength(0);
  });
});

describe('EntraTokenProvider', () => {
  it('shares one token request between concurrent callers', async () => {
    const server = await startTestServer();
    try {
      server.on('POST', TOKEN_PATH, { status: 200, body: { expires_in: 3600, access_token: 'shared' } });
      const tokens = new EntraTokenProvider({
        credentials: () => Promise.resolve({ tenantId: TENANT, clientId: 'c', clientSecret: 's' }),
        authorityHost: server.url,
        allowInsecureHttp: true,
      });
      await expect(Promise.all([tokens.getToken(), tokens.getToken(), tokens.getToken()])).resolves.toEqual([
        'shared',
        'shared',
        'shared',
      ]);
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
