/**
 * `@soar/bedrock/aws`: the model port over Amazon Bedrock's Converse API. Kept apart from the root
 * so that a function that only needs the types, the configuration or the local model does not load
 * the Bedrock Runtime client.
 *
 * @packageDocumentation
 */
export { createBedrockModel, type BedrockModelOptions } from './bedrock-model';
