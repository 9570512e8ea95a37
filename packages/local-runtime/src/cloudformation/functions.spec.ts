import { loadTemplate, WORKFLOW_IDS } from '../../tests/load-fixture';
import { listFunctions } from './functions';

describe('Function: listFunctions', () => {
  it('lists every function of the synthesized stack with its construct path', () => {
    // Arrange
    const template = loadTemplate('soar-workflow-stack');

    // Act
    const functions = listFunctions(template);

    // Assert
    expect(functions.map((f) => [f.logicalId, f.constructPath, f.name])).toEqual([
      [WORKFLOW_IDS.enrich, 'SoarWorkflowStack/EnrichFunction', WORKFLOW_IDS.enrich],
      [WORKFLOW_IDS.remediate, 'SoarWorkflowStack/RemediateFunction', 'soar-remediate'],
      [WORKFLOW_IDS.notify, 'SoarWorkflowStack/NotifyOwnerFunction', WORKFLOW_IDS.notify],
      [WORKFLOW_IDS.dispatch, 'SoarWorkflowStack/DispatchFunction', WORKFLOW_IDS.dispatch],
    ]);
    expect(functions[1]).toEqual({
      logicalId: WORKFLOW_IDS.remediate,
      constructPath: 'SoarWorkflowStack/RemediateFunction',
      name: 'soar-remediate',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:soar-remediate',
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      environment: {},
      timeoutSeconds: 300,
      memorySize: 256,
    });
  });

  it('resolves environment variables that reference the table, the state machine and the queue', () => {
    // Arrange
    const template = loadTemplate('soar-workflow-stack');

    // Act
    const dispatch = listFunctions(template, {
      region: 'eu-west-1',
      names: { [WORKFLOW_IDS.tickets]: 'soar-tickets' },
    }).find((f) => f.logicalId === WORKFLOW_IDS.dispatch);

    // Assert
    expect(dispatch?.environment).toEqual({
      TICKETS_TABLE: 'soar-tickets',
      WORKFLOW_ARN: `arn:aws:states:eu-west-1:123456789012:stateMachine:${WORKFLOW_IDS.machine}`,
      DLQ_URL: `https://sqs.eu-west-1.amazonaws.com/123456789012/${WORKFLOW_IDS.queue}`,
      REGION_SUFFIX: 'eu-west-1.amazonaws.com',
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['the parameter default', {}, { LOG_LEVEL: 'INFO', STAGE: 'prod', FIRST_AZ: 'a' }],
    ['a parameter value', { Stage: 'dev' }, { LOG_LEVEL: 'DEBUG', STAGE: 'dev', FIRST_AZ: 'a' }],
  ])('evaluates conditions in the environment with %s', (_name, parameters, expected) => {
    // Arrange
    const template = loadTemplate('variants-stack');

    // Act
    const [echo] = listFunctions(template, { parameters, stackName: 'Variants' });

    // Assert
    expect(echo?.name).toBe('soar-Variants-echo');
    expect(echo?.environment).toEqual(expected);
  });

  it('skips functions whose condition is false', () => {
    // Arrange
    const template = loadTemplate('variants-stack');
    const echo = template.Resources['EchoFunction7EBBA557'];
    if (echo === undefined) throw new Error('fixture changed');
    template.Resources['EchoFunction7EBBA557'] = { ...echo, Condition: 'IsNotProd' };

    // Act
    const functions = listFunctions(template);

    // Assert
    expect(functions).toEqual([]);
  });
});
