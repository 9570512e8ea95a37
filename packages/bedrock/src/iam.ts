/**
 * The IAM actions the Converse API needs. Bedrock authorises `Converse` as `bedrock:InvokeModel`
 * (there is no separate Converse action); SOAR does not stream, so `InvokeModelWithResponseStream`
 * is not granted.
 *
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
export const BEDROCK_IAM_ACTIONS: readonly string[] = Object.freeze(['bedrock:InvokeModel']);

/**
 * Geography prefixes of Bedrock's system (cross-Region) inference profiles. An id starting with one
 * of them names a profile that routes to the foundation model named by the rest of the id.
 */
const PROFILE_PREFIXES: readonly string[] = ['global', 'us', 'us-gov', 'eu', 'apac', 'jp', 'au', 'ca'];

/** Where an inference profile id routes, or `undefined` for a plain foundation-model id. */
export interface InferenceProfile {
  /** The geography prefix: `global`, `eu`, `us`, … */
  readonly geography: string;
  /** The foundation model the profile routes to: the id without its prefix. */
  readonly foundationModelId: string;
}

/**
 * Splits an inference profile id into its geography and foundation model.
 *
 * @example
 * ```ts
 * inferenceProfileOf('eu.anthropic.claude-sonnet-4-6'); // { geography: 'eu', foundationModelId: 'anthropic.claude-sonnet-4-6' }
 * inferenceProfileOf('anthropic.claude-3-haiku-20240307-v1:0'); // undefined
 * ```
 */
export function inferenceProfileOf(modelId: string): InferenceProfile | undefined {
  const dot = modelId.indexOf('.');
  const geography = modelId.slice(0, dot);
  const foundationModelId = modelId.slice(dot + 1);
  if (dot <= 0 || !PROFILE_PREFIXES.includes(geography) || !foundationModelId.includes('.')) return undefined;
  return { geography, foundationModelId };
}

/** Where the function calling Bedrock runs; CDK tokens are fine for each. */
export interface BedrockResourceScope {
  /** The configured model id or inference profile id. */
  readonly modelId: string;
  /** The region the function calls Bedrock in (the profile's source region). */
  readonly region: string;
  /** The account of the function (inference profiles are account resources). */
  readonly accountId: string;
  /** `aws`, `aws-us-gov`, `aws-cn`. Default `aws`. */
  readonly partition?: string;
}

/**
 * The resources to grant {@link BEDROCK_IAM_ACTIONS} on, and nothing more:
 * - a foundation-model id: that model in the function's region;
 * - an inference profile id: the profile in the function's region, plus the foundation model in
 *   every region (`bedrock:*::`), since Bedrock checks the caller's permission again on the model in
 *   the region the profile routes the request to, and that region is chosen per request. A `global.`
 *   profile also routes to the region-less model ARN (`bedrock:::`), listed explicitly.
 *
 * @example
 * ```ts
 * bedrockResourceArns({ modelId: 'eu.anthropic.claude-sonnet-4-6', region: 'eu-west-1', accountId: '111122223333' });
 * // ['arn:aws:bedrock:eu-west-1:111122223333:inference-profile/eu.anthropic.claude-sonnet-4-6',
 * //  'arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-6']
 * ```
 */
export function bedrockResourceArns(scope: BedrockResourceScope): string[] {
  const partition = scope.partition ?? 'aws';
  const profile = inferenceProfileOf(scope.modelId);
  if (profile === undefined) {
    return [`arn:${partition}:bedrock:${scope.region}::foundation-model/${scope.modelId}`];
  }
  const arns = [
    `arn:${partition}:bedrock:${scope.region}:${scope.accountId}:inference-profile/${scope.modelId}`,
    `arn:${partition}:bedrock:*::foundation-model/${profile.foundationModelId}`,
  ];
  if (profile.geography === 'global') {
    arns.push(`arn:${partition}:bedrock:::foundation-model/${profile.foundationModelId}`);
  }
  return arns;
}
