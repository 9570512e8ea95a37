/**
 * `@soar/ai-prompts/analyst`: the AI of SOAR's functions, from their runtime configuration, loaded on
 * first use: importing it loads neither the prompts, nor the AWS SDK, nor the model, so a function
 * that writes no AI section in an invocation pays nothing for it.
 *
 * @packageDocumentation
 */
import type { AiModel, AiUsage } from '@soar/bedrock';
import { describeError, SILENT_LOGGER, type SoarLogger } from '@soar/common';
import type { Scratchpad } from '@soar/scratchpad';
import type { AiPromptOptions } from '../options';
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
export function aiOnFirstUse(config: AiRuntimeConfig, options: AiOptions = {}): SoarAi | undefined {
  // One model for both: the configuration is parsed, and an invalid one logged, once.
  const model = modelOnFirstUse(config, options);
  const analyst = analystOnFirstUse(config, options, model);
  const prose = proseOnFirstUse(config, options, model);
  return analyst === undefined || prose === undefined ? undefined : { analyst, prose };
}

/** Options of {@link aiOnFirstUse}, {@link analystOnFirstUse} and {@link proseOnFirstUse}. */
export interface AiOptions {
  readonly logger?: SoarLogger;
  readonly onUsage?: (usage: AiUsage, modelId: string) => void;
}

/** The configured model and prompt options, built on the first call; `undefined` when they do not parse. */
type ModelOnFirstUse = () => Promise<{ model: AiModel; prompts: AiPromptOptions } | undefined>;

/**
 * The message analyst of {@link aiOnFirstUse} alone (`undefined` for provider `none`): a function that
 * writes messages bundles only the message prompts.
 */
export function analystOnFirstUse(
  config: AiRuntimeConfig,
  options: AiOptions = {},
  model: ModelOnFirstUse = modelOnFirstUse(config, options),
): SoarAi['analyst'] | undefined {
  if (config.provider === 'none') return undefined;
  const logger = options.logger ?? SILENT_LOGGER;
  const load = once(async (): Promise<SoarAi['analyst']> => {
    const { createAiAnalyst, unavailableSection } = await import('./analyst.js');
    const built = await model();
    return built === undefined
      ? { analyse: () => Promise.resolve(unavailableSection('the AI configuration is invalid')) }
      : createAiAnalyst({ ...built, logger });
  });
  return { analyse: async (kind, pad, context) => (await load()).analyse(kind, pad, context) };
}

/**
 * The weekly report's prose writer of {@link aiOnFirstUse} alone (`undefined` for provider `none`):
 * the report function bundles only the report's prompts.
 */
export function proseOnFirstUse(
  config: AiRuntimeConfig,
  options: AiOptions = {},
  model: ModelOnFirstUse = modelOnFirstUse(config, options),
): SoarAi['prose'] | undefined {
  if (config.provider === 'none') return undefined;
  const logger = options.logger ?? SILENT_LOGGER;
  const load = once(async (): Promise<SoarAi['prose']> => {
    const { createWeeklyProse } = await import('./weekly-prose.js');
    const built = await model();
    return built === undefined ? () => Promise.resolve(undefined) : createWeeklyProse({ ...built, logger });
  });
  return async (section) => (await load())(section);
}

/** `make`, run on the first call only; later calls get the same promise. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** The configured model and prompt options, on first use; a configuration that does not parse is logged. */
function modelOnFirstUse(config: AiRuntimeConfig, options: AiOptions): ModelOnFirstUse {
  const logger = options.logger ?? SILENT_LOGGER;
  return once(async () => {
    try {
      return await modelOf(config, logger, options.onUsage);
    } catch (error) {
      logger.error('The AI configuration is invalid: AI sections are left out', {
        error: describeError(error),
      });
      return undefined;
    }
  });
}

/** The configured model and prompt options. @throws when either does not parse */
async function modelOf(
  config: AiRuntimeConfig,
  logger: SoarLogger,
  onUsage: ((usage: AiUsage, modelId: string) => void) | undefined,
): Promise<{ model: AiModel; prompts: AiPromptOptions }> {
  const { parseAiPromptOptions } = await import('../options.js');
  const prompts = parseAiPromptOptions(config.prompts);
  const usage = onUsage === undefined ? {} : { onUsage };
  const bedrock = await import('@soar/bedrock');
  const model =
    config.provider === 'local'
      ? bedrock.createLocalModel(usage)
      : (await import('@soar/bedrock/aws')).createBedrockModel({
          config: bedrock.parseBedrockConfig(config.model, 'SOAR_CONFIG ai.model'),
          logger,
          ...usage,
        });
  return { model, prompts };
}

/**
 * The `ai` port of a function that messages the team (`@soar/workflow`'s steps): the analyst of
 * {@link aiOnFirstUse}, with token usage as a metric, or no port for provider `none`.
 *
 * @example
 * ```ts
 * return { tickets, securityHub, watermarks, ...aiAnalystPort(config.ai, { logger }) };
 * ```
 */
export function aiAnalystPort(
  config: AiRuntimeConfig,
  options: { readonly logger?: SoarLogger } = {},
): { readonly ai?: SoarAi['analyst'] } {
  const ai = analystOnFirstUse(config, { ...options, onUsage: tokenUsageMetric() });
  return ai === undefined ? {} : { ai };
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
