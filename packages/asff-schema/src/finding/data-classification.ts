import * as z from 'zod';

/** Builds the schema, on its first use (see {@link DataClassificationDetailsSchema}). */
function dataClassificationDetails() {
  /** `Range`: lines or byte offsets in a file. */
  const RangeSchema = z.looseObject({
    Start: z.int().optional(),
    End: z.int().optional(),
    StartColumn: z.int().optional(),
  });
  /** `Occurrences`: where sensitive data was found in a file, by kind of file. */
  const OccurrencesSchema = z.looseObject({
    LineRanges: z.array(RangeSchema).optional(),
    OffsetRanges: z.array(RangeSchema).optional(),
    Pages: z
      .array(
        z.looseObject({
          PageNumber: z.int().optional(),
          LineRange: RangeSchema.optional(),
          OffsetRange: RangeSchema.optional(),
        }),
      )
      .optional(),
    Records: z
      .array(z.looseObject({ JsonPath: z.string().optional(), RecordIndex: z.int().optional() }))
      .optional(),
    Cells: z
      .array(
        z.looseObject({
          Column: z.int().optional(),
          Row: z.int().optional(),
          ColumnName: z.string().optional(),
          CellReference: z.string().optional(),
        }),
      )
      .optional(),
  });
  const DataClassificationDetailsSchema = z.looseObject({
    DetailedResultsLocation: z.string().optional(),
    Result: z
      .looseObject({
        MimeType: z.string().optional(),
        SizeClassified: z.number().optional(),
        AdditionalOccurrences: z.boolean().optional(),
        Status: z.looseObject({ Code: z.string().optional(), Reason: z.string().optional() }).optional(),
        SensitiveData: z
          .array(
            z.looseObject({
              Category: z.string().optional(),
              Detections: z
                .array(
                  z.looseObject({
                    Count: z.number().optional(),
                    Type: z.string().optional(),
                    Occurrences: OccurrencesSchema.optional(),
                  }),
                )
                .optional(),
              TotalCount: z.number().optional(),
            }),
          )
          .optional(),
        CustomDataIdentifiers: z
          .looseObject({
            Detections: z
              .array(
                z.looseObject({
                  Count: z.number().optional(),
                  Arn: z.string().optional(),
                  Name: z.string().optional(),
                  Occurrences: OccurrencesSchema.optional(),
                }),
              )
              .optional(),
            TotalCount: z.number().optional(),
          })
          .optional(),
      })
      .optional(),
  });
  return DataClassificationDetailsSchema;
}

/**
 * The `DataClassification` object of a resource: sensitive data that Amazon Macie found in it.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_DataClassificationDetails.html | DataClassificationDetails (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const classification = DataClassificationDetailsSchema.parse({
 *   DetailedResultsLocation: 's3://macie-results-111122223333/AWSLogs/111122223333/Macie/us-east-1/',
 *   Result: {
 *     MimeType: 'text/csv',
 *     SizeClassified: 2966026,
 *     AdditionalOccurrences: false,
 *     Status: { Code: 'COMPLETE' },
 *     SensitiveData: [{ Category: 'PERSONAL_INFORMATION', TotalCount: 34, Detections: [{ Type: 'USA_SOCIAL_SECURITY_NUMBER', Count: 34 }] }],
 *   },
 * });
 * classification.Result?.SensitiveData?.[0]?.TotalCount; // 34
 * ```
 */
export const DataClassificationDetailsSchema = z.lazy(dataClassificationDetails);

/** A resource's `DataClassification`; inferred from {@link DataClassificationDetailsSchema}. */
export type DataClassificationDetails = z.infer<typeof DataClassificationDetailsSchema>;
