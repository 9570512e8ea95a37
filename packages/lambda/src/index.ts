/**
 * `@soar/lambda`: the shape of every SOAR Lambda function. Each function's entry exports its
 * business function (`run`) and a `handler` made by {@link lambdaHandler}, which injects the Lambda
 * context into the Powertools logger, builds the function's dependencies once per container and
 * calls `run`.
 *
 * @packageDocumentation
 */
export { lambdaHandler, type BusinessFunction, type LambdaHandlerOptions } from './handler';
export { redactLogItem } from './redact-log-item';
