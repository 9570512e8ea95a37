import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { errorName } from '../../engine/classify';
import { defineControl, type ControlContext, type ReadResult } from '../../engine/control';
import { complianceOf, findingTags } from '../finding';
import { sdk } from '../sdk';

/**
 * Tag key that keeps SOAR from turning on point-in-time recovery for a table, kept from the original
 * remediation (`DYNAMODB_NO_PIT_RECOVERY_TAG`, default `soar:dynamodb:no-pit-recovery`). As in the
 * original, only the key counts: any value, even an empty one, opts the table out. It works in addition
 * to the generic opt-out tag of the runner (`soar:auto-remediation=off`), but through the plan: a tagged
 * table is `refuse`d, so the team gets a ticket explaining why, whatever opt-out key the runner is set to.
 */
export const DYNAMODB_NO_PIT_RECOVERY_TAG = 'soar:dynamodb:no-pit-recovery';

/** Live state of a DynamoDB table, as far as DynamoDB.2 goes. */
export interface DynamoDb2State {
  readonly tableName: string;
  readonly tableArn: string;
  /** `ENABLED` or `DISABLED` (`undefined` if DynamoDB did not say). */
  readonly pointInTimeRecoveryStatus: string | undefined;
  /** Every tag of the table (all pages of `ListTagsOfResource`). */
  readonly tags: Readonly<Record<string, string>>;
}

/** What `apply` needs: the table to turn point-in-time recovery on for. */
export interface DynamoDb2Params {
  readonly tableName: string;
}

/** Where a DynamoDB table lives: its name and ARN, from the finding resource id. */
export function tableOf(context: Pick<ControlContext, 'resource' | 'partition' | 'region' | 'accountId'>): {
  readonly tableName: string;
  readonly tableArn: string;
} {
  const id = context.resource.Id;
  const match = /^(arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/([^/]+))/.exec(id);
  if (match?.[1] !== undefined && match[2] !== undefined) return { tableArn: match[1], tableName: match[2] };
  // Not an ARN: the id is the table name.
  return {
    tableName: id,
    tableArn: `arn:${context.partition}:dynamodb:${context.region}:${context.accountId}:table/${id}`,
  };
}

async function listAllTags(
  client: DynamoDBClient,
  tableArn: string,
): Promise<Readonly<Record<string, string>>> {
  const { ListTagsOfResourceCommand } = await sdk.dynamodb();
  const tags: Record<string, string> = {};
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListTagsOfResourceCommand({
        ResourceArn: tableArn,
        ...(nextToken === undefined ? {} : { NextToken: nextToken }),
      }),
    );
    for (const tag of page.Tags ?? []) {
      if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? '';
    }
    nextToken = page.NextToken === '' ? undefined : page.NextToken;
  } while (nextToken !== undefined);
  return tags;
}

const GONE_ERRORS = new Set(['TableNotFoundException', 'ResourceNotFoundException']);

/**
 * DynamoDB.2: DynamoDB tables should have point-in-time recovery enabled. The fix turns PITR on with
 * the default recovery period (35 days). No downtime; PITR is billed per GB.
 *
 * - A deleted table is `gone` (finding suppressed), whether `DescribeContinuousBackups` says so
 *   (`TableNotFoundException`) or the tag lookup does (`ResourceNotFoundException`; original bug 26
 *   ticketed that case).
 * - A table tagged {@link DYNAMODB_NO_PIT_RECOVERY_TAG} is refused (ticket with the reason); the
 *   generic opt-out tag also works through `tags`.
 * - Undo: `UpdateContinuousBackups` with `PointInTimeRecoveryEnabled: false` (see the before-image).
 * - From the finding (`fromFinding`): ASFF `AwsDynamoDbTable` details do not carry the point-in-time
 *   recovery status, so it comes from the finding's verdict (`Compliance.Status` `FAILED`: off,
 *   `PASSED`: on; any other status is `unknown`); the tags (opt-out and
 *   {@link DYNAMODB_NO_PIT_RECOVERY_TAG}) come from `Resources[].Tags`.
 */
