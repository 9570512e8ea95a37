import type * as iam from 'aws-cdk-lib/aws-iam';
import { acknowledge } from '@soar/constructs';

/**
 * Every AwsSolutions finding of the security stack that is acknowledged, one by one and each with its
 * reason; anything else fails the synth (`tests/stack.spec.ts` proves a new wildcard fails). The
 * forwarder stack acknowledges one finding, where it is made: its dead-letter queue has no
 * dead-letter queue of its own. No wildcard, no managed policy, no asset.
 */
export function acknowledgeSecurityStackFindings(resources: {
  readonly functionRole: iam.IRole;
  readonly roleName: string;
}): void {
  acknowledge(
    resources.functionRole,
    `IAM5[Resource::arn:<AWS::Partition>:iam::*:role/${resources.roleName}]`,
    'The finding must be imported by the account the alarm belongs to (default product ARN), which is any ' +
      'account of the organization and not known at deploy time. Only this role name may be assumed, the ' +
      'session policy allows only securityhub:BatchImportFindings, and the role must belong to the ' +
      'organization (aws:ResourceOrgID) unless the deployment opted into any organization (allowAnyOrganization).',
  );
}
