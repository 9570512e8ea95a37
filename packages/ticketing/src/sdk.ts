import type * as DynamoDB from '@aws-sdk/client-dynamodb';
import type * as SecretsManager from '@aws-sdk/client-secrets-manager';
import type * as SESv2 from '@aws-sdk/client-sesv2';

/**
 * The AWS SDK v3 client modules this package uses, each loaded on first use.
 *
 * Cold start: the soar-core Lambda functions bundle this package with `@aws-sdk/*` external, and
 * importing a client module costs tens of milliseconds (the six clients of `@soar/triage`,
 * `@soar/ticketing` and `@soar/workflow` added about 220 ms to the cold import of every handler when
 * they were imported statically: `node tools/bench/soar-core-handlers.mjs`), so nothing here imports
 * SDK values statically. Each async function loads the module it needs
 * (`const { SendEmailCommand } = await sdk.sesv2();`), and a function that never sends email never
 * loads SES. Types come from `import type`, which costs nothing at run time. Node caches the module,
 * so the second call is cheap and returns the same classes (which is also why aws-sdk-client-mock in
 * the specs still sees them).
 *
 * The loaders name their return types: inferred, they would point into the SDK's nested
 * `@smithy/core`, which the declaration files cannot name.
 *
 * @example
 * ```ts
 * const { GetSecretValueCommand } = await sdk.secretsManager();
 * const output = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
 * ```
 */
export const sdk = {
  dynamodb: (): Promise<typeof DynamoDB> => import('@aws-sdk/client-dynamodb'),
  secretsManager: (): Promise<typeof SecretsManager> => import('@aws-sdk/client-secrets-manager'),
  sesv2: (): Promise<typeof SESv2> => import('@aws-sdk/client-sesv2'),
} as const;
