import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { createAwsAccess, type AwsAccess } from '@soar/aws-access';
import type { RuntimeConfig } from '../runtime-config';
import { sdk } from '../sdk';

/**
 * `create`, called once: concurrent first calls share its promise, so they get the same client. A
 * failure is not kept; the next call tries again.
 */
export function memoize<T>(create: () => Promise<T>): () => Promise<T> {
  let created: Promise<T> | undefined;
  return () => {
    created ??= create().catch((error: unknown) => {
      created = undefined;
      throw error;
    });
    return created;
  };
}

/**
 * A stand-in for an SDK client, for the adapters that take `Pick<Client, 'send'>`: each `send` waits
 * for `client()` (created on the first call) and passes the command on.
 */
export function sendThrough<C extends { send(...args: never[]): unknown }>(
  client: () => Promise<C>,
): Pick<C, 'send'> {
  const send = async (...args: never[]): Promise<unknown> => (await client()).send(...args);
  // `send` passes every argument on to the client's own `send`; TypeScript cannot check one function
  // against a list of overloads. The adapters use the promise form only.
  return { send } as unknown as Pick<C, 'send'>;
}

type Region = Pick<RuntimeConfig, 'region'>;

const clientConfig = (config: Region) => ({
  ...(config.region === undefined ? {} : { region: config.region }),
  retryMode: 'adaptive',
  maxAttempts: 5,
});

/**
 * The SDK clients of SOAR's own resources, one of each per Lambda container (module singletons, as
 * Lambda recommends), each created and its SDK module loaded on first use: a function loads only the
 * clients its step calls.
 */
export const awsClients = {
  dynamodb: (config: Region): Pick<DynamoDBClient, 'send'> => sendThrough(dynamodb(config)),
  sfn: (config: Region): Pick<SFNClient, 'send'> => sendThrough(sfn(config)),
  organizations: (config: Region): Pick<OrganizationsClient, 'send'> => sendThrough(organizations(config)),
  /** Member accounts: assume `memberRoleName` with a session policy per purpose (`@soar/aws-access`). */
  access: (config: Pick<RuntimeConfig, 'memberRoleName'>): AwsAccess => access(config),
};

/** One memoized client per region, created by `create` on first use. */
function perRegion<T>(create: (config: Region) => Promise<T>): (config: Region) => () => Promise<T> {
  const byRegion = new Map<string, () => Promise<T>>();
  return (config) => {
    const key = config.region ?? '';
    let client = byRegion.get(key);
    if (client === undefined) {
      client = memoize(() => create(config));
      byRegion.set(key, client);
    }
    return client;
  };
}
const dynamodb = perRegion(async (config) => new (await sdk.dynamodb()).DynamoDBClient(clientConfig(config)));
const sfn = perRegion(async (config) => new (await sdk.sfn()).SFNClient(clientConfig(config)));
const organizations = perRegion(
  async (config) => new (await sdk.organizations()).OrganizationsClient(clientConfig(config)),
);
const accesses = new Map<string, AwsAccess>();
function access(config: Pick<RuntimeConfig, 'memberRoleName'>): AwsAccess {
  let entry = accesses.get(config.memberRoleName);
  if (entry === undefined) {
    entry = createAwsAccess({ roleName: config.memberRoleName });
    accesses.set(config.memberRoleName, entry);
  }
  return entry;
}
