import { Logger } from '@aws-lambda-powertools/logger';
import { createAwsPorts, runtimeConfigFromEnv } from '@soar/workflow';
import { type SoarLogger } from '@soar/common';
import { FUNCTION_STEPS, type FunctionId, type StepContext } from './functions';

/** One logger per container (Powertools: structured JSON, the function's name and request id added). */
const logger = new Logger({ serviceName: 'soar' });

/** The Powertools logger is a `SoarLogger` as it is. */
const workflowLogger: SoarLogger = logger;

let context: StepContext | undefined;

/** The ports and configuration, built on the first invocation and reused while the container lives. */
function stepContext(): StepContext {
  if (context === undefined) {
    const config = runtimeConfigFromEnv(process.env);
    context = { config, ports: createAwsPorts(config, { logger: workflowLogger }) };
  }
  return context;
}

/**
 * The Lambda handler of one soar-core function: logger context, then the function's step. Errors are
 * thrown as they are, so Step Functions retries and catches them by name.
 *
 * @example
 * ```ts
 * // src/handlers/ticket.ts
 * export const handler = lambdaHandler('Ticket');
 * ```
 */
export function lambdaHandler(id: FunctionId) {
  return async (event: unknown, lambdaContext?: { awsRequestId?: string; functionName?: string }) => {
    logger.appendKeys({ step: id, requestId: lambdaContext?.awsRequestId });
    try {
      return await FUNCTION_STEPS[id](event, stepContext());
    } catch (error) {
      logger.error('Step failed', {
        error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
      });
      throw error;
    }
  };
}
