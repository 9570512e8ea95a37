import { Logger } from '@aws-lambda-powertools/logger';
import { describeError, type SoarLogger } from '@soar/common';
import type { Context } from 'aws-lambda';
import { redactLogItem } from './redact-log-item';

/**
 * A function's behaviour: its input (as the event source delivers it, parsed by the function) and
 * the dependencies it acts through. The same function runs in Lambda (through {@link lambdaHandler})
 * and locally (the simulation calls it with local dependencies).
 */
export type BusinessFunction<D, R> = (input: unknown, dependencies: D) => Promise<R>;

/** Options of {@link lambdaHandler}. */
export interface LambdaHandlerOptions<D, R> {
  /** `service` of every log line (`POWERTOOLS_SERVICE_NAME` wins when set). */
  readonly serviceName: string;
  /** The business function. */
  readonly run: BusinessFunction<D, R>;
  /**
   * Builds the dependencies (clients, configuration) on the first invocation; they are kept for the
   * life of the container. An error here fails the invocation with it (a bad configuration is
   * reported at once, never silently).
   */
  readonly dependencies: (tools: { readonly logger: SoarLogger }) => D;
}

/**
 * The Lambda handler of a business function: the Powertools logger with the Lambda context injected
 * (request id, function name, cold start), the dependencies built once per container, then the
 * business function. An error is logged by name and message only (never the event, which may hold
 * secrets) and rethrown as it is, so Step Functions retries and catches it by its name. Every log
 * line is redacted before it is written ({@link redactLogItem}): what a library logs about a
 * finding (resource details, a ticket system's answer) never puts a secret in CloudWatch Logs.
 *
 * @example
 * ```ts
 * export const run = (input: unknown, ports: SuppressPorts) => suppressStep(parseFlowState(input, 'suppress'), ports);
 * export const handler = lambdaHandler({
 *   serviceName: 'soar',
 *   run,
 *   dependencies: () => ({ securityHub: awsSecurityHubPort(runtimeConfigFromEnv(process.env)) }),
 * });
 * ```
 */
export function lambdaHandler<D, R>(options: LambdaHandlerOptions<D, R>) {
  const logger = new Logger({ serviceName: options.serviceName, jsonReplacerFn: redactLogItem });
  let dependencies: D | undefined;
  return async (event: unknown, context: Context): Promise<R> => {
    logger.addContext(context);
    try {
      dependencies ??= options.dependencies({ logger });
      return await options.run(event, dependencies);
    } catch (error) {
      logger.error('The function failed', { error: describeError(error) });
      throw error;
    }
  };
}
