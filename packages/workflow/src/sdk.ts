import type * as DynamoDB from '@aws-sdk/client-dynamodb';
import type * as Organizations from '@aws-sdk/client-organizations';
import type * as SFN from '@aws-sdk/client-sfn';

/**
 * The AWS SDK v3 client modules this package uses, each loaded on first use.
 *
 * Cold start: every soar-core Lambda function bundles this package with `@aws-sdk/*` external, and
 * importing a client module costs tens of milliseconds (the six clients of `@soar/triage`,
 * `@soar/ticketing` and `@soar/workflow` added about 220 ms to the cold import of every handler when
 * they were imported statically: `node tools/bench/soar-core-handlers.mjs`), so nothing here imports
 * SDK values statically. Each async function loads the module it needs
 * (`const { StartExecutionCommand } = await sdk.sfn();`), and `createAwsPorts` creates each client
 * on its first call, so a function that never starts an execution never loads Step Functions. Types
 * come from `import type`, which costs nothing at run time. Node caches the module, so the second
 * call is cheap and returns the same classes (which is also why aws-sdk-client-mock in the specs
 * still sees them).
 *
 * The loaders name their return types: inferred, they would point into the SDK's nested
 * `@smithy/core`, which the declaration files cannot name.
 *
 * @example
 * ```ts
 * const { PutItemCommand } = await sdk.dynamodb();
 * await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: item }));
 * ```
 */
export const sdk = {
  dynamodb: (): Promise<typeof DynamoDB> => import('@aws-sdk/client-dynamodb'),
  organizations: (): Promise<typeof Organizations> => import('@aws-sdk/client-organizations'),
  sfn: (): Promise<typeof SFN> => import('@aws-sdk/client-sfn'),
} as const;
