/**
 * The import session, against aws-sdk-client-mock: the alarm account's role, a session policy of
 * exactly `securityhub:BatchImportFindings`, a Security Hub client in the alarm's region, and
 * `FailedCount > 0` as an error.
 */
import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { createAwsAccess } from '@soar/aws-access';
import { FindingImportError } from '@soar/security-hub';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';

import { alarmToFinding, createAlarmSecurityHub, IMPORT_ALARM_FINDING_SCOPE } from '../src';
import { loadAlarmEvent } from './helpers/events';

const sts = mockClient(STSClient);
const securityHubMock = mockClient(SecurityHubClient);

beforeEach(() => {
  sts.reset();
  securityHubMock.reset();
  sts.on(AssumeRoleCommand).resolves({
    Credentials: {
      AccessKeyId: 'ASIAMEMBER',
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date(Date.now() + 3_600_000),
    },
  });
});

function findingAndTarget(variant: string) {
  const result = alarmToFinding(loadAlarmEvent(variant));
  if (result.kind !== 'finding') throw new Error('expected a finding');
  return result;
}

describe('Function: createAlarmSecurityHub (aws-sdk-client-mock)', () => {
  it('imports in the alarm account and region through a session limited to BatchImportFindings', async () => {
    // Arrange
    securityHubMock
      .on(BatchImportFindingsCommand)
      .resolves({ FailedCount: 0, SuccessCount: 1, FailedFindings: [] });
    const access = createAwsAccess({
      roleName: 'SecurityHubRole',
      defaultRegion: 'eu-west-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const securityHub = createAlarmSecurityHub({ access });
    const { finding, target } = findingAndTarget('metric-stepfunctions-high');

    // Act
    const result = await securityHub.importFindings(target, [finding]);

    // Assert
    expect(result.imported).toEqual([finding.Id]);
    expect(securityHubMock).toHaveReceivedCommandWith(BatchImportFindingsCommand, { Findings: [finding] });
    const client = securityHubMock.call(0).thisValue as SecurityHubClient;
    expect(await client.config.region()).toBe('eu-north-1');
    await client.config.credentials(); // resolving the credentials is what assumes the role
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: 'arn:aws:iam::111122223333:role/SecurityHubRole',
      RoleSessionName: 'soar-import-alarm-finding',
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['securityhub:BatchImportFindings'], Resource: '*' }],
      }),
    });
    expect(IMPORT_ALARM_FINDING_SCOPE.actions).toEqual(['securityhub:BatchImportFindings']);
  });

  it('rejects with FindingImportError when FailedCount > 0', async () => {
    securityHubMock.on(BatchImportFindingsCommand).resolves({
      FailedCount: 1,
      SuccessCount: 0,
      FailedFindings: [],
    });
    const access = createAwsAccess({
      roleName: 'SecurityHubRole',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const { finding, target } = findingAndTarget('metric-lambda-medium');

    await expect(createAlarmSecurityHub({ access }).importFindings(target, [finding])).rejects.toBeInstanceOf(
      FindingImportError,
    );
  });
});
