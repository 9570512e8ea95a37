/**
 * `@soar/constructs`: the CDK setup every SOAR app repeats, defined once: Lambda function defaults,
 * Step Functions tasks with bounded retries, dead-letter queues with their alarm, failure alarms
 * named for SOAR's own alarm routing, alarms on counted log lines, the member-role permission, table
 * seeds, the log retention and schedule settings and the cdk-nag wiring. Self-monitoring (alarms on
 * every function, workflow and queue, the alarm topic, the execution dashboard) is the `./monitoring`
 * entry. Only apps and other infrastructure libraries import it (tag `type:infra`).
 *
 * @packageDocumentation
 */
export {
  DeadLetterQueue,
  failureAlarm,
  LogPatternAlarm,
  SOAR_METRIC_NAMESPACE,
  stateMachineFailureAlarm,
  type DeadLetterQueueProps,
  type FailureAlarmProps,
  type LogPatternAlarmProps,
  type StateMachineFailureAlarmProps,
} from './alarms';
export {
  AllowAnyOrganizationSchema,
  checkOrganization,
  LogRetentionDaysSchema,
  MISSING_ORGANIZATION,
  OrganizationIdSchema,
  ScheduleExpressionSchema,
} from './config';
export { ConstructsError, OrganizationRequiredError } from './errors';
export { assumeMemberRoleStatement, memberAccountsOf, sendEmailStatement, type MemberAccounts } from './iam';
export { acknowledge, checkWithCdkNag } from './nag';
export { errorName, LAMBDA_TRANSIENT, lambdaTask, worstCaseRetryDelay, type RetryProfile } from './retries';
export {
  bundleDefines,
  deliverTo,
  SoarFunction,
  type FunctionTracing,
  type SoarFunctionProps,
} from './soar-function';
export { TableSeed, type TableSeedProps } from './table-seed';
