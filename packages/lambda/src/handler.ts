import { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { SoarLogger } from '@soar/common';
import type { Context } from 'aws-lambda';
import { correlationOf } from './correlation';
import { redactLogItem } from './redact-log-item';

/**
 * What the handler and the dependencies use of the Powertools Tracer. By its methods rather than the
 * class: the tracer loaded on demand comes from the package's ECMAScript build, whose class the type
 * checker tells apart from the CommonJS one.
 */
export type LambdaTracer = Pick<
  Tracer,
  | 'addErrorAsMetadata'
  | 'addServiceNameAnnotation'
  | 'annotateColdStart'
  | 'captureAWSv3Client'
  | 'getSegment'
  | 'putAnnotation'
  | 'setSegment'
>;

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- how Node's types declare process.env
  namespace NodeJS {
    interface ProcessEnv {
      /** `"true"`: every handler traces with the Powertools Tracer (see {@link powertoolsTracerLoader}). */
      SOAR_POWERTOOLS_TRACER?: string;
    }
  }
}

/**
 * Loads the Powertools Tracer, when the function is deployed with it (`tracing: powertools` of the
 * app). `SoarFunction` bundles with `process.env.SOAR_POWERTOOLS_TRACER` defined as `"true"` or
 * `"false"`, so in a function deployed without it this is `undefined` and the import below is not in
 * the bundle at all: the X-Ray SDK costs about 127 KB and 35 ms of cold import. Unbundled (tests, the
 * simulation) the variable is read from the environment.
 */
const powertoolsTracerLoader =
  process.env.SOAR_POWERTOOLS_TRACER === 'true'
    ? async (serviceName: string): Promise<LambdaTracer> =>
        new (await import('@aws-lambda-powertools/tracer')).Tracer({ serviceName })
    : undefined;

/**
 * A function's behaviour: its input (as the event source delivers it, parsed by the function) and
 * the dependencies it acts through. The same function runs in Lambda (through {@link lambdaHandler})
 * and locally (the simulation calls it with local dependencies).
 */
export type BusinessFunction<D, R> = (input: unknown, dependencies: D, invocation: Invocation) => Promise<R>;

/**
 * The invocation a business function runs in: how long it may still run. Locally (the simulation,
 * tests) there is no limit.
 */
export interface Invocation {
  /** Milliseconds left before the function times out (Lambda's `getRemainingTimeInMillis`). */
  remainingTimeMs(): number;
}

/** An invocation without a time limit: local runs and tests. */
export const UNLIMITED_INVOCATION: Invocation = { remainingTimeMs: () => Number.POSITIVE_INFINITY };

/** What {@link LambdaHandlerOptions.dependencies} builds the dependencies with. */
export interface HandlerTools {
  readonly logger: SoarLogger;
  /** The Powertools metrics of the function, when its entry gives one (see {@link LambdaHandlerOptions.metrics}). */
  readonly metrics?: Metrics;
  /** The Powertools tracer of the function, when its entry gives one (to capture AWS SDK clients). */
  readonly tracer?: LambdaTracer;
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
   * and the correlation id, and an error is recorded on it. Default: none, unless the function is
   * deployed with the Powertools Tracer (app config `tracing: powertools`), in which case it is
   * loaded on the first invocation. Without it, invocations are traced by Lambda's active tracing.
   */
  readonly tracer?: LambdaTracer;
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
  const { metrics } = options;
  let tracer = options.tracer;
  let tracerPending = tracer === undefined ? powertoolsTracerLoader : undefined;
  let dependencies: D | undefined;
  return async (event: unknown, context: Context): Promise<R> => {
    logger.addContext(context);
    if (tracerPending !== undefined) {
      // Before the dependencies, so that the SDK clients they create are traced from the start.
      tracer = await tracerPending(options.serviceName);
      tracerPending = undefined;
    }
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
      return await options.run(event, dependencies, {
        remainingTimeMs: () => context.getRemainingTimeInMillis(),
      });
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
