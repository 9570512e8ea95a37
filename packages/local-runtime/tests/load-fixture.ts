/*
 * Fixtures of @soar/local-runtime.
 *
 * tests/fixtures/*.template.json were synthesized once with aws-cdk-lib 2.276.0 by a throwaway script
 * (not kept): `new cdk.App({ context: { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:bundling-stacks': [] } })`,
 * stacks with `env: { account: '123456789012', region: 'us-east-1' | 'eu-west-1' }`, `lambda.Function` with
 * `Code.fromInline`, then `app.synth().getStackByName(name).template` written as JSON:
 *
 * - soar-workflow-stack: a tickets `dynamodb.Table` (GSI byAccount), an accounts `TableV2` (GlobalTable,
 *   LSI byTeam, tableName soar-accounts), Enrich / Remediate (functionName soar-remediate) / NotifyOwner /
 *   Dispatch functions, and the JSONPath state machine TriageWorkflow: Normalize (Pass) → Enrich
 *   (LambdaInvoke, ResultSelector on $.Payload, Retry TicketInProgressError/TransientError ×3, Catch
 *   EnrichmentUnavailableError → EnrichFallback and States.ALL → HandleFailure (Fail)) → LookupTicket
 *   (DynamoGetItem, Catch States.TaskFailed → NoTicket) → Route (Choice: And(isPresent, stringEquals) →
 *   AlreadyTicketed; Or(CRITICAL, HIGH) → Respond; MEDIUM → NotifyOwner (payloadResponseOnly) → Cooldown
 *   (Wait 5 min); otherwise Ignore) ; Respond = Parallel [Map RemediateResources over $.resources →
 *   RemediateResource (LambdaInvoke, outputPath $.Payload) ; UpdateFinding (CallAwsService securityhub
 *   batchUpdateFindings)] → RecordOutcome → Done. Rules: FindingsImportedRule (Security Hub pattern with
 *   anything-but) → the state machine; AlarmToFindingRule (prefix) → DispatchFunction with an SQS DLQ,
 *   retryAttempts 2, maxEventAge 2 h, InputPath $.detail. DispatchFunction's environment Refs the table,
 *   the state machine and the queue, and has a Fn::Sub.
 * - refused-stack: a JSONata state machine (`QueryLanguage.JSONATA`, `LambdaInvoke.jsonata`, `Pass.jsonata`)
 *   and one with `Condition.isNotPresent('$.ticket')`.
 * - variants-stack (eu-west-1): a `CfnParameter` Stage (default prod), conditions IsProd / IsNotProd, a
 *   function named `Fn.join('-', ['soar', AWS::StackName, 'echo'])` with `Fn.conditionIf` in its
 *   environment, a queue with condition IsNotProd, and an L1 `CfnStateMachine` with a `Definition` object
 *   and `DefinitionSubstitutions` (`${EchoArn}`, `${EchoArn}:$LATEST`, `${Stage}`).
 *
 * tests/events/ holds EventBridge events copied from @soar/asff-schema's fixtures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationTemplateSchema, type CloudFormationTemplate } from '../src/cloudformation/template';

export type TemplateFixture = 'soar-workflow-stack' | 'refused-stack' | 'variants-stack';

/** A fresh copy of a template fixture. */
export function loadTemplate(name: TemplateFixture): CloudFormationTemplate {
  const text = readFileSync(join(__dirname, 'fixtures', `${name}.template.json`), 'utf8');
  return CloudFormationTemplateSchema.parse(JSON.parse(text));
}

/** A fresh copy of an event fixture, e.g. `aws.securityhub/findings-imported-s3-8`. */
export function loadEvent(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, 'events', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** Logical ids in soar-workflow-stack. */
export const WORKFLOW_IDS = {
  machine: 'TriageWorkflowDC10C799',
  enrich: 'EnrichFunction38C02156',
  remediate: 'RemediateFunction27CBFA42',
  notify: 'NotifyOwnerFunction70F3D092',
  dispatch: 'DispatchFunction3BD6E874',
  tickets: 'TicketsTableB76A19AF',
  accounts: 'AccountsTable81C15AE5',
  queue: 'DispatchDeadLetterQueue3E30F4B8',
  findingsRule: 'FindingsImportedRuleE3C16D46',
  alarmRule: 'AlarmToFindingRuleEA202D27',
} as const;
