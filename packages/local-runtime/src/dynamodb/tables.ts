import { describeZodIssues } from '@soar/asff-schema';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { contextFor } from '../cloudformation/context';
import {
  isResourceEnabled,
  physicalNameOf,
  resolveIntrinsics,
  type ResolveOptions,
} from '../cloudformation/resolve';
import { type CloudFormationTemplate } from '../cloudformation/template';
import { LocalRuntimeError } from '../errors';

const KeySchemaSchema = z
  .array(z.object({ AttributeName: z.string(), KeyType: z.enum(['HASH', 'RANGE']) }))
  .min(1);
const ProjectionSchema = z
  .object({
    ProjectionType: z.enum(['ALL', 'KEYS_ONLY', 'INCLUDE']).optional(),
    NonKeyAttributes: z.array(z.string()).optional(),
  })
  .optional();
const ThroughputSchema = z
  .looseObject({
    ReadCapacityUnits: z.coerce.number().optional(),
    WriteCapacityUnits: z.coerce.number().optional(),
  })
  .optional();
const IndexSchema = z.looseObject({
  IndexName: z.string(),
  KeySchema: KeySchemaSchema,
  Projection: ProjectionSchema,
  ProvisionedThroughput: ThroughputSchema,
});
const CapacitySettingsSchema = z
  .looseObject({
    WriteCapacityUnits: z.coerce.number().optional(),
    ReadCapacityUnits: z.coerce.number().optional(),
    WriteCapacityAutoScalingSettings: z.looseObject({ MinCapacity: z.coerce.number() }).optional(),
    ReadCapacityAutoScalingSettings: z.looseObject({ MinCapacity: z.coerce.number() }).optional(),
  })
  .optional();

/** The table properties of `AWS::DynamoDB::Table` and `AWS::DynamoDB::GlobalTable` that shape a local table. */
const TablePropertiesSchema = z.looseObject({
  AttributeDefinitions: z
    .array(z.object({ AttributeName: z.string(), AttributeType: z.enum(['S', 'N', 'B']) }))
    .min(1),
  KeySchema: KeySchemaSchema,
  BillingMode: z.enum(['PROVISIONED', 'PAY_PER_REQUEST']).optional(),
  ProvisionedThroughput: ThroughputSchema,
  WriteProvisionedThroughputSettings: CapacitySettingsSchema,
  Replicas: z.array(z.looseObject({ ReadProvisionedThroughputSettings: CapacitySettingsSchema })).optional(),
  GlobalSecondaryIndexes: z.array(IndexSchema).optional(),
  LocalSecondaryIndexes: z.array(IndexSchema).optional(),
});

type TableProperties = z.infer<typeof TablePropertiesSchema>;

const DEFAULT_CAPACITY = 5;

function throughputOf(properties: TableProperties): {
  ReadCapacityUnits: number;
  WriteCapacityUnits: number;
} {
  const write =
    properties.ProvisionedThroughput?.WriteCapacityUnits ??
    properties.WriteProvisionedThroughputSettings?.WriteCapacityUnits ??
    properties.WriteProvisionedThroughputSettings?.WriteCapacityAutoScalingSettings?.MinCapacity ??
    DEFAULT_CAPACITY;
  const replicaRead = properties.Replicas?.[0]?.ReadProvisionedThroughputSettings;
  const read =
    properties.ProvisionedThroughput?.ReadCapacityUnits ??
    replicaRead?.ReadCapacityUnits ??
    replicaRead?.ReadCapacityAutoScalingSettings?.MinCapacity ??
    DEFAULT_CAPACITY;
  return { ReadCapacityUnits: read, WriteCapacityUnits: write };
}

/**
 * The `CreateTable` requests for every `AWS::DynamoDB::Table` and `AWS::DynamoDB::GlobalTable` of a
 * template (key schema, attribute definitions, global and local secondary indexes, billing mode),
 * under the physical name `resolveIntrinsics({ Ref: logicalId })` gives. Settings DynamoDB Local
 * emulators ignore (streams, TTL, encryption, replicas, point-in-time recovery) are left out.
 *
 * @example
 * ```ts
 * createTableInputsOf(template).map((t) => [t.logicalId, t.input.TableName]);
 * // => [['TicketsTableB76A19AF', 'TicketsTableB76A19AF'], ['AccountsTable81C15AE5', 'soar-accounts']]
 * ```
 */
