import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
  type SystemContentBlock,
} from '@aws-sdk/client-bedrock-runtime';
import { describeError, SILENT_LOGGER, type SoarLogger } from '@soar/common';

import type { BedrockConfig } from '../config';
import type { AiFailure, AiModel, AiRequest, AiResult, AiUsage } from '../model';
import { prepareRequest, type PreparedRequest } from '../request';
import { backoffMs, describeFailure, errorName, verdictOf } from '../retry';
import { reportUsage, type UsageListener } from '../usage';

/** First wait after a throttle; doubles per retry. Bedrock's token quotas refill per minute. */
const BASE_DELAY_MS = 1_000;
/** Longest wait between two attempts. */
const MAX_DELAY_MS = 10_000;

/** Options of {@link createBedrockModel}. */
export interface BedrockModelOptions {
  /** The parsed configuration (`parseBedrockConfig`). */
  readonly config: BedrockConfig;
  /**
   * The client to use. Default: a client in `config.region` (or the function's region) with the
   * SDK's own retries off, so each attempt here is one request. A client passed in should be built
   * with `maxAttempts: 1` for the same reason.
   */
  readonly client?: Pick<BedrockRuntimeClient, 'send'>;
  /** Waits between attempts. Default `setTimeout`; tests inject an instant one. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the backoff's jitter. Default `Math.random`. */
  readonly random?: () => number;
  /**
   * Makes the signal that ends one attempt after `ms`. Default `AbortSignal.timeout`; tests inject
   * signals they abort themselves, so no test waits on a clock.
   */
  readonly timeoutSignal?: (ms: number) => AbortSignal;
  /** Receives the token usage of every answer, including one without text (its tokens were spent). */
  readonly onUsage?: UsageListener;
  /** Retries, redactions and a failing usage listener are logged here. Default: silent. */
  readonly logger?: SoarLogger;
}

type Attempt =
  | { readonly kind: 'answer'; readonly output: ConverseCommandOutput }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'cancelled'; readonly reason: unknown }
  | { readonly kind: 'error'; readonly error: unknown };

/** Read through a call, since TypeScript keeps an earlier check's narrowing across an `await`. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Settles with `promise`, or rejects with the signal's reason as soon as it aborts. The SDK honours
 * `abortSignal`, but a request that ignores it (a stuck socket) must not hold the step past its
 * deadline. A later rejection of the abandoned promise is absorbed here, never unhandled.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function usageOf(output: ConverseCommandOutput): AiUsage | undefined {
  if (output.usage === undefined) return undefined;
  const inputTokens = output.usage.inputTokens ?? 0;
  const outputTokens = output.usage.outputTokens ?? 0;
  return { inputTokens, outputTokens, totalTokens: output.usage.totalTokens ?? inputTokens + outputTokens };
}

/** Every text block of the answer, joined; reasoning and tool blocks are not part of the answer. */
function textOf(output: ConverseCommandOutput): string {
  const content = output.output?.message?.content ?? [];
  return content
    .map((block) => block.text)
    .filter((text): text is string => typeof text === 'string')
    .join('\n')
    .trim();
}

/** The caller gave up: a deadline (`AbortSignal.timeout`) reads as a timeout, anything else as cancelled. */
function cancelledFailure(reason: unknown): { failure: AiFailure; detail: string } {
  return errorName(reason) === 'TimeoutError'
    ? { failure: 'timeout', detail: "The caller's deadline passed before an answer came" }
    : { failure: 'error', detail: 'Cancelled by the caller before an answer came' };
}

/**
 * The Bedrock model over the Converse API: one user message and the system prompt, each attempt
 * bounded by `config.timeoutMs`, throttling and short unavailability retried with exponential
 * backoff and jitter up to `config.maxAttempts`, every failure returned as an `AiResult` (it never
 * throws). The role needs {@link BEDROCK_IAM_ACTIONS} on {@link bedrockResourceArns}.
 *
 * @example
 * ```ts
 * const model = createBedrockModel({
 *   config: parseBedrockConfig(settings.ai, 'soar.config.json at ai'),
 *   onUsage: (usage, modelId) => metrics.addMetric('AiTokens', MetricUnit.Count, usage.totalTokens),
 *   logger,
 * });
 * const result = await model.complete({ system, user }, { signal: deadline });
 * ```
 */
