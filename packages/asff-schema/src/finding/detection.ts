import * as z from 'zod';

/** Builds the schema, on its first use (see {@link DetectionSchema}). */
function detection() {
  /** `Indicator`: one piece of evidence in a sequence or a signal. */
  const IndicatorSchema = z.looseObject({
    Key: z.string().optional(),
    Values: z.array(z.string()).optional(),
    Title: z.string().optional(),
    Type: z.string().optional(),
  });
  /** `Actor`: a user or role, with its session, that took part in the sequence. */
  const ActorSchema = z.looseObject({
    Id: z.string().optional(),
    User: z
      .looseObject({
        Name: z.string().optional(),
        Uid: z.string().optional(),
        Type: z.string().optional(),
        CredentialUid: z.string().optional(),
        Account: z.looseObject({ Uid: z.string().optional(), Name: z.string().optional() }).optional(),
      })
      .optional(),
    Session: z
      .looseObject({
        Uid: z.string().optional(),
        MfaStatus: z.string().optional(),
        CreatedTime: z.number().optional(),
        Issuer: z.string().optional(),
      })
      .optional(),
  });
  /** `NetworkEndpoint`: a network address that took part in the sequence. */
  const NetworkEndpointSchema = z.looseObject({
    Id: z.string().optional(),
    Ip: z.string().optional(),
    Domain: z.string().optional(),
    Port: z.int().optional(),
    Location: z
      .looseObject({
        City: z.string().optional(),
        Country: z.string().optional(),
        Lat: z.number().optional(),
        Lon: z.number().optional(),
      })
      .optional(),
    AutonomousSystem: z.looseObject({ Name: z.string().optional(), Number: z.int().optional() }).optional(),
    Connection: z.looseObject({ Direction: z.string().optional() }).optional(),
  });
  /** `Signal`: a finding or event that the sequence correlates. Its times are epoch milliseconds. */
  const SignalSchema = z.looseObject({
    Type: z.string().optional(),
    Id: z.string().optional(),
    Title: z.string().optional(),
    ProductArn: z.string().optional(),
    ResourceIds: z.array(z.string()).optional(),
    SignalIndicators: z.array(IndicatorSchema).optional(),
    Name: z.string().optional(),
    CreatedAt: z.number().optional(),
    UpdatedAt: z.number().optional(),
    FirstSeenAt: z.number().optional(),
    LastSeenAt: z.number().optional(),
    Severity: z.number().optional(),
    Count: z.int().optional(),
    ActorIds: z.array(z.string()).optional(),
    EndpointIds: z.array(z.string()).optional(),
  });
  const DetectionSchema = z.looseObject({
    Sequence: z
      .looseObject({
        Uid: z.string().optional(),
        Actors: z.array(ActorSchema).optional(),
        Endpoints: z.array(NetworkEndpointSchema).optional(),
        Signals: z.array(SignalSchema).optional(),
        SequenceIndicators: z.array(IndicatorSchema).optional(),
      })
      .optional(),
  });
  return DetectionSchema;
}

/**
 * The `Detection` object of a finding: an attack sequence that GuardDuty Extended Threat Detection
 * correlated from several signals.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Detection.html | Detection (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * const detection = DetectionSchema.parse({
 *   Sequence: {
 *     Uid: 'arn:aws:guardduty:us-east-1:111122223333:detector/12abc34d567e8fa901bc2d34e56789f0/finding/0ac4a5b1c2d3',
 *     Actors: [{ Id: 'actor-1', User: { Name: 'ci-deployer', Type: 'IAMUser' } }],
 *     Signals: [{ Id: 'signal-1', Title: 'Suspicious API call', CreatedAt: 1707620469000, Count: 3 }],
 *   },
 * });
 * detection.Sequence?.Signals?.length; // 1
 * ```
 */
export const DetectionSchema = z.lazy(detection);

/** A finding's `Detection`; inferred from {@link DetectionSchema}. */
export type Detection = z.infer<typeof DetectionSchema>;
