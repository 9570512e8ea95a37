import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { errorName } from '../../engine/classify';
import { defineControl, type ControlContext, type ReadResult } from '../../engine/control';
import { regionalArn } from '../../engine/permissions';
import { arnIdPattern } from '../../engine/resource-id';
import { complianceOf, findingTags } from '../finding';
import { sdk } from '../sdk';
import { TagsSchema } from '../state';

/**
 * Tag key that keeps SOAR from turning on point-in-time recovery for a table, kept from the original
 * remediation (`DYNAMODB_NO_PIT_RECOVERY_TAG`, default `soar:dynamodb:no-pit-recovery`). As in the
 * original, only the key counts: any value, even an empty one, opts the table out. It works in addition
 * to the generic opt-out tag of the runner (`soar:auto-remediation=off`), but through the plan: a tagged
 * table is `refuse`d, so the team gets a ticket explaining why, whatever opt-out key the runner is set to.
 */
export const DYNAMODB_NO_PIT_RECOVERY_TAG = 'soar:dynamodb:no-pit-recovery';

/**
 * Live state of a DynamoDB table, as far as DynamoDB.2 goes: its point-in-time recovery
 * (`DescribeContinuousBackups`) and every tag (all pages of `ListTagsOfResource`).
 * `pointInTimeRecoveryStatus` is absent when DynamoDB does not say; `recoveryPeriodInDays` is the
 * recovery window, when recovery is on and DynamoDB says.
 *
 * @example
 * ```ts
 * DynamoDb2StateSchema.parse({
 *   tableName: 'orders',
 *   tableArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
 *   pointInTimeRecoveryStatus: 'DISABLED',
 *   tags: { 'soar:team': 'payments' },
 * });
 * ```
 */
export const DynamoDb2StateSchema = z.lazy(() =>
  z.strictObject({
    tableName: z.string().min(1),
    tableArn: z.string().min(1),
    pointInTimeRecoveryStatus: z.enum(['ENABLED', 'DISABLED']).optional(),
    recoveryPeriodInDays: z.int().positive().optional(),
    tags: TagsSchema,
  }),
);

/** Live state of DynamoDB.2; inferred from {@link DynamoDb2StateSchema}. */
export type DynamoDb2State = z.infer<typeof DynamoDb2StateSchema>;

/** What `apply` needs: the table to turn point-in-time recovery on for. */
export interface DynamoDb2Params {
  readonly tableName: string;
}

/** The recovery window DynamoDB gives point-in-time recovery turned on without one (SOAR's fix). */
export const DEFAULT_RECOVERY_PERIOD_DAYS = 35;

/**
 * What DynamoDB.2 records before turning on point-in-time recovery: it was off for this table, and
 * SOAR turns it on with the default recovery window (`enabledWithRecoveryPeriodInDays`, added later:
 * older before-images lack it and mean the default).
 *
 * @example
 * ```ts
 * DynamoDb2BeforeImageSchema.parse({
 *   tableArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
 *   tableName: 'orders',
 *   pointInTimeRecoveryEnabled: false,
 *   enabledWithRecoveryPeriodInDays: 35,
 * });
 * ```
 */
export const DynamoDb2BeforeImageSchema = z.lazy(() =>
  z.object({
    tableArn: z.string().min(1),
    tableName: z.string().min(1),
    pointInTimeRecoveryEnabled: z.literal(false),
    enabledWithRecoveryPeriodInDays: z.int().positive().default(DEFAULT_RECOVERY_PERIOD_DAYS),
  }),
);

/** The before-image of DynamoDB.2; inferred from {@link DynamoDb2BeforeImageSchema}. */
export type DynamoDb2BeforeImage = z.infer<typeof DynamoDb2BeforeImageSchema>;

/** `arn:<partition>:dynamodb:<region>:<account>:table/<name>` (an `AwsDynamoDbTable`). */
export const TABLE_ID = arnIdPattern({
  service: 'dynamodb',
  resource: 'table/(?<tableName>[A-Za-z0-9_.-]{3,255})',
  resourceShape: 'table/<name>',
  parts: ['tableName'],
  examples: {
    valid: [
      'arn:aws:dynamodb:eu-west-1:111122223333:table/orders',
      'arn:aws:dynamodb:eu-west-1:111122223333:table/Orders_v2.1',
    ],
    invalid: [
      'orders',
      'arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/2026-01-01T00:00:00.000',
      'arn:aws:dynamodb:eu-west-1:111122223333:table/ab',
    ],
  },
});

/** Where a DynamoDB table lives: its name and ARN, from the finding resource id (matched by the engine before). */
export function tableOf(context: Pick<ControlContext, 'resource'>): {
  readonly tableName: string;
  readonly tableArn: string;
} {
  return { tableName: TABLE_ID.partsOf(context.resource.Id).tableName, tableArn: context.resource.Id };
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
 *   (`TableNotFoundException`) or the tag lookup does (`ResourceNotFoundException`; the original
 *   ticketed that case).
 * - A table tagged {@link DYNAMODB_NO_PIT_RECOVERY_TAG} is refused (ticket with the reason); the
 *   generic opt-out tag also works through `tags`.
 * - Undo: `UpdateContinuousBackups` with `PointInTimeRecoveryEnabled: false` (see the before-image).
 * - Rollback: turns point-in-time recovery off again (its restore points are lost);
 *   `already_as_before` when it is off. Refused when the before-image is of another table, or when
 *   the recovery window is no longer the one SOAR turned on (someone set it since, so they rely on
 *   the backups: SOAR does not throw them away).
 * - From the finding (`fromFinding`): ASFF `AwsDynamoDbTable` details do not carry the point-in-time
 *   recovery status, so it comes from the finding's verdict (`Compliance.Status` `FAILED`: off,
 *   `PASSED`: on; any other status is `unknown`); the tags (opt-out and
 *   {@link DYNAMODB_NO_PIT_RECOVERY_TAG}) come from `Resources[].Tags`.
 */
