/**
 * What the registry gate holds every session policy to: each action names the resources it may touch,
 * in the session's partition, region and account, of a resource type the Service Authorization
 * Reference lists for it. `Resource: "*"` is accepted only for the actions listed in
 * {@link ACTIONS_WITHOUT_RESOURCE_TYPE}, and a wildcard inside an ARN only where
 * {@link ARN_WILDCARDS} says why. A new action fails the gate until it is added to
 * {@link RESOURCE_TYPES} (or to the exceptions), after checking the reference.
 */

/**
 * Actions the Service Authorization Reference gives no resource type: a policy can only allow them on
 * `*`. (Describe calls of EC2, and the EBS default-encryption setting of an account and region.)
 */
export const ACTIONS_WITHOUT_RESOURCE_TYPE: ReadonlySet<string> = new Set([
  'ec2:DescribeAddresses',
  'ec2:DescribeFlowLogs',
  'ec2:DescribeInstances',
  'ec2:DescribeLaunchTemplateVersions',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSecurityGroupRules',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSubnets',
  'ec2:DescribeVpcs',
  'ec2:DescribeRouteTables',
  'ec2:DisableEbsEncryptionByDefault',
  'ec2:EnableEbsEncryptionByDefault',
  'ec2:GetEbsEncryptionByDefault',
  'ecr:GetRegistryScanningConfiguration',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeLoadBalancerAttributes',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeTags',
]);

/**
 * The resource types (the start of the ARN's resource part) each action may name, from the Service
 * Authorization Reference. An S3 bucket ARN's resource part is the bucket name: `''` accepts it.
 */
export const RESOURCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  'dynamodb:DescribeContinuousBackups': ['table/'],
  'dynamodb:ListTagsOfResource': ['table/'],
  'dynamodb:UpdateContinuousBackups': ['table/'],
  'ec2:AuthorizeSecurityGroupEgress': ['security-group/'],
  'ec2:AuthorizeSecurityGroupIngress': ['security-group/'],
  'ec2:CreateFlowLogs': ['vpc/', 'vpc-flow-log/'],
  'ec2:DeleteFlowLogs': ['vpc-flow-log/'],
  'ec2:DeleteSecurityGroup': ['security-group/'],
  'ec2:DescribeInstanceAttribute': ['instance/'],
  'ec2:ModifySubnetAttribute': ['subnet/'],
  'ec2:ReleaseAddress': ['elastic-ip/'],
  'ec2:RevokeSecurityGroupEgress': ['security-group/'],
  'ec2:RevokeSecurityGroupIngress': ['security-group/'],
  'ec2:TerminateInstances': ['instance/'],
  'ecr:DeleteLifecyclePolicy': ['repository/'],
  'ecr:DescribeRepositories': ['repository/'],
  'ecr:GetLifecyclePolicy': ['repository/'],
  'ecr:ListTagsForResource': ['repository/'],
  'ecr:PutImageScanningConfiguration': ['repository/'],
  'ecr:PutImageTagMutability': ['repository/'],
  'ecr:PutLifecyclePolicy': ['repository/'],
  'ecs:DescribeClusters': ['cluster/'],
  'ecs:DescribeServices': ['service/'],
  'ecs:UpdateCluster': ['cluster/'],
  'ecs:UpdateService': ['service/'],
  'elasticloadbalancing:ModifyListener': ['listener/'],
  'elasticloadbalancing:ModifyLoadBalancerAttributes': ['loadbalancer/'],
  'iam:CreateRole': ['role/'],
  'iam:DeleteAccessKey': ['user/'],
  'iam:DeleteLoginProfile': ['user/'],
  'iam:GetAccessKeyLastUsed': ['user/'],
  'iam:GetLoginProfile': ['user/'],
  'iam:GetUser': ['user/'],
  'iam:ListAccessKeys': ['user/'],
  'iam:ListUserTags': ['user/'],
  'iam:TagUser': ['user/'],
  'iam:UntagUser': ['user/'],
  'iam:UpdateAccessKey': ['user/'],
  'iam:GetRole': ['role/'],
  'iam:ListAttachedRolePolicies': ['role/'],
  'iam:ListRolePolicies': ['role/'],
  'iam:PassRole': ['role/'],
  'iam:PutRolePolicy': ['role/'],
  'kms:CreateGrant': ['key/'],
  'kms:DescribeKey': ['key/'],
  'rds:AddTagsToResource': ['snapshot:'],
  'rds:CopyDBClusterSnapshot': ['cluster-snapshot:'],
  'rds:CopyDBSnapshot': ['snapshot:'],
  'rds:DeleteDBClusterSnapshot': ['cluster-snapshot:'],
  'rds:DeleteDBSnapshot': ['snapshot:'],
  'rds:DescribeDBClusterSnapshots': ['cluster-snapshot:'],
  'rds:DescribeDBClusters': ['cluster:'],
  'rds:DescribeDBInstances': ['db:'],
  'rds:DescribeDBSnapshotAttributes': ['snapshot:'],
  'rds:DescribeDBSnapshots': ['snapshot:'],
  'rds:ModifyDBCluster': ['cluster:'],
  'rds:ModifyDBInstance': ['db:'],
  'kms:DisableKeyRotation': ['key/'],
  'kms:EnableKeyRotation': ['key/'],
  'kms:GetKeyRotationStatus': ['key/'],
  'kms:ListResourceTags': ['key/'],
  's3:CreateBucket': [''],
  's3:GetBucketPolicy': [''],
  's3:GetBucketPublicAccessBlock': [''],
  's3:ListBucket': [''],
  's3:PutBucketPolicy': [''],
  's3:PutEncryptionConfiguration': [''],
  's3:GetBucketTagging': [''],
  's3:GetBucketVersioning': [''],
  's3:GetLifecycleConfiguration': [''],
  's3:PutBucketPublicAccessBlock': [''],
  's3:PutLifecycleConfiguration': [''],
};

