import {
  CreateDBClusterCommand,
  CreateDBInstanceCommand,
  CreateDBSnapshotCommand,
  type CreateDBInstanceMessage,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import type { AwsAccess } from '@soar/aws-access';
import type { FindingResource } from '../src/engine/control';
import { canonical, MEMBER_ACCOUNT, REGION } from './remediation-harness';

/** Shared by the RDS scenarios and moto tests: DB instances and clusters in the member account. */

/** An RDS client acting in the member account. */
export function memberRds(access: AwsAccess, purpose = 'arrange'): RDSClient {
  return access.client(RDSClient, { accountId: MEMBER_ACCOUNT, region: REGION }, { purpose });
}

let counter = 0;
/** A fresh identifier (moto keeps instances across tests of one server). */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** The finding resource of a DB instance. */
export function instanceResource(instanceId: string): FindingResource {
  return {
    Type: 'AwsRdsDbInstance',
    Id: `arn:aws:rds:${REGION}:${MEMBER_ACCOUNT}:db:${instanceId}`,
    Partition: 'aws',
    Region: REGION,
  };
}

/** Creates a standalone PostgreSQL DB instance with the given settings; returns its finding resource. */
export async function arrangeInstance(
  access: AwsAccess,
  settings: Partial<CreateDBInstanceMessage> = {},
): Promise<FindingResource> {
  const instanceId = uniqueId('soar-db');
  await memberRds(access).send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: instanceId,
      Engine: 'postgres',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: 20,
      MasterUsername: 'soar',
      MasterUserPassword: 'not-a-real-password-1',
      ...settings,
    }),
  );
  return instanceResource(instanceId);
}

/** Creates an Aurora PostgreSQL cluster with one instance; returns the instance's finding resource and the cluster id. */
export async function arrangeAuroraMember(
  access: AwsAccess,
  cluster: { readonly BackupRetentionPeriod?: number; readonly CopyTagsToSnapshot?: boolean } = {},
): Promise<{ readonly resource: FindingResource; readonly clusterId: string }> {
  const clusterId = uniqueId('soar-aurora');
  const rds = memberRds(access);
  await rds.send(
    new CreateDBClusterCommand({
      DBClusterIdentifier: clusterId,
      Engine: 'aurora-postgresql',
      MasterUsername: 'soar',
      MasterUserPassword: 'not-a-real-password-1',
      ...cluster,
    }),
  );
  const instanceId = `${clusterId}-1`;
  await rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: instanceId,
      Engine: 'aurora-postgresql',
      DBInstanceClass: 'db.r6g.large',
      DBClusterIdentifier: clusterId,
    }),
  );
  return { resource: instanceResource(instanceId), clusterId };
}

/** The live DB instance of a finding resource. */
export async function liveInstance(access: AwsAccess, resource: FindingResource) {
  const id = resource.Id.slice(resource.Id.lastIndexOf(':') + 1);
  const out = await memberRds(access, 'observe').send(
    new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }),
  );
  const db = out.DBInstances?.[0];
  if (db === undefined) throw new Error(`${id} is not in moto`);
  return db;
}

/** The live DB cluster. */
export async function liveCluster(access: AwsAccess, clusterId: string) {
  const out = await memberRds(access, 'observe').send(
    new DescribeDBClustersCommand({ DBClusterIdentifier: clusterId }),
  );
  const cluster = out.DBClusters?.[0];
  if (cluster === undefined) throw new Error(`${clusterId} is not in moto`);
  return cluster;
}

/** The settings the RDS controls change, of the instance, canonical (for rollback comparisons). */
export async function observeInstance(access: AwsAccess, resource: FindingResource): Promise<unknown> {
  const db = await liveInstance(access, resource);
  return canonical({
    PubliclyAccessible: db.PubliclyAccessible,
    BackupRetentionPeriod: db.BackupRetentionPeriod,
    AutoMinorVersionUpgrade: db.AutoMinorVersionUpgrade,
    CopyTagsToSnapshot: db.CopyTagsToSnapshot,
    MonitoringInterval: db.MonitoringInterval ?? 0,
    EnabledCloudwatchLogsExports: db.EnabledCloudwatchLogsExports ?? [],
  });
}

/** Creates a standalone instance and a manual, unencrypted DB snapshot of it; returns the snapshot's finding resource. */
export async function arrangeManualSnapshot(access: AwsAccess): Promise<FindingResource> {
  const instance = await arrangeInstance(access);
  const instanceId = instance.Id.slice(instance.Id.lastIndexOf(':') + 1);
  const snapshotId = uniqueId('soar-snap');
  await memberRds(access).send(
    new CreateDBSnapshotCommand({ DBSnapshotIdentifier: snapshotId, DBInstanceIdentifier: instanceId }),
  );
  return {
    Type: 'AwsRdsDbSnapshot',
    Id: `arn:aws:rds:${REGION}:${MEMBER_ACCOUNT}:snapshot:${snapshotId}`,
    Partition: 'aws',
    Region: REGION,
  };
}
