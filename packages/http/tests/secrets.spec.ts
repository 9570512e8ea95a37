import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';

import {
  channelCredentials,
  createSecretsProvider,
  JiraCredentialsSchema,
  SentinelCredentialsSchema,
  WebhookCredentialsSchema,
} from '../src/secrets';
import { SecretFormatError, SecretNotConfiguredError, SecretUnavailableError } from '../src/errors';

const sm = mockClient(SecretsManagerClient);
const JIRA_SECRET = {
  baseUrl: 'https://example.atlassian.net',
  email: 'bot@example.com',
  apiToken: 'tok-123-SECRET',
};

beforeEach(() => {
  sm.reset();
});

async function formatError(promise: Promise<unknown>): Promise<SecretFormatError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SecretFormatError) return error;
    throw error;
  }
  throw new Error('expected a SecretFormatError');
}

describe('createSecretsProvider', () => {
  it('is lazy: no client and no AWS call until a channel asks for its secret', async () => {
    const factory = jest.fn(() => new SecretsManagerClient({ region: 'eu-west-1' }));
    const provider = createSecretsProvider({ client: factory });
    const credentials = channelCredentials(provider, { jira: 'soar/jira', slack: 'soar/slack' });
    expect(factory).not.toHaveBeenCalled();
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 0);

    sm.on(GetSecretValueCommand, { SecretId: 'soar/jira' }).resolves({
      SecretString: JSON.stringify(JIRA_SECRET),
    });
    await expect(credentials.jira()).resolves.toEqual(JIRA_SECRET);
    expect(factory).toHaveBeenCalledTimes(1);
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(sm).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: 'soar/jira' });
  });

  it('caches for the TTL, shares concurrent loads, and reloads after the TTL or invalidate()', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(JIRA_SECRET) });
    let now = 1_000;
    const provider = createSecretsProvider({
      client: new SecretsManagerClient({ region: 'eu-west-1' }),
      ttlMs: 60_000,
      now: () => now,
    });
    await Promise.all([
      provider.get('soar/jira', JiraCredentialsSchema),
      provider.get('soar/jira', JiraCredentialsSchema),
      provider.get('soar/jira', JiraCredentialsSchema),
    ]);
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    now += 59_999;
    await provider.get('soar/jira', JiraCredentialsSchema);
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    now += 1;
    await provider.get('soar/jira', JiraCredentialsSchema);
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
    provider.invalidate('soar/jira');
    await provider.get('soar/jira', JiraCredentialsSchema);
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 3);
  });

  it('reports invalid JSON without quoting the value', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'apiToken=tok-123-SECRET' });
    const provider = createSecretsProvider({ client: new SecretsManagerClient({ region: 'eu-west-1' }) });
    const error = await formatError(provider.get('soar/jira', JiraCredentialsSchema));
    expect(error).toMatchObject({ secretId: 'soar/jira', field: '(root)' });
    expect(error.message).toBe('secret soar/jira: is not valid JSON');
    expect(`${error.message} ${JSON.stringify(error)} ${String(error.stack)}`).not.toContain('SECRET');
    expect(error.cause).toBeUndefined();
  });

  it.each([
    [{ baseUrl: 'https://example.atlassian.net', email: 'bot@example.com' }, 'apiToken', 'is missing'],
    [{ ...JIRA_SECRET, apiToken: 12345 }, 'apiToken', 'must be string'],
    [{ ...JIRA_SECRET, apiToken: '   ' }, 'apiToken', 'must not be empty'],
    [{ ...JIRA_SECRET, baseUrl: 'example.atlassian.net' }, 'baseUrl', 'must be an absolute URL'],
  ])('names the bad field, never the value (%#)', async (secret, field, reason) => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(secret) });
    const provider = createSecretsProvider({ client: new SecretsManagerClient({ region: 'eu-west-1' }) });
    const error = await formatError(
      provider.get('arn:aws:secretsmanager:eu-west-1:1:secret:jira', JiraCredentialsSchema),
    );
    expect(error.field).toBe(field);
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(
      `secret arn:aws:secretsmanager:eu-west-1:1:secret:jira: field "${field}" ${reason}`,
    );
    expect(error.message).not.toContain('12345');
  });

  it('validates the Sentinel and webhook shapes', async () => {
    sm.on(GetSecretValueCommand, { SecretId: 'sentinel' }).resolves({
      SecretString: JSON.stringify({
        tenantId: 'contoso.onmicrosoft.com',
        clientId: 'c',
        clientSecret: 's',
        endpoint: 'https://dce.westeurope-1.ingest.monitor.azure.com',
        dcrImmutableId: 'dcr-BAD',
        streamName: 'Custom-Soar_CL',
      }),
    });
    sm.on(GetSecretValueCommand, { SecretId: 'slack' }).resolves({
      SecretString: '{"url":"https://hooks.slack.com/x"}',
    });
    const provider = createSecretsProvider({ client: new SecretsManagerClient({ region: 'eu-west-1' }) });
    await expect(provider.get('sentinel', SentinelCredentialsSchema)).rejects.toMatchObject({
      field: 'dcrImmutableId',
      reason: 'must look like dcr-<32 hex characters>',
    });
    await expect(provider.get('slack', WebhookCredentialsSchema)).rejects.toMatchObject({
      field: 'webhookUrl',
      reason: 'is missing',
    });
  });

  it('wraps AWS errors with the secret id and does not cache failures', async () => {
    sm.on(GetSecretValueCommand)
      .rejectsOnce(
        Object.assign(new Error('Secrets Manager can’t find the specified secret.'), {
          name: 'ResourceNotFoundException',
        }),
      )
      .resolves({ SecretString: JSON.stringify(JIRA_SECRET) });
    const provider = createSecretsProvider({ client: new SecretsManagerClient({ region: 'eu-west-1' }) });
    const error: unknown = await provider.get('soar/jira', JiraCredentialsSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretUnavailableError);
    expect(error).toMatchObject({ secretId: 'soar/jira', awsErrorName: 'ResourceNotFoundException' });
    await expect(provider.get('soar/jira', JiraCredentialsSchema)).resolves.toEqual(JIRA_SECRET);
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
  });

  it('rejects binary secrets', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretBinary: new Uint8Array([1, 2, 3]) });
    const provider = createSecretsProvider({ client: new SecretsManagerClient({ region: 'eu-west-1' }) });
    await expect(provider.get('bin', JiraCredentialsSchema)).rejects.toBeInstanceOf(SecretUnavailableError);
  });
});

describe('channelCredentials', () => {
  it('rejects a channel without a secret id, without calling AWS', async () => {
    const provider = createSecretsProvider({ client: new SecretsManagerClient({ region: 'eu-west-1' }) });
    const credentials = channelCredentials(provider, { jira: 'soar/jira', serviceNow: '  ' });
    await expect(credentials.serviceNow()).rejects.toBeInstanceOf(SecretNotConfiguredError);
    await expect(credentials.sentinel()).rejects.toMatchObject({ channel: 'sentinel' });
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 0);
  });
});
