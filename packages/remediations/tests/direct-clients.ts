import type { AccessClientConfig, AwsAccess } from '@soar/aws-access';
import { aControlFinding } from '@soar/testing';
import type { ControlContext, FindingResource } from '../src/engine/control';

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

/**
 * The context a control's `read`, `plan` and `apply` get, for unit tests: a control finding on
 * `resource` first observed at `firstObservedAt` (left out when `undefined`), with direct clients.
 */
export function unitContext(options: {
  readonly controlId: string;
  readonly resource: FindingResource;
  readonly accountId: string;
  readonly region: string;
  readonly now: Date;
  readonly firstObservedAt: string | undefined;
}): ControlContext {
  const { controlId, resource, accountId, region } = options;
  const finding = {
    ...aControlFinding({ controlId, accountId, region, resource }),
    FirstObservedAt: options.firstObservedAt,
  };
  return {
    finding,
    resource,
    accountId,
    region,
    partition: 'aws',
    now: options.now,
    client: (ClientClass) => directClient(ClientClass, region),
  };
}
