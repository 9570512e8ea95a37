import { describeInfraAlarm, type InfraAlarm } from './infra-alarms';
import type { AiPromptOptions } from './options';
import { SYSTEM_PROMPT, type Instruction, type PromptRecord } from './prompts';

/** What the data told the renderer, which changes the instructions (never the data's own words). */
export interface SystemFacts {
  /** One of the automation roles acts in the finding: no snippets. */
  readonly automationRoleSeen: boolean;
  /** The finding comes from one of this project's alarms. */
  readonly ownAlarm?: InfraAlarm | undefined;
}

/** `A, B or C`. */
function either(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

function resolve(instruction: Instruction, options: AiPromptOptions, facts: SystemFacts): string {
  if (typeof instruction === 'string') return instruction;
  const fragments = SYSTEM_PROMPT.fragments;
  switch (instruction.use) {
    case 'iac':
      return facts.automationRoleSeen ? fragments.iac.none : fragments.iac[options.iacFlavour];
    case 'automationRole': {
      const patterns = options.automationRolePatterns;
      // With no automation role configured there is nothing to recognise.
      if (patterns.length === 0) return '';
      const roles = `${either(patterns)}${patterns.some((p) => p.includes('*')) ? ' (a * stands for any characters)' : ''}`;
      const general = fragments.automationRole.replace('{roles}', roles);
      return facts.automationRoleSeen ? `${general} ${fragments.automationRoleSeen}` : general;
    }
    default:
      return fragments[instruction.use];
  }
}

/** The system text: the preamble, the kind's instructions, and the reference of one of our alarms. */
export function systemText(record: PromptRecord, options: AiPromptOptions, facts: SystemFacts): string {
  const kept = [
    ...SYSTEM_PROMPT.instructions,
    ...record.instructions.map((instruction) => resolve(instruction, options, facts)),
  ].filter((paragraph) => paragraph !== '');
  if (facts.ownAlarm !== undefined)
    kept.push(`${SYSTEM_PROMPT.fragments.ownAlarm}\n${describeInfraAlarm(facts.ownAlarm)}`);
  return kept.join('\n\n');
}

/**
 * Whether one of the role-name patterns names a role that appears in the text, as a whole name
 * (`role/SOAR-Member`, `assumed-role/AWSControlTowerExecution/…`, a `UserName` value).
 */
export function mentionsRole(text: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const body = pattern
      .split('*')
      .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\w+=,.@-]*');
    return new RegExp(`(?<![\\w+=,.@-])${body}(?![\\w+=,.@-])`).test(text);
  });
}
