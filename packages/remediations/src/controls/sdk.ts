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
export const sdk = {
  dynamodb: () => import('@aws-sdk/client-dynamodb'),
  ec2: () => import('@aws-sdk/client-ec2'),
  iam: () => import('@aws-sdk/client-iam'),
  kms: () => import('@aws-sdk/client-kms'),
  s3: () => import('@aws-sdk/client-s3'),
} as const;
