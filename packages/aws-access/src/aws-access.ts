import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { parseArn, roleArn } from './arn';
import { CredentialCache } from './credential-cache';
import {
  AccessDeniedError,
  AssumeRoleError,
  type AssumeRoleErrorContext,
  CallerIdentityError,
  InvalidTargetError,
  ValidationError,
} from './errors';
import { PARTITION_DEFAULT_REGIONS, partitionOfRegion, type Partition } from './partition';
import { buildSessionName } from './session-name';
import { sessionPolicy, statementsPolicy, type SessionPolicyStatement } from './session-policy';
import {
  assertAccountId,
  assertExternalId,
  assertInteger,
  assertPartition,
  assertRoleName,
} from './validation';

/**
 * `@aws-sdk/client-sts`, loaded on first use: importing this package loads no SDK client, which
 * keeps the cold start of a Lambda that bundles it short (see BENCHMARKS.md).
 */
const loadSts = () => import('@aws-sdk/client-sts');

/** Role created in every account enrolled in AWS Control Tower. */
export const DEFAULT_ROLE_NAME = 'AWSControlTowerExecution';

/**
 * Default `DurationSeconds` of assumed sessions: one hour.
 *
 * One hour is the most STS grants when the caller itself runs on role credentials (Lambda, ECS,
 * CodeBuild: "role chaining"), and the default `MaxSessionDuration` of a role. Shorter would cost an
 * extra `sts:AssumeRole` per account and purpose every few minutes across warm Lambda containers; the
 * exposure of a longer-lived credential is bounded by the session policy, which is the real control.
 */
export const DEFAULT_DURATION_SECONDS = 3600;

/**
 * Default refresh margin: credentials are replaced once fewer than five minutes remain, so that a
 * call started with them (plus its retries) never runs into expiry. Matches the margin the AWS SDK uses.
 */
export const DEFAULT_REFRESH_MARGIN_SECONDS = 300;

/**
 * Default `maxAttempts` of the clients: a little above the SDK's 3, because remediation fans out over
 * many accounts, `Describe*` APIs throttle, and `adaptive` mode needs attempts to back off with.
 */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Options of {@link createAwsAccess}. All are optional. */
export interface AwsAccessOptions {
  /**
   * Name of the role to assume in member accounts. Default {@link DEFAULT_ROLE_NAME}
   * (`AWSControlTowerExecution`); `OrganizationAccountAccessRole` for accounts created by
   * AWS Organizations, or a dedicated least-privilege role. A target may override it.
   */
  readonly roleName?: string | undefined;
  /**
   * Region for targets that do not name one (account-only targets, IAM and S3 bucket ARNs) and for the
   * STS client of its partition. Default `AWS_REGION`, then `AWS_DEFAULT_REGION`, then `us-east-1`.
   * Its partition is the default partition.
   */
  readonly defaultRegion?: string | undefined;
  /** `DurationSeconds` of assumed sessions, 900..43200. Default {@link DEFAULT_DURATION_SECONDS}. */
  readonly durationSeconds?: number | undefined;
  /**
   * Seconds before expiry at which cached credentials are refreshed, 0..`durationSeconds - 60`.
   * Default {@link DEFAULT_REFRESH_MARGIN_SECONDS}.
   */
  readonly refreshMarginSeconds?: number | undefined;
  /** `ExternalId` sent with every `sts:AssumeRole`, for roles whose trust policy requires one. */
  readonly externalId?: string | undefined;
  /** `maxAttempts` of the STS and service clients (retry mode is always `adaptive`). Default 5. */
  readonly maxAttempts?: number | undefined;
  /**
   * Endpoint URL for STS and every service client (moto, LocalStack). Leave unset in production: the
   * SDK then resolves endpoints itself and honours `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>`.
   */
  readonly endpoint?: string | undefined;
  /**
   * Address S3 buckets by path (`http://host/bucket`) instead of by virtual host. Needed against local
   * emulators such as moto, whose endpoint has no DNS for bucket subdomains; other clients ignore it.
   */
  readonly forcePathStyle?: boolean | undefined;
  /**
   * The caller's own ("base") credentials, used to call STS. Default: the SDK's default provider chain
   * (the Lambda execution role).
   */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
  /**
   * STS client to use instead of creating one per partition: a client (used for every partition) or a
   * factory called once per partition with the region its client should use. For tests and for custom
   * middleware (logging, metrics).
   */
  readonly sts?: STSClient | ((partition: Partition, region: string) => STSClient) | undefined;
  /**
   * What to do when the target is the caller's own account:
   * - `'assume'` (default): assume the role like for any account. Uniform, and the session policy
   *   still restricts the session.
   * - `'base-credentials'`: use the base credentials directly, without `sts:AssumeRole`. Saves a call
   *   and works where the role does not trust its own account, but **the session policy and session
   *   name do not apply**: use it only when the base role is itself least-privilege.
   */
  readonly ownAccount?: 'assume' | 'base-credentials' | undefined;
  /**
   * The caller's account id, for `ownAccount: 'base-credentials'`. Default: found out once with
   * `sts:GetCallerIdentity`.
   */
  readonly callerAccountId?: string | undefined;
  /** Clock, in epoch milliseconds, for credential expiry. Default `Date.now`. For tests. */
  readonly now?: (() => number) | undefined;
}

