/**
 * `@soar/bedrock`: the AI model port SOAR's messages and reports ask (it never throws: a failure is a
 * result, and the message goes out without the AI section), its configuration, a deterministic local
 * model for simulation and tests, and the least-privilege IAM for the CDK. The Bedrock adapter is
 * `@soar/bedrock/aws`.
 *
 * @packageDocumentation
 */
export type { AiCompleteOptions, AiFailure, AiModel, AiRequest, AiResult, AiUsage } from './model';
export {
  BedrockConfigSchema,
  DEFAULT_MODEL_ID,
  parseBedrockConfig,
  type BedrockConfig,
  type BedrockConfigInput,
} from './config';
export { BedrockConfigError, BedrockError } from './errors';
export { createLocalModel, LOCAL_MODEL_ID, LOCAL_MODEL_LABEL, type LocalModelOptions } from './local';
export {
  BEDROCK_IAM_ACTIONS,
  bedrockResourceArns,
  inferenceProfileOf,
  type BedrockResourceScope,
  type InferenceProfile,
} from './iam';
export type { UsageListener } from './usage';
