// The AlarmToSecurityHub function: every CloudWatch "Alarm State Change" event the stack's rules deliver.
import {
  type AlarmEventOutcome,
  type AlarmSecurityHub,
  createAlarmSecurityHub,
  handleAlarmEvent,
} from '@soar/alarms';
import { type AwsAccess, createAwsAccess } from '@soar/aws-access';
import type { SoarLogger } from '@soar/common';
import { lambdaHandler } from '@soar/lambda';

import { type AlarmsRuntimeConfig, runtimeConfigFromEnv } from './runtime-config';

/** What the function works with. */
export interface AlarmHandlerDeps {
  readonly config: AlarmsRuntimeConfig;
  readonly securityHub: AlarmSecurityHub;
  readonly logger?: SoarLogger;
}

/**
 * The dependencies in AWS: the configuration from `ALARMS_CONFIG`, and Security Hub reached through
 * the configured role in the alarm's account (`@soar/aws-access`, credentials cached per account).
 */
export function awsDeps(
  env: NodeJS.ProcessEnv,
  options: { readonly access?: AwsAccess; readonly logger?: SoarLogger } = {},
): AlarmHandlerDeps {
  const config = runtimeConfigFromEnv(env);
  const access = options.access ?? createAwsAccess({ roleName: config.roleName });
  return {
    config,
    securityHub: createAlarmSecurityHub({ access }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  };
}

/**
 * Turns an alarm entering ALARM into a finding in the alarm's own account and region
 * (`handleAlarmEvent` of `@soar/alarms`). Errors are thrown as they are: Lambda retries the event
 * twice, then sends it to the dead-letter queue.
 */
export const run = (event: unknown, deps: AlarmHandlerDeps): Promise<AlarmEventOutcome> =>
  handleAlarmEvent(event, {
    config: deps.config.finding,
    securityHub: deps.securityHub,
    ...(deps.logger === undefined ? {} : { logger: deps.logger }),
  });

export const handler = lambdaHandler({
  serviceName: 'alarms-to-sechub',
  run,
  dependencies: ({ logger }) => awsDeps(process.env, { logger }),
});
