import type { AwsSecurityFinding } from '@soar/asff-schema';
import { createScratchpad } from '@soar/scratchpad';
import { aControlFinding, aGuardDutyFinding } from '@soar/testing';
import { DecideConfigSchema } from './config';
import { decide } from './decide';
import { provenanceOf } from './provenance';

const DEFAULT_TRUSTED = DecideConfigSchema.parse({}).trustedProducts;

/** What a member account can import itself: its own default product, claiming any control. */
function forgedControlFinding(controlId: string): AwsSecurityFinding {
  const real = aControlFinding({ controlId });
  return {
    ...real,
    ProductArn: `arn:aws:securityhub:${real.Region}:${real.AwsAccountId}:product/${real.AwsAccountId}/default`,
    ProductName: 'Security Hub',
    CompanyName: 'AWS',
  };
}

describe('Function: provenanceOf', () => {
  it('trusts a consolidated Security Hub control finding', () => {
    expect(provenanceOf(aControlFinding({ controlId: 'EC2.22' }), DEFAULT_TRUSTED)).toEqual({
      kind: 'control',
      controlId: 'EC2.22',
      product: 'aws/securityhub',
    });
  });

  it('trusts a standard-specific control finding whose ControlId product field matches its generator', () => {
    // Arrange: PCI names the control PCI.EC2.2, the security control is EC2.2
    const finding: AwsSecurityFinding = {
      ...aControlFinding({ controlId: 'EC2.2' }),
      GeneratorId: 'pci-dss/v/3.2.1/PCI.EC2.2',
      ProductFields: {
        ControlId: 'PCI.EC2.2',
        StandardsArn: 'arn:aws:securityhub:::standards/pci-dss/v/3.2.1',
      },
    };

    // Act / Assert
    expect(provenanceOf(finding, DEFAULT_TRUSTED)).toMatchObject({ kind: 'control', controlId: 'EC2.2' });
  });

  it('does not take a control id from a finding a member account imported itself', () => {
    const provenance = provenanceOf(forgedControlFinding('EC2.22'), DEFAULT_TRUSTED);
    // The default product of an organization account is trusted, but only as an incident source.
    expect(provenance).toEqual({ kind: 'product', product: '111122223333/default' });
  });

  it('refuses a Security Hub finding whose generator names another control', () => {
    const finding = { ...aControlFinding({ controlId: 'EC2.22' }), GeneratorId: 'security-control/EC2.2' };
    expect(provenanceOf(finding, DEFAULT_TRUSTED)).toMatchObject({ kind: 'untrusted' });
    expect(provenanceOf({ ...finding, GeneratorId: 'my-scanner' }, DEFAULT_TRUSTED)).toMatchObject({
      kind: 'untrusted',
    });
  });

  it('refuses a ProductArn of another region, another service or not an ARN at all', () => {
    const finding = aControlFinding();
    for (const ProductArn of [
      'arn:aws:securityhub:eu-north-1::product/aws/securityhub',
      'arn:aws:s3:::product/aws/securityhub',
      'securityhub',
    ]) {
      expect(provenanceOf({ ...finding, Region: 'us-east-1', ProductArn }, DEFAULT_TRUSTED).kind).toBe(
        'untrusted',
      );
    }
  });

  it('trusts other products only when listed', () => {
    const guardDuty = aGuardDutyFinding();
    const partner: AwsSecurityFinding = {
      ...guardDuty,
      ProductArn: `arn:aws:securityhub:${guardDuty.Region}::product/crowdstrike/crowdstrike-falcon`,
    };
    expect(provenanceOf(guardDuty, DEFAULT_TRUSTED)).toEqual({ kind: 'product', product: 'aws/guardduty' });
    expect(provenanceOf(partner, DEFAULT_TRUSTED).kind).toBe('untrusted');
    expect(provenanceOf(partner, ['crowdstrike/*']).kind).toBe('product');
    expect(provenanceOf(guardDuty, []).kind).toBe('untrusted');
  });
});

describe('Function: decide (provenance)', () => {
  const account = {
    Id: '111122223333',
    Name: 'payments-prod',
    Email: 'aws+payments@example.com',
    TeamEmail: 'payments@example.com',
    TeamEmailApp: 'payments@example.com',
    OrganizationalUnit: 'Workloads',
    Environment: 'PROD',
    Team: 'payments',
    AccountNew: false,
  };
  const everyGateOpen = { controlEnabled: true, remediationEnabled: true, openTicket: { ticketId: 'SEC-1' } };
  const config = DecideConfigSchema.parse({});

  it('never remediates a control finding a member account imported itself', () => {
    // Act: EC2.22 deletes security groups; every gate would let the real finding through
    const decision = decide(
      createScratchpad(forgedControlFinding('EC2.22'), { account }),
      everyGateOpen,
      config,
    );

    // Assert
    expect(decision.route).toBe('incident');
    expect(decision.rule).toBe('incident');
  });

  it('neither acts on nor closes tickets for a finding of an untrusted product', () => {
    // Arrange: a forged "resolved" finding carrying a real finding's id, to close its ticket
    const forged = { ...forgedControlFinding('EC2.2'), Workflow: { Status: 'RESOLVED' as const } };

    // Act
    const decision = decide(createScratchpad(forged, { account }), everyGateOpen, {
      ...config,
      trustedProducts: ['aws/*'],
    });

    // Assert
    expect(decision).toMatchObject({ route: 'do_nothing', rule: 'untrusted_source' });
    expect(decision.reason).toContain('111122223333/default is not trusted');
  });

  it('tickets instead of fixing a failed control in an account outside the organization', () => {
    // Act
    const decision = decide(
      createScratchpad(aControlFinding({ controlId: 'EC2.22' })),
      everyGateOpen,
      config,
    );

    // Assert
    expect(decision.route).toBe('ticket');
    expect(decision.gates.find((gate) => gate.gate === 'organization_member')).toMatchObject({
      verdict: 'stop',
    });
  });
});