export const dynamodb_2 = defineControl<
  DynamoDb2State,
  DynamoDb2Params,
  DynamoDb2BeforeImage,
  DynamoDb2Params
>({
  controlId: 'DynamoDB.2',
  title: 'DynamoDB tables should have point-in-time recovery enabled',
  fix: 'Turns on point-in-time recovery for the table (default 35-day recovery window).',
  resourceIds: { AwsDynamoDbTable: TABLE_ID },
  iamActions: [
    'dynamodb:DescribeContinuousBackups',
    'dynamodb:ListTagsOfResource',
    'dynamodb:UpdateContinuousBackups',
  ],
  // Every call names the table, so the session can touch this table only.
  permissions: (context) => [
    {
      actions: [
        'dynamodb:DescribeContinuousBackups',
        'dynamodb:ListTagsOfResource',
        'dynamodb:UpdateContinuousBackups',
      ],
      resources: [regionalArn(context, 'dynamodb', `table/${tableOf(context).tableName}`)],
    },
  ],
  destructive: false,
  reversible: true,
  stateSchema: DynamoDb2StateSchema,

  async read(context): Promise<ReadResult<DynamoDb2State>> {
    const { tableName, tableArn } = tableOf(context);
    const { DynamoDBClient, DescribeContinuousBackupsCommand } = await sdk.dynamodb();
    const client = context.client(DynamoDBClient);
    try {
      const backups = await client.send(new DescribeContinuousBackupsCommand({ TableName: tableName }));
      const tags = await listAllTags(client, tableArn);
      const pitr = backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
      return {
        kind: 'found',
        state: {
          tableName,
          tableArn,
          pointInTimeRecoveryStatus: pitr?.PointInTimeRecoveryStatus,
          ...(pitr?.RecoveryPeriodInDays === undefined
            ? {}
            : { recoveryPeriodInDays: pitr.RecoveryPeriodInDays }),
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
        enabledWithRecoveryPeriodInDays: DEFAULT_RECOVERY_PERIOD_DAYS,
      } satisfies DynamoDb2BeforeImage,
      actionsRequired:
        'Point-in-time recovery is billed by table size. Turn it on in the code or template that manages ' +
        'the table, so the next deployment does not turn it off again.',
    };
  },

  apply: (changes, context) => setPointInTimeRecovery(changes, context, true),

  tags: (state) => state.tags,

  rollback: {
    readActions: ['dynamodb:DescribeContinuousBackups', 'dynamodb:ListTagsOfResource'],
    iamActions: ['dynamodb:UpdateContinuousBackups'],
    beforeImage: DynamoDb2BeforeImageSchema,
    plan(before, state) {
      const table = state.tableName;
      if (before.tableArn !== state.tableArn) {
        return {
          kind: 'refuse',
          reason: `The before-image is of the DynamoDB table ${before.tableArn}, not ${state.tableArn}, so SOAR changed nothing.`,
        };
      }
      if (state.pointInTimeRecoveryStatus === 'DISABLED') {
        return {
          kind: 'already_as_before',
          reason: `Point-in-time recovery is already off for the DynamoDB table ${table}, as before SOAR's fix.`,
        };
      }
      if (state.pointInTimeRecoveryStatus !== 'ENABLED') {
        return {
          kind: 'refuse',
          reason:
            `DynamoDB does not say whether point-in-time recovery is on for the table ${table} ` +
            `(status ${state.pointInTimeRecoveryStatus ?? 'unknown'}), so SOAR changed nothing.`,
        };
      }
      const period = state.recoveryPeriodInDays;
      if (period !== undefined && period !== before.enabledWithRecoveryPeriodInDays) {
        return {
          kind: 'refuse',
          reason:
            `Point-in-time recovery of the DynamoDB table ${table} now keeps ${period} days, not the ` +
            `${before.enabledWithRecoveryPeriodInDays} days SOAR turned on: someone has set it since and may rely on ` +
            'the backups, so SOAR left it on. Turn it off yourself if it is really not needed.',
        };
      }
      return {
        kind: 'changes',
        changes: [
          {
            action: 'dynamodb:UpdateContinuousBackups',
            description:
              `Turned point-in-time recovery back off for the DynamoDB table ${table}, as before SOAR's fix: ` +
              'it can no longer be restored to an earlier second.',
            params: { tableName: table },
          },
        ],
        actionsRequired:
          'The restore points of point-in-time recovery are gone; on-demand backups are kept. ' +
          'DynamoDB.2 fails again for this table.',
      };
    },
    apply: (changes, context) => setPointInTimeRecovery(changes, context, false),
  },
});

/** Turns point-in-time recovery on (the fix) or off (its rollback) for each planned table. */
async function setPointInTimeRecovery(
  changes: readonly { readonly params: { readonly tableName: string } }[],
  context: ControlContext,
  enabled: boolean,
): Promise<void> {
  const { DynamoDBClient, UpdateContinuousBackupsCommand } = await sdk.dynamodb();
  const client = context.client(DynamoDBClient);
  for (const change of changes) {
    await client.send(
      new UpdateContinuousBackupsCommand({
        TableName: change.params.tableName,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: enabled },
      }),
    );
  }
}
