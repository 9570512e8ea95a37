import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { acknowledge, failureAlarm, SOAR_METRIC_NAMESPACE } from '@soar/constructs';
import { FAILURE_RECORDED_LOG_MESSAGE } from '@soar/workflow/aws';
import { CHANNEL_NAMES, type ChannelName, type ChannelsConfig } from '@soar/workflow/config';
import { Construct } from 'constructs';

/** What each channel's secret holds, for the description of a secret the stack creates. */
export const CHANNEL_SECRET_SHAPE: Readonly<Record<ChannelName, string>> = {
  slack: '{"webhookUrl":"https://hooks.slack.com/services/…"}',
  teams: '{"webhookUrl":"https://….logic.azure.com/…"}',
  sentinel:
    '{"tenantId":"…","clientId":"…","clientSecret":"…","endpoint":"https://….ingest.monitor.azure.com",' +
    '"dcrImmutableId":"dcr-…","streamName":"Custom-…"}',
};

/** The step name of a remediation history row that could not be written (see `remediateStep`). */
const HISTORY_FAILURE_STEP = 'remediation-history';

/** The alarm on channel failures (a Slack, Teams or Sentinel delivery that failed after its retries). */
export const CHANNEL_FAILURES_ALARM_NAME = 'INFRA-SOAR-Channel-Failures-MEDIUM';

/** A function whose failure rows are counted: its log group and its role. */
interface SendingFunction extends lambda.IFunction {
  readonly logGroup: logs.ILogGroup;
}

/**
 * The optional channels of the app configuration (Slack, Teams, Sentinel): each channel's secret
 * (the configured one, or a new one to fill in: webhook URLs and Entra credentials are never in
 * plain parameters or `SOAR_CONFIG`), the channels as the functions see them (`runtime`), the
 * permission to read only those secrets, and one alarm on the failure rows the sending functions
 * write when a channel fails after its retries.
 */
export class SoarChannels extends Construct {
  /** The secret of each configured channel. */
  public readonly secrets: Readonly<Partial<Record<ChannelName, secretsmanager.ISecret>>>;
  /** `channels` of `SOAR_CONFIG`: each configured channel with its secret's ARN. */
  public readonly runtime: ChannelsConfig;
  readonly #metricName = 'ChannelFailures';
  #alarmed = false;

  public constructor(scope: Construct, id: string, props: { readonly channels: ChannelsConfig }) {
    super(scope, id);
    const secrets: Partial<Record<ChannelName, secretsmanager.ISecret>> = {};
    const runtime: { -readonly [K in ChannelName]?: ChannelsConfig[K] } = {};
    for (const name of CHANNEL_NAMES) {
      const channel = props.channels[name];
      if (channel === undefined) continue;
      const secret = this.secretOf(name, channel.secretId);
      secrets[name] = secret;
      Object.assign(runtime, { [name]: { ...channel, secretId: secret.secretArn } });
    }
    this.secrets = secrets;
    this.runtime = runtime;
  }

  /** Whether any channel is configured. */
  public get enabled(): boolean {
    return Object.keys(this.secrets).length > 0;
  }

  /**
   * Lets a function send through the channels: `secretsmanager:GetSecretValue` on the channels'
   * secrets only. Nothing when no channel is configured.
   */
  public grantSend(fn: SendingFunction): void {
    const arns = Object.values(this.secrets).map(secretArnPattern);
    if (arns.length === 0) return;
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: arns }),
    );
    if (arns.some((arn) => arn.endsWith('-??????'))) {
      acknowledge(
        fn,
        'IAM5',
        'A channel secret configured by name is matched with the six-character suffix Secrets Manager adds to ' +
          'every secret ARN; give its complete ARN to avoid the wildcard.',
      );
    }
  }

  /**
   * Counts the failure rows a function writes without failing (its `Failure recorded` log lines: a
   * channel, or a remediation history row, that failed) in one metric, and alarms on it.
   */
  public countFailures(fn: SendingFunction): void {
    new logs.MetricFilter(this, `${fn.node.id}Failures`, {
      logGroup: fn.logGroup,
      // Only the rows of a channel or of the history: a function's other failures have alarms of their own.
      filterPattern: logs.FilterPattern.all(
        logs.FilterPattern.stringValue('$.message', '=', FAILURE_RECORDED_LOG_MESSAGE),
        logs.FilterPattern.any(
          ...[...CHANNEL_NAMES, HISTORY_FAILURE_STEP].map((step) =>
            logs.FilterPattern.stringValue('$.step', '=', step),
          ),
        ),
      ),
      metricNamespace: SOAR_METRIC_NAMESPACE,
      metricName: this.#metricName,
      metricValue: '1',
      defaultValue: 0,
    });
    if (this.#alarmed) return;
    this.#alarmed = true;
    failureAlarm(this, 'FailuresAlarm', {
      alarmName: CHANNEL_FAILURES_ALARM_NAME,
      description:
        'A copy of a SOAR message (Slack, Teams) or a Sentinel export was not delivered after its retries ' +
        '(the email went out), or a remediation outcome was not kept in the history. The failures table has ' +
        'a row whose step names the channel (slack, teams, sentinel) or remediation-history.',
      metric: new cloudwatch.Metric({
        namespace: SOAR_METRIC_NAMESPACE,
        metricName: this.#metricName,
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
    });
  }

  private secretOf(name: ChannelName, secretId: string | undefined): secretsmanager.ISecret {
    const id = `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}Secret`;
    if (secretId === undefined) {
      const secret = new secretsmanager.Secret(this, id, {
        description: `SOAR ${name} channel: set the value to ${CHANNEL_SECRET_SHAPE[name]}.`,
      });
      acknowledge(
        secret,
        'SMG4',
        `The secret holds a credential ${name === 'sentinel' ? 'Entra ID issues (an app secret)' : 'the chat service issues (a webhook URL)'}; ` +
          'Secrets Manager cannot rotate it. Rotate it there and update the secret value.',
      );
      return secret;
    }
    return secretId.startsWith('arn:')
      ? secretsmanager.Secret.fromSecretCompleteArn(this, id, secretId)
      : secretsmanager.Secret.fromSecretNameV2(this, id, secretId);
  }
}

/** A secret's ARN for a policy: a secret known by name only gets Secrets Manager's six-character suffix. */
function secretArnPattern(secret: secretsmanager.ISecret): string {
  return secret.secretFullArn ?? `${secret.secretArn}-??????`;
}
