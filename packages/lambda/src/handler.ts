import { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { SoarLogger } from '@soar/common';
import type { Context } from 'aws-lambda';
import { correlationOf } from './correlation';
import { redactLogItem } from './redact-log-item';

/**
 * A function's behaviour: its input (as the event source delivers it, parsed by the function) and
 * the dependencies it acts through. The same function runs in Lambda (through {@link lambdaHandler})
 * and locally (the simulation calls it with local dependencies).
 */
export type BusinessFunction<D, R> = (input: unknown, dependencies: D) => Promise<R>;

/** What {@link LambdaHandlerOptions.dependencies} builds the dependencies with. */
export interface HandlerTools {
  readonly logger: SoarLogger;
  /** The Powertools metrics of the function, when its entry gives one (see {@link LambdaHandlerOptions.metrics}). */
  readonly metrics?: Metrics;
  /** The Powertools tracer of the function, when its entry gives one (to capture AWS SDK clients). */
  readonly tracer?: Tracer;
}

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
  readonly dependencies: (tools: HandlerTools) => D;
  /**
   * Powertools Metrics, for a function that publishes metrics: what it adds during an invocation is
   * written (EMF) when the invocation ends, failed or not. Given by the entry, so a function that
   * publishes nothing does not carry the library.
   */
  readonly metrics?: Metrics;
  /**
   * Powertools Tracer: each invocation gets a `## handler` subsegment annotated with the cold start
   * and the correlation id, and an error is recorded on it. Given by the entry: the X-Ray SDK it
   * brings weighs about 123 KB minified, more than the functions that render messages can carry
   * within their 400 KB; their invocations are still traced by Lambda's active tracing.
   */
  readonly tracer?: Tracer;
}

/**
 * The Lambda handler of a business function: the Powertools logger with the Lambda context injected
 * (request id, function name, cold start) and the correlation keys of the event (the findings event's
 * id at intake, the finding id and the finding event's key in each step: `correlation_id` follows a
 * finding event from intake through every step), cleared after each invocation; the dependencies built
 * once per container, then the business function. An error is logged with its name, message, stack
 * and cause (never the event, which may hold secrets) and rethrown as it is, so Step Functions retries
 * and catches it by its name. Every log line is redacted before it is written ({@link redactLogItem}):
 * what a library logs about a finding (resource details, a ticket system's answer) never puts a secret
 * in CloudWatch Logs.
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
  const { metrics, tracer } = options;
  let dependencies: D | undefined;
  return async (event: unknown, context: Context): Promise<R> => {
    logger.addContext(context);
    const correlation = correlationOf(event);
    logger.appendKeys(correlation);
    const parent = tracer?.getSegment();
    const segment = parent?.addNewSubsegment('## handler');
    if (tracer !== undefined && segment !== undefined) {
      tracer.setSegment(segment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
      if (correlation.correlation_id !== undefined)
        tracer.putAnnotation('correlation_id', correlation.correlation_id);
    }
    try {
      dependencies ??= options.dependencies({
        logger,
        ...(metrics === undefined ? {} : { metrics }),
        ...(tracer === undefined ? {} : { tracer }),
      });
      return await options.run(event, dependencies);
    } catch (error) {
      logger.error('The function failed', { error });
      if (error instanceof Error) tracer?.addErrorAsMetadata(error);
      throw error;
    } finally {
      if (metrics?.hasStoredMetrics() === true) metrics.publishStoredMetrics();
      if (segment !== undefined && parent !== undefined) {
        segment.close();
        tracer?.setSegment(parent);
      }
      // Keys of this invocation must not leak into the next one's lines.
      logger.resetKeys();
    }
  };
}
