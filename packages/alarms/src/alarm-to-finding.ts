import {
  type AsffValidationError,
  type AwsSecurityFinding,
  type CloudWatchAlarmStateChangeEvent,
  parseArn,
  type Resource,
  safeParseAlarmStateChangeEvent,
} from '@soar/asff-schema';

import { type AlarmFacts, alarmFacts } from './alarm-facts';
import { type AlarmFindingConfig, DEFAULT_ALARM_FINDING_CONFIG } from './config';
import { AlarmEventError, type AlarmEventIssue } from './errors';
import { monitoredResources, type AlarmLocation } from './monitored-resources';
import {
  ALARM_SEVERITIES,
  type AlarmNameClassification,
  classifyAlarmName,
  INCIDENT_DOMAINS,
} from './naming';
import {
  boundedJsonArray,
  boundedJsonObject,
  boundedStringMap,
  OTHER_DETAILS_LIMITS,
  PRODUCT_FIELDS_LIMITS,
  truncate,
} from './string-map';
import { normalizeTimestamp } from './timestamps';

/** The ASFF schema version of every finding. */
export const ASFF_SCHEMA_VERSION = '2018-10-08';
/** `ProductFields.TicketDestination` of every alarm finding: the team that owns the account. */
export const TICKET_DESTINATION = 'TEAM';
/** Longest alarm name CloudWatch allows (`AlarmName`: 1-255 characters). */
export const MAX_ALARM_NAME_LENGTH = 255;
/** Longest finding `Description` Security Hub accepts. */
export const MAX_DESCRIPTION_LENGTH = 1024;

/** The prefix of every alarm key in `ProductFields`. */
export const PRODUCT_FIELD_PREFIX = 'soar/alarm/';

/** Why an alarm event makes no finding. */
export type IgnoredReason = 'not-in-alarm' | 'suppressed';

/** What {@link alarmToFinding} made of an event. */
export type AlarmToFindingResult =
  | {
      readonly kind: 'finding';
      readonly finding: AwsSecurityFinding;
      /** Where the finding belongs: the alarm's account and region (import it there). */
      readonly target: { readonly accountId: string; readonly region: string };
      /** What the name said: severity, domain and where each came from. */
      readonly classification: AlarmNameClassification;
      /** Plain sentences for the log: the name does not follow the convention, a value was cut. */
      readonly warnings: readonly string[];
    }
  | {
      readonly kind: 'ignored';
      readonly code: IgnoredReason;
      /** A plain sentence for the log. */
      readonly reason: string;
      readonly alarmName: string;
      readonly accountId: string;
      readonly region: string;
    };

