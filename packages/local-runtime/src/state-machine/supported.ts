import { describeState, walkStates, type AslDefinition, type AslState } from './asl';
import { isRecord } from '@soar/common';

const TYPE_TESTS: Readonly<Record<string, string>> = {
  IsPresent: 'isPresent',
  IsNull: 'isNull',
  IsString: 'isString',
  IsNumeric: 'isNumeric',
  IsBoolean: 'isBoolean',
  IsTimestamp: 'isTimestamp',
};

const PATH_FIELDS = ['InputPath', 'OutputPath', 'ResultPath', 'ItemsPath', 'SecondsPath', 'TimestampPath'];
const DISTRIBUTED_MAP_FIELDS = [
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
];

/** Whether a JSONPath or intrinsic-function string reads a workflow variable (`$name`, not `$.x`/`$$`). */
function readsVariable(expression: string): boolean {
  const unquoted = expression.replace(/'(?:[^'\\]|\\.)*'/g, "''");
  return /(?:^|[\s,(])\$[A-Za-z_]/.test(unquoted);
}

/** `.$` fields of a payload template (Parameters, ResultSelector, ItemSelector) that read variables. */
function variableReadsInTemplate(template: unknown, at: string): string[] {
  if (Array.isArray(template))
    return template.flatMap((item, index) => variableReadsInTemplate(item, `${at}[${index}]`));
  if (!isRecord(template)) return [];
  return Object.entries(template).flatMap(([key, value]) => {
    if (key.endsWith('.$') && typeof value === 'string' && readsVariable(value)) return [`${at}.${key}`];
    return variableReadsInTemplate(value, `${at}.${key}`);
  });
}

/** Problems of one Choice rule (and the rules nested in its And/Or/Not). */
function choiceRuleProblems(rule: unknown, where: string): string[] {
  if (!isRecord(rule)) return [];
  const problems: string[] = [];
  for (const [operator, helper] of Object.entries(TYPE_TESTS)) {
    if (rule[operator] !== false) continue;
    const variable = typeof rule['Variable'] === 'string' ? rule['Variable'] : '$.x';
    problems.push(
      `${where}: {"Variable": "${variable}", "${operator}": false} never matches in aws-local-stepfunctions 3.0.0 ` +
        `(AWS matches it). Write {"Not": {"Variable": "${variable}", "${operator}": true}} instead; in CDK use ` +
        `Condition.not(Condition.${helper}('${variable}')) instead of ` +
        `Condition.${helper.replace(/^is/, 'isNot')}('${variable}').`,
    );
  }
  if ('Assign' in rule)
    problems.push(`${where} uses Assign (workflow variables), which the local runtime cannot run.`);
  for (const key of ['Variable', ...Object.keys(rule).filter((k) => k.endsWith('Path'))]) {
    const value = rule[key];
    if (typeof value === 'string' && readsVariable(value)) {
      problems.push(
        `${where} reads the workflow variable ${value} in ${key}; variables are not supported locally.`,
      );
    }
  }
  for (const key of ['And', 'Or']) {
    const nested = rule[key];
    if (Array.isArray(nested))
      nested.forEach((r, i) => problems.push(...choiceRuleProblems(r, `${where} › ${key}[${i}]`)));
  }
  if ('Not' in rule) problems.push(...choiceRuleProblems(rule['Not'], `${where} › Not`));
  return problems;
}