/** Where to act: an account (plus optional region), or a resource ARN. */
export type Target = AccountTarget | ResourceTarget;

/** A target named by its account id. */
export interface AccountTarget {
  /** The 12-digit member account to act in. */
  readonly accountId: string;
  /** Region of the client. Default: the default region, or the partition's default region. */
  readonly region?: string | undefined;
  /** Partition of the account. Default: the region's partition, else the default partition. */
  readonly partition?: Partition | undefined;
  /** Role to assume in this account, overriding {@link AwsAccessOptions.roleName}. */
  readonly roleName?: string | undefined;
  readonly arn?: never;
}

/**
 * A target named by a resource ARN (e.g. the `Id` of a Security Hub finding resource): partition,
 * account and region are taken from the ARN. For ARNs without an account (S3 buckets) pass `accountId`;
 * for ARNs without a region (IAM, S3) `region` may be given, else the default region is used.
 * Explicit values that contradict the ARN are rejected.
 */
export interface ResourceTarget {
  /** The resource ARN. */
  readonly arn: string;
  /** Account id, required when the ARN has none; must match the ARN's otherwise. */
  readonly accountId?: string | undefined;
  /** Region, for ARNs without one; must match the ARN's otherwise. */
  readonly region?: string | undefined;
  /** Role to assume in this account, overriding {@link AwsAccessOptions.roleName}. */
  readonly roleName?: string | undefined;
  readonly partition?: never;
}

/** What the session is for and what it may do. */
export interface AccessScope {
  /**
   * What the session is for, e.g. `remediate-EC2.2`. Becomes the role session name
   * (`soar-remediate-EC2.2`), visible in the member account's CloudTrail. See {@link sessionName}.
   */
  readonly purpose: string;
  /**
   * The exact IAM actions the session needs, e.g. `['ec2:DescribeSecurityGroups',
   * 'ec2:RevokeSecurityGroupIngress']`. When given, an inline session policy limits the session to
   * them. When omitted (and there are no `statements`), the session has all the permissions of the role.
   */
  readonly actions?: readonly string[] | undefined;
  /** Resources the actions are limited to (ARNs). Default `*`. Requires `actions`. */
  readonly resources?: readonly string[] | undefined;
  /**
   * Instead of `actions` and `resources`: the statements of the session policy, each naming the
   * resources of its actions (and conditions, e.g. `iam:PassedToService` for `iam:PassRole`). For a
   * session that acts on different resource types, so that no action needs `Resource: "*"` unless it
   * has no resource type.
   */
  readonly statements?: readonly SessionPolicyStatement[] | undefined;
  /** Accept `*`/`?` wildcards in `actions`. Default `false`. */
  readonly allowWildcards?: boolean | undefined;
}

/** A target and scope after validation and defaulting: exactly what will be requested from STS. */
export interface ResolvedAccess {
  readonly partition: Partition;
  readonly accountId: string;
  /** Region the client is configured for. */
  readonly region: string;
  readonly roleArn: string;
  readonly sessionName: string;
  /** Packed session policy JSON, or `undefined` when the scope lists no actions and no statements. */
  readonly policy: string | undefined;
}

/**
 * Configuration for an AWS SDK v3 client acting in a member account. Spread it into any client's
 * constructor to add options of your own.
 */
export interface AccessClientConfig {
  readonly region: string;
  /** Resolves (cached) member-account credentials; assumes the role on first use. */
  readonly credentials: AwsCredentialIdentityProvider;
  readonly retryMode: 'adaptive';
  readonly maxAttempts: number;
  /** Present only when {@link AwsAccessOptions.endpoint} is set. */
  readonly endpoint?: string;
  /** Present only when {@link AwsAccessOptions.forcePathStyle} is set (read by S3 clients). */
  readonly forcePathStyle?: boolean;
}

