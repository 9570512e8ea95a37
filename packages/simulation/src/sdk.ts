import type * as DynamoDB from '@aws-sdk/client-dynamodb';

/**
 * The AWS SDK v3 client modules this package calls, each loaded on its first use: a Lambda function
 * that bundles this package (with `@aws-sdk/*` external, as the Node.js runtime provides it) loads a
 * client only when it calls it, which keeps its cold start short (see BENCHMARKS.md). Types come
 * from `import type`, which costs nothing at run time; the loaders name their return types so that
 * the declaration files need not name the SDK's nested packages.
 *
 * @example
 * ```ts
 * const { GetItemCommand } = await sdk.dynamodb();
 * ```
 */
export const sdk = {
  dynamodb: (): Promise<typeof DynamoDB> => import('@aws-sdk/client-dynamodb'),
} as const;