export function createTableInputsOf(
  template: CloudFormationTemplate,
  options: ResolveOptions = {},
): { logicalId: string; input: CreateTableCommandInput }[] {
  const context = contextFor(template, options);
  const inputs: { logicalId: string; input: CreateTableCommandInput }[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::DynamoDB::Table' && resource.Type !== 'AWS::DynamoDB::GlobalTable') continue;
    if (!isResourceEnabled(logicalId, context)) continue;
    const at = `Resources.${logicalId}.Properties`;
    const parsed = TablePropertiesSchema.safeParse(resolveIntrinsics(resource.Properties ?? {}, context, at));
    if (!parsed.success) {
      throw new LocalRuntimeError(
        `Table ${logicalId} cannot be created locally: ${describeZodIssues(parsed.error.issues).join('; ')} (at ${at})`,
        { context: { logicalId, path: at } },
      );
    }
    const properties = parsed.data;
    const onDemand = properties.BillingMode === 'PAY_PER_REQUEST';
    const tableThroughput = throughputOf(properties);
    const indexes = (list: TableProperties['GlobalSecondaryIndexes'], global: boolean) =>
      list?.map((index) => ({
        IndexName: index.IndexName,
        KeySchema: index.KeySchema,
        Projection: index.Projection ?? { ProjectionType: 'ALL' as const },
        ...(global && !onDemand
          ? {
              ProvisionedThroughput: {
                ReadCapacityUnits:
                  index.ProvisionedThroughput?.ReadCapacityUnits ?? tableThroughput.ReadCapacityUnits,
                WriteCapacityUnits:
                  index.ProvisionedThroughput?.WriteCapacityUnits ?? tableThroughput.WriteCapacityUnits,
              },
            }
          : {}),
      }));
    const globalIndexes = indexes(properties.GlobalSecondaryIndexes, true);
    const localIndexes = indexes(properties.LocalSecondaryIndexes, false);
    inputs.push({
      logicalId,
      input: {
        TableName: physicalNameOf(logicalId, context),
        AttributeDefinitions: properties.AttributeDefinitions,
        KeySchema: properties.KeySchema,
        BillingMode: onDemand ? 'PAY_PER_REQUEST' : 'PROVISIONED',
        ...(onDemand ? {} : { ProvisionedThroughput: tableThroughput }),
        ...(globalIndexes === undefined ? {} : { GlobalSecondaryIndexes: globalIndexes }),
        ...(localIndexes === undefined ? {} : { LocalSecondaryIndexes: localIndexes }),
      },
    });
  }
  return inputs;
}

/**
 * Creates every DynamoDB table of a template (see {@link createTableInputsOf}) through `client`,
 * typically one from {@link startEmbeddedDynamoDb}. Idempotent: a table that already exists is left
 * as it is (its items too).
 *
 * @returns logical id → table name, for handler environments and test assertions.
 * @example
 * ```ts
 * const db = await startEmbeddedDynamoDb();
 * const tables = await createTablesFromTemplate(template, db.client());
 * tables['TicketsTableB76A19AF']; // => 'TicketsTableB76A19AF'
 * ```
 */
export async function createTablesFromTemplate(
  template: CloudFormationTemplate,
  client: DynamoDBClient,
  options: ResolveOptions = {},
): Promise<Record<string, string>> {
  const tables: Record<string, string> = {};
  for (const { logicalId, input } of createTableInputsOf(template, options)) {
    const tableName = input.TableName ?? logicalId;
    try {
      await client.send(new CreateTableCommand(input));
    } catch (error) {
      if (!(error instanceof Error && error.name === 'ResourceInUseException')) {
        throw new LocalRuntimeError(`Could not create table ${tableName} for ${logicalId}`, {
          cause: error,
          context: { logicalId },
        });
      }
    }
    tables[logicalId] = tableName;
  }
  return tables;
}