/** Any AWS SDK v3 client class (`EC2Client`, `S3Client`, `SecurityHubClient`, ...). */
export type AwsClientConstructor<C> = new (config: AccessClientConfig) => C;

/** Cross-account AWS SDK v3 client factory. Create one per process (module scope) and reuse it. */
export interface AwsAccess {
  /**
   * A client of `ClientClass` acting in the target account, limited to `scope`. Validates
   * synchronously; credentials are obtained (or taken from the cache) on the client's first call.
   *
   * @throws {@link ValidationError} / {@link InvalidTargetError} for a bad target or scope.
   *
   * @example
   * ```ts
   * const ec2 = access.client(EC2Client, { arn: resource.Id }, {
   *   purpose: 'remediate-EC2.2',
   *   actions: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress'],
   * });
   * await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId, IpPermissions }));
   * ```
   */
  client<C>(ClientClass: AwsClientConstructor<C>, target: Target, scope: AccessScope): C;

  /**
   * The configuration {@link AwsAccess.client} uses, to spread into a client constructor together with
   * options of your own.
   *
   * @example
   * ```ts
   * const s3 = new S3Client({ ...access.clientConfig({ accountId }, scope), forcePathStyle: true });
   * ```
   */
  clientConfig(target: Target, scope: AccessScope): AccessClientConfig;

  /**
   * Member-account credentials for the target and scope, from the cache or a fresh `sts:AssumeRole`.
   *
   * @throws {@link AssumeRoleError} (or its subclass {@link AccessDeniedError}) if STS refuses.
   *
   * @example
   * ```ts
   * // Fail fast, before doing any work, if the account cannot be accessed:
   * await access.credentials({ accountId: '111122223333' }, { purpose: 'preflight' });
   * ```
   */
  credentials(target: Target, scope: AccessScope): Promise<AwsCredentialIdentity>;

  /**
   * Validates and resolves a target and scope without calling AWS: partition, account, region, role
   * ARN, session name and session policy. Useful for logging and dry runs.
   *
   * @example
   * ```ts
   * access.resolve({ arn: 'arn:aws:iam::111122223333:role/x' }, { purpose: 'triage' });
   * // { partition: 'aws', accountId: '111122223333', region: 'us-east-1',
   * //   roleArn: 'arn:aws:iam::111122223333:role/AWSControlTowerExecution',
   * //   sessionName: 'soar-triage', policy: undefined }
   * ```
   */
  resolve(target: Target, scope: AccessScope): ResolvedAccess;

  /**
   * Forgets all cached credentials (and the caller account id).
   *
   * @example
   * ```ts
   * afterEach(() => access.clearCache());
   * ```
   */
  clearCache(): void;
}

/**
 * Creates a cross-account client factory: AWS SDK v3 clients that act in member accounts of an AWS
 * Organization through `sts:AssumeRole`, with
 * - credentials cached per role ARN (account, role, partition), session name and session policy until
 *   `refreshMarginSeconds` before expiry, and concurrent requests sharing one `sts:AssumeRole`;
 * - an inline session policy built from the exact actions the caller needs;
 * - one role session name per purpose (`soar-<purpose>`);
 * - partition and region taken from resource ARNs (`aws`, `aws-cn`, `aws-us-gov`);
 * - `adaptive` retries.
 *
 * Create it once per process (at module scope in a Lambda) so warm invocations reuse credentials.
 *
 * @throws {@link ValidationError} naming the bad option (`options.durationSeconds`, ...).
 *
 * @example
 * ```ts
 * import { EC2Client, type IpPermission, RevokeSecurityGroupIngressCommand } from '@aws-sdk/client-ec2';
 * import { createAwsAccess } from '@soar/aws-access';
 *
 * const access = createAwsAccess({ roleName: 'OrganizationAccountAccessRole' });
 *
 * export async function revokeIngress(securityGroupArn: string, permissions: IpPermission[]) {
 *   const ec2 = access.client(EC2Client, { arn: securityGroupArn }, {
 *     purpose: 'remediate-EC2.2',
 *     actions: ['ec2:RevokeSecurityGroupIngress'],
 *   });
 *   const groupId = securityGroupArn.split('/').at(-1);
 *   await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: permissions }));
 * }
 * ```
 */