function stateProblems(state: AslState, where: string): string[] {
  const problems: string[] = [];
  if (state['QueryLanguage'] === 'JSONata') {
    problems.push(
      `${where} uses QueryLanguage JSONata; aws-local-stepfunctions 3.0.0 silently ignores JSONata ` +
        `(Arguments, Output and Condition are dropped). Only JSONPath state machines run locally.`,
    );
  }
  if ('Assign' in state)
    problems.push(`${where} uses Assign (workflow variables), which the local runtime cannot run.`);
  for (const field of PATH_FIELDS) {
    const value = state[field];
    if (typeof value === 'string' && readsVariable(value)) {
      problems.push(
        `${where} reads the workflow variable ${value} in ${field}; variables are not supported locally.`,
      );
    }
  }
  for (const field of ['Parameters', 'ResultSelector', 'ItemSelector']) {
    for (const read of variableReadsInTemplate(state[field], field)) {
      problems.push(`${where} reads a workflow variable in ${read}; variables are not supported locally.`);
    }
  }
  if (Array.isArray(state['Catch'])) {
    state['Catch'].forEach((catcher: unknown, index) => {
      if (isRecord(catcher) && 'Assign' in catcher) {
        problems.push(
          `${where} Catch[${index}] uses Assign (workflow variables), which the local runtime cannot run.`,
        );
      }
    });
  }
  if (
    state.Type === 'Task' &&
    typeof state['Resource'] === 'string' &&
    state['Resource'].endsWith('.waitForTaskToken')
  ) {
    problems.push(
      `${where} is a .waitForTaskToken callback task: the local runtime has no task token ($$.Task.Token) ` +
        `and no SendTaskSuccess. Test the callback side separately.`,
    );
  }
  if (state.Type === 'Map') {
    const processor = state['ItemProcessor'];
    const mode =
      isRecord(processor) && isRecord(processor['ProcessorConfig'])
        ? processor['ProcessorConfig']['Mode']
        : undefined;
    const fields = DISTRIBUTED_MAP_FIELDS.filter((field) => field in state);
    if (mode === 'DISTRIBUTED' || fields.length > 0) {
      const uses = [...(mode === 'DISTRIBUTED' ? ['ProcessorConfig.Mode DISTRIBUTED'] : []), ...fields].join(
        ', ',
      );
      problems.push(
        `${where} is a Distributed Map (${uses}), which aws-local-stepfunctions 3.0.0 does not run.`,
      );
    }
  }
  if (state.Type === 'Choice' && Array.isArray(state['Choices'])) {
    state['Choices'].forEach((rule: unknown, index) =>
      problems.push(...choiceRuleProblems(rule, `${where} Choices[${index}]`)),
    );
  }
  if (state.Type === 'Pass' && 'Result' in state && !state['Result']) {
    problems.push(
      `${where} has Result ${JSON.stringify(state['Result'])}: aws-local-stepfunctions 3.0.0 ignores a falsy ` +
        `Result and passes the input through. Wrap the value in an object.`,
    );
  }
  return problems;
}

/**
 * The features of a definition that aws-local-stepfunctions 3.0.0 does not run the way AWS does, one
 * message per use with its fix; empty when the definition is safe to run locally. Checked:
 * JSONata (`QueryLanguage`), workflow variables (`Assign`, `$name` paths), Distributed Map,
 * `.waitForTaskToken`, Choice type tests with `false` (`IsPresent: false` never matches), and Pass
 * states with a falsy `Result`.
 *
 * @example
 * ```ts
 * findUnsupportedFeatures({
 *   StartAt: 'A',
 *   States: { A: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: false, Next: 'B' }] }, B: { Type: 'Succeed' } },
 * });
 * // => ['State "A" Choices[0]: {"Variable": "$.x", "IsPresent": false} never matches ... Condition.not(Condition.isPresent(\'$.x\')) ...']
 * ```
 */
export function findUnsupportedFeatures(definition: AslDefinition): string[] {
  const problems: string[] = [];
  if (definition.QueryLanguage === 'JSONata') {
    problems.push(
      'The definition sets QueryLanguage JSONata; aws-local-stepfunctions 3.0.0 silently ignores JSONata ' +
        '(Arguments, Output and Condition are dropped). Only JSONPath state machines run locally.',
    );
  }
  for (const walked of walkStates(definition))
    problems.push(...stateProblems(walked.state, describeState(walked)));
  return problems;
}
