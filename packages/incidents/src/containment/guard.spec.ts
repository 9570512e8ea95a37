import type { SeverityLabel } from '@soar/asff-schema';
import { TEST_ACCOUNT_ID } from '@soar/testing';
import { anAccount, guardDuty, INSTANCE_ID, productFinding } from '../../tests/findings';
import { IncidentsConfigSchema, type IncidentsConfigInput } from '../config';
import { containmentDecision, type InstanceSnapshot } from './guard';

const running: InstanceSnapshot = {
  found: true,
  instanceId: INSTANCE_ID,
  state: 'running',
  tags: { Name: 'web-1' },
  terminationProtection: false,
};
const on = (containment: IncidentsConfigInput['containment'] = {}) =>
  IncidentsConfigSchema.parse({ containment: { enabled: true, ...containment } });
const ec2 = (severity: SeverityLabel = 'HIGH') => guardDuty('Backdoor:EC2/C&CActivity.B!DNS', severity);
const account = anAccount({ Environment: 'Production' });

describe('Function: containmentDecision', () => {
  it('terminates a running instance of a trusted HIGH GuardDuty EC2 finding', () => {
    expect(containmentDecision(ec2(), running, on(), { account })).toMatchObject({
      action: 'terminate',
      instance: { instanceId: INSTANCE_ID, accountId: TEST_ACCOUNT_ID },
    });
  });

  it('hands forensics off first when it is configured', () => {
    const forensics = {
      kind: 'lambda',
      functionArn: 'arn:aws:lambda:eu-west-1:999988887777:function:DiskForensicsInvoke',
    } as const;
    expect(containmentDecision(ec2(), running, on({ forensics }), { account })).toMatchObject({
      action: 'forensics_then_terminate',
      forensics,
    });
  });

  it.each([
    // name, finding, snapshot, config, reason
    ['containment off (the default)', ec2(), running, IncidentsConfigSchema.parse({}), 'disabled'],
    ['a MEDIUM finding (HIGH and CRITICAL by default)', ec2('MEDIUM'), running, on(), 'wrong_severity'],
    [
      'a HIGH finding when only CRITICAL terminates',
      ec2('HIGH'),
      running,
      on({ severities: ['CRITICAL'] }),
      'wrong_severity',
    ],
    [
      'a custom finding dressed as GuardDuty (failed trust)',
      productFinding(`${TEST_ACCOUNT_ID}/default`, 'GuardDuty', {
        Types: ec2().Types,
        Resources: ec2().Resources,
      }),
      running,
      on(),
      'untrusted_finding',
    ],
    [
      'a GuardDuty finding whose ProductArn names another region',
      { ...ec2(), ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty' },
      running,
      on(),
      'untrusted_finding',
    ],
    [
      'a GuardDuty IAM finding',
      guardDuty('Policy:IAMUser/RootCredentialUsage', 'CRITICAL', [{ Type: 'AwsIamAccessKey', Id: 'AKIA1' }]),
      running,
      on(),
      'not_ec2',
    ],
    [
      'a finding naming no instance',
      guardDuty('Backdoor:EC2/C&CActivity.B!DNS', 'HIGH', [{ Type: 'AwsEc2Instance', Id: 'web-1' }]),
      running,
      on(),
      'no_instance',
    ],
    [
      'an instance of another account',
      guardDuty('Backdoor:EC2/C&CActivity.B!DNS', 'HIGH', [
        { Type: 'AwsEc2Instance', Id: `arn:aws:ec2:eu-west-1:444455556666:instance/${INSTANCE_ID}` },
      ]),
      running,
      on(),
      'account_mismatch',
    ],
    [
      'an excluded environment (any case)',
      ec2(),
      running,
      on({ excludedEnvironments: ['PRODUCTION'] }),
      'excluded_environment',
    ],
    [
      'an instance that is gone',
      ec2(),
      { found: false, instanceId: INSTANCE_ID },
      on(),
      'instance_not_found',
    ],
    [
      'another instance than the finding names',
      ec2(),
      { ...running, instanceId: 'i-0fff1234def567890' },
      on(),
      'instance_mismatch',
    ],
    ['an instance already stopped', ec2(), { ...running, state: 'stopped' }, on(), 'not_running'],
    ['an instance shutting down', ec2(), { ...running, state: 'shutting-down' }, on(), 'not_running'],
    ['an instance already terminated', ec2(), { ...running, state: 'terminated' }, on(), 'not_running'],
    [
      'an instance with the protect tag',
      ec2(),
      { ...running, tags: { 'soar:protect': '' } },
      on(),
      'protected_tag',
    ],
    [
      'an instance with a configured protect tag',
      ec2(),
      { ...running, tags: { 'do-not-kill': 'yes' } },
      on({ protectTag: 'do-not-kill' }),
      'protected_tag',
    ],
    [
      'an instance with termination protection',
      ec2(),
      { ...running, terminationProtection: true },
      on(),
      'termination_protection',
    ],
  ] as const)('refuses %s', (_name, finding, snapshot, config, reason) => {
    const decision = containmentDecision(finding, snapshot, config, { account });
    expect(decision).toMatchObject({ action: 'refuse', reason, detail: expect.any(String) });
  });

  it('refuses when the environment is unknown and some are excluded', () => {
    expect(containmentDecision(ec2(), running, on({ excludedEnvironments: ['PROD'] }), {})).toMatchObject({
      action: 'refuse',
      reason: 'environment_unknown',
    });
    expect(containmentDecision(ec2(), running, on(), {}).action).toBe('terminate');
  });

  it('terminates a pending instance, and ignores an unrelated tag', () => {
    const pending = { ...running, state: 'pending', tags: { 'soar:protected-by': 'x' } };
    expect(containmentDecision(ec2('CRITICAL'), pending, on(), { account }).action).toBe('terminate');
  });
});
