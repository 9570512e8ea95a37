import { parseFindingsEvent } from '../src';
import { ResourceDetailsSchema } from '../src/resources/resource-details';
import { read } from './helpers/edit';
import { firstFinding, loadEvent } from './helpers/load-event';

/** Each typed Details key, and the fixture of a control finding about that kind of resource. */
const FIXTURES = [
  ['AwsDynamoDbTable', 'imported-control-dynamodb-2'],
  ['AwsEc2Eip', 'imported-control-ec2-12'],
  ['AwsEc2Instance', 'imported-control-ec2-8'],
  ['AwsEc2SecurityGroup', 'imported-control-ec2-2'],
  ['AwsEc2Vpc', 'imported-control-ec2-6'],
  ['AwsEcrRepository', 'imported-control-ecr-1'],
  ['AwsEcsService', 'imported-control-ecs-2'],
  ['AwsEcsTaskDefinition', 'imported-control-ecs-4'],
  ['AwsElbLoadBalancer', 'imported-control-elb-3'],
  ['AwsElbv2LoadBalancer', 'imported-control-elb-4'],
  ['AwsIamUser', 'imported-control-iam-2'],
  ['AwsKmsKey', 'imported-control-kms-4'],
  ['AwsRdsDbCluster', 'imported-control-rds-27'],
  ['AwsRdsDbClusterSnapshot', 'imported-control-rds-4'],
  ['AwsRdsDbInstance', 'imported-control-rds-3'],
  ['AwsRdsDbSnapshot', 'imported-control-rds-1'],
  ['AwsS3Bucket', 'imported-control-s3-8'],
] as const;

describe('Schema: ResourceDetailsSchema', () => {
  it('has a fixture for every typed resource type', () => {
    // Arrange
    const typed = Object.keys(ResourceDetailsSchema.shape).filter((key) => key !== 'Other');

    // Act
    const covered = FIXTURES.map(([type]) => type);

    // Assert
    expect([...covered].sort()).toStrictEqual([...typed].sort());
  });

  it.each(FIXTURES)('parses %s details from %s unchanged', (type, variant) => {
    // Arrange
    const input = loadEvent('aws.securityhub', variant);

    // Act
    const finding = firstFinding(parseFindingsEvent(input));

    // Assert
    const [resource] = finding.Resources;
    expect(resource?.Type).toBe(type);
    const details = resource?.Details?.[type];
    expect(details).toBeDefined();
    expect(details).toStrictEqual(read(input, ['detail', 'findings', 0, 'Resources', 0, 'Details', type]));
  });

  it.each(FIXTURES)('rejects %s details that are not an object', (type) => {
    // Act
    const result = ResourceDetailsSchema.safeParse({ [type]: 'not an object' });

    // Assert
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toStrictEqual([type]);
  });

  it('types the fields SOAR remediations read', () => {
    // Arrange
    const eip = loadEvent('aws.securityhub', 'imported-control-ec2-12');
    const bucket = loadEvent('aws.securityhub', 'imported-control-s3-8');
    const group = loadEvent('aws.securityhub', 'imported-control-ec2-2');

    // Act
    const [eipDetails, bucketDetails, groupDetails] = [eip, bucket, group].map(
      (event) => firstFinding(parseFindingsEvent(event)).Resources[0]?.Details,
    );

    // Assert
    expect(eipDetails?.AwsEc2Eip?.AllocationId).toBe('eipalloc-0a1b2c3d4e5f67890');
    expect(bucketDetails?.AwsS3Bucket?.ServerSideEncryptionConfiguration?.Rules?.[0]).toStrictEqual({
      ApplyServerSideEncryptionByDefault: {
        SSEAlgorithm: 'aws:kms',
        KMSMasterKeyID: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      },
    });
    expect(
      bucketDetails?.AwsS3Bucket?.BucketLifecycleConfiguration?.Rules?.[0]?.Filter?.Predicate?.Prefix,
    ).toBe('logs/');
    expect(bucketDetails?.AwsS3Bucket?.BucketVersioningConfiguration?.Status).toBe('Enabled');
    const permissions = groupDetails?.AwsEc2SecurityGroup?.IpPermissions ?? [];
    expect(
      permissions.flatMap((permission) => permission.Ipv6Ranges ?? []).map((range) => range.CidrIpv6),
    ).toStrictEqual(['::/0']);
  });

  it('accepts custom fields in Other, as strings', () => {
    // Act
    const valid = ResourceDetailsSchema.safeParse({ Other: { Owner: 'team-payments' } }).success;
    const invalid = ResourceDetailsSchema.safeParse({ Other: { Owner: 1 } }).success;

    // Assert
    expect([valid, invalid]).toStrictEqual([true, false]);
  });
});
