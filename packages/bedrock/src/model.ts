/**
 * The model port: what SOAR asks of a language model, and the answer it gets back. Every
 * implementation (Bedrock, the local simulation model, a test double) keeps the one promise of
 * {@link AiModel.complete}: it never throws, so a message never waits on, or fails because of, the AI.
 */

/** One question to the model: the instructions and the material to work on. */
export interface AiRequest {
  /** The instructions (role, tone, output format). Sent as the system prompt; may be empty. */
  readonly system: string;
  /** The material: the finding, ticket or report data, already redacted and fenced by the caller. */
  readonly user: string;
  /** Longest answer, in tokens. Default: the model's configuration. */
  readonly maxTokens?: number;
  /** Sampling temperature from 0 to 1. Default: the model's configuration. */
  readonly temperature?: number;
}

/** Tokens one answer cost; what the app publishes as a metric. */
export interface AiUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly totalTokens: number;
}

/**
 * Why there is no answer:
 * - `throttled`: the account's Bedrock quota was exceeded, and stayed so through every retry;
 * - `timeout`: no answer within the time allowed (per attempt, or the caller's own deadline);
 * - `access_denied`: the role may not invoke the model, or model access was not granted;
 * - `model_not_found`: the model or inference profile does not exist in the region;
 * - `validation`: the request was refused as malformed (a bad model id, an empty prompt, a limit);
 * - `malformed_output`: the model answered without any text;
 * - `error`: anything else (service errors that outlasted the retries, network, cancellation).
 */
export type AiFailure =
  'throttled' | 'timeout' | 'access_denied' | 'model_not_found' | 'validation' | 'malformed_output' | 'error';

/** The model's answer, or why there is none (with a one-line, redacted detail for the message). */
export type AiResult =
  | {
      readonly ok: true;
      /** The answer's text (HTML when the prompt asks for HTML; the caller sanitises it). */
      readonly text: string;
      readonly usage: AiUsage;
      readonly modelId: string;
      /** Why the model stopped: `end_turn`, or `max_tokens` when the answer was cut. */
      readonly stopReason?: string;
    }
  | {
      readonly ok: false;
      readonly failure: AiFailure;
      /** What went wrong, in one line: safe to log and to show in the message. */
      readonly detail: string;
      readonly modelId: string;
    };

/** Options of one {@link AiModel.complete} call. */
export interface AiCompleteOptions {
  /** Cancels the call, its retries and its waits (the Lambda's deadline, for example). */
  readonly signal?: AbortSignal;
}

/**
 * A language model. `complete` never throws: every failure is an `AiResult` with `ok: false`, so the
 * caller sends its message without the AI section and says why (fail open).
 *
 * @example
 * ```ts
 * const result = await model.complete({ system: prompt.system, user: prompt.user });
 * const aiSection = result.ok ? result.text : `<p>No AI analysis this time: ${escapeHtml(result.detail)}</p>`;
 * ```
 */
export interface AiModel {
  /** The model or inference profile answering, as configured (`global.anthropic.claude-sonnet-4-6`). */
  readonly modelId: string;
  /** `true` for the local simulation model: no AI was called, and its text says so. */
  readonly local: boolean;
  complete(request: AiRequest, options?: AiCompleteOptions): Promise<AiResult>;
}
