import type * as DynamoDB from '@aws-sdk/client-dynamodb';
import type * as Organizations from '@aws-sdk/client-organizations';
import type * as SecurityHub from '@aws-sdk/client-securityhub';

/**
 * The AWS SDK v3 client modules this package uses, each loaded on first use.
 *
 * Cold start: the soar-core Lambda functions bundle this package with `@aws-sdk/*` external, and
 * importing a client module costs tens of milliseconds (the six clients of `@soar/triage`,
 * `@soar/ticketing` and `@soar/workflow` added about 220 ms to the cold import of every handler when
 * they were imported statically: `node tools/bench/soar-core-handlers.mjs`), so nothing here imports
 * SDK values statically. Each async function loads the module it needs
 * (`const { BatchGetItemCommand } = await sdk.dynamodb();`), and a function that never reads
 * Organizations never loads its client. Types come from `import type`, which costs nothing at run
 * time. Node caches the module, so the second call is cheap and returns the same classes (which is
 * also why aws-sdk-client-mock in the specs still sees them).
 *
 * The loaders name their return types: inferred, they would point into the SDK's nested
 * `@smithy/core`, which the declaration files cannot name.
 *
 * @example
 * ```ts
 * const { GetItemCommand } = await sdk.dynamodb();
 * const response = await client.send(new GetItemCommand({ TableName: tableName, Key: key(accountId) }));
 * ```
 */
export const sdk = {
  dynamodb: (): Promise<typeof DynamoDB> => import('@aws-sdk/client-dynamodb'),
  organizations: (): Promise<typeof Organizations> => import('@aws-sdk/client-organizations'),
  securityHub: (): Promise<typeof SecurityHub> => import('@aws-sdk/client-securityhub'),
} as const;