export const dynamodb_2 = defineControl<DynamoDb2State, DynamoDb2Params>({
  controlId: 'DynamoDB.2',
  title: 'DynamoDB tables should have point-in-time recovery enabled',
  fix: 'Turns on point-in-time recovery for the table (default 35-day recovery window).',
  resourceTypes: ['AwsDynamoDbTable'],
  iamActions: [
    'dynamodb:DescribeContinuousBackups',
    'dynamodb:ListTagsOfResource',
    'dynamodb:UpdateContinuousBackups',
  ],
  destructive: false,
  reversible: true,

  async read(context): Promise<ReadResult<DynamoDb2State>> {
    const { tableName, tableArn } = tableOf(context);
    const { DynamoDBClient, DescribeContinuousBackupsCommand } = await sdk.dynamodb();
    const client = context.client(DynamoDBClient);
    try {
      const backups = await client.send(new DescribeContinuousBackupsCommand({ TableName: tableName }));
      const tags = await listAllTags(client, tableArn);
      return {
        kind: 'found',
        state: {
          tableName,
          tableArn,
          pointInTimeRecoveryStatus:
            backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus,
          tags,
        },
      };
    } catch (error) {
      if (GONE_ERRORS.has(errorName(error))) {
        return {
          kind: 'gone',
          reason: `The DynamoDB table ${tableName} no longer exists (${errorName(error)}).`,
        };
      }
      throw error;
    }
  },

  fromFinding(context) {
    const { tableName, tableArn } = tableOf(context);
    const status = complianceOf(context.finding);
    if (status === undefined) {
      return {
        kind: 'unknown',
        reason:
          'The finding has no PASSED or FAILED verdict, and ASFF table details do not include point-in-time ' +
          `recovery. SOAR checks point-in-time recovery of ${tableName} on the live table before it changes anything.`,
      };
    }
    return {
      kind: 'found',
      state: {
        tableName,
        tableArn,
        pointInTimeRecoveryStatus: status === 'PASSED' ? 'ENABLED' : 'DISABLED',
        tags: findingTags(context.resource),
      },
    };
  },

  plan(state) {
    if (state.pointInTimeRecoveryStatus === 'ENABLED') {
      return { kind: 'compliant', reason: `Point-in-time recovery is already on for ${state.tableName}.` };
    }
    if (Object.keys(state.tags).includes(DYNAMODB_NO_PIT_RECOVERY_TAG)) {
      return {
        kind: 'refuse',
        reason:
          `The DynamoDB table ${state.tableName} is tagged ${DYNAMODB_NO_PIT_RECOVERY_TAG}, so SOAR leaves ` +
          'point-in-time recovery off. Remove the tag to let SOAR turn it on, or suppress the finding if the ' +
          'table really needs no backups.',
      };
    }
    return {
      kind: 'changes',
      changes: [
        {
          action: 'dynamodb:UpdateContinuousBackups',
          description:
            `Turned on point-in-time recovery for the DynamoDB table ${state.tableName}: ` +
            'it can now be restored to any second of the last 35 days.',
          params: { tableName: state.tableName },
        },
      ],
      beforeImage: {
        tableArn: state.tableArn,
        tableName: state.tableName,
        pointInTimeRecoveryEnabled: false,
      },
      actionsRequired:
        'Point-in-time recovery is billed by table size. Turn it on in the code or template that manages ' +
        'the table, so the next deployment does not turn it off again.',
    };
  },

  async apply(changes, context) {
    const { DynamoDBClient, UpdateContinuousBackupsCommand } = await sdk.dynamodb();
    const client = context.client(DynamoDBClient);
    for (const change of changes) {
      await client.send(
        new UpdateContinuousBackupsCommand({
          TableName: change.params.tableName,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      );
    }
  },

  tags: (state) => state.tags,
});
