import { describeError, type SoarLogger } from '@soar/common';

import type { AiUsage } from './model';

/** Receives the token usage of each answer (the app turns it into a metric). */
export type UsageListener = (usage: AiUsage, modelId: string) => void;

/**
 * Hands usage to the listener. A listener that throws (a metrics buffer that is full) must not
 * turn an answer into a failure, since `complete` never throws: its error is logged instead.
 *
 * @example
 * ```ts
 * reportUsage(options.onUsage, usage, modelId, logger);
 * ```
 */
export function reportUsage(
  listener: UsageListener | undefined,
  usage: AiUsage,
  modelId: string,
  logger: SoarLogger,
): void {
  if (listener === undefined) return;
  try {
    listener(usage, modelId);
  } catch (error) {
    logger.warn('The AI usage listener failed; the answer is kept', { modelId, error: describeError(error) });
  }
}
