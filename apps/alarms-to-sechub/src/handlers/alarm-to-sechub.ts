import { Logger } from '@aws-lambda-powertools/logger';
import {
  type AlarmEventOutcome,
  type AlarmSecurityHub,
  createAlarmSecurityHub,
  handleAlarmEvent,
} from '@soar/alarms';
import { type SoarLogger } from '@soar/common';
import { type AwsAccess, createAwsAccess } from '@soar/aws-access';

import { type AlarmsRuntimeConfig, runtimeConfigFromEnv } from './runtime-config';

/** One logger per container (Powertools: structured JSON with the function name and request id). */
const logger = new Logger({ serviceName: 'alarms-to-sechub' });

/** The Powertools logger is a {@link SoarLogger} as it is: the library logs through it directly. */
const powertools: SoarLogger = logger;

/** What the function works with. */
export interface AlarmHandlerDeps {
  readonly config: AlarmsRuntimeConfig;
  readonly securityHub: AlarmSecurityHub;
  readonly logger: SoarLogger;
}

/**
 * The dependencies in AWS: the configuration from `ALARMS_CONFIG`, and Security Hub reached through
 * the configured role in the alarm's account (`@soar/aws-access`, credentials cached per account).
 */
export function awsDeps(env: NodeJS.ProcessEnv, options: { access?: AwsAccess } = {}): AlarmHandlerDeps {
  const config = runtimeConfigFromEnv(env);
  const access = options.access ?? createAwsAccess({ roleName: config.roleName });
  return { config, securityHub: createAlarmSecurityHub({ access }), logger: powertools };
}

/**
 * The Lambda handler over lazily built dependencies (built on the first invocation, reused while the
 * container lives). It only parses, converts and imports: `handleAlarmEvent` of `@soar/alarms`.
 * Errors are thrown as they are: Lambda retries the event twice, then sends it to the dead-letter queue.
 */
export function createAlarmHandler(deps: () => AlarmHandlerDeps) {
  let resolved: AlarmHandlerDeps | undefined;
  return async (event: unknown, context?: { awsRequestId?: string }): Promise<AlarmEventOutcome> => {
    resolved ??= deps();
    if (context?.awsRequestId !== undefined) logger.appendKeys({ requestId: context.awsRequestId });
    return handleAlarmEvent(event, {
      config: resolved.config.finding,
      securityHub: resolved.securityHub,
      logger: resolved.logger,
    });
  };
}

/** Lambda entry point of the AlarmToSecurityHub function. */
export const handler = createAlarmHandler(() => awsDeps(process.env));
