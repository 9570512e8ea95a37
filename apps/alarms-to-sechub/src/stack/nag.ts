import { Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { IConstruct } from 'constructs';

/** A cdk-nag (AwsSolutions) finding acknowledged on purpose, with the reason an auditor reads. */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
}

/**
 * Every AwsSolutions finding of the security stack that is acknowledged, one by one and each with its
 * reason; anything else fails the synth (`tests/stack.spec.ts` proves a new wildcard fails). The
 * forwarder stack acknowledges nothing: no wildcard, no managed policy, no asset.
 */
export function acknowledgeSecurityStackFindings(resources: {
  readonly functionRole: iam.IRole;
  readonly deadLetterQueue: sqs.IQueue;
  readonly roleName: string;
}): void {
  acknowledge(
    resources.functionRole,
    `IAM5[Resource::arn:<AWS::Partition>:iam::*:role/${resources.roleName}]`,
    'The finding must be imported by the account the alarm belongs to (default product ARN), which is any ' +
      'account of the organization and not known at deploy time. Only this role name may be assumed, the ' +
      'session policy allows only securityhub:BatchImportFindings, and with organizationId set the role must ' +
      'belong to the organization (aws:ResourceOrgID).',
  );
  acknowledge(
    resources.deadLetterQueue,
    'SQS3',
    'This queue is itself the dead-letter queue of alarms-to-sechub; its depth raises ' +
      'INFRA-Alarms-To-SecHub-DLQ-Failure-HIGH.',
  );
}
