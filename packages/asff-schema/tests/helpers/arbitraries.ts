import fc from 'fast-check';

import { AWS_PARTITIONS } from '../../src';

/** Keys for fields this package does not know: they start with `X`, which no ASFF attribute does. */
const unknownKey = fc.stringMatching(/^X[A-Za-z0-9_-]{0,8}$/);

/** Up to three fields this package does not know, with any JSON value. */
export const unknownFields = fc.dictionary(unknownKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });

/** A map key: any string but `__proto__`, which zod drops on purpose (prototype pollution). */
const mapKey = fc.string({ maxLength: 20 }).filter((key) => key !== '__proto__');

export const stringMap = fc.dictionary(mapKey, fc.string({ maxLength: 20 }), { maxKeys: 4 });

export const nonBlank = fc.string({ minLength: 1, maxLength: 30 }).filter((text) => /\S/.test(text));

export const accountId = fc.stringMatching(/^\d{12}$/);

export const region = fc.constantFrom(
  'us-east-1',
  'eu-west-1',
  'us-gov-west-1',
  'cn-north-1',
  'eusc-de-east-1',
);

export const partition = fc.constantFrom(...AWS_PARTITIONS);

/** Timestamps in every form AWS documents: `Z` or an offset, with no fraction or up to 9 digits. */
export const timestamp = fc
  .tuple(
    fc.date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2099-12-31T23:59:59Z'),
      noInvalidDate: true,
    }),
    fc.constantFrom('', '.5', '.123', '.123456789'),
    fc.constantFrom('Z', '+0000', '+00:00', '-08:00', '+0530', '+18:00', '-03'),
  )
  .map(([date, fraction, zone]) => `${date.toISOString().slice(0, 19)}${fraction}${zone}`);

export const arn = fc
  .record({
    partition,
    service: fc.constantFrom('ec2', 's3', 'iam', 'rds', 'securityhub', 'guardduty'),
    region: fc.oneof(region, fc.constant('')),
    account: fc.oneof(accountId, fc.constant('')),
    resource: fc.stringMatching(/^[a-z-]{1,12}\/[A-Za-z0-9:/-]{1,20}$/),
  })
  .map(
    (parts) => `arn:${parts.partition}:${parts.service}:${parts.region}:${parts.account}:${parts.resource}`,
  );

const generatorId = fc.oneof(
  fc.stringMatching(/^[A-Z][A-Za-z]{1,8}\.\d{1,3}$/).map((control) => `security-control/${control}`),
  fc
    .stringMatching(/^[A-Z][A-Za-z]{1,8}\.\d{1,3}$/)
    .map((control) => `aws-foundational-security-best-practices/v/1.0.0/${control}`),
  arn,
  nonBlank,
);

const severity = fc.oneof(
  fc.record(
    {
      Label: fc.constantFrom('INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'),
      Normalized: fc.integer({ min: 0, max: 100 }),
      Original: fc.string({ maxLength: 10 }),
      Product: fc.double({ noNaN: true, noDefaultInfinity: true }),
    },
    { requiredKeys: ['Label'] },
  ),
  fc.record({ Normalized: fc.integer({ min: 0, max: 100 }) }),
);

const withUnknownFields = <T extends object>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.tuple(arbitrary, unknownFields).map(([known, unknown]) => ({ ...unknown, ...known }));

