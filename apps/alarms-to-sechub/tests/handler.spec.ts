/**
 * The Lambda handler against aws-sdk-client-mock: the finding is imported into the ORIGIN account and
 * region of the alarm, through the configured role assumed with a session policy that allows only
 * `securityhub:BatchImportFindings`; `FailedCount > 0` is an error; OK transitions and CIS alarms make
 * no call at all.
 */
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AlarmConfigError, AlarmEventError } from '@soar/alarms';
import { AwsSecurityFindingSchema } from '@soar/asff-schema';
import { createAwsAccess } from '@soar/aws-access';
import { anAlarmStateChangeEvent } from '@soar/testing';
import { FindingImportError } from '@soar/security-hub';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';

import { awsDeps, run } from '../src/functions/alarm-to-sechub';
import { runtimeConfigFromEnv } from '../src/functions/runtime-config';

const ORIGIN = '444455556666';
const ROLE = 'SecurityHubRole';
const ENV = { ALARMS_CONFIG: JSON.stringify({ roleName: ROLE, finding: { defaultSeverity: 'HIGH' } }) };

const sts = mockClient(STSClient);
const securityHub = mockClient(SecurityHubClient);

/** Regions the Security Hub clients were created in, as the import ran (resolving their credentials). */
let regions: string[];

beforeEach(() => {
  regions = [];
  sts.reset();
  securityHub.reset();
  sts.on(AssumeRoleCommand).callsFake((input: { RoleSessionName: string }) => ({
    Credentials: {
      AccessKeyId: `ASIA-${input.RoleSessionName}`,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date(Date.now() + 3_600_000),
    },
  }));
  // Like the real client: the call signs with the member credentials, which assumes the role first.
  securityHub.on(BatchImportFindingsCommand).callsFake(async (_input, getClient) => {
    const client = getClient();
    regions.push(await client.config.region());
    await client.config.credentials();
    return { FailedCount: 0, SuccessCount: 1, FailedFindings: [] };
  });
});

function handlerWithMocks() {
  // The base credentials are the execution role's in Lambda; here fixed ones, so no provider chain runs.
  const access = createAwsAccess({
    roleName: ROLE,
    credentials: { accessKeyId: 'AKIABASE', secretAccessKey: 'base' },
  });
  return (event: unknown) => run(event, awsDeps(ENV, { access }));
}

