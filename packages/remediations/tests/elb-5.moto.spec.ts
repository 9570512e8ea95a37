import { DescribeLoadBalancerAttributesCommand as DescribeClassicAttributes } from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeLoadBalancerAttributesCommand,
  DeleteLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { DeleteBucketCommand, DeleteBucketPolicyCommand, GetBucketPolicyCommand } from '@aws-sdk/client-s3';
import { startMotoServer, type MotoServer } from '@soar/testing';
import { accessLogBucket, ELB5_STATEMENT_SID } from '../src/controls/elb/elb-5';
import { createAlb, createClassicElb, memberElb, memberElbv2 } from './elb-moto-fixtures';
import { MEMBER_ACCOUNT, motoAccess, padFor, REGION, run } from './remediation-harness';
import { memberS3 } from './s3-moto-fixtures';
import { createLogBucket, scenario } from './scenarios/elb-5';

const BUCKET = accessLogBucket({ accountId: MEMBER_ACCOUNT, region: REGION });

describe('Control: ELB.5 (moto)', () => {
  let moto: MotoServer;
  beforeEach(async () => {
    moto = await startMotoServer();
  });
  afterEach(() => moto.stop());

  it('sends the ALB logs to the account bucket, adds ELB log delivery to its policy without replacing it, and a second run changes nothing', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    const { resource: other } = await createAlb(access);

    // Act
    const first = await run(scenario.control, padFor('ELB.5', resource), { access });
    const second = await run(scenario.control, padFor('ELB.5', resource), { access });
    const third = await run(scenario.control, padFor('ELB.5', other), { access });

    // Assert
    expect(first.result).toMatchObject({
      kind: 'remediated',
      changes: [
        expect.stringContaining('Allowed ELB log delivery'),
        expect.stringContaining('Turned on access logging'),
      ],
    });
    expect(second.result).toMatchObject({ kind: 'remediated', changes: [] });
    // The statement is there already: the second load balancer only gets its logging turned on.
    expect(third.result).toMatchObject({
      kind: 'remediated',
      changes: [expect.stringContaining('Turned on access logging')],
    });
    const { Attributes } = await memberElbv2(access, 'test').send(
      new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: resource.Id }),
    );
    expect(Attributes).toEqual(
      expect.arrayContaining([
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: BUCKET },
      ]),
    );
    const { Policy } = await memberS3(access, 'test').send(new GetBucketPolicyCommand({ Bucket: BUCKET }));
    const statements = (
      JSON.parse(Policy ?? '{}') as { Statement: { Sid: string; Principal: unknown; Resource: unknown }[] }
    ).Statement;
    expect(statements.map((s) => s.Sid)).toEqual(['DenyInsecureTransport', ELB5_STATEMENT_SID]);
    expect(statements[1]).toMatchObject({
      Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
      Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${MEMBER_ACCOUNT}/*`,
    });
  });

  it('turns on logging of a Classic Load Balancer, into a bucket without a policy', async () => {
    // Arrange
    const access = motoAccess(moto);
    await createLogBucket(access);
    await memberS3(access, 'arrange').send(new DeleteBucketPolicyCommand({ Bucket: BUCKET }));
    const { resource, name } = await createClassicElb(access);

    // Act
    const { result } = await run(scenario.control, padFor('ELB.5', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'remediated' });
    const { LoadBalancerAttributes } = await memberElb(access, 'test').send(
      new DescribeClassicAttributes({ LoadBalancerName: name }),
    );
    expect(LoadBalancerAttributes?.AccessLog).toMatchObject({ Enabled: true, S3BucketName: BUCKET });
  });

  it('refuses, naming the bucket to create, when the account has no log bucket (SOAR creates none)', async () => {
    // Arrange
    const access = motoAccess(moto);
    await createLogBucket(access);
    const s3 = memberS3(access, 'arrange');
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: BUCKET }));
    await s3.send(new DeleteBucketCommand({ Bucket: BUCKET }));
    const { resource } = await createAlb(access);

    // Act
    const { result } = await run(scenario.control, padFor('ELB.5', resource), { access });

    // Assert
    expect(result).toMatchObject({
      kind: 'not_done',
      reason: expect.stringContaining(`Please create ${BUCKET}`),
    });
    const { Attributes } = await memberElbv2(access, 'test').send(
      new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: resource.Id }),
    );
    expect(Attributes?.find((a) => a.Key === 'access_logs.s3.enabled')?.Value ?? 'false').toBe('false');
  });

  it('ends a deleted load balancer as gone', async () => {
    // Arrange
    const access = motoAccess(moto);
    const resource = await scenario.arrange(access);
    await memberElbv2(access, 'arrange').send(
      new DeleteLoadBalancerCommand({ LoadBalancerArn: resource.Id }),
    );

    // Act
    const { result } = await run(scenario.control, padFor('ELB.5', resource), { access });

    // Assert
    expect(result).toMatchObject({ kind: 'resource_gone' });
  });
});
