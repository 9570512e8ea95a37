/**
 * `@soar/asff-schema/schemas`: the schema and type of every part of an ASFF finding and of every
 * resource `Details` type, one per file in `finding/` and `resources/`.
 *
 * @packageDocumentation
 */
export { type AwsSecurityFinding, AwsSecurityFindingSchema } from './finding/aws-security-finding';
export { type Action, ActionSchema } from './finding/action';
export {
  type Compliance,
  ComplianceSchema,
  type ComplianceStatus,
  ComplianceStatusSchema,
} from './finding/compliance';
export {
  type DataClassificationDetails,
  DataClassificationDetailsSchema,
} from './finding/data-classification';
export { type Detection, DetectionSchema } from './finding/detection';
export { type FindingProviderFields, FindingProviderFieldsSchema } from './finding/finding-provider-fields';
export { type GeneratorDetails, GeneratorDetailsSchema } from './finding/generator-details';
export { type Malware, MalwareSchema } from './finding/malware';
export {
  type Network,
  type NetworkPathComponent,
  NetworkPathComponentSchema,
  NetworkSchema,
} from './finding/network';
export { type Note, NoteSchema } from './finding/note';
export { type PatchSummary, PatchSummarySchema } from './finding/patch-summary';
export { type ProcessDetails, ProcessDetailsSchema } from './finding/process';
export { type RelatedFinding, RelatedFindingSchema } from './finding/related-finding';
export { type Remediation, RemediationSchema } from './finding/remediation';
export { type Resource, ResourceSchema } from './finding/resource';
export {
  NORMALIZED_SEVERITY_BY_LABEL,
  type Severity,
  type SeverityLabel,
  SeverityLabelSchema,
  SeveritySchema,
} from './finding/severity';
export {
  type Threat,
  type ThreatIntelIndicator,
  ThreatIntelIndicatorSchema,
  ThreatSchema,
} from './finding/threat';
export { type Vulnerability, VulnerabilitySchema } from './finding/vulnerability';
export {
  type RecordState,
  RecordStateSchema,
  type VerificationState,
  VerificationStateSchema,
  type Workflow,
  WorkflowSchema,
  type WorkflowState,
  WorkflowStateSchema,
  type WorkflowStatus,
  WorkflowStatusSchema,
} from './finding/workflow';
export { AwsTimestampSchema, isAwsTimestamp } from './primitives';

// Resource details
export { type ResourceDetails, ResourceDetailsSchema } from './resources/resource-details';
export { type AwsDynamoDbTableDetails, AwsDynamoDbTableDetailsSchema } from './resources/aws-dynamodb-table';
export { type AwsEc2EipDetails, AwsEc2EipDetailsSchema } from './resources/aws-ec2-eip';
export { type AwsEc2InstanceDetails, AwsEc2InstanceDetailsSchema } from './resources/aws-ec2-instance';
export {
  type AwsEc2SecurityGroupDetails,
  AwsEc2SecurityGroupDetailsSchema,
} from './resources/aws-ec2-security-group';
export { type AwsEc2VpcDetails, AwsEc2VpcDetailsSchema } from './resources/aws-ec2-vpc';
export { type AwsEcrRepositoryDetails, AwsEcrRepositoryDetailsSchema } from './resources/aws-ecr-repository';
export { type AwsEcsServiceDetails, AwsEcsServiceDetailsSchema } from './resources/aws-ecs-service';
export {
  type AwsEcsTaskDefinitionDetails,
  AwsEcsTaskDefinitionDetailsSchema,
} from './resources/aws-ecs-task-definition';
export {
  type AwsElbLoadBalancerDetails,
  AwsElbLoadBalancerDetailsSchema,
} from './resources/aws-elb-load-balancer';
export {
  type AwsElbv2LoadBalancerDetails,
  AwsElbv2LoadBalancerDetailsSchema,
} from './resources/aws-elbv2-load-balancer';
export { type AwsIamUserDetails, AwsIamUserDetailsSchema } from './resources/aws-iam-user';
export { type AwsKmsKeyDetails, AwsKmsKeyDetailsSchema } from './resources/aws-kms-key';
export { type AwsRdsDbClusterDetails, AwsRdsDbClusterDetailsSchema } from './resources/aws-rds-db-cluster';
export {
  type AwsRdsDbClusterSnapshotDetails,
  AwsRdsDbClusterSnapshotDetailsSchema,
} from './resources/aws-rds-db-cluster-snapshot';
export { type AwsRdsDbInstanceDetails, AwsRdsDbInstanceDetailsSchema } from './resources/aws-rds-db-instance';
export { type AwsRdsDbSnapshotDetails, AwsRdsDbSnapshotDetailsSchema } from './resources/aws-rds-db-snapshot';
export { type AwsS3BucketDetails, AwsS3BucketDetailsSchema } from './resources/aws-s3-bucket';