/**
 * ARNs with a wildcard, per action, and why: a flow log's id exists only once it is created, so
 * creating one (and deleting SOAR's on rollback, found live) names the flow logs of the account and
 * region.
 */
export const ARN_WILDCARDS: Readonly<Record<string, readonly (string | RegExp)[]>> = {
  'ec2:CreateFlowLogs': ['vpc-flow-log/*'],
  'ec2:DeleteFlowLogs': ['vpc-flow-log/*'],
  // The cluster a DB instance belongs to, when the finding does not name it: only the live instance tells.
  'rds:DescribeDBClusters': ['cluster:*'],
  'rds:ModifyDBCluster': ['cluster:*'],
  // RDS uses the key behind alias/aws/rds with the caller's permissions while it copies a snapshot;
  // its id is only known live, so the statement names the account's keys, through RDS only (kms:ViaService).
  'kms:CreateGrant': ['key/*'],
  'kms:DescribeKey': ['key/*'],
  // A listener's id exists only on the live load balancer: the listeners of one named load balancer.
  'elasticloadbalancing:ModifyListener': [/^listener\/app\/[A-Za-z0-9-]+\/[0-9a-f]+\/\*$/],
};

/** Services whose ARNs name no region (IAM) or neither region nor account (S3 buckets). */
const NO_REGION = new Set(['iam', 's3']);
const NO_ACCOUNT = new Set(['s3']);

/** Where the session acts. */
export interface SessionWhere {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

interface Statement {
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * Every way a packed session policy falls short, in words (`[]` when none): `Resource: "*"` for an
 * action that has a resource type, an ARN outside the session's partition, region or account or of
 * a resource type the action does not take, a wildcard not in {@link ARN_WILDCARDS}, `iam:PassRole`
 * without `iam:PassedToService`, an S3 bucket without `s3:ResourceAccount`.
 *
 * @example
 * ```ts
 * policyProblems('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:DeleteSecurityGroup"],"Resource":"*"}]}', where);
 * // ['ec2:DeleteSecurityGroup is allowed on "*", but it has a resource type: name the resource']
 * ```
 */
export function policyProblems(policy: string | undefined, where: SessionWhere): string[] {
  if (policy === undefined) return ['the session has no session policy: it can do all the role can'];
  const statements = (JSON.parse(policy) as { Statement: readonly Statement[] }).Statement;
  const problems: string[] = [];
  for (const statement of statements) {
    const resources = typeof statement.Resource === 'string' ? [statement.Resource] : statement.Resource;
    for (const action of statement.Action) {
      for (const resource of resources) problems.push(...resourceProblems(action, resource, where));
      if (
        action === 'iam:PassRole' &&
        typeof statement.Condition?.['StringEquals']?.['iam:PassedToService'] !== 'string'
      ) {
        problems.push(
          'iam:PassRole has no StringEquals iam:PassedToService condition: it could pass the role to any service',
        );
      }
      if (
        action.startsWith('s3:') &&
        statement.Condition?.['StringEquals']?.['s3:ResourceAccount'] !== where.accountId
      ) {
        problems.push(
          `${action} has no s3:ResourceAccount condition naming ${where.accountId}: a bucket ARN names no account`,
        );
      }
    }
  }
  return problems;
}

function resourceProblems(action: string, resource: string, where: SessionWhere): string[] {
  if (resource === '*') {
    return ACTIONS_WITHOUT_RESOURCE_TYPE.has(action)
      ? []
      : [`${action} is allowed on "*", but it has a resource type: name the resource`];
  }
  if (ACTIONS_WITHOUT_RESOURCE_TYPE.has(action)) {
    return [`${action} has no resource type, so naming ${resource} would refuse it: use "*"`];
  }
  const types = RESOURCE_TYPES[action];
  if (types === undefined) {
    return [
      `${action} is not in RESOURCE_TYPES: add the resource types the Service Authorization Reference lists for it`,
    ];
  }
  const [arn, partition, service, region, account, ...rest] = resource.split(':');
  const path = rest.join(':');
  const problems: string[] = [];
  const expected = {
    partition: where.partition,
    service: action.split(':')[0],
    region: NO_REGION.has(service ?? '') ? '' : where.region,
    account: NO_ACCOUNT.has(service ?? '') ? '' : where.accountId,
  };
  const actual = { partition, service, region, account };
  if (arn !== 'arn') problems.push(`${action} names ${resource}, which is not an ARN`);
  for (const key of ['partition', 'service', 'region', 'account'] as const) {
    if (actual[key] !== expected[key]) {
      problems.push(
        `${action} names ${resource}, whose ${key} is "${actual[key] ?? ''}", not "${expected[key] ?? ''}"`,
      );
    }
  }
  if (!types.some((type) => path.startsWith(type)) || (types.includes('') && path.includes('/'))) {
    problems.push(
      `${action} names ${resource}, not a resource of type ${types.map((t) => t || 'bucket').join(' or ')}`,
    );
  }
  const allowed = (ARN_WILDCARDS[action] ?? []).some((w) =>
    typeof w === 'string' ? w === path : w.test(path),
  );
  if (/[*?]/.test(path) && !allowed) {
    problems.push(
      `${action} names ${resource} with a wildcard: name the resource, or add it to ARN_WILDCARDS with the reason`,
    );
  }
  return problems;
}
