/**
 * `@soar/constructs`: the CDK setup every SOAR app repeats, defined once: Lambda function defaults,
 * dead-letter queues with their alarm, failure alarms named for SOAR's own alarm routing, and the
 * cdk-nag wiring. Only apps import it (tag `type:infra`).
 *
 * @packageDocumentation
 */
export { DeadLetterQueue, failureAlarm, type DeadLetterQueueProps, type FailureAlarmProps } from './alarms';
export { acknowledge, checkWithCdkNag } from './nag';
export { SoarFunction, type SoarFunctionProps } from './soar-function';
