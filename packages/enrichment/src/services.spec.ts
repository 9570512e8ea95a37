import type { AlarmDescription } from './ports';
import { compositeChildren, detectServices, lambdaFunctionRef, servicesFromArns } from './services';

const AT = { partition: 'aws', region: 'eu-west-1', accountId: '111122223333' };
const SM = 'arn:aws:states:eu-west-1:111122223333:stateMachine:orders';
const alarm = (fields: Partial<AlarmDescription>): AlarmDescription => ({
  kind: 'metric',
  name: 'a',
  metrics: [],
  ...fields,
});

describe('Function: detectServices', () => {
  it('finds a state machine from an AWS/States alarm', () => {
    const services = detectServices(
      [
        alarm({
          metric: {
            namespace: 'AWS/States',
            metricName: 'ExecutionsFailed',
            dimensions: { StateMachineArn: SM },
          },
        }),
      ],
      AT,
    );
    expect(services).toEqual({
      serviceType: 'stepfunctions',
      stateMachines: [{ arn: SM, name: 'orders' }],
      lambdaFunctions: [],
      logGroups: [],
      namespaces: ['AWS/States'],
    });
  });

  it('finds functions in metric math, qualified names, ARNs and other accounts, each once', () => {
    const services = detectServices(
      [
        alarm({
          metrics: [
            { id: 'e1', expression: 'm1 + m2', dimensions: {} },
            {
              id: 'm1',
              namespace: 'AWS/Lambda',
              metricName: 'Errors',
              dimensions: { FunctionName: 'charge' },
            },
            {
              id: 'm2',
              namespace: 'AWS/Lambda',
              metricName: 'Errors',
              dimensions: { Resource: 'charge:live' },
            },
            {
              id: 'm3',
              namespace: 'AWS/Lambda',
              dimensions: { FunctionName: 'refund' },
              accountId: '444455556666',
            },
            {
              id: 'm4',
              namespace: 'AWS/Lambda',
              dimensions: { FunctionName: 'arn:aws:lambda:eu-west-1:111122223333:function:ship:$LATEST' },
            },
            { id: 'm5', namespace: 'AWS/Lambda', dimensions: { FunctionName: 'not a name!' } },
          ],
        }),
      ],
      AT,
    );
    expect(services.serviceType).toBe('lambda');
    expect(services.lambdaFunctions).toEqual([
      { arn: 'arn:aws:lambda:eu-west-1:111122223333:function:charge', name: 'charge' },
      { arn: 'arn:aws:lambda:eu-west-1:444455556666:function:refund', name: 'refund' },
      { arn: 'arn:aws:lambda:eu-west-1:111122223333:function:ship', name: 'ship' },
    ]);
    expect(services.logGroups).toEqual(['/aws/lambda/charge', '/aws/lambda/refund', '/aws/lambda/ship']);
  });

  it('reads Metrics Insights queries, log group metrics and composite children', () => {
    const services = detectServices(
      [
        { kind: 'composite', name: 'c', metrics: [], alarmRule: 'ALARM(x)' },
        alarm({
          metrics: [
            {
              id: 'q',
              expression: `SELECT SUM(Errors) FROM SCHEMA("AWS/Lambda", FunctionName) WHERE FunctionName = 'payments'`,
              dimensions: {},
            },
          ],
        }),
        alarm({ metric: { namespace: 'AWS/Logs', dimensions: { LogGroupName: '/app/orders' } } }),
        alarm({
          metric: {
            namespace: 'AWS/States',
            dimensions: { LambdaFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:task' },
          },
        }),
      ],
      AT,
    );
    expect(services.lambdaFunctions.map((fn) => fn.name)).toEqual(['payments', 'task']);
    expect(services.logGroups).toEqual(['/app/orders', '/aws/lambda/payments', '/aws/lambda/task']);
  });

  it('is generic when no metric names a supported service', () => {
    const services = detectServices(
      [alarm({ metric: { namespace: 'AWS/EC2', dimensions: { InstanceId: 'i-1' } } })],
      AT,
    );
    expect(services).toMatchObject({
      serviceType: 'generic',
      namespaces: ['AWS/EC2'],
      stateMachines: [],
      lambdaFunctions: [],
    });
  });

  it('takes services from resource ARNs when there is no configuration', () => {
    expect(
      servicesFromArns([SM, 'arn:aws:lambda:eu-west-1:111122223333:function:x', 'arn:aws:s3:::b'], AT),
    ).toMatchObject({
      serviceType: 'stepfunctions',
      stateMachines: [{ name: 'orders' }],
      lambdaFunctions: [{ name: 'x' }],
    });
  });
});

describe('Function: lambdaFunctionRef', () => {
  it.each([
    ['payments', 'arn:aws:lambda:eu-west-1:111122223333:function:payments'],
    ['payments:3', 'arn:aws:lambda:eu-west-1:111122223333:function:payments'],
    [
      'arn:aws-cn:lambda:cn-north-1:444455556666:function:p:live',
      'arn:aws-cn:lambda:cn-north-1:444455556666:function:p',
    ],
  ])('%s', (value, arn) => expect(lambdaFunctionRef(value, AT)?.arn).toBe(arn));

  it.each(['', 'a b', 'arn:aws:s3:::bucket', 'x'.repeat(65)])('refuses %p', (value) =>
    expect(lambdaFunctionRef(value, AT)).toBeUndefined(),
  );
});

describe('Function: compositeChildren', () => {
  it.each<[string, number, string[]]>([
    ['ALARM(a) OR ALARM(b)', 10, ['a', 'b']],
    ['ALARM("db cpu") AND NOT OK(\'api\')', 10, ['db cpu', 'api']],
    ['INSUFFICIENT_DATA(arn:aws:cloudwatch:eu-west-1:111122223333:alarm:q) OR ALARM(q)', 10, ['q']],
    ['(ALARM(a) OR ALARM(b)) AND ALARM(c)', 2, ['a', 'b']],
    ['TRUE', 10, []],
  ])('%s', (rule, max, names) => expect(compositeChildren(rule, max)).toEqual(names));
});
