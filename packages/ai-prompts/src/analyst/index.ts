/**
 * `@soar/ai-prompts/analyst`: the AI of SOAR's functions, from their runtime configuration, loaded on
 * first use: importing it loads neither the prompts, nor the AWS SDK, nor the model, so a function
 * that writes no AI section in an invocation pays nothing for it.
 *
 * @packageDocumentation
 */
import type { AiUsage } from '@soar/bedrock';
import { describeError, SILENT_LOGGER, type SoarLogger } from '@soar/common';
import type { Scratchpad } from '@soar/scratchpad';
import type { AiSection, AnalysedMessage, ProseSection } from './analyst';

export type { AiSection, AnalysedMessage, ProseSection } from './analyst';

/** The `ai` part of SOAR's runtime configuration (`@soar/workflow/config`). */
export interface AiRuntimeConfig {
  readonly provider: 'bedrock' | 'local' | 'none';
  /** `@soar/bedrock`'s configuration (model id, region, timeouts). */
  readonly model: Readonly<Record<string, unknown>>;
  /** `@soar/ai-prompts`' options (IaC flavour, anonymisation, budgets). */
  readonly prompts: Readonly<Record<string, unknown>>;
}

/** SOAR's AI for one function: the message analyst and the weekly report's prose writer. */
export interface SoarAi {
  readonly analyst: {
    analyse(kind: AnalysedMessage, pad: Scratchpad, context?: { readonly text: string }): Promise<AiSection>;
  };
  readonly prose: (section: ProseSection) => Promise<string | undefined>;
}

/**
 * SOAR's AI as the configuration says (`undefined` for provider `none`), built on its first use:
 * Amazon Bedrock (`@soar/bedrock/aws`), or the local model that calls nothing. A configuration that
 * does not parse is logged once and every AI section then says it is not available: the message
 * still goes out.
 *
 * @example
 * ```ts
 * const ai = aiOnFirstUse(config.ai, { logger, onUsage: tokenUsageMetric() });
 * const ports = { ...ticketPorts, ...(ai === undefined ? {} : { ai: ai.analyst }) };
 * ```
 */
export function aiOnFirstUse(
  config: AiRuntimeConfig,
  options: {
    readonly logger?: SoarLogger;
    readonly onUsage?: (usage: AiUsage, modelId: string) => void;
  } = {},
): SoarAi | undefined {
  if (config.provider === 'none') return undefined;
  const logger = options.logger ?? SILENT_LOGGER;
  let loaded: Promise<SoarAi> | undefined;
  const load = () =>
    (loaded ??= (async (): Promise<SoarAi> => {
      const { createAiAnalyst, createWeeklyProse, unavailableSection } = await import('./analyst.js');
      try {
        const { parseAiPromptOptions } = await import('../options.js');
        const prompts = parseAiPromptOptions(config.prompts);
        const onUsage = options.onUsage === undefined ? {} : { onUsage: options.onUsage };
        const model =
          config.provider === 'local'
            ? (await import('@soar/bedrock')).createLocalModel(onUsage)
            : (await import('@soar/bedrock/aws')).createBedrockModel({
                config: (await import('@soar/bedrock')).parseBedrockConfig(
                  config.model,
                  'SOAR_CONFIG ai.model',
                ),
                logger,
                ...onUsage,
              });
        return {
          analyst: createAiAnalyst({ model, prompts, logger }),
          prose: createWeeklyProse({ model, prompts, logger }),
        };
      } catch (error) {
        logger.error('The AI configuration is invalid: messages go out without an AI section', {
          error: describeError(error),
        });
        return {
          analyst: { analyse: () => Promise.resolve(unavailableSection('the AI configuration is invalid')) },
          prose: () => Promise.resolve(undefined),
        };
      }
    })());
  return {
    analyst: { analyse: async (kind, pad, context) => (await load()).analyst.analyse(kind, pad, context) },
    prose: async (section) => (await load()).prose(section),
  };
}

/**
 * Token usage as a CloudWatch metric, in the embedded metric format (one log line; CloudWatch Logs
 * makes the metric, no permission needed): `AiInputTokens` and `AiOutputTokens` by `Model`, in
 * `namespace` (default the `POWERTOOLS_METRICS_NAMESPACE` variable, else `SOAR`).
 *
 * @example
 * ```ts
 * aiOnFirstUse(config.ai, { onUsage: tokenUsageMetric() });
 * ```
 */
export function tokenUsageMetric(
  namespace = process.env['POWERTOOLS_METRICS_NAMESPACE'] ?? 'SOAR',
  write: (line: string) => void = (line) => void process.stdout.write(line),
): (usage: AiUsage, modelId: string) => void {
  return (usage, modelId) =>
    write(
      `${JSON.stringify({
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [
            {
              Namespace: namespace,
              Dimensions: [['Model']],
              Metrics: [
                { Name: 'AiInputTokens', Unit: 'Count' },
                { Name: 'AiOutputTokens', Unit: 'Count' },
              ],
            },
          ],
        },
        Model: modelId,
        AiInputTokens: usage.inputTokens,
        AiOutputTokens: usage.outputTokens,
      })}\n`,
    );
}
