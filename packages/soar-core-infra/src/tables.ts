import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { TICKET_INDEXES } from '@soar/tickets/store';
import { ENABLED_CONTROLS_TABLE } from '@soar/security-hub/controls';
import { HISTORY_TABLE } from '@soar/history';
import { Construct } from 'constructs';

/** SOAR's tables, by the key the runtime configuration names them with (`RuntimeConfig['tables']`). */
export interface SoarTableSet {
  readonly tickets: dynamodb.TableV2;
  readonly enabledControls: dynamodb.TableV2;
  readonly controlSuppressions: dynamodb.TableV2;
  readonly remediableControls: dynamodb.TableV2;
  readonly remediationExclusions: dynamodb.TableV2;
  readonly accounts: dynamodb.TableV2;
  readonly failures: dynamodb.TableV2;
  readonly watermarks: dynamodb.TableV2;
  readonly remediationHistory: dynamodb.TableV2;
  readonly incidentLog: dynamodb.TableV2;
}

const S = dynamodb.AttributeType.STRING;

/**
 * The DynamoDB tables, each designed for the queries of the library that owns it: on-demand,
 * point-in-time recovery, encrypted with the AWS managed key, generated names (so several stacks can
 * share an account and region). No index has a constant partition key, which would make it one hot
 * partition.
 */
export class SoarTables extends Construct {
  public readonly tables: SoarTableSet;

  public constructor(scope: Construct, id: string, props: { readonly retainData: boolean }) {
    super(scope, id);
    const common = {
      partitionKey: { name: 'id', type: S },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    } as const;
    const gsi = (indexName: string, hash: string, range: string): dynamodb.GlobalSecondaryIndexPropsV2 => ({
      indexName,
      partitionKey: { name: hash, type: S },
      sortKey: { name: range, type: S },
    });

    const history = {
      ...common,
      timeToLiveAttribute: 'expires_at',
      globalSecondaryIndexes: [
        gsi(HISTORY_TABLE.dayIndexName, HISTORY_TABLE.dayAttribute, HISTORY_TABLE.atAttribute),
      ],
    };

    this.tables = {
      // @soar/ticketing: one row per finding; overdue, per-account and per-account-by-time indexes.
      tickets: new dynamodb.TableV2(this, 'Tickets', {
        ...common,
        timeToLiveAttribute: 'expires_at',
        globalSecondaryIndexes: [
          gsi(TICKET_INDEXES.openByDue, 'open_shard', 'open_due_at'),
          gsi(TICKET_INDEXES.openByAccount, 'account_id', 'open_severity_at'),
          gsi(TICKET_INDEXES.byAccount, 'account_id', 'opened_at'),
        ],
      }),
      // @soar/triage: `<account>#<control>` rows, listed per account by the sync.
      enabledControls: new dynamodb.TableV2(this, 'EnabledControls', {
        ...common,
        globalSecondaryIndexes: [
          gsi(
            ENABLED_CONTROLS_TABLE.accountIndexName,
            ENABLED_CONTROLS_TABLE.accountAttribute,
            ENABLED_CONTROLS_TABLE.controlAttribute,
          ),
        ],
      }),
      controlSuppressions: new dynamodb.TableV2(this, 'ControlSuppressions', common),
      remediableControls: new dynamodb.TableV2(this, 'RemediableControls', common),
      remediationExclusions: new dynamodb.TableV2(this, 'RemediationExclusions', common),
      accounts: new dynamodb.TableV2(this, 'AccountCache', { ...common, timeToLiveAttribute: 'expires_at' }),
      failures: new dynamodb.TableV2(this, 'Failures', { ...common, timeToLiveAttribute: 'expires_at' }),
      // @soar/workflow: one row per finding, the newest event acted on (conditional writes only).
      watermarks: new dynamodb.TableV2(this, 'Watermarks', { ...common, timeToLiveAttribute: 'expires_at' }),
      // @soar/history: one row per remediation outcome (keyed by event), listed day by day; kept a year.
      remediationHistory: new dynamodb.TableV2(this, 'RemediationHistory', history),
      // @soar/history: one row per incident, ticketed or not (keyed by event), listed day by day.
      incidentLog: new dynamodb.TableV2(this, 'IncidentLog', history),
    };
  }

  /** The tables' names, by the key the runtime configuration gives them (`RuntimeConfig['tables']`). */
  public get names(): Readonly<Record<keyof SoarTableSet, string>> {
    const entries = Object.entries(this.tables) as [keyof SoarTableSet, dynamodb.TableV2][];
    return Object.fromEntries(entries.map(([key, table]) => [key, table.tableName])) as Record<
      keyof SoarTableSet,
      string
    >;
  }
}
