import { AccountSchema, type Account } from '@soar/scratchpad';
import { aControlFinding, aGuardDutyFinding } from '@soar/testing';

import { suppressionFacts } from './facts';

const ACCOUNT: Account = AccountSchema.parse({
  Id: '111122223333',
  Name: 'payments-prod',
  Email: 'aws+payments-prod@example.com',
  TeamEmail: 'payments-team@example.com',
  TeamEmailApp: 'payments-devs@example.com',
  OrganizationalUnit: 'Workloads',
  OrganizationalUnitPath: ['Root', 'Workloads'],
  Client: 'Acme',
  ProjectName: 'payments',
  Team: 'payments-team',
  Environment: 'production',
});

/** A control finding about an IAM policy, the way Security Hub reports IAM.21. */
function anIamPolicyFinding(details: Record<string, unknown>): ReturnType<typeof aControlFinding> {
  return aControlFinding({
    controlId: 'IAM.21',
    region: 'us-east-1',
    resource: {
      Type: 'AwsIamPolicy',
      Id: 'arn:aws:iam::111122223333:policy/developer-permission-boundary-policy',
      Region: 'us-east-1',
      Details: details,
    },
  });
}

describe('Function: suppressionFacts', () => {
  it('takes the account fields as they are', () => {
    // Act
    const facts = suppressionFacts(aControlFinding({ region: 'eu-west-1' }), ACCOUNT);

    // Assert
    expect(facts).toEqual({
      accountId: '111122223333',
      region: 'eu-west-1',
      client: 'Acme',
      environment: 'production',
      organizationalUnit: 'Workloads',
      organizationalUnitPath: ['Root', 'Workloads'],
      project: 'payments',
      team: 'payments-team',
    });
  });

  it('uses the defaults of an account without tags', () => {
    // Arrange
    const bare = AccountSchema.parse({
      Id: '444455556666',
      Name: 'bare',
      Email: 'bare@example.com',
      TeamEmail: 'bare@example.com',
      TeamEmailApp: 'bare@example.com',
      OrganizationalUnit: 'ROOT',
    });

    // Act
    const facts = suppressionFacts(aControlFinding(), bare);

    // Assert
    expect(facts).toMatchObject({
      accountId: '444455556666',
      client: 'Unspecified',
      environment: 'Unspecified',
      organizationalUnit: 'ROOT',
      organizationalUnitPath: [],
      project: 'Unspecified',
      team: 'Unspecified',
    });
  });

  describe('region', () => {
    it('is the region of the first resource', () => {
      // Arrange
      const finding = { ...aControlFinding({ region: 'eu-west-1' }), Region: 'eu-central-1' };

      // Act + Assert
      expect(suppressionFacts(finding, ACCOUNT).region).toBe('eu-west-1');
    });

    it('falls back to the region of the finding', () => {
      // Arrange
      const base = aControlFinding({ region: 'eu-west-1' });
      const [resource] = base.Resources;
      const finding = {
        ...base,
        Region: 'eu-central-1',
        Resources: [{ ...resource, Type: 'Other', Id: 'x', Region: undefined }],
      };

      // Act + Assert
      expect(suppressionFacts(finding, ACCOUNT).region).toBe('eu-central-1');
    });

    it('is undefined when neither says', () => {
      // Arrange
      const base = aControlFinding();
      const finding = { ...base, Region: undefined, Resources: [{ Type: 'Other', Id: 'x' }] };

      // Act + Assert
      expect(suppressionFacts(finding, ACCOUNT).region).toBeUndefined();
    });
  });

  describe('policyName', () => {
    it('is the IAM policy name of the first resource', () => {
      // Arrange
      const finding = anIamPolicyFinding({
        AwsIamPolicy: { PolicyName: 'developer-permission-boundary-policy' },
      });

      // Act + Assert
      expect(suppressionFacts(finding, ACCOUNT).policyName).toBe('developer-permission-boundary-policy');
    });

    it.each<[string, Record<string, unknown>]>([
      ['no AwsIamPolicy details', {}],
      ['a policy without a name', { AwsIamPolicy: {} }],
      ['a name that is not text', { AwsIamPolicy: { PolicyName: 42 } }],
      ['details that are not an object', { AwsIamPolicy: 'policy' }],
    ])('is absent for %s', (_case, details) => {
      // Act
      const facts = suppressionFacts(anIamPolicyFinding(details), ACCOUNT);

      // Assert
      expect(facts).not.toHaveProperty('policyName');
    });

    it('is absent for a finding that is not about a policy', () => {
      expect(suppressionFacts(aGuardDutyFinding(), ACCOUNT)).not.toHaveProperty('policyName');
    });
  });
});

describe('Function: suppressionFacts without account metadata', () => {
  it('takes the account id from the finding and the defaults of an untagged account', () => {
    const finding = aControlFinding({ accountId: '444455556666', region: 'eu-north-1' });

    expect(suppressionFacts(finding, undefined)).toEqual({
      accountId: '444455556666',
      region: 'eu-north-1',
      client: 'Unspecified',
      environment: 'Unspecified',
      organizationalUnit: 'UNKNOWN_OU',
      organizationalUnitPath: [],
      project: 'Unspecified',
      team: 'Unspecified',
    });
  });
});