export function createBedrockModel(options: BedrockModelOptions): AiModel {
  const { config } = options;
  const modelId = config.modelId;
  const client =
    options.client ??
    new BedrockRuntimeClient({
      ...(config.region === undefined ? {} : { region: config.region }),
      maxAttempts: 1,
    });
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const timeoutSignal = options.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms));
  const logger = options.logger ?? SILENT_LOGGER;

  const fail = (failure: AiFailure, detail: string): AiResult => ({ ok: false, failure, detail, modelId });
  const cancelled = (reason: unknown): AiResult => {
    const { failure, detail } = cancelledFailure(reason);
    return fail(failure, detail);
  };

  function commandOf(prepared: PreparedRequest): ConverseCommand {
    // Bedrock refuses an empty text block, so no instructions means no system prompt at all.
    const system: SystemContentBlock[] | undefined =
      prepared.system.trim() === '' ? undefined : [{ text: prepared.system }];
    return new ConverseCommand({
      modelId,
      ...(system === undefined ? {} : { system }),
      messages: [{ role: 'user', content: [{ text: prepared.user }] }],
      inferenceConfig: { maxTokens: prepared.maxTokens, temperature: prepared.temperature },
    });
  }

  async function attempt(command: ConverseCommand, caller: AbortSignal | undefined): Promise<Attempt> {
    const timeout = timeoutSignal(config.timeoutMs);
    const signal = caller === undefined ? timeout : AbortSignal.any([timeout, caller]);
    try {
      const output = await untilAborted(client.send(command, { abortSignal: signal }), signal);
      return { kind: 'answer', output };
    } catch (error) {
      if (isAborted(caller)) return { kind: 'cancelled', reason: caller?.reason };
      if (timeout.aborted) return { kind: 'timeout' };
      return { kind: 'error', error };
    }
  }

  function answerOf(output: ConverseCommandOutput): AiResult {
    const usage = usageOf(output);
    if (usage !== undefined) reportUsage(options.onUsage, usage, modelId, logger);
    const text = textOf(output);
    if (text === '') {
      return fail(
        'malformed_output',
        `The model answered without text (stop reason ${output.stopReason ?? 'unknown'})`,
      );
    }
    return {
      ok: true,
      text,
      usage: usage ?? { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      modelId,
      ...(output.stopReason === undefined ? {} : { stopReason: output.stopReason }),
    };
  }

  async function run(request: AiRequest, caller: AbortSignal | undefined): Promise<AiResult> {
    if (isAborted(caller)) return cancelled(caller?.reason);
    const prepared = prepareRequest(request, config);
    if (typeof prepared === 'string') return fail('validation', prepared);
    if (prepared.redacted > 0) {
      logger.warn('Secrets were replaced in an AI prompt before it was sent', {
        modelId,
        redacted: prepared.redacted,
      });
    }
    const command = commandOf(prepared);
    for (let attemptNo = 1; ; attemptNo += 1) {
      const outcome = await attempt(command, caller);
      if (outcome.kind === 'answer') return answerOf(outcome.output);
      if (outcome.kind === 'cancelled') return cancelled(outcome.reason);
      if (outcome.kind === 'timeout') {
        return fail('timeout', `No answer from ${modelId} within ${String(config.timeoutMs)} ms`);
      }
      const verdict = verdictOf(outcome.error);
      const tried = attemptNo === 1 ? '' : ` (after ${String(attemptNo)} attempts)`;
      if (!verdict.retryable || attemptNo >= config.maxAttempts) {
        return fail(verdict.failure, `${describeFailure(outcome.error)}${tried}`);
      }
      const delayMs = backoffMs(attemptNo, random, BASE_DELAY_MS, MAX_DELAY_MS);
      logger.info('Bedrock asked to retry; waiting', {
        modelId,
        attempt: attemptNo,
        delayMs,
        error: errorName(outcome.error),
      });
      try {
        await (caller === undefined ? sleep(delayMs) : untilAborted(sleep(delayMs), caller));
      } catch (error) {
        if (isAborted(caller)) return cancelled(caller?.reason);
        return fail('error', `Waiting to retry failed: ${describeError(error)}`);
      }
    }
  }

  return {
    modelId,
    local: false,
    async complete(request, callOptions) {
      try {
        return await run(request, callOptions?.signal);
      } catch (error) {
        // Nothing above is expected to throw; if something does, the message still goes out.
        logger.error('Asking the AI failed unexpectedly', { modelId, error: describeError(error) });
        return fail('error', describeFailure(error));
      }
    },
  };
}