const ipPermission = withUnknownFields(
  fc.record(
    {
      IpProtocol: fc.constantFrom('-1', 'tcp', 'udp', 'icmp'),
      FromPort: fc.integer({ min: -1, max: 65535 }),
      ToPort: fc.integer({ min: -1, max: 65535 }),
      IpRanges: fc.array(withUnknownFields(fc.record({ CidrIp: fc.ipV4().map((ip) => `${ip}/32`) })), {
        maxLength: 2,
      }),
      Ipv6Ranges: fc.array(fc.record({ CidrIpv6: fc.ipV6().map((ip) => `${ip}/128`) }), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
);

const details = withUnknownFields(
  fc.record(
    {
      AwsEc2SecurityGroup: withUnknownFields(
        fc.record(
          {
            GroupId: fc.stringMatching(/^sg-[0-9a-f]{17}$/),
            GroupName: nonBlank,
            IpPermissions: fc.array(ipPermission, { maxLength: 3 }),
          },
          { requiredKeys: [] },
        ),
      ),
      AwsS3Bucket: withUnknownFields(
        fc.record(
          {
            Name: nonBlank,
            PublicAccessBlockConfiguration: fc.record(
              {
                BlockPublicAcls: fc.boolean(),
                BlockPublicPolicy: fc.boolean(),
                IgnorePublicAcls: fc.boolean(),
                RestrictPublicBuckets: fc.boolean(),
              },
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: [] },
        ),
      ),
      AwsEc2Eip: fc.record({
        AllocationId: fc.stringMatching(/^eipalloc-[0-9a-f]{17}$/),
        PublicIp: fc.ipV4(),
      }),
      Other: stringMap,
    },
    { requiredKeys: [] },
  ),
);

const resource = withUnknownFields(
  fc.record(
    {
      Type: fc.constantFrom('AwsEc2SecurityGroup', 'AwsS3Bucket', 'AwsEc2Eip', 'AwsLambdaFunction', 'Other'),
      Id: fc.oneof(arn, nonBlank),
      Partition: fc.oneof(partition, fc.string({ maxLength: 12 })),
      Region: region,
      ResourceRole: fc.constantFrom('TARGET', 'ACTOR'),
      Tags: stringMap,
      Details: details,
    },
    { requiredKeys: ['Type', 'Id'] },
  ),
);

/**
 * Findings that satisfy every rule of `AwsSecurityFindingSchema`: the required attributes, a sample of
 * the optional ones, typed resource details, and unknown fields at every level.
 */
export const validFinding = withUnknownFields(
  fc.record(
    {
      SchemaVersion: fc.constant('2018-10-08'),
      Id: nonBlank,
      ProductArn: arn,
      GeneratorId: generatorId,
      AwsAccountId: accountId,
      Types: fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 }),
      CreatedAt: timestamp,
      UpdatedAt: timestamp,
      Severity: withUnknownFields(severity),
      Title: nonBlank,
      Description: nonBlank,
      Resources: fc.array(resource, { minLength: 1, maxLength: 3 }),
      Region: region,
      FirstObservedAt: timestamp,
      ProcessedAt: timestamp,
      Confidence: fc.integer({ min: 0, max: 100 }),
      Compliance: withUnknownFields(
        fc.record(
          {
            Status: fc.constantFrom('PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE'),
            SecurityControlId: fc.stringMatching(/^[A-Z][A-Za-z]{1,8}\.\d{1,3}$/),
            RelatedRequirements: fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 }),
          },
          { requiredKeys: [] },
        ),
      ),
      Workflow: fc.record({ Status: fc.constantFrom('NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED') }),
      RecordState: fc.constantFrom('ACTIVE', 'ARCHIVED'),
      ProductFields: stringMap,
      UserDefinedFields: stringMap,
      Note: fc.record({ Text: nonBlank, UpdatedBy: nonBlank, UpdatedAt: timestamp }),
      Sample: fc.boolean(),
    },
    {
      requiredKeys: [
        'SchemaVersion',
        'Id',
        'ProductArn',
        'GeneratorId',
        'AwsAccountId',
        'Types',
        'CreatedAt',
        'UpdatedAt',
        'Severity',
        'Title',
        'Description',
        'Resources',
      ],
    },
  ),
);

/** A Security Hub Findings - Imported event around a valid finding. */
export const validImportedEvent = fc
  .record({ finding: validFinding, id: fc.uuid(), account: accountId, time: timestamp, region })
  .map(({ finding, id, account, time, region: eventRegion }) => ({
    version: '0',
    id,
    'detail-type': 'Security Hub Findings - Imported',
    source: 'aws.securityhub',
    account,
    time,
    region: eventRegion,
    resources: [],
    detail: { findings: [finding] },
  }));

/** One change to a JSON document: where (a walk of indexes into keys) and what (delete or replace). */
export const mutation = fc.record({
  walk: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  replacement: fc.option(fc.anything(), { nil: undefined }),
});

export type Mutation = { walk: number[]; replacement: unknown };

/**
 * Applies mutations to a deep copy of a JSON document: each walks down by picking keys (index modulo
 * the number of keys), then deletes the key it ends on (`replacement` undefined) or sets it.
 */
export function mutate(document: unknown, mutations: readonly Mutation[]): unknown {
  const root: { value: unknown } = { value: structuredClone(document) };
  for (const { walk, replacement } of mutations) {
    let parent: Record<string, unknown> = root;
    let key = 'value';
    for (const pick of walk) {
      const current = parent[key];
      if (typeof current !== 'object' || current === null) break;
      const keys = Object.keys(current);
      if (keys.length === 0) break;
      parent = current as Record<string, unknown>;
      key = keys[pick % keys.length] ?? key;
    }
    if (replacement === undefined) {
      if (Array.isArray(parent)) parent[key] = null;
      else delete parent[key];
    } else {
      parent[key] = replacement;
    }
  }
  return root.value;
}
