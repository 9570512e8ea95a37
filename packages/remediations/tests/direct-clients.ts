import type { AccessClientConfig, AwsAccess } from '@soar/aws-access';

/**
 * An SDK client that talks to its service directly, with dummy credentials and no STS: for unit
 * tests where aws-sdk-client-mock answers every call.
 */
export function directClient<C>(ClientClass: new (config: AccessClientConfig) => C, region: string): C {
  return new ClientClass({
    region,
    credentials: () => Promise.resolve({ accessKeyId: 'testing', secretAccessKey: 'testing' }),
    retryMode: 'adaptive',
    maxAttempts: 1,
  });
}

/** An access factory whose clients are {@link directClient}s in one region. */
export function directAccess(region: string): Pick<AwsAccess, 'client'> {
  return { client: (ClientClass) => directClient(ClientClass, region) };
}
