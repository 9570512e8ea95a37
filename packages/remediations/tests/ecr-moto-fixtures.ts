import {
  CreateRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  type Repository,
} from '@aws-sdk/client-ecr';
import type { AwsAccess } from '@soar/aws-access';
import type { FindingResource } from '../src/engine/control';
import { MEMBER_ACCOUNT, REGION } from './remediation-harness';

/** Shared by the ECR scenarios and moto tests: the member account's ECR client and repositories. */

export function memberEcr(access: AwsAccess, purpose = 'test'): ECRClient {
  return access.client(ECRClient, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose });
}

/** The finding resource of a repository of the member account. */
export function repositoryResource(name: string): FindingResource {
  return {
    Type: 'AwsEcrRepository',
    Id: `arn:aws:ecr:${REGION}:${MEMBER_ACCOUNT}:repository/${name}`,
    Partition: 'aws',
    Region: REGION,
  };
}

/** Creates a repository with ECR's defaults (mutable tags, no scan on push, no lifecycle policy). */
export async function createRepository(access: AwsAccess, name: string): Promise<FindingResource> {
  await memberEcr(access, 'arrange').send(
    new CreateRepositoryCommand({ repositoryName: name, tags: [{ Key: 'team', Value: 'payments' }] }),
  );
  return repositoryResource(name);
}

/** The repository's name from its finding resource. */
export function repositoryNameOf(resource: FindingResource): string {
  return resource.Id.slice(resource.Id.indexOf(':repository/') + ':repository/'.length);
}

/** The live repository, as DescribeRepositories returns it. */
export async function liveRepository(
  access: AwsAccess,
  resource: FindingResource,
): Promise<Repository | undefined> {
  const { repositories } = await memberEcr(access).send(
    new DescribeRepositoriesCommand({ repositoryNames: [repositoryNameOf(resource)] }),
  );
  return repositories?.[0];
}
