import * as z from 'zod';

/** The severity labels Security Hub uses, from least to most severe. */
export const SeverityLabelSchema = z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);

/** A severity label: `INFORMATIONAL`, `LOW`, `MEDIUM`, `HIGH` or `CRITICAL`. */
export type SeverityLabel = z.infer<typeof SeverityLabelSchema>;

/**
 * The normalized score (0-100) Security Hub gives each severity label, for findings that carry only
 * the label, and for writing a label with its matching score.
 *
 * @example
 * ```ts
 * NORMALIZED_SEVERITY_BY_LABEL.HIGH; // 70
 * ```
 */
export const NORMALIZED_SEVERITY_BY_LABEL: Readonly<Record<SeverityLabel, number>> = {
  INFORMATIONAL: 0,
  LOW: 1,
  MEDIUM: 40,
  HIGH: 70,
  CRITICAL: 90,
};

/**
 * A finding's importance: the `Severity` object of a finding. AWS requires `Label` or `Normalized`
 * (the older 0–100 score); `Original` and `Product` carry the provider's own scale.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Severity.html | Severity (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const severity = SeveritySchema.parse({ Label: 'HIGH', Normalized: 70, Original: 'HIGH' });
 * severity.Label; // 'HIGH'
 * ```
 */
export const SeveritySchema = z
  .looseObject({
    Label: SeverityLabelSchema.optional(),
    Normalized: z.int().min(0).max(100).optional(),
    Original: z.string().optional(),
    Product: z.number().optional(),
  })
  .refine((severity) => severity.Label !== undefined || severity.Normalized !== undefined, {
    message: 'Severity needs a Label or a Normalized score',
    path: ['Label'],
  });

/** A finding's `Severity`; inferred from {@link SeveritySchema}. */
export type Severity = z.infer<typeof SeveritySchema>;
