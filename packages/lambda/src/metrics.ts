/**
 * `@soar/lambda/metrics`: Powertools Metrics (EMF) for the entries that publish metrics, a subpath of
 * its own so that the others do not bundle it. Give the instance to `lambdaHandler` (`metrics`): what
 * an invocation adds is published when it ends.
 *
 * @example
 * ```ts
 * import { Metrics, MetricUnit } from '@soar/lambda/metrics';
 * const metrics = new Metrics({ namespace: config.metricNamespace, serviceName: 'soar' });
 * export const handler = lambdaHandler({ serviceName: 'soar', metrics, run, dependencies });
 * ```
 *
 * @packageDocumentation
 */
export { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
