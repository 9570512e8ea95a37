import * as z from 'zod';

import { NonBlankStringSchema } from '../primitives';

/** The result of a security check: `PASSED`, `WARNING`, `FAILED` or `NOT_AVAILABLE`. */
export const ComplianceStatusSchema = z.enum(['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE']);

/** A `Compliance.Status` value; inferred from {@link ComplianceStatusSchema}. */
export type ComplianceStatus = z.infer<typeof ComplianceStatusSchema>;

/** `StatusReason`: why a control check ended in its status, such as `CONFIG_EVALUATIONS_EMPTY`. */
const StatusReasonSchema = z.looseObject({
  ReasonCode: NonBlankStringSchema,
  Description: z.string().optional(),
});

/** `AssociatedStandard`: a standard the control is enabled in, such as `standards/aws-foundational-security-best-practices/v/1.0.0`. */
const AssociatedStandardSchema = z.looseObject({
  StandardsId: z.string().optional(),
});

/** `SecurityControlParameter`: a parameter of the control and its current value. */
const SecurityControlParameterSchema = z.looseObject({
  Name: z.string().optional(),
  Value: z.array(z.string()).optional(),
});

/**
 * The `Compliance` object of a finding produced by a security check, such as a Security Hub control.
 * With consolidated control findings, `SecurityControlId` is the control id shared by all standards.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Compliance.html | Compliance (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const compliance = ComplianceSchema.parse({
 *   Status: 'FAILED',
 *   SecurityControlId: 'EC2.2',
 *   AssociatedStandards: [{ StandardsId: 'standards/aws-foundational-security-best-practices/v/1.0.0' }],
 *   RelatedRequirements: ['CIS AWS Foundations Benchmark v1.4.0/5.3'],
 * });
 * compliance.SecurityControlId; // 'EC2.2'
 * ```
 */
export const ComplianceSchema = z.looseObject({
  Status: ComplianceStatusSchema.optional(),
  SecurityControlId: z.string().optional(),
  SecurityControlParameters: z.array(SecurityControlParameterSchema).optional(),
  AssociatedStandards: z.array(AssociatedStandardSchema).optional(),
  RelatedRequirements: z.array(z.string()).optional(),
  StatusReasons: z.array(StatusReasonSchema).optional(),
});

/** A finding's `Compliance`; inferred from {@link ComplianceSchema}. */
export type Compliance = z.infer<typeof ComplianceSchema>;
