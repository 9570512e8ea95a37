/**
 * `@soar/lambda/tracer`: Powertools Tracer for the entries that can carry it. Its X-Ray SDK weighs
 * about 123 KB minified, so it is a subpath of its own: an entry that does not import it does not
 * bundle it (every function is still traced by Lambda's active tracing).
 *
 * @example
 * ```ts
 * import { Tracer } from '@soar/lambda/tracer';
 * export const handler = lambdaHandler({ serviceName: 'soar', tracer: new Tracer({ serviceName: 'soar' }), run, dependencies });
 * ```
 *
 * @packageDocumentation
 */
export { Tracer } from '@aws-lambda-powertools/tracer';
