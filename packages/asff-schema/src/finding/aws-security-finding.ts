import * as z from 'zod';

import { whenPresent } from '../internal/lazy';
import { ASFF_LIMITS, SECURITY_HUB_PRODUCT_FIELD_PREFIX, stringMapWithin, maxLength } from '../limits';
import { AwsAccountIdSchema, AwsTimestampSchema, NonBlankStringSchema } from '../primitives';
import { ActionSchema } from './action';
import { ComplianceSchema } from './compliance';
import { DetectionSchema } from './detection';
import { FindingProviderFieldsSchema } from './finding-provider-fields';
import { GeneratorDetailsSchema } from './generator-details';
import { MalwareSchema } from './malware';
import { NetworkPathComponentSchema, NetworkSchema } from './network';
import { NoteSchema } from './note';
import { PatchSummarySchema } from './patch-summary';
import { ProcessDetailsSchema } from './process';
import { RelatedFindingSchema } from './related-finding';
import { RemediationSchema } from './remediation';
import { ResourceSchema } from './resource';
import { SeveritySchema } from './severity';
import { ThreatIntelIndicatorSchema, ThreatSchema } from './threat';
import { VulnerabilitySchema } from './vulnerability';
import { RecordStateSchema, VerificationStateSchema, WorkflowSchema, WorkflowStateSchema } from './workflow';

/**
 * A finding in the AWS Security Finding Format (ASFF), as Security Hub stores it and sends it in
 * EventBridge events.
 *
 * The twelve attributes AWS requires are required here too (`Resources` must hold at least one
 * resource, `Severity` a `Label` or a `Normalized` score); every other documented top-level attribute
 * is optional. The size limits Security Hub documents ({@link ASFF_LIMITS}) hold too, so an over-long
 * `Id` or a megabyte `Description` is refused with the field named. Timestamps are checked with {@link isAwsTimestamp} and kept as the strings AWS sent.
 * Every object, at every level, is loose: attributes that AWS adds after this version are kept, so a
 * finding survives a parse and serialize round trip unchanged.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-findings-format.html | AWS Security Finding Format (ASFF)}
 * @see {@link https://docs.aws.amazon.com/securityhub/latest/userguide/asff-required-attributes.html | Required top-level ASFF attributes}
 * @see {@link https://docs.aws.amazon.com/securityhub/latest/userguide/asff-top-level-attributes.html | Optional top-level ASFF attributes}
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_AwsSecurityFinding.html | AwsSecurityFinding (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const finding = AwsSecurityFindingSchema.parse({
 *   SchemaVersion: '2018-10-08',
 *   Id: 'arn:aws:securityhub:us-east-1:111122223333:security-control/EC2.2/finding/6d5d7a2e-3b48-4c7c-9a1e-0a8e2c0b5f11',
 *   ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/securityhub',
 *   ProductName: 'Security Hub',
 *   CompanyName: 'AWS',
 *   Region: 'us-east-1',
 *   GeneratorId: 'security-control/EC2.2',
 *   AwsAccountId: '111122223333',
 *   Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
 *   CreatedAt: '2024-03-01T08:12:44.000Z',
 *   UpdatedAt: '2024-03-04T08:13:02.000Z',
 *   Severity: { Label: 'HIGH', Normalized: 70, Original: 'HIGH' },
 *   Title: 'VPC default security groups should not allow inbound or outbound traffic',
 *   Description: 'This control checks whether the default security group of a VPC allows inbound or outbound traffic.',
 *   Resources: [
 *     {
 *       Type: 'AwsEc2SecurityGroup',
 *       Id: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0a1b2c3d4e5f67890',
 *       Partition: 'aws',
 *       Region: 'us-east-1',
 *     },
 *   ],
 *   Compliance: { Status: 'FAILED', SecurityControlId: 'EC2.2' },
 *   Workflow: { Status: 'NEW' },
 *   RecordState: 'ACTIVE',
 * });
 * finding.Compliance?.Status; // 'FAILED'
 * ```
 */
export const AwsSecurityFindingSchema = z.looseObject({
  // Required top-level attributes
  AwsAccountId: AwsAccountIdSchema,
  CreatedAt: AwsTimestampSchema,
  Description: maxLength(NonBlankStringSchema, ASFF_LIMITS.descriptionLength),
  GeneratorId: maxLength(NonBlankStringSchema, ASFF_LIMITS.generatorIdLength),
  Id: maxLength(NonBlankStringSchema, ASFF_LIMITS.idLength),
  ProductArn: NonBlankStringSchema,
  Resources: z
    .array(ResourceSchema)
    .min(1, { message: 'Resources must hold at least one resource' })
    .max(ASFF_LIMITS.resources, { message: `Too many resources: at most ${ASFF_LIMITS.resources}` }),
  SchemaVersion: NonBlankStringSchema,
  Severity: SeveritySchema,
  Title: maxLength(NonBlankStringSchema, ASFF_LIMITS.titleLength),
  Types: z
    .array(z.string())
    .max(ASFF_LIMITS.types, { message: `Too many types: at most ${ASFF_LIMITS.types}` }),
  UpdatedAt: AwsTimestampSchema,

  // Optional top-level attributes
  Action: whenPresent(ActionSchema),
  AwsAccountName: z.string().optional(),
  CompanyName: z.string().optional(),
  Compliance: ComplianceSchema.optional(),
  Confidence: z.int().min(0).max(100).optional(),
  Criticality: z.int().min(0).max(100).optional(),
  Detection: whenPresent(DetectionSchema),
  FindingProviderFields: FindingProviderFieldsSchema.optional(),
  FirstObservedAt: AwsTimestampSchema.optional(),
  GeneratorDetails: whenPresent(GeneratorDetailsSchema),
  LastObservedAt: AwsTimestampSchema.optional(),
  Malware: whenPresent(z.array(MalwareSchema)),
  Network: whenPresent(NetworkSchema),
  NetworkPath: whenPresent(z.array(NetworkPathComponentSchema)),
  Note: NoteSchema.optional(),
  PatchSummary: whenPresent(PatchSummarySchema),
  Process: whenPresent(ProcessDetailsSchema),
  ProcessedAt: AwsTimestampSchema.optional(),
  ProductFields: stringMapWithin({
    ...ASFF_LIMITS.productFields,
    uncounted: SECURITY_HUB_PRODUCT_FIELD_PREFIX,
  }).optional(),
  ProductName: z.string().optional(),
  RecordState: RecordStateSchema.optional(),
  Region: z.string().optional(),
  RelatedFindings: whenPresent(z.array(RelatedFindingSchema)),
  Remediation: RemediationSchema.optional(),
  Sample: z.boolean().optional(),
  SourceUrl: z.string().optional(),
  ThreatIntelIndicators: whenPresent(z.array(ThreatIntelIndicatorSchema)),
  Threats: whenPresent(z.array(ThreatSchema)),
  UserDefinedFields: stringMapWithin(ASFF_LIMITS.userDefinedFields).optional(),
  VerificationState: VerificationStateSchema.optional(),
  Vulnerabilities: whenPresent(z.array(VulnerabilitySchema)),
  Workflow: WorkflowSchema.optional(),
  WorkflowState: WorkflowStateSchema.optional(),
});

/** A finding in the AWS Security Finding Format; inferred from {@link AwsSecurityFindingSchema}. */
export type AwsSecurityFinding = z.infer<typeof AwsSecurityFindingSchema>;
