import type * as SdkDynamodb from '@aws-sdk/client-dynamodb';
import type * as SdkEc2 from '@aws-sdk/client-ec2';
import type * as SdkEcr from '@aws-sdk/client-ecr';
import type * as SdkEcs from '@aws-sdk/client-ecs';
import type * as SdkElb from '@aws-sdk/client-elastic-load-balancing';
import type * as SdkElbv2 from '@aws-sdk/client-elastic-load-balancing-v2';
import type * as SdkIam from '@aws-sdk/client-iam';
import type * as SdkKms from '@aws-sdk/client-kms';
import type * as SdkRds from '@aws-sdk/client-rds';
import type * as SdkS3 from '@aws-sdk/client-s3';

/** The client modules of {@link sdk}, typed by name (the inferred type is too large to declare). */
export interface SdkModules {
  readonly dynamodb: () => Promise<typeof SdkDynamodb>;
  readonly ec2: () => Promise<typeof SdkEc2>;
  readonly ecr: () => Promise<typeof SdkEcr>;
  readonly ecs: () => Promise<typeof SdkEcs>;
  readonly elb: () => Promise<typeof SdkElb>;
  readonly elbv2: () => Promise<typeof SdkElbv2>;
  readonly iam: () => Promise<typeof SdkIam>;
  readonly kms: () => Promise<typeof SdkKms>;
  readonly rds: () => Promise<typeof SdkRds>;
  readonly s3: () => Promise<typeof SdkS3>;
}

/**
 * The AWS SDK v3 client modules the controls use, each loaded on first use.
 *
 * Cold start: importing `@aws-sdk/client-ec2` costs about 500 ms and every other client about 100 ms,
 * so controls never import SDK values statically. Each `read` / `apply` loads the module it needs
 * (`const { EC2Client } = await sdk.ec2();`), and a Lambda that registers every control loads only the
 * clients of the controls it runs. Types come from `import type`, which costs nothing at run time.
 * Node caches the module, so the second call is cheap and returns the same classes (which is also
 * why aws-sdk-client-mock in the specs still sees them).
 *
 * @example
 * ```ts
 * const { EC2Client, DescribeSubnetsCommand } = await sdk.ec2();
 * await context.client(EC2Client).send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }));
 * ```
 */
export const sdk: SdkModules = {
  dynamodb: () => import('@aws-sdk/client-dynamodb'),
  ec2: () => import('@aws-sdk/client-ec2'),
  ecr: () => import('@aws-sdk/client-ecr'),
  ecs: () => import('@aws-sdk/client-ecs'),
  /** Classic Load Balancers. */
  elb: () => import('@aws-sdk/client-elastic-load-balancing'),
  /** Application, Network and Gateway Load Balancers. */
  elbv2: () => import('@aws-sdk/client-elastic-load-balancing-v2'),
  iam: () => import('@aws-sdk/client-iam'),
  kms: () => import('@aws-sdk/client-kms'),
  rds: () => import('@aws-sdk/client-rds'),
  s3: () => import('@aws-sdk/client-s3'),
};
