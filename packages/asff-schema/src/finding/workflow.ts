import * as z from 'zod';

/** `Workflow.Status`: where a finding is in its investigation: `NEW`, `NOTIFIED`, `RESOLVED` or `SUPPRESSED`. */
export const WorkflowStatusSchema = z.enum(['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED']);

/** A `Workflow.Status` value; inferred from {@link WorkflowStatusSchema}. */
export type WorkflowStatus = z.infer<typeof WorkflowStatusSchema>;

/**
 * The `Workflow` object of a finding: its investigation status, which Security Hub users and
 * automation (SOAR included) change with `BatchUpdateFindings`.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Workflow.html | Workflow (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * WorkflowSchema.parse({ Status: 'NEW' }).Status; // 'NEW'
 * ```
 */
export const WorkflowSchema = z.looseObject({
  Status: WorkflowStatusSchema.optional(),
});

/** A finding's `Workflow`; inferred from {@link WorkflowSchema}. */
export type Workflow = z.infer<typeof WorkflowSchema>;

/** `WorkflowState` (deprecated by AWS in favour of `Workflow.Status`, still sent). */
export const WorkflowStateSchema = z.enum(['NEW', 'ASSIGNED', 'IN_PROGRESS', 'DEFERRED', 'RESOLVED']);

/** A `WorkflowState` value; inferred from {@link WorkflowStateSchema}. */
export type WorkflowState = z.infer<typeof WorkflowStateSchema>;

/** `RecordState`: `ARCHIVED` once the provider no longer reports the issue, else `ACTIVE`. */
export const RecordStateSchema = z.enum(['ACTIVE', 'ARCHIVED']);

/** A `RecordState` value; inferred from {@link RecordStateSchema}. */
export type RecordState = z.infer<typeof RecordStateSchema>;

/** `VerificationState`: whether the finding was confirmed as a real issue. */
export const VerificationStateSchema = z.enum([
  'UNKNOWN',
  'TRUE_POSITIVE',
  'FALSE_POSITIVE',
  'BENIGN_POSITIVE',
]);

/** A `VerificationState` value; inferred from {@link VerificationStateSchema}. */
export type VerificationState = z.infer<typeof VerificationStateSchema>;
