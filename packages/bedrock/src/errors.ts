import { SoarError, type SoarErrorOptions } from '@soar/common';

/**
 * The base class of every error `@soar/bedrock` throws. Asking a model never throws (a failed answer
 * is an `AiResult` with `ok: false`); only bad configuration does, when the function starts.
 *
 * @example
 * ```ts
 * try {
 *   parseBedrockConfig(config.ai, 'soar.config.json at ai.bedrock');
 * } catch (error) {
 *   if (error instanceof BedrockError) logger.error(error.message);
 *   throw error;
 * }
 * ```
 */
export class BedrockError extends SoarError {
  public override name = 'BedrockError';
}

/**
 * The Bedrock configuration is invalid. `field` is the path of the first bad field (`modelId`,
 * `timeoutMs`, or a misspelt key); the message names the field and where the configuration came
 * from, and never quotes the value.
 *
 * @example
 * ```ts
 * try {
 *   parseBedrockConfig({ timeoutMs: 10 }, 'the environment');
 * } catch (error) {
 *   if (error instanceof BedrockConfigError) error.field; // 'timeoutMs'
 * }
 * ```
 */
export class BedrockConfigError extends BedrockError {
  public override name = 'BedrockConfigError';
  /** Path of the first problem, such as `maxAttempts`; `''` when the whole value is wrong. */
  public readonly field: string;
  /** Where the configuration came from, as the caller named it. */
  public readonly source: string;

  public constructor(source: string, field: string, problem: string, options: SoarErrorOptions = {}) {
    super(
      `Invalid Bedrock configuration in ${source} at ${field === '' ? '(root)' : field}: ${problem}`,
      options,
    );
    this.field = field;
    this.source = source;
  }
}
