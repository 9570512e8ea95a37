// The templates are synthesized by CDK 2.276; tests/load-fixture.ts describes how they were produced.
import { loadTemplate, WORKFLOW_IDS } from '../../tests/load-fixture';
import { type CloudFormationTemplate } from '../cloudformation/template';
import { InvalidDefinitionError, LocalRuntimeError, UnsupportedDefinitionError } from '../errors';
import { extractStateMachines, functionNameOf } from './extract';

function withMachine(properties: Record<string, unknown>): CloudFormationTemplate {
  return {
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'soar-fn' } },
      Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: properties },
    },
  };
}

describe('Function: extractStateMachines', () => {
  it('extracts the synthesized workflow with its resolved definition', () => {
    // Arrange
    const template = loadTemplate('soar-workflow-stack');

    // Act
    const machines = extractStateMachines(template, { region: 'eu-west-1' });

    // Assert
    expect(machines).toHaveLength(1);
    const [machine] = machines;
    expect(machine).toMatchObject({
      logicalId: WORKFLOW_IDS.machine,
      constructPath: 'SoarWorkflowStack/TriageWorkflow',
      name: WORKFLOW_IDS.machine,
      arn: `arn:aws:states:eu-west-1:123456789012:stateMachine:${WORKFLOW_IDS.machine}`,
      type: 'STANDARD',
    });
    expect(machine?.definition.StartAt).toBe('Normalize');
    expect(machine?.definition.TimeoutSeconds).toBe(1800);
    expect(machine?.definition.States['LookupTicket']?.['Parameters']).toEqual({
      Key: { findingId: { 'S.$': '$.findingId' }, openedAt: { S: 'current' } },
      TableName: WORKFLOW_IDS.tickets,
      ConsistentRead: false,
    });
  });

  it('binds every task state, nested ones included, to what it calls', () => {
    // Arrange
    const template = loadTemplate('soar-workflow-stack');

    // Act
    const [machine] = extractStateMachines(template);

    // Assert
    expect(machine?.tasks).toEqual([
      {
        stateName: 'Enrich',
        path: [],
        resource: 'arn:aws:states:::lambda:invoke',
        kind: 'lambda-invoke',
        functionLogicalId: WORKFLOW_IDS.enrich,
        functionConstructPath: 'SoarWorkflowStack/EnrichFunction',
        functionName: WORKFLOW_IDS.enrich,
        integration: 'lambda:invoke',
      },
      {
        stateName: 'LookupTicket',
        path: [],
        resource: 'arn:aws:states:::dynamodb:getItem',
        kind: 'service',
        integration: 'dynamodb:getItem',
      },
      {
        stateName: 'RemediateResource',
        path: ['Respond', 'Branch 0', 'RemediateResources', 'ItemProcessor'],
        resource: 'arn:aws:states:::lambda:invoke',
        kind: 'lambda-invoke',
        functionLogicalId: WORKFLOW_IDS.remediate,
        functionConstructPath: 'SoarWorkflowStack/RemediateFunction',
        functionName: 'soar-remediate',
        integration: 'lambda:invoke',
      },
      {
        stateName: 'UpdateFinding',
        path: ['Respond', 'Branch 1'],
        resource: 'arn:aws:states:::aws-sdk:securityhub:batchUpdateFindings',
        kind: 'sdk',
        integration: 'aws-sdk:securityhub:batchUpdateFindings',
      },
      {
        stateName: 'NotifyOwner',
        path: [],
        resource: `arn:aws:lambda:us-east-1:123456789012:function:${WORKFLOW_IDS.notify}`,
        kind: 'lambda-direct',
        functionLogicalId: WORKFLOW_IDS.notify,
        functionConstructPath: 'SoarWorkflowStack/NotifyOwnerFunction',
        functionName: WORKFLOW_IDS.notify,
      },
    ]);
  });

  it('reads a Definition object with DefinitionSubstitutions and maps a :$LATEST qualifier back to the function', () => {
    // Arrange
    const template = loadTemplate('variants-stack');

    // Act
    const [machine] = extractStateMachines(template, { region: 'eu-west-1', parameters: { Stage: 'dev' } });

    // Assert
    const echoArn = 'arn:aws:lambda:eu-west-1:123456789012:function:soar-LocalStack-echo';
    expect(machine?.name).toBe('soar-echo');
    expect(machine?.definition.States['Echo']).toMatchObject({
      Resource: echoArn,
      Parameters: { stage: 'dev' },
    });
    expect(machine?.definition.States['Forward']?.['Parameters']).toEqual({
      FunctionName: `${echoArn}:$LATEST`,
      'Payload.$': '$',
    });
    expect(
      machine?.tasks.map((t) => [t.stateName, t.kind, t.functionLogicalId, t.functionConstructPath]),
    ).toEqual([
      ['Echo', 'lambda-direct', 'EchoFunction7EBBA557', 'VariantsStack/EchoFunction'],
      ['Forward', 'lambda-invoke', 'EchoFunction7EBBA557', 'VariantsStack/EchoFunction'],
    ]);
  });

  it('refuses the synthesized JSONata and isNotPresent machines with the fix in the message', () => {
    // Arrange
    const template = loadTemplate('refused-stack');
    const only = (logicalId: string): CloudFormationTemplate => ({
      Resources: Object.fromEntries(
        Object.entries(template.Resources).filter(
          ([id, r]) => r.Type !== 'AWS::StepFunctions::StateMachine' || id === logicalId,
        ),
      ),
    });

    // Act
    const errors = ['JsonataWorkflow326F9E6D', 'NotPresentWorkflow8651EEFC'].map((id) => {
      try {
        extractStateMachines(only(id));
        return undefined;
      } catch (error) {
        return error;
      }
    });

    // Assert
    const [jsonata, notPresent] = errors;
    expect(jsonata).toBeInstanceOf(UnsupportedDefinitionError);
    expect((jsonata as UnsupportedDefinitionError).problems[0]).toMatch(/QueryLanguage JSONata/);
    expect((jsonata as UnsupportedDefinitionError).context.logicalId).toBe('JsonataWorkflow326F9E6D');
    expect(notPresent).toBeInstanceOf(UnsupportedDefinitionError);
    expect((notPresent as UnsupportedDefinitionError).message).toContain(
      "Condition.not(Condition.isPresent('$.ticket')) instead of Condition.isNotPresent('$.ticket')",
    );
  });

  it('skips state machines whose condition is false', () => {
    // Arrange
    const template = withMachine({ DefinitionString: '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}' });
    template['Conditions'] = { Never: { 'Fn::Equals': ['a', 'b'] } };
    const machine = template.Resources['Machine'];
    if (machine === undefined) throw new Error('unreachable');
    machine.Condition = 'Never';

    // Act
    const machines = extractStateMachines(template);

    // Assert
    expect(machines).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, new (...args: never[]) => Error, RegExp]>([
    [
      'a definition that is not JSON',
      { DefinitionString: '{"StartAt":' },
      InvalidDefinitionError,
      /not JSON/,
    ],
    [
      'a definition without States',
      { DefinitionString: '{"StartAt":"A"}' },
      InvalidDefinitionError,
      /States/,
    ],
    [
      'a definition in S3',
      { DefinitionS3Location: { Bucket: 'b', Key: 'k' } },
      UnsupportedDefinitionError,
      /S3/,
    ],
    ['no definition at all', { RoleArn: 'arn:aws:iam::1:role/r' }, LocalRuntimeError, /no DefinitionString/],
  ])('throws for %s', (_name, properties, errorClass, message) => {
    // Act
    const act = () => extractStateMachines(withMachine(properties));

    // Assert
    expect(act).toThrow(errorClass);
    expect(act).toThrow(message);
  });

  it('leaves the function unbound for a dynamic FunctionName.$', () => {
    // Arrange
    const definition = {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { 'FunctionName.$': '$.fn', 'Payload.$': '$' },
          End: true,
        },
      },
    };

    // Act
    const [machine] = extractStateMachines(withMachine({ Definition: definition }));

    // Assert
    expect(machine?.tasks).toEqual([
      {
        stateName: 'Call',
        path: [],
        resource: 'arn:aws:states:::lambda:invoke',
        kind: 'lambda-invoke',
        integration: 'lambda:invoke',
      },
    ]);
  });
});

describe('Function: functionNameOf', () => {
  it.each<[string, string | undefined]>([
    ['arn:aws:lambda:us-east-1:123456789012:function:soar-fn', 'soar-fn'],
    ['arn:aws:lambda:us-east-1:123456789012:function:soar-fn:$LATEST', 'soar-fn'],
    ['arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:soar-fn:live', 'soar-fn'],
    ['123456789012:function:soar-fn', 'soar-fn'],
    ['soar-fn', 'soar-fn'],
    ['soar-fn:7', 'soar-fn'],
    ['arn:aws:states:us-east-1:123456789012:activity:x', undefined],
  ])('reads the function name of %s', (reference, expected) => {
    // Act
    const name = functionNameOf(reference);

    // Assert
    expect(name).toBe(expected);
  });
});
