import * as z from 'zod';

import { AwsTimestampSchema } from '../primitives';

/** Builds the schema, on its first use (see {@link ThreatSchema}). */
function threat() {
  const ThreatSchema = z.looseObject({
    Name: z.string().optional(),
    Severity: z.string().optional(),
    ItemCount: z.int().optional(),
    FilePaths: z
      .array(
        z.looseObject({
          FilePath: z.string().optional(),
          FileName: z.string().optional(),
          ResourceId: z.string().optional(),
          Hash: z.string().optional(),
        }),
      )
      .optional(),
  });
  return ThreatSchema;
}

/**
 * A `Threats` entry: a threat detected in the resource, with the files it was found in.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Threat.html | Threat (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * ThreatSchema.parse({
 *   Name: 'EICAR-Test-File (not a virus)',
 *   Severity: 'HIGH',
 *   ItemCount: 1,
 *   FilePaths: [{ FileName: 'eicar.com', FilePath: '/tmp/eicar.com', Hash: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f' }],
 * });
 * ```
 */
export const ThreatSchema = z.lazy(threat);

/** A `Threats` entry; inferred from {@link ThreatSchema}. */
export type Threat = z.infer<typeof ThreatSchema>;

/** Builds the schema, on its first use (see {@link ThreatIntelIndicatorSchema}). */
function threatIntelIndicator() {
  const ThreatIntelIndicatorSchema = z.looseObject({
    Type: z
      .enum([
        'DOMAIN',
        'EMAIL_ADDRESS',
        'HASH_MD5',
        'HASH_SHA1',
        'HASH_SHA256',
        'HASH_SHA512',
        'IPV4_ADDRESS',
        'IPV6_ADDRESS',
        'MUTEX',
        'PROCESS',
        'URL',
      ])
      .optional(),
    Value: z.string().optional(),
    Category: z
      .enum(['BACKDOOR', 'CARD_STEALER', 'COMMAND_AND_CONTROL', 'DROP_SITE', 'EXPLOIT_SITE', 'KEYLOGGER'])
      .optional(),
    LastObservedAt: AwsTimestampSchema.optional(),
    Source: z.string().optional(),
    SourceUrl: z.string().optional(),
  });
  return ThreatIntelIndicatorSchema;
}

/**
 * A `ThreatIntelIndicators` entry: an indicator of compromise, such as a malicious domain.
 *
 * @see {@link https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_ThreatIntelIndicator.html | ThreatIntelIndicator (AWS Security Hub API Reference)}
 *
 * @example
 * ```ts
 * ThreatIntelIndicatorSchema.parse({
 *   Type: 'DOMAIN',
 *   Value: 'pool.example-miner.net',
 *   Category: 'COMMAND_AND_CONTROL',
 *   LastObservedAt: '2024-02-11T03:25:00.000Z',
 *   Source: 'ProofPoint',
 * });
 * ```
 */
export const ThreatIntelIndicatorSchema = z.lazy(threatIntelIndicator);

/** A `ThreatIntelIndicators` entry; inferred from {@link ThreatIntelIndicatorSchema}. */
export type ThreatIntelIndicator = z.infer<typeof ThreatIntelIndicatorSchema>;