export function createAwsAccess(options: AwsAccessOptions = {}): AwsAccess {
  return new CrossAccountAccess(options);
}

class CrossAccountAccess implements AwsAccess {
  readonly #roleName: string;
  readonly #defaultRegion: string;
  readonly #defaultPartition: Partition;
  readonly #durationSeconds: number;
  readonly #externalId: string | undefined;
  readonly #maxAttempts: number;
  readonly #endpoint: string | undefined;
  readonly #forcePathStyle: boolean;
  readonly #credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
  readonly #sts: AwsAccessOptions['sts'];
  readonly #ownAccount: 'assume' | 'base-credentials';
  readonly #callerAccountId: string | undefined;
  readonly #cache: CredentialCache<AwsCredentialIdentity>;
  readonly #stsClients = new Map<Partition, STSClient>();
  #callerAccountLookup: Promise<string> | undefined;

  constructor(options: AwsAccessOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new ValidationError('options', options, 'must be an object');
    }
    this.#roleName = options.roleName ?? DEFAULT_ROLE_NAME;
    assertRoleName(this.#roleName, 'options.roleName');

    const [defaultRegion, regionSource] = defaultRegionOf(options);
    this.#defaultRegion = defaultRegion;
    this.#defaultPartition = partitionOfRegion(defaultRegion, regionSource);

    this.#durationSeconds = options.durationSeconds ?? DEFAULT_DURATION_SECONDS;
    assertInteger(this.#durationSeconds, 'options.durationSeconds', 900, 43_200);
    const refreshMarginSeconds = options.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_SECONDS;
    assertInteger(refreshMarginSeconds, 'options.refreshMarginSeconds', 0, this.#durationSeconds - 60);

    this.#maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    assertInteger(this.#maxAttempts, 'options.maxAttempts', 1, 20);

    this.#externalId = options.externalId;
    if (this.#externalId !== undefined) assertExternalId(this.#externalId, 'options.externalId');

    this.#endpoint = options.endpoint;
    this.#forcePathStyle = options.forcePathStyle === true;
    if (this.#endpoint !== undefined && !URL.canParse(this.#endpoint)) {
      throw new ValidationError('options.endpoint', this.#endpoint, 'must be an absolute URL');
    }

    this.#ownAccount = options.ownAccount ?? 'assume';
    if (this.#ownAccount !== 'assume' && this.#ownAccount !== 'base-credentials') {
      throw new ValidationError(
        'options.ownAccount',
        this.#ownAccount,
        "must be 'assume' or 'base-credentials'",
      );
    }
    this.#callerAccountId = options.callerAccountId;
    if (this.#callerAccountId !== undefined) {
      assertAccountId(this.#callerAccountId, 'options.callerAccountId');
    }

    this.#credentials = options.credentials;
    this.#sts = options.sts;
    this.#cache = new CredentialCache({
      now: options.now ?? Date.now,
      refreshMarginMs: refreshMarginSeconds * 1000,
      // #assumeRole always sets `expiration`; 0 (already expired) is a safe fallback for the type.
      expiresAt: (credentials) => credentials.expiration?.getTime() ?? 0,
    });
  }

  client<C>(ClientClass: AwsClientConstructor<C>, target: Target, scope: AccessScope): C {
    return new ClientClass(this.clientConfig(target, scope));
  }

  clientConfig(target: Target, scope: AccessScope): AccessClientConfig {
    const resolved = this.resolve(target, scope);
    // The SDK passes `forceRefresh: true` when it wants credentials that are not from any cache.
    const credentials: AwsCredentialIdentityProvider = async (properties?: Record<string, unknown>) =>
      this.#credentialsFor(resolved, properties?.['forceRefresh'] === true);
    return {
      region: resolved.region,
      credentials,
      retryMode: 'adaptive',
      maxAttempts: this.#maxAttempts,
      // Only when asked: an explicit endpoint would override AWS_ENDPOINT_URL(_<SERVICE>).
      ...(this.#endpoint === undefined ? {} : { endpoint: this.#endpoint }),
      ...(this.#forcePathStyle ? { forcePathStyle: true } : {}),
    };
  }

  async credentials(target: Target, scope: AccessScope): Promise<AwsCredentialIdentity> {
    return this.#credentialsFor(this.resolve(target, scope), false);
  }

  resolve(target: Target, scope: AccessScope): ResolvedAccess {
    const { partition, accountId, region } = this.#resolveTarget(target);
    const roleName = target.roleName ?? this.#roleName;
    if (target.roleName !== undefined) assertRoleName(roleName, 'target.roleName');

    if (typeof scope !== 'object' || scope === null) {
      throw new ValidationError('scope', scope, 'must be an object with at least a purpose');
    }
    const name = buildSessionName(scope.purpose, undefined, 'scope.purpose', 'scope.accountId');
    if (scope.statements !== undefined && (scope.actions !== undefined || scope.resources !== undefined)) {
      throw new ValidationError(
        'scope.statements',
        scope.statements,
        'cannot be combined with scope.actions or scope.resources; put those in a statement',
      );
    }
    if (scope.actions === undefined && scope.resources !== undefined) {
      throw new ValidationError('scope.resources', scope.resources, 'requires scope.actions');
    }
    const policy =
      scope.statements !== undefined
        ? statementsPolicy(scope.statements, scope.allowWildcards === true, 'scope.')
        : scope.actions === undefined
          ? undefined
          : sessionPolicy(scope.actions, scope.resources, scope.allowWildcards === true, 'scope.');

    return {
      partition,
      accountId,
      region,
      roleArn: roleArn(partition, accountId, roleName),
      sessionName: name,
      policy,
    };
  }

  clearCache(): void {
    this.#cache.clear();
    this.#callerAccountLookup = undefined;
  }

  #resolveTarget(target: Target): { partition: Partition; accountId: string; region: string } {
    if (typeof target !== 'object' || target === null) {
      throw new InvalidTargetError('target', target, 'must be an object with an accountId or an arn');
    }
    if (target.arn !== undefined) {
      const arn = parseArn(target.arn, 'target.arn');
      const accountId = agree('target.accountId', target.accountId, arn.accountId, target.arn);
      if (accountId === undefined) {
        throw new InvalidTargetError(
          'target.accountId',
          undefined,
          `is required because target.arn ${target.arn} does not name an account`,
        );
      }
      assertAccountId(accountId, 'target.accountId');
      const region = agree('target.region', target.region, arn.region, target.arn);
      if (region !== undefined) this.#assertRegionIn(region, arn.partition);
      return { partition: arn.partition, accountId, region: region ?? this.#regionOf(arn.partition) };
    }

    assertAccountId(target.accountId, 'target.accountId');
    if (target.partition !== undefined) assertPartition(target.partition, 'target.partition');
    const partition =
      target.partition ??
      (target.region === undefined
        ? this.#defaultPartition
        : partitionOfRegion(target.region, 'target.region'));
    if (target.region !== undefined) this.#assertRegionIn(target.region, partition);
    return { partition, accountId: target.accountId, region: target.region ?? this.#regionOf(partition) };
  }

  #assertRegionIn(region: string, partition: Partition): void {
    const actual = partitionOfRegion(region, 'target.region');
    if (actual !== partition) {
      throw new InvalidTargetError('target.region', region, `is in partition ${actual}, not ${partition}`);
    }
  }

  /** The region for a partition when nothing else says: the default region if it is in it. */
  #regionOf(partition: Partition): string {
    return partition === this.#defaultPartition ? this.#defaultRegion : PARTITION_DEFAULT_REGIONS[partition];
  }

  async #credentialsFor(resolved: ResolvedAccess, forceRefresh: boolean): Promise<AwsCredentialIdentity> {
    if (
      this.#ownAccount === 'base-credentials' &&
      resolved.partition === this.#defaultPartition &&
      (await this.#callerAccount()) === resolved.accountId
    ) {
      return this.#baseCredentials();
    }
    // Everything that shapes the AssumeRole request; externalId and duration are fixed per instance.
    const key = JSON.stringify([resolved.roleArn, resolved.sessionName, resolved.policy ?? null]);
    return this.#cache.get(key, () => this.#assumeRole(resolved), forceRefresh);
  }

  async #assumeRole(resolved: ResolvedAccess): Promise<AwsCredentialIdentity> {
    const context: AssumeRoleErrorContext = {
      accountId: resolved.accountId,
      roleArn: resolved.roleArn,
      sessionName: resolved.sessionName,
    };
    let response;
    try {
      const { AssumeRoleCommand } = await loadSts();
      const sts = await this.#stsClient(resolved.partition);
      response = await sts.send(
        new AssumeRoleCommand({
          RoleArn: resolved.roleArn,
          RoleSessionName: resolved.sessionName,
          DurationSeconds: this.#durationSeconds,
          ...(resolved.policy === undefined ? {} : { Policy: resolved.policy }),
          ...(this.#externalId === undefined ? {} : { ExternalId: this.#externalId }),
        }),
      );
    } catch (error) {
      throw toAssumeRoleError(error, context);
    }
    const credentials = response.Credentials;
    if (
      credentials?.AccessKeyId === undefined ||
      credentials.SecretAccessKey === undefined ||
      credentials.SessionToken === undefined ||
      credentials.Expiration === undefined
    ) {
      throw new AssumeRoleError(
        `STS returned incomplete credentials for account ${resolved.accountId}`,
        context,
      );
    }
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration,
      accountId: resolved.accountId,
    };
  }

  #callerAccount(): Promise<string> {
    if (this.#callerAccountId !== undefined) return Promise.resolve(this.#callerAccountId);
    if (this.#callerAccountLookup === undefined) {
      const lookup = this.#lookUpCallerAccount();
      this.#callerAccountLookup = lookup;
      // Shared by concurrent callers; forgotten if it fails, so that the next call retries.
      lookup.catch(() => {
        if (this.#callerAccountLookup === lookup) this.#callerAccountLookup = undefined;
      });
    }
    return this.#callerAccountLookup;
  }

  async #lookUpCallerAccount(): Promise<string> {
    let identity;
    try {
      const { GetCallerIdentityCommand } = await loadSts();
      const sts = await this.#stsClient(this.#defaultPartition);
      identity = await sts.send(new GetCallerIdentityCommand({}));
    } catch (error) {
      throw new CallerIdentityError('sts:GetCallerIdentity failed; cannot tell the own account', {
        cause: error,
      });
    }
    if (identity.Account === undefined) {
      throw new CallerIdentityError('sts:GetCallerIdentity returned no Account');
    }
    return identity.Account;
  }

  async #baseCredentials(): Promise<AwsCredentialIdentity> {
    if (this.#credentials === undefined)
      return (await this.#stsClient(this.#defaultPartition)).config.credentials();
    return typeof this.#credentials === 'function' ? this.#credentials() : this.#credentials;
  }

  async #stsClient(partition: Partition): Promise<STSClient> {
    const sts = this.#sts;
    if (sts !== undefined && typeof sts !== 'function') return sts;
    const { STSClient } = await loadSts(); // before the cache check: no await between get and set
    let client = this.#stsClients.get(partition);
    if (client === undefined) {
      const region = this.#regionOf(partition);
      client =
        sts === undefined
          ? new STSClient({
              region,
              retryMode: 'adaptive',
              maxAttempts: this.#maxAttempts,
              ...(this.#credentials === undefined ? {} : { credentials: this.#credentials }),
              ...(this.#endpoint === undefined ? {} : { endpoint: this.#endpoint }),
            })
          : sts(partition, region);
      this.#stsClients.set(partition, client);
    }
    return client;
  }
}

/** The default region and where it came from (for the error if it is invalid). */
function defaultRegionOf(options: AwsAccessOptions): [region: string, source: string] {
  if (options.defaultRegion !== undefined) return [options.defaultRegion, 'options.defaultRegion'];
  for (const variable of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const region = process.env[variable];
    if (region !== undefined && region !== '') return [region, variable];
  }
  return [PARTITION_DEFAULT_REGIONS.aws, 'default region'];
}

/** Picks the one value of `explicit` and `fromArn` that is defined, rejecting a contradiction. */
function agree(field: string, explicit: string | undefined, fromArn: string | undefined, arn: string) {
  if (explicit !== undefined && fromArn !== undefined && explicit !== fromArn) {
    throw new InvalidTargetError(field, explicit, `contradicts target.arn ${arn}, which says ${fromArn}`);
  }
  return explicit ?? fromArn;
}

function toAssumeRoleError(error: unknown, context: AssumeRoleErrorContext): AssumeRoleError {
  const awsErrorName = error instanceof Error ? error.name : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  const withName = { ...context, awsErrorName };
  // STS reports a refused AssumeRole as `AccessDenied` (Query protocol); JSON protocols say `...Exception`.
  if (awsErrorName === 'AccessDenied' || awsErrorName === 'AccessDeniedException') {
    return new AccessDeniedError(
      `Access denied assuming a role in account ${context.accountId}: ${detail}`,
      withName,
      {
        cause: error,
      },
    );
  }
  return new AssumeRoleError(`Could not assume a role in account ${context.accountId}: ${detail}`, withName, {
    cause: error,
  });
}
