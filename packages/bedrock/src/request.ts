import { redact } from '@soar/redaction';

import type { BedrockConfig } from './config';
import type { AiRequest } from './model';

/** A request ready to send: limits resolved against the configuration, secrets replaced. */
export interface PreparedRequest {
  readonly system: string;
  readonly user: string;
  readonly maxTokens: number;
  readonly temperature: number;
  /** How many secrets redaction replaced in the system and user text together. */
  readonly redacted: number;
}

/** The request's problem, naming the field, or `undefined` when it can be sent. */
function problemOf(request: AiRequest, config: Pick<BedrockConfig, 'maxTokens'>): string | undefined {
  if (typeof request.system !== 'string') return 'system must be text';
  if (typeof request.user !== 'string' || request.user.trim() === '') return 'user must be non-empty text';
  const { maxTokens, temperature } = request;
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && maxTokens >= 1 && maxTokens <= 128_000)) {
    return 'maxTokens must be a whole number from 1 to 128000';
  }
  if (temperature !== undefined && !(Number.isFinite(temperature) && temperature >= 0 && temperature <= 1)) {
    return 'temperature must be a number from 0 to 1';
  }
  return config.maxTokens >= 1 ? undefined : 'maxTokens must be at least 1';
}

/**
 * Checks a request and fills in the configured limits. The prompt goes through `redact` even though
 * the prompt renderer redacts too: a prompt leaves SOAR here, and a renderer written later that
 * forgets to redact must not leak a secret to the model.
 *
 * @returns the prepared request, or the problem naming the bad field.
 *
 * @example
 * ```ts
 * const prepared = prepareRequest({ system: 'Be brief.', user: 'Finding: ...' }, config);
 * if (typeof prepared === 'string') return fail('validation', prepared);
 * ```
 */
export function prepareRequest(
  request: AiRequest,
  config: Pick<BedrockConfig, 'maxTokens' | 'temperature'>,
): PreparedRequest | string {
  const problem = problemOf(request, config);
  if (problem !== undefined) return `The request was not sent: ${problem}`;
  const system = redact(request.system);
  const user = redact(request.user);
  return {
    system: system.value,
    user: user.value,
    maxTokens: request.maxTokens ?? config.maxTokens,
    temperature: request.temperature ?? config.temperature,
    redacted: system.redacted + user.redacted,
  };
}
