/**
 * Contracts between the stack and the libraries it deploys: the error names the state machine retries
 * and catches are names the libraries really throw, and the EventBridge pre-filter for resolved
 * findings agrees with `decide`'s rule.
 */
import * as accounts from '@soar/accounts';
import * as http from '@soar/http';
import { CloudFormationTemplateSchema, extractEventRules, matchesEventPattern } from '@soar/local-runtime';
import * as remediations from '@soar/remediations';
import { createScratchpad } from '@soar/scratchpad';
import * as securityHub from '@soar/security-hub';
import { aControlFinding, aFindingsImportedEvent } from '@soar/testing';
import * as ticketSystems from '@soar/ticket-systems';
import * as tickets from '@soar/tickets';
import { decide, DecideConfigSchema, NO_GATE_DATA } from '@soar/triage';
import * as workflow from '@soar/workflow';
import { createSoarApp } from '../src/app';
import { parseAppConfig } from '../src/config';

/** The patterns of the stack's two finding rules, as deployed (from the synthesized template). */
function deployedPatterns(): { newFindings: unknown; resolvedTicketedFindings: unknown } {
  const { app, stack } = createSoarApp(parseAppConfig({ organizationId: 'o-abcdefghij' }), {
    bundle: false,
    nag: false,
  });
  const template = CloudFormationTemplateSchema.parse(app.synth().getStackByName(stack.stackName).template);
  const rules = extractEventRules(template);
  const pattern = (id: string) => rules.find((rule) => rule.constructPath?.endsWith(`/${id}`))?.eventPattern;
  return {
    newFindings: pattern('NewFindings'),
    resolvedTicketedFindings: pattern('ResolvedTicketedFindings'),
  };
}

/** Every error class the libraries the functions run export, by the name its instances carry. */
function thrownErrorNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const library of [accounts, http, remediations, securityHub, ticketSystems, tickets, workflow]) {
    for (const [exported, value] of Object.entries(library)) {
      if (typeof value !== 'function' || !(value.prototype instanceof Error)) continue;
      // Constructors differ (a message, or a context first): try the shapes the libraries use.
      for (const args of [
        ['probe'],
        [{ operation: 'probe' }, 'probe', [], undefined],
        ['probe', 'probe', 'probe'],
      ]) {
        let instance: unknown;
        try {
          instance = Reflect.construct(value, args);
        } catch {
          continue;
        }
        if (instance instanceof Error) names.set(instance.name, exported);
        break;
      }
    }
  }
  return names;
}

/** Every error name in the Retry and Catch of every state of the synthesized finding processor. */
function stateMachineErrorNames(): string[] {
  const { app, stack } = createSoarApp(parseAppConfig({ organizationId: 'o-abcdefghij' }), {
    bundle: false,
    nag: false,
  });
  const template = app.synth().getStackByName(stack.stackName).template as {
    Resources: Record<
      string,
      { Type: string; Properties: { DefinitionString?: { 'Fn::Join': [string, unknown[]] } } }
    >;
  };
  const names = new Set<string>();
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::StepFunctions::StateMachine') continue;
    const parts = resource.Properties.DefinitionString?.['Fn::Join'][1] ?? [];
    const definition = JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'X')).join('')) as {
      States: Record<string, { Retry?: { ErrorEquals: string[] }[]; Catch?: { ErrorEquals: string[] }[] }>;
    };
    for (const state of Object.values(definition.States)) {
      for (const rule of [...(state.Retry ?? []), ...(state.Catch ?? [])])
        for (const name of rule.ErrorEquals) names.add(name);
    }
  }
  return [...names].sort();
}

describe('Contract: Retry and Catch error names', () => {
  it('names only errors Step Functions or Lambda raise, or a class the libraries throw', () => {
    // Arrange
    const thrown = thrownErrorNames();

    // Act
    const names = stateMachineErrorNames();

    // Assert
    const unknown = names.filter(
      (name) => !name.startsWith('States.') && !name.startsWith('Lambda.') && !thrown.has(name),
    );
    expect(unknown).toEqual([]);
    expect(names).toEqual(
      expect.arrayContaining([
        'SecurityHubThrottlingError',
        'GateDataError',
        'AccountLookupError',
        'TicketSystemError',
        'TicketInProgressError',
      ]),
    );
  });
});

describe('Contract: the pre-filter of resolved findings and decide', () => {
  const config = DecideConfigSchema.parse({});
  const patterns = deployedPatterns();
  const cases = [];
  for (const recordState of ['ACTIVE', 'ARCHIVED'] as const)
    for (const workflowStatus of ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'] as const)
      for (const compliance of ['PASSED', 'FAILED', 'WARNING', 'NOT_AVAILABLE', undefined] as const)
        for (const ticketOpen of ['Yes', 'No', undefined] as const)
          cases.push({ recordState, workflowStatus, compliance, ticketOpen });

  it('finds both rules in the template', () => {
    expect(patterns.newFindings).toBeDefined();
    expect(patterns.resolvedTicketedFindings).toBeDefined();
  });

  it.each(cases)(
    'delivers a ticketed finding to intake exactly when decide closes its ticket: %o',
    ({ recordState, workflowStatus, compliance, ticketOpen }) => {
      // Arrange
      const { Compliance: _compliance, ...base } = aControlFinding({ controlId: 'EC2.2' });
      const finding = {
        ...base,
        RecordState: recordState,
        Workflow: { Status: workflowStatus },
        ...(compliance === undefined ? {} : { Compliance: { ..._compliance, Status: compliance } }),
        UserDefinedFields: (ticketOpen === undefined
          ? {}
          : { TicketOpen: ticketOpen, TicketId: 'SOAR-1' }) as Record<string, string>,
      };
      const event = aFindingsImportedEvent([finding]);

      // Act
      const delivered = matchesEventPattern(patterns.resolvedTicketedFindings, event);
      const decision = decide(
        createScratchpad(finding),
        { ...NO_GATE_DATA, openTicket: { ticketId: 'SOAR-1' } },
        config,
      );

      // Assert: SOAR marks the findings it tickets with TicketOpen=Yes; only those can need a close
      expect(delivered).toBe(ticketOpen === 'Yes' && decision.route === 'close_ticket');
      // and the two rules never both deliver one event
      expect(delivered && matchesEventPattern(patterns.newFindings, event)).toBe(false);
    },
  );
});
