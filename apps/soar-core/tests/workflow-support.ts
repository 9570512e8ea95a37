import type { AwsSecurityFinding } from '@soar/asff-schema';
import { aControlFinding } from '@soar/testing';
import {
  WorldSchema,
  type World,
  type WorldInput,
  simulate,
  type SimulatedFinding,
  type SimulateOptions,
} from '@soar/simulation';
import type { CloudFormationTemplate } from '@soar/local-runtime';
import { simulationAppConfig } from '../src/simulation';
import { synthTemplate } from '../src/synth';

/** Accounts of the test organization. */
export const PROD = '111122223333';
export const DEV = '222233334444';
export const NEW_ACCOUNT = '333344445555';
export const LEGACY = '444455556666';

/** A world with one account per situation the gates tell apart; override any section. */
export function testWorld(overrides: WorldInput = {}): World {
  const account = (
    id: string,
    name: string,
    environment: string,
    joined: string,
    enabledControls?: string[],
  ) => ({
    id,
    name,
    email: `aws+${name}@example.com`,
    joined,
    ou: ['Workloads'],
    tags: { 'soar:environment': environment, 'soar:team': name, 'soar:team:email': `${name}@example.com` },
    ...(enabledControls === undefined ? {} : { enabledControls }),
  });
  return WorldSchema.parse({
    now: '2026-12-01T12:00:00Z',
    accounts: [
      account(PROD, 'payments-prod', 'PROD', '2023-01-01T00:00:00Z'),
      account(DEV, 'payments-dev', 'DEV', '2023-01-01T00:00:00Z'),
      account(NEW_ACCOUNT, 'sandbox', 'DEV', '2026-11-30T20:00:00Z'),
      account(LEGACY, 'legacy', 'PROD', '2019-01-01T00:00:00Z', ['IAM.6']),
    ],
    suppressions: { 'EC2.22': 'environment = DEV' },
    remediation: { enabled: ['*'], exclusions: { 'EC2.13': 'environment = PROD' } },
    ...overrides,
  });
}

const templates = new Map<string, CloudFormationTemplate>();

/** The synthesized stack for a world (cached per configuration: synth takes seconds). */
export function templateFor(world: World): CloudFormationTemplate {
  const config = simulationAppConfig(world);
  const key = JSON.stringify(config);
  let template = templates.get(key);
  if (template === undefined) {
    template = synthTemplate(config);
    templates.set(key, template);
  }
  return template;
}

/** Runs findings through the synthesized workflows, in order; returns one result per finding. */
export async function run(
  findings: readonly AwsSecurityFinding[],
  options: Partial<Omit<SimulateOptions, 'findings' | 'template'>> = {},
): Promise<SimulatedFinding[]> {
  const world = options.world ?? testWorld();
  const report = await simulate({
    template: templateFor(world),
    world,
    findings: findings.map((finding, index) => ({ source: `finding-${index + 1}`, finding })),
    ...options,
  });
  return [...report.findings];
}

/** A security group open to the world on port 22, as Security Hub describes it. */
export function sshOpenToTheWorld(accountId: string): AwsSecurityFinding {
  return aControlFinding({
    controlId: 'EC2.13',
    accountId,
    resource: {
      Type: 'AwsEc2SecurityGroup',
      Id: `arn:aws:ec2:eu-west-1:${accountId}:security-group/sg-0a1b2c3d4e5f60718`,
      Partition: 'aws',
      Region: 'eu-west-1',
      Details: {
        AwsEc2SecurityGroup: {
          GroupName: 'web-admin',
          GroupId: 'sg-0a1b2c3d4e5f60718',
          VpcId: 'vpc-0123456789abcdef0',
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
        },
      },
    },
  });
}

/** A finding of a control SOAR has no remediation for: the team gets a ticket. */
export function rootMfaMissing(accountId: string): AwsSecurityFinding {
  return aControlFinding({
    controlId: 'IAM.6',
    accountId,
    severity: 'CRITICAL',
    resource: {
      Type: 'AwsAccount',
      Id: `AWS::::Account:${accountId}`,
      Partition: 'aws',
      Region: 'eu-west-1',
    },
  });
}

/**
 * An Elastic IP allocated but unused, first seen a few days before the workflow clock: EC2.12's grace
 * period has not run out, so SOAR reconsiders it later.
 */
export function unusedElasticIpInGracePeriod(accountId: string): AwsSecurityFinding {
  return {
    ...aControlFinding({
      controlId: 'EC2.12',
      accountId,
      resource: {
        Type: 'AwsEc2Eip',
        Id: `arn:aws:ec2:eu-west-1:${accountId}:eip-allocation/eipalloc-0a1b2c3d4e5f67890`,
        Partition: 'aws',
        Region: 'eu-west-1',
        Details: { AwsEc2Eip: { AllocationId: 'eipalloc-0a1b2c3d4e5f67890', Domain: 'vpc' } },
      },
    }),
    FirstObservedAt: '2026-11-25T00:00:00.000Z',
  };
}

/** The same finding, imported again later: it passes now, and SOAR's ticket is on it. */
export function resolvedWithTicket(finding: AwsSecurityFinding, ticketId: string): AwsSecurityFinding {
  return {
    ...finding,
    UpdatedAt: '2026-12-01T11:00:00.000Z',
    Compliance: { ...finding.Compliance, Status: 'PASSED' },
    Workflow: { Status: 'NOTIFIED' },
    UserDefinedFields: { TicketOpen: 'Yes', TicketId: ticketId },
  };
}

/** The workflow status of each Security Hub update of a simulated finding. */
export function workflowUpdates(finding: SimulatedFinding): (string | undefined)[] {
  return finding.securityHub.map((change) => change.changes?.workflowStatus);
}