describe('Handler: alarm-to-sechub (aws-sdk-client-mock)', () => {
  it('imports the finding into the origin account and region through the configured role', async () => {
    // Arrange: an alarm raised in a member account, in a region that is not the main one
    const event = anAlarmStateChangeEvent({
      account: ORIGIN,
      region: 'ap-southeast-2',
      alarmName: 'APP-Payments-Lambda-Errors-CRITICAL',
    });

    // Act
    const outcome = await handlerWithMocks()(event);

    // Assert
    expect(outcome).toMatchObject({
      outcome: 'imported',
      accountId: ORIGIN,
      region: 'ap-southeast-2',
      severity: 'CRITICAL',
    });
    expect(regions).toEqual(['ap-southeast-2']);
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
    const assumed = sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input;
    expect(assumed?.RoleArn).toBe(`arn:aws:iam::${ORIGIN}:role/${ROLE}`);
    expect(assumed?.RoleSessionName).toBe('soar-import-alarm-finding');
    expect(JSON.parse(assumed?.Policy ?? '{}')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['securityhub:BatchImportFindings'], Resource: '*' }],
    });
    const [call] = securityHub.commandCalls(BatchImportFindingsCommand);
    const findings = call?.args[0].input.Findings ?? [];
    expect(findings).toHaveLength(1);
    expect(AwsSecurityFindingSchema.safeParse(findings[0]).success).toBe(true);
    expect(findings[0]).toMatchObject({
      AwsAccountId: ORIGIN,
      ProductArn: `arn:aws:securityhub:ap-southeast-2:${ORIGIN}:product/${ORIGIN}/default`,
      Severity: { Label: 'CRITICAL' },
      ProductFields: { IncidentDomain: 'APP', TicketDestination: 'TEAM' },
    });
  });

  it('assumes the role in each origin account, and reuses the session for the same one', async () => {
    const handler = handlerWithMocks();
    await handler(anAlarmStateChangeEvent({ account: ORIGIN, region: 'eu-west-1' }));
    await handler(anAlarmStateChangeEvent({ account: ORIGIN, region: 'eu-north-1' }));
    await handler(anAlarmStateChangeEvent({ account: '777788889999', region: 'eu-west-1' }));

    expect(regions).toEqual(['eu-west-1', 'eu-north-1', 'eu-west-1']);
    expect(sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input.RoleArn)).toEqual([
      `arn:aws:iam::${ORIGIN}:role/${ROLE}`,
      `arn:aws:iam::777788889999:role/${ROLE}`,
    ]);
  });

  it('applies the configured default severity to a name without one', async () => {
    await handlerWithMocks()(anAlarmStateChangeEvent({ account: ORIGIN, alarmName: 'ServerCpuTooHigh' }));
    const findings = securityHub.commandCalls(BatchImportFindingsCommand)[0]?.args[0].input.Findings ?? [];
    expect(findings[0]?.Severity).toEqual({ Label: 'HIGH' });
  });

  it.each([
    ['naming the finding', true],
    ['without naming it', false],
  ])(
    'fails the invocation when Security Hub reports FailedCount > 0, %s (never a silent false)',
    async (_label, named) => {
      securityHub.on(BatchImportFindingsCommand).callsFake((input: { Findings: { Id: string }[] }) => ({
        FailedCount: 1,
        SuccessCount: 0,
        FailedFindings: named
          ? [{ Id: input.Findings[0]?.Id, ErrorCode: 'InvalidInput', ErrorMessage: 'Finding is invalid' }]
          : [],
      }));

      await expect(handlerWithMocks()(anAlarmStateChangeEvent({ account: ORIGIN }))).rejects.toBeInstanceOf(
        FindingImportError,
      );
    },
  );

  it('fails the invocation when the role cannot be assumed', async () => {
    sts.on(AssumeRoleCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));

    await expect(handlerWithMocks()(anAlarmStateChangeEvent({ account: ORIGIN }))).rejects.toThrow();
  });

  it.each([
    ['an OK transition', anAlarmStateChangeEvent({ state: 'OK' })],
    ['a CIS alarm', anAlarmStateChangeEvent({ alarmName: 'CIS-3.1-UnauthorizedAPICalls' })],
  ])('makes no AWS call for %s', async (_label, event) => {
    const outcome = await handlerWithMocks()(event);

    expect(outcome.outcome).toBe('ignored');
    expect(sts).not.toHaveReceivedCommand(AssumeRoleCommand);
    expect(securityHub).not.toHaveReceivedCommand(BatchImportFindingsCommand);
  });

  it('rejects a malformed event naming the field, before any AWS call', async () => {
    const event = { ...anAlarmStateChangeEvent(), account: 'not-an-account' };

    await expect(handlerWithMocks()(event)).rejects.toMatchObject({
      name: 'AlarmEventError',
      field: 'account',
    });
    await expect(handlerWithMocks()(event)).rejects.toBeInstanceOf(AlarmEventError);
    expect(sts).not.toHaveReceivedCommand(AssumeRoleCommand);
  });
});

describe('Function: runtimeConfigFromEnv', () => {
  it('reads ALARMS_CONFIG', () => {
    expect(runtimeConfigFromEnv(ENV)).toMatchObject({
      roleName: ROLE,
      finding: { defaultSeverity: 'HIGH', alarmType: 'soar-cloudwatch-alarms' },
    });
  });

  it.each([
    [{}, /ALARMS_CONFIG is not set/],
    [{ ALARMS_CONFIG: '{' }, /ALARMS_CONFIG: not valid JSON/],
    [{ ALARMS_CONFIG: '{"roleName":"a/b"}' }, /ALARMS_CONFIG: roleName: must be an IAM role name/],
    [
      { ALARMS_CONFIG: '{"roleName":"r","finding":{"defaultSeverity":"URGENT"}}' },
      /ALARMS_CONFIG: finding.defaultSeverity/,
    ],
    [{ ALARMS_CONFIG: '{"roleName":"r","extra":1}' }, /ALARMS_CONFIG: .*extra/],
    [
      { ALARMS_CONFIG: '{"roleName":"r","finding":{"suppress":{"name":["X"]}}}' },
      'ALARMS_CONFIG: finding.suppress.name: unknown key; did you mean "names"?',
    ],
  ])('names what is wrong in %j', (env, message) => {
    expect(() => runtimeConfigFromEnv(env)).toThrow(AlarmConfigError);
    expect(() => runtimeConfigFromEnv(env)).toThrow(message);
  });
});
