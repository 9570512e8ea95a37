/**
 * `@soar/bedrock`: Amazon Bedrock for SOAR: the Converse API with timeouts, retry on throttling and fail-open results, token usage, and a deterministic local model for simulation and tests.
 *
 * @packageDocumentation
 */
export {};
