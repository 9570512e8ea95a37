import * as z from 'zod';

import { whenPresent } from '../internal/lazy';
import { ASFF_LIMITS, stringMapWithin } from '../limits';
import { AwsDynamoDbTableDetailsSchema } from './aws-dynamodb-table';
import { AwsEc2EipDetailsSchema } from './aws-ec2-eip';
import { AwsEc2InstanceDetailsSchema } from './aws-ec2-instance';
import { AwsEc2SecurityGroupDetailsSchema } from './aws-ec2-security-group';
import { AwsEc2VpcDetailsSchema } from './aws-ec2-vpc';
import { AwsEcrRepositoryDetailsSchema } from './aws-ecr-repository';
import { AwsEcsServiceDetailsSchema } from './aws-ecs-service';
import { AwsEcsTaskDefinitionDetailsSchema } from './aws-ecs-task-definition';
import { AwsElbLoadBalancerDetailsSchema } from './aws-elb-load-balancer';
import { AwsElbv2LoadBalancerDetailsSchema } from './aws-elbv2-load-balancer';
import { AwsIamUserDetailsSchema } from './aws-iam-user';
import { AwsKmsKeyDetailsSchema } from './aws-kms-key';
import { AwsRdsDbClusterDetailsSchema } from './aws-rds-db-cluster';
import { AwsRdsDbClusterSnapshotDetailsSchema } from './aws-rds-db-cluster-snapshot';
import { AwsRdsDbInstanceDetailsSchema } from './aws-rds-db-instance';
import { AwsRdsDbSnapshotDetailsSchema } from './aws-rds-db-snapshot';
import { AwsS3BucketDetailsSchema } from './aws-s3-bucket';

/**
 * The `Details` object of a resource: one key per resource type, named like the resource `Type`.
 *
 * The resource types that SOAR acts on are typed; every other key AWS documents (more than 90 of
 * them, such as `AwsLambdaFunction` or `AwsEcrContainerImage`) is accepted and kept as it is. `Other`
 * holds custom string fields, for resource types without their own key or fields the typed object lacks.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_ResourceDetails.html | ResourceDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const details = ResourceDetailsSchema.parse({
 *   AwsEc2Eip: { PublicIp: '198.51.100.24', AllocationId: 'eipalloc-0a1b2c3d4e5f67890', Domain: 'vpc' },
 *   Other: { Owner: 'team-payments' },
 * });
 * details.AwsEc2Eip?.AllocationId; // 'eipalloc-0a1b2c3d4e5f67890'
 * ```
 */
export const ResourceDetailsSchema = z.looseObject({
  AwsDynamoDbTable: whenPresent(AwsDynamoDbTableDetailsSchema),
  AwsEc2Eip: whenPresent(AwsEc2EipDetailsSchema),
  AwsEc2Instance: whenPresent(AwsEc2InstanceDetailsSchema),
  AwsEc2SecurityGroup: whenPresent(AwsEc2SecurityGroupDetailsSchema),
  AwsEc2Vpc: whenPresent(AwsEc2VpcDetailsSchema),
  AwsEcrRepository: whenPresent(AwsEcrRepositoryDetailsSchema),
  AwsEcsService: whenPresent(AwsEcsServiceDetailsSchema),
  AwsEcsTaskDefinition: whenPresent(AwsEcsTaskDefinitionDetailsSchema),
  AwsElbLoadBalancer: whenPresent(AwsElbLoadBalancerDetailsSchema),
  AwsElbv2LoadBalancer: whenPresent(AwsElbv2LoadBalancerDetailsSchema),
  AwsIamUser: whenPresent(AwsIamUserDetailsSchema),
  AwsKmsKey: whenPresent(AwsKmsKeyDetailsSchema),
  AwsRdsDbCluster: whenPresent(AwsRdsDbClusterDetailsSchema),
  AwsRdsDbClusterSnapshot: whenPresent(AwsRdsDbClusterSnapshotDetailsSchema),
  AwsRdsDbInstance: whenPresent(AwsRdsDbInstanceDetailsSchema),
  AwsRdsDbSnapshot: whenPresent(AwsRdsDbSnapshotDetailsSchema),
  AwsS3Bucket: whenPresent(AwsS3BucketDetailsSchema),
  Other: stringMapWithin(ASFF_LIMITS.otherDetails).optional(),
});

/** A resource's `Details`; inferred from {@link ResourceDetailsSchema}. */
export type ResourceDetails = z.infer<typeof ResourceDetailsSchema>;
