import type { Resource } from '@soar/asff-schema';
import { aGuardDutyFinding, TEST_ACCOUNT_ID, TEST_REGION } from '@soar/testing';
import { alarmFinding, guardDuty, INSTANCE_ID, productFinding } from '../tests/findings';
import { classifyIncident, parseGuardDutyType } from './classify';

const eksCluster: Resource = {
  Type: 'AwsEksCluster',
  Id: `arn:aws:eks:${TEST_REGION}:${TEST_ACCOUNT_ID}:cluster/shop`,
  Region: TEST_REGION,
};
const instance: Resource = {
  Type: 'AwsEc2Instance',
  Id: `arn:aws:ec2:${TEST_REGION}:${TEST_ACCOUNT_ID}:instance/${INSTANCE_ID}`,
  Region: TEST_REGION,
};
const accessKey: Resource = {
  Type: 'AwsIamAccessKey',
  Id: 'AKIAIOSFODNN7EXAMPLE',
  Details: { AwsIamAccessKey: { PrincipalName: 'deploy-bot' } },
};
const bucket: Resource = { Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::payments-data' };

describe('Function: parseGuardDutyType', () => {
  it.each([
    ['TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS', 'Backdoor', 'EC2', 'C&CActivity.B!DNS'],
    [
      'TTPs/Initial Access/UnauthorizedAccess:EC2/SSHBruteForce',
      'UnauthorizedAccess',
      'EC2',
      'SSHBruteForce',
    ],
    [
      'Effects/Data Exfiltration/Policy:S3-BucketPublicAccessGranted',
      'Policy',
      'S3',
      'BucketPublicAccessGranted',
    ],
    [
      'TTPs/Credential Access/UnauthorizedAccess:IAMUser-InstanceCredentialExfiltration.OutsideAWS',
      'UnauthorizedAccess',
      'IAMUser',
      'InstanceCredentialExfiltration.OutsideAWS',
    ],
    [
      'TTPs/Discovery/Discovery:Kubernetes-SuccessfulAnonymousAccess',
      'Discovery',
      'Kubernetes',
      'SuccessfulAnonymousAccess',
    ],
  ])('parses %s', (entry, threatPurpose, resourceType, threatFamily) => {
    expect(parseGuardDutyType(entry)).toEqual({
      typesEntry: entry,
      findingType: `${threatPurpose}:${resourceType}/${threatFamily}`,
      threatPurpose,
      resourceType,
      threatFamily,
    });
  });

  it.each([
    'Software and Configuration Checks/Vulnerabilities/CVE',
    'Software and Configuration Checks/AWS Security Best Practices/Network Reachability - EC2-instance',
    'Unusual Behaviors/VM/Traffic to EC2-something', // the original's substring test took this for EC2
    '',
  ])('refuses %j, which is no GuardDuty finding type', (entry) => {
    expect(parseGuardDutyType(entry)).toBeUndefined();
  });
});

describe('Function: classifyIncident', () => {
  describe('GuardDuty finding types', () => {
    it.each([
      // GuardDuty type, resources, kind
      ['Backdoor:EC2/C&CActivity.B!DNS', undefined, 'ec2'],
      ['UnauthorizedAccess:EC2/SSHBruteForce', undefined, 'ec2'],
      ['CryptoCurrency:EC2/BitcoinTool.B!DNS', undefined, 'ec2'],
      ['Execution:EC2/MaliciousFile', undefined, 'ec2'],
      ['UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS', [accessKey], 'iam_user'],
      ['Policy:IAMUser/RootCredentialUsage', [accessKey], 'iam_user'],
      ['Discovery:S3/AnomalousBehavior', [bucket], 's3'],
      ['Policy:S3/BucketBlockPublicAccessDisabled', [bucket], 's3'],
      ['Discovery:Kubernetes/SuccessfulAnonymousAccess', [eksCluster], 'eks'],
      ['AttackSequence:EKS/CompromisedCluster', [eksCluster], 'eks'],
      ['CryptoCurrency:Runtime/BitcoinTool.B', [eksCluster, instance], 'eks'],
      ['CryptoCurrency:Runtime/BitcoinTool.B', [instance], 'ec2'],
      ['CryptoCurrency:Runtime/BitcoinTool.B', [{ Type: 'AwsEcsCluster', Id: 'c' }], 'generic'],
      [
        'CredentialAccess:RDS/AnomalousBehavior.SuccessfulLogin',
        [{ Type: 'AwsRdsDbInstance', Id: 'db' }],
        'generic',
      ],
      ['Execution:Lambda/MaliciousFile', [{ Type: 'AwsLambdaFunction', Id: 'fn' }], 'generic'],
    ] as const)('%s about %j is %s', (type, resources, kind) => {
      const finding = guardDuty(type, 'HIGH', resources);
      const classification = classifyIncident(finding);
      expect(classification.kind).toBe(kind);
      expect(classification.incidentType).toBe(finding.Types[0]);
      expect(classification.guardDuty?.findingType).toBe(type);
    });

    it('reads the instance, access key, buckets and cluster the finding is about', () => {
      expect(classifyIncident(guardDuty('Backdoor:EC2/C&CActivity.B!DNS')).guardDuty?.instance).toEqual({
        instanceId: INSTANCE_ID,
        accountId: TEST_ACCOUNT_ID,
        region: TEST_REGION,
        partition: 'aws',
      });
      const iam = classifyIncident(guardDuty('Policy:IAMUser/RootCredentialUsage', 'LOW', [accessKey]));
      expect(iam.guardDuty).toMatchObject({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', userName: 'deploy-bot' });
      expect(
        classifyIncident(guardDuty('Discovery:S3/AnomalousBehavior', 'LOW', [bucket])).guardDuty?.bucketNames,
      ).toEqual(['payments-data']);
      expect(
        classifyIncident(guardDuty('Discovery:Kubernetes/SuccessfulAnonymousAccess', 'LOW', [eksCluster]))
          .guardDuty?.clusterName,
      ).toBe('shop');
    });

    it('takes the first Types entry that is a GuardDuty type, as the original did', () => {
      const finding = {
        ...guardDuty('Backdoor:EC2/C&CActivity.B!DNS'),
        Types: [
          'Software and Configuration Checks/Vulnerabilities/CVE',
          'TTPs/Discovery/Recon:IAMUser-UserPermissions',
        ],
      };
      expect(classifyIncident(finding)).toMatchObject({
        kind: 'iam_user',
        incidentType: 'TTPs/Discovery/Recon:IAMUser-UserPermissions',
      });
    });

    it('notes an EC2 finding whose resource is not an instance SOAR can act on', () => {
      const finding = guardDuty('Backdoor:EC2/C&CActivity.B!DNS', 'HIGH', [
        { Type: 'AwsEc2Instance', Id: 'not-an-id' },
      ]);
      const classification = classifyIncident(finding);
      expect(classification.kind).toBe('ec2');
      expect(classification.guardDuty?.instance).toBeUndefined();
      expect(classification.notes).toEqual([expect.stringContaining('names no EC2 instance')]);
    });

    it('handles a GuardDuty finding without a GuardDuty type as generic', () => {
      const finding = {
        ...aGuardDutyFinding(),
        Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
      };
      expect(classifyIncident(finding)).toMatchObject({
        kind: 'generic',
        incidentType: 'Software and Configuration Checks/Vulnerabilities/CVE',
      });
    });

    it('does not take a custom finding that claims to be GuardDuty for GuardDuty', () => {
      const forged = productFinding(`${TEST_ACCOUNT_ID}/default`, 'GuardDuty', {
        Types: ['TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS'],
        Resources: [instance],
      });
      const classification = classifyIncident(forged);
      expect(classification.kind).toBe('generic');
      expect(classification.guardDuty).toBeUndefined();
    });
  });

  describe('incident types of other findings', () => {
    it('uses a CIS generator id, else the first type', () => {
      const cis = productFinding('123456789012/default', 'Default', {
        GeneratorId: 'CIS-3.1-UnauthorizedAPICalls',
      });
      expect(classifyIncident(cis).incidentType).toBe('CIS-3.1-UnauthorizedAPICalls');
      expect(classifyIncident(productFinding('aws/macie', 'Macie')).incidentType).toBe(
        'Software and Configuration Checks/Vulnerabilities/CVE',
      );
    });
  });

  describe('domains', () => {
    it.each([
      // finding, domain, source
      ['alarm APP', alarmFinding('APP'), 'APP', 'alarm'],
      ['alarm INFRA', alarmFinding('INFRA'), 'INFRA', 'alarm'],
      ['alarm app (any case, spaces)', alarmFinding(' app '), 'APP', 'alarm'],
      ['alarm without a domain', alarmFinding(undefined), 'INFRA', 'default'],
      ['alarm with an unknown domain', alarmFinding('DATA'), 'INFRA', 'default'],
      ['GuardDuty', guardDuty('Backdoor:EC2/C&CActivity.B!DNS'), 'INFRA', 'default'],
      [
        'custom finding asking for APP',
        productFinding('123456789012/default', 'Default', { ProductFields: { IncidentDomain: 'APP' } }),
        'APP',
        'product_fields',
      ],
      ['Inspector', productFinding('aws/inspector', 'Inspector'), 'INFRA', 'default'],
    ] as const)('%s', (_name, finding, domain, source) => {
      expect(classifyIncident(finding)).toMatchObject({ domain, domainSource: source });
    });

    it('says why an alarm finding fell back to INFRA', () => {
      expect(classifyIncident(alarmFinding('DATA')).notes).toEqual([expect.stringContaining('"DATA"')]);
      expect(classifyIncident(alarmFinding(undefined)).notes).toEqual([
        expect.stringContaining('no ProductFields'),
      ]);
      expect(classifyIncident(alarmFinding('APP')).alarm).toBe(true);
    });
  });
});
