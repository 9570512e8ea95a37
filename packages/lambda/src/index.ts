/**
 * `@soar/lambda`: the shape of every SOAR Lambda function. Each function's entry exports its
 * business function (`run`) and a `handler` made by {@link lambdaHandler}, which injects the Lambda
 * context and the correlation keys of the event into the Powertools logger, builds the function's
 * dependencies once per container, calls `run`, and publishes the metrics and closes the trace
 * subsegment of the entries that give a Powertools `Metrics` or `Tracer`.
 *
 * @packageDocumentation
 */
export { correlationOf, type Correlation } from './correlation';
export {
  lambdaHandler,
  type BusinessFunction,
  type Invocation,
  UNLIMITED_INVOCATION,
  type HandlerTools,
  type LambdaHandlerOptions,
  type LambdaTracer,
} from './handler';
export { redactLogItem } from './redact-log-item';
