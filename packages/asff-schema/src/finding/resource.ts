import * as z from 'zod';

import { ASFF_LIMITS, stringMapWithin } from '../limits';
import { NonBlankStringSchema } from '../primitives';
import { ResourceDetailsSchema } from '../resources/resource-details';
import { whenPresent } from '../internal/lazy';
import { DataClassificationDetailsSchema } from './data-classification';

/**
 * A `Resources` entry: a resource the finding is about.
 *
 * `Partition` is typed as a plain string on purpose. AWS documents `aws`, `aws-cn` and `aws-us-gov`,
 * but findings also come from the ISO partitions and the European Sovereign Cloud (`aws-eusc`), and the
 * Security Hub API model already lists values beyond those three. Rejecting a whole finding because
 * of a partition name we have not heard of yet would stop a SOAR pipeline for no gain, so any string
 * is accepted; {@link AWS_PARTITIONS} lists the known ones and {@link getPartition} reads it from ARNs.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Resource.html | Resource (AWS Security Hub API Reference)}
 * @see {@link https://docs.aws.amazon.com/securityhub/latest/userguide/asff-resources-attributes.html | Resources attributes in the ASFF}
 *
 * @example
 * ```ts
 * const resource = ResourceSchema.parse({
 *   Type: 'AwsS3Bucket',
 *   Id: 'arn:aws:s3:::example-logs-111122223333',
 *   Partition: 'aws',
 *   Region: 'us-east-1',
 *   Tags: { Environment: 'prod', Team: 'payments' },
 *   Details: { AwsS3Bucket: { Name: 'example-logs-111122223333', OwnerAccountId: '111122223333' } },
 * });
 * resource.Details?.AwsS3Bucket?.Name; // 'example-logs-111122223333'
 * ```
 */
export const ResourceSchema = z.looseObject({
  Type: NonBlankStringSchema,
  Id: NonBlankStringSchema,
  Partition: z.string().optional(),
  Region: z.string().optional(),
  ResourceRole: z.string().optional(),
  Tags: stringMapWithin(ASFF_LIMITS.resourceTags).optional(),
  DataClassification: whenPresent(DataClassificationDetailsSchema),
  Details: ResourceDetailsSchema.optional(),
  ApplicationArn: z.string().optional(),
  ApplicationName: z.string().optional(),
  /** The cloud that hosts the resource: `AWS`, or `Azure` for multicloud findings. */
  Provider: z.string().optional(),
  /** The account and organization that own the resource. */
  Owner: z
    .looseObject({
      Account: z.looseObject({ Id: z.string().optional() }).optional(),
      Org: z.looseObject({ Id: z.string().optional() }).optional(),
    })
    .optional(),
});

/** A `Resources` entry; inferred from {@link ResourceSchema}. */
export type Resource = z.infer<typeof ResourceSchema>;