/** A region name such as `eu-west-1` or `us-gov-west-1`, at most 30 characters (AWS's are under 20). */
const REGION = /^(?=.{1,30}$)[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;
/** A partition name such as `aws` or `aws-us-gov`, at most 16 characters. */
const PARTITION = /^aws(?:-[a-z0-9]+)*$/;

/** The partition of a region, for events whose `resources` do not name the alarm ARN. */
function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

/**
 * The deterministic finding id of one ALARM transition: the alarm ARN and the state-change time, so
 * a re-delivery of the event (an EventBridge or Lambda retry, a replay, a forwarder that delivers
 * twice) imports the same finding again, and two transitions into ALARM are two findings. With the
 * limits {@link alarmToFinding} enforces (name ≤ 255, region ≤ 30, partition ≤ 16 characters) it is
 * under 400 characters; Security Hub allows 512.
 *
 * @example
 * ```ts
 * alarmFindingId('arn:aws:cloudwatch:eu-west-1:111122223333:alarm:INFRA-X-HIGH', '2026-11-20T10:15:30.123Z');
 * // 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:INFRA-X-HIGH/ALARM/2026-11-20T10:15:30.123Z'
 * ```
 */
export function alarmFindingId(alarmArn: string, stateTimestamp: string): string {
  return `${alarmArn}/ALARM/${stateTimestamp}`;
}

function fail(path: string, message: string, event: CloudWatchAlarmStateChangeEvent): never {
  throw new AlarmEventError([{ path, message }], {
    context: { accountId: event.account, alarmName: event.detail.alarmName, eventId: event.id },
  });
}

function fromValidation(error: AsffValidationError): AlarmEventError {
  const issues: AlarmEventIssue[] = error.issues.map((issue) => ({
    path: issue.path,
    message: issue.message,
  }));
  const [first, ...rest] = issues;
  return new AlarmEventError(
    first === undefined ? [{ path: '', message: error.message }] : [first, ...rest],
    {
      cause: error,
      context: { accountId: error.accountId },
    },
  );
}

/** The alarm's ARN: the one in `resources` (CloudWatch always sends it), else built from the event. */
function alarmArnOf(event: CloudWatchAlarmStateChangeEvent): { arn: string; partition: string } {
  const { account, region, detail } = event;
  if (event.resources.length === 0) {
    const partition = partitionOfRegion(region);
    return { arn: `arn:${partition}:cloudwatch:${region}:${account}:alarm:${detail.alarmName}`, partition };
  }
  for (const candidate of event.resources) {
    const parsed = parseArn(candidate);
    if (
      parsed !== undefined &&
      parsed.partition.length <= 16 &&
      PARTITION.test(parsed.partition) &&
      candidate === `arn:${parsed.partition}:cloudwatch:${region}:${account}:alarm:${detail.alarmName}`
    ) {
      return { arn: candidate, partition: parsed.partition };
    }
  }
  return fail(
    'resources',
    'names no ARN of this alarm (arn:<partition>:cloudwatch:<region>:<account>:alarm:<alarmName>)',
    event,
  );
}

const json = (value: readonly unknown[], max: number) =>
  value.length === 0 ? undefined : boundedJsonArray(value, max);
const num = (value: number | undefined) => (value === undefined ? undefined : String(value));

/** The alarm's facts as `[name, value]` pairs in priority order, shared by ProductFields and Details.Other. */
function factEntries(
  facts: AlarmFacts,
  detail: CloudWatchAlarmStateChangeEvent['detail'],
  max: number,
): [string, string | undefined][] {
  const { metric, evaluation } = facts;
  return [
    ['namespace', metric?.namespace],
    ['metricName', metric?.metricName],
    [
      'dimensions',
      metric?.dimensions === undefined || Object.keys(metric.dimensions).length === 0
        ? undefined
        : boundedJsonObject(metric.dimensions, max),
    ],
    ['metricAccountId', metric?.accountId],
    ['expression', facts.expression],
    ['statistic', evaluation.statistic],
    ['period', num(evaluation.period)],
    ['threshold', num(evaluation.threshold)],
    ['thresholdMetricId', evaluation.thresholdMetricId],
    ['comparisonOperator', evaluation.comparisonOperator],
    ['evaluationPeriods', num(evaluation.evaluationPeriods)],
    ['datapointsToAlarm', num(evaluation.datapointsToAlarm)],
    ['treatMissingData', evaluation.treatMissingData],
    ['alarmRule', facts.alarmRule],
    ['actionsSuppressor', facts.actionsSuppressor],
    ['triggeringAlarms', json(facts.triggeringAlarms ?? [], max)],
    ['actionsSuppressedBy', detail.state.actionsSuppressedBy],
    ['mutedBy', detail.muteDetail?.mutedByArn],
    ['metrics', facts.kind === 'metric' ? undefined : json(facts.queries, max)],
    ['recentDatapoints', json(evaluation.recentDatapoints ?? [], max)],
    ['recentLowerThresholds', json(evaluation.recentLowerThresholds ?? [], max)],
    ['recentUpperThresholds', json(evaluation.recentUpperThresholds ?? [], max)],
  ];
}

function warningsOf(classification: AlarmNameClassification, config: AlarmFindingConfig): string[] {
  const warnings: string[] = [];
  if (classification.severitySource === 'default') {
    warnings.push(
      `The alarm name has no severity segment (${ALARM_SEVERITIES.join(', ')}): ` +
        `the finding gets the default severity ${config.defaultSeverity}.`,
    );
  }
  if (classification.domainSource === 'default') {
    warnings.push(
      `The alarm name has no domain segment (${INCIDENT_DOMAINS.join(' or ')}): ` +
        `the finding gets the default domain ${config.defaultDomain}.`,
    );
  }
  return warnings;
}

/**
 * Turns a `CloudWatch Alarm State Change` event into the ASFF finding SOAR handles as an incident, in
 * the alarm's own account and region. Pure: no AWS call, no clock, no randomness.
 *
 * - A transition to `OK` or `INSUFFICIENT_DATA` is ignored (`code: 'not-in-alarm'`), and so is a
 *   suppressed alarm (`code: 'suppressed'`, CIS by default): the result says why.
 * - Severity and domain come from the name ({@link classifyAlarmName}); without them the configured
 *   defaults apply and `warnings` says so.
 * - `Id` is {@link alarmFindingId}: the same transition always gives the same finding.
 * - `ProductFields` carries `IncidentDomain`, `TicketDestination` and every fact about the alarm under
 *   `soar/alarm/…` keys, within the ASFF limits (50 pairs, keys up to 128, values up to 2048
 *   characters; cut values are listed in `soar/alarm/truncated`). `Resources` holds the alarm itself
 *   (`Type: 'Other'`, its facts in `Details.Other`) and the state machines and functions its metrics
 *   name.
 *
 * @throws {AlarmEventError} when the event is malformed; `field` names the first bad field path.
 *
 * @example
 * ```ts
 * const result = alarmToFinding(event, parseAlarmFindingConfig({ defaultSeverity: 'HIGH' }));
 * if (result.kind === 'finding') {
 *   await securityHub.importFindings({ accountId: event.account, region: event.region }, [result.finding]);
 * } else {
 *   logger.info(result.reason);
 * }
 * ```
 */
export function alarmToFinding(
  input: unknown,
  config: AlarmFindingConfig = DEFAULT_ALARM_FINDING_CONFIG,
): AlarmToFindingResult {
  const parsed = safeParseAlarmStateChangeEvent(input);
  if (!parsed.success) throw fromValidation(parsed.error);
  const event = parsed.data;
  const { account, region, detail } = event;
  const { alarmName, state, previousState } = detail;

  if (alarmName.length > MAX_ALARM_NAME_LENGTH)
    fail(
      'detail.alarmName',
      `is longer than ${MAX_ALARM_NAME_LENGTH} characters, the CloudWatch limit`,
      event,
    );
  if (!REGION.test(region)) fail('region', 'is not an AWS region name such as eu-west-1', event);
  const { arn: alarmArn, partition } = alarmArnOf(event);
  const stateTimestamp = normalizeTimestamp(state.timestamp);
  if (stateTimestamp === undefined)
    fail('detail.state.timestamp', 'is outside the years 0000-9999 once converted to UTC', event);

  if (state.value !== 'ALARM') {
    return {
      kind: 'ignored',
      code: 'not-in-alarm',
      reason: `The alarm went to ${state.value}, not ALARM: no finding.`,
      alarmName,
      accountId: account,
      region,
    };
  }
  const classification = classifyAlarmName(alarmName, config);
  if (classification.suppressedBy !== undefined) {
    return {
      kind: 'ignored',
      code: 'suppressed',
      reason: `The alarm is suppressed by its ${classification.suppressedBy}: no finding.`,
      alarmName,
      accountId: account,
      region,
    };
  }

  const facts = alarmFacts(detail);
  const location: AlarmLocation = { partition, region, accountId: account };
  const previousTimestamp = normalizeTimestamp(previousState.timestamp);
  const productArn = `arn:${partition}:securityhub:${region}:${account}:product/${account}/default`;
  const warnings = warningsOf(classification, config);
  const max = PRODUCT_FIELDS_LIMITS.maxValueLength;
  const factList = factEntries(facts, detail, max);

  const product = boundedStringMap(
    [
      ['IncidentDomain', classification.domain],
      ['TicketDestination', TICKET_DESTINATION],
      ['aws/securityhub/ProductName', 'Default'],
      ['aws/securityhub/CompanyName', config.companyName],
      ['soar/alarm/name', alarmName],
      ['soar/alarm/arn', alarmArn],
      ['soar/alarm/kind', facts.kind],
      ['soar/alarm/account', account],
      ['soar/alarm/region', region],
      ['soar/alarm/stateValue', state.value],
      ['soar/alarm/stateTimestamp', stateTimestamp],
      ['soar/alarm/stateReason', state.reason],
      ['soar/alarm/previousStateValue', previousState.value],
      ['soar/alarm/previousStateTimestamp', previousTimestamp],
      ['soar/alarm/severitySource', classification.severitySource],
      ['soar/alarm/domainSource', classification.domainSource],
      ['soar/alarm/eventId', event.id],
      ...factList.map(([key, value]): [string, string | undefined] => [
        `${PRODUCT_FIELD_PREFIX}${key}`,
        value,
      ]),
      [
        'soar/alarm/tags',
        detail.alarmTags === undefined ? undefined : boundedJsonObject(detail.alarmTags, max),
      ],
      ['soar/alarm/previousStateReason', previousState.reason],
      ['soar/alarm/stateReasonData', state.reasonData],
      ['soar/alarm/warnings', json(warnings, max)],
    ],
    // One pair is kept for `soar/alarm/truncated`.
    { ...PRODUCT_FIELDS_LIMITS, maxPairs: PRODUCT_FIELDS_LIMITS.maxPairs - 1 },
  );
  const cut = [...product.truncated, ...product.dropped];
  const productFields =
    cut.length === 0 ? product.map : { ...product.map, 'soar/alarm/truncated': boundedJsonArray(cut, max) };

  const other = boundedStringMap(
    [
      ['alarmName', alarmName],
      ['alarmArn', alarmArn],
      ['kind', facts.kind],
      ['stateValue', state.value],
      ['stateTimestamp', stateTimestamp],
      ['previousStateValue', previousState.value],
      ['description', detail.configuration.description],
      ...factEntries(facts, detail, OTHER_DETAILS_LIMITS.maxValueLength),
    ],
    OTHER_DETAILS_LIMITS,
  );
  const alarmResource: Resource = {
    Type: 'Other',
    Id: alarmArn,
    Partition: partition,
    Region: region,
    Details: { Other: other.map },
  };

  const description =
    [detail.configuration.description, state.reason].find(
      (text): text is string => typeof text === 'string' && /\S/.test(text),
    ) ?? `The CloudWatch alarm ${alarmName} is in ALARM.`;
  const finding: AwsSecurityFinding = {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: alarmFindingId(alarmArn, stateTimestamp),
    ProductArn: productArn,
    GeneratorId: alarmName,
    AwsAccountId: account,
    Types: [`Software and Configuration Checks/CloudWatch Alarms/${config.alarmType}`],
    CreatedAt: stateTimestamp,
    UpdatedAt: stateTimestamp,
    FirstObservedAt: stateTimestamp,
    LastObservedAt: stateTimestamp,
    Severity: { Label: classification.severity },
    Title: alarmName,
    Description: truncate(description, MAX_DESCRIPTION_LENGTH),
    Resources: [alarmResource, ...monitoredResources(facts.queries, location)],
    ProductFields: productFields,
    VerificationState: 'TRUE_POSITIVE',
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
  };
  if (cut.length > 0) warnings.push(`Some alarm facts were cut to fit ASFF limits: ${cut.join(', ')}.`);
  return { kind: 'finding', finding, target: { accountId: account, region }, classification, warnings };
}
