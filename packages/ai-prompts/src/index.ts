/**
 * `@soar/ai-prompts`: SOAR's prompts as versioned data, and their typed renderers. Every AI-written
 * section (ticket opened or closed, remediation done or failed, infrastructure and application
 * incidents, the weekly report's sections) has one record with an id, a version and a purpose.
 * Rendering redacts the data first, optionally anonymises it (reversibly), fits it into size budgets
 * by cutting the least useful parts first, and fences it with a code the data cannot contain, so
 * finding text stays data. The reference of this project's own INFRA alarms goes into the incident
 * prompt when the alarm is one of ours. Pure: no AWS, no clock.
 *
 * @packageDocumentation
 */
export { renderFindingPrompt, type RenderedPrompt } from './render-finding';
export { renderWeeklyPrompt } from './render-weekly';
export { answerToAiText, type AiAnswerText } from './answer';
export { AnonymisationSchema, restoreAnonymised, type Anonymisation } from './anonymise';
export { FENCE_PREFIX, type Truncation } from './assemble';
export {
  FindingPromptInputSchema,
  tablePlaceholder,
  WeeklyPromptInputSchema,
  type FindingPromptInput,
  type WeeklyPromptInput,
} from './inputs';
export {
  AiPromptOptionsSchema,
  DEFAULT_AUTOMATION_ROLE_PATTERNS,
  IAC_FLAVOURS,
  parseAiPromptOptions,
  type AiPromptOptions,
  type AiPromptOptionsInput,
  type IacFlavour,
} from './options';
export {
  AI_HTML_TAGS,
  FINDING_PROMPT_KINDS,
  FINDING_PROMPTS,
  SYSTEM_PROMPT,
  WEEKLY_PROMPT_KINDS,
  WEEKLY_PROMPTS,
  type FindingPromptKind,
  type PromptKind,
  type PromptRecord,
  type WeeklyPromptKind,
} from './prompts';
export { findInfraAlarm, infraAlarmReference, type InfraAlarm } from './infra-alarms';
export { AiPromptInputError, AiPromptsError, PromptBudgetError } from './errors';
