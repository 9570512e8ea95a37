import { describeError, SILENT_LOGGER } from '@soar/common';
import { answerToAiText } from '../answer';
import type { WeeklyPromptKind } from '../prompts';
import { renderWeeklyPrompt } from '../render-weekly';
import type { AnalystOptions, ProseSection } from './analyst';

/**
 * The weekly report's prose: the model writes around the report's own tables and figures. A section
 * the model cannot write is left out (the report says so); it never fails.
 *
 * @example
 * ```ts
 * await weeklyReportStep({ sources, store, prose: createWeeklyProse({ model }) });
 * ```
 */
export function createWeeklyProse(
  options: AnalystOptions,
): (section: ProseSection) => Promise<string | undefined> {
  const logger = options.logger ?? SILENT_LOGGER;
  const kinds: Readonly<Record<ProseSection['id'], WeeklyPromptKind>> = {
    overview: 'weekly_overview',
    recommendations: 'weekly_recommendations',
    account: 'weekly_account',
  };
  return async (section) => {
    let prompt;
    try {
      // The data is JSON the report assembled; a round trip drops what JSON cannot hold (dates become text).
      const data = JSON.parse(JSON.stringify({ section: section.data ?? null })) as Record<string, never>;
      prompt = renderWeeklyPrompt(kinds[section.id], { data }, options.prompts);
    } catch (error) {
      logger.warn('A weekly prose prompt could not be built', {
        section: section.id,
        error: describeError(error),
      });
      return undefined;
    }
    const result = await options.model.complete({ system: prompt.system, user: prompt.user });
    if (!result.ok) {
      logger.warn('Weekly prose not written', { section: section.id, failure: result.failure });
      return undefined;
    }
    // The report places its own tables: a placeholder the model wrote anyway is dropped.
    return answerToAiText(result.text, prompt.anonymisation).html.replace(/\[\[TABLE [a-z0-9_]+\]\]/g, '');
  };
}
