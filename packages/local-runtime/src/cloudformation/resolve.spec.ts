import { loadTemplate, WORKFLOW_IDS } from '../../tests/load-fixture';
import { LocalRuntimeError } from '../errors';
import {
  isResourceEnabled,
  physicalNameOf,
  resolveIntrinsics,
  resourceArnOf,
  type ResolveContext,
} from './resolve';
import { type CloudFormationTemplate } from './template';

const template: CloudFormationTemplate = {
  Parameters: {
    Stage: { Type: 'String', Default: 'prod' },
    Zones: { Type: 'CommaDelimitedList', Default: 'a,b' },
    NoDefault: { Type: 'String' },
  },
  Mappings: { Sizes: { prod: { Memory: 1024 } } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    IsNotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    ProdInUsEast: {
      'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }],
    },
    AnyEurope: {
      'Fn::Or': [{ 'Fn::Equals': ['eu-west-1', { Ref: 'AWS::Region' }] }, { Condition: 'IsNotProd' }],
    },
  },
  Resources: {
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler' } },
    NamedFn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'soar-enrich' } },
    JoinedFn: {
      Type: 'AWS::Lambda::Function',
      Properties: { FunctionName: { 'Fn::Join': ['-', ['soar', { Ref: 'AWS::StackName' }]] } },
    },
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'soar-tickets' } },
    Global: { Type: 'AWS::DynamoDB::GlobalTable', Properties: {} },
    Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { StateMachineName: 'soar-triage' } },
    Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
    Fifo: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } },
    Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'soar-alerts' } },
    Role: { Type: 'AWS::IAM::Role', Properties: {} },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/soar/triage' } },
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'soar-bus' } },
    Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'soar/jira' } },
    Custom: { Type: 'Custom::Thing', Properties: {} },
    Widget: { Type: 'AWS::Widget::Gadget', Properties: {} },
    DevOnly: { Type: 'AWS::SQS::Queue', Condition: 'IsNotProd', Properties: {} },
  },
};

const context: ResolveContext = { template };

describe('Function: resolveIntrinsics', () => {
  it.each<[string, unknown, unknown]>([
    ['a literal', 'plain', 'plain'],
    ['AWS::Region', { Ref: 'AWS::Region' }, 'us-east-1'],
    ['AWS::AccountId', { Ref: 'AWS::AccountId' }, '123456789012'],
    ['AWS::Partition', { Ref: 'AWS::Partition' }, 'aws'],
    ['AWS::URLSuffix', { Ref: 'AWS::URLSuffix' }, 'amazonaws.com'],
    ['AWS::StackName', { Ref: 'AWS::StackName' }, 'LocalStack'],
    ['a parameter default', { Ref: 'Stage' }, 'prod'],
    ['a list parameter', { Ref: 'Zones' }, ['a', 'b']],
    ['a function without a name', { Ref: 'Fn' }, 'Fn'],
    ['a function name', { Ref: 'NamedFn' }, 'soar-enrich'],
    ['a function name from Fn::Join', { Ref: 'JoinedFn' }, 'soar-LocalStack'],
    ['a table name', { Ref: 'Table' }, 'soar-tickets'],
    ['a queue (its URL)', { Ref: 'Queue' }, 'https://sqs.us-east-1.amazonaws.com/123456789012/Queue'],
    ['a FIFO queue', { Ref: 'Fifo' }, 'https://sqs.us-east-1.amazonaws.com/123456789012/Fifo.fifo'],
    [
      'a state machine (its ARN)',
      { Ref: 'Machine' },
      'arn:aws:states:us-east-1:123456789012:stateMachine:soar-triage',
    ],
    ['a topic (its ARN)', { Ref: 'Topic' }, 'arn:aws:sns:us-east-1:123456789012:soar-alerts'],
    [
      'a secret (its ARN)',
      { Ref: 'Secret' },
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:soar/jira',
    ],
    ['an event bus', { Ref: 'Bus' }, 'soar-bus'],
    [
      'a Lambda ARN',
      { 'Fn::GetAtt': ['NamedFn', 'Arn'] },
      'arn:aws:lambda:us-east-1:123456789012:function:soar-enrich',
    ],
    ['a GetAtt string form', { 'Fn::GetAtt': 'Fn.Arn' }, 'arn:aws:lambda:us-east-1:123456789012:function:Fn'],
    [
      'a table ARN',
      { 'Fn::GetAtt': ['Table', 'Arn'] },
      'arn:aws:dynamodb:us-east-1:123456789012:table/soar-tickets',
    ],
    [
      'a table stream ARN',
      { 'Fn::GetAtt': ['Table', 'StreamArn'] },
      'arn:aws:dynamodb:us-east-1:123456789012:table/soar-tickets/stream/1970-01-01T00:00:00.000',
    ],
    [
      'a global table ARN',
      { 'Fn::GetAtt': ['Global', 'Arn'] },
      'arn:aws:dynamodb:us-east-1:123456789012:table/Global',
    ],
    [
      'a state machine ARN',
      { 'Fn::GetAtt': ['Machine', 'Arn'] },
      'arn:aws:states:us-east-1:123456789012:stateMachine:soar-triage',
    ],
    ['a state machine name', { 'Fn::GetAtt': ['Machine', 'Name'] }, 'soar-triage'],
    ['a queue ARN', { 'Fn::GetAtt': ['Queue', 'Arn'] }, 'arn:aws:sqs:us-east-1:123456789012:Queue'],
    [
      'a queue URL',
      { 'Fn::GetAtt': ['Queue', 'QueueUrl'] },
      'https://sqs.us-east-1.amazonaws.com/123456789012/Queue',
    ],
    ['a queue name', { 'Fn::GetAtt': ['Queue', 'QueueName'] }, 'Queue'],
    [
      'a topic ARN',
      { 'Fn::GetAtt': ['Topic', 'TopicArn'] },
      'arn:aws:sns:us-east-1:123456789012:soar-alerts',
    ],
    ['a role ARN', { 'Fn::GetAtt': ['Role', 'Arn'] }, 'arn:aws:iam::123456789012:role/Role'],
    [
      'a log group ARN',
      { 'Fn::GetAtt': ['Logs', 'Arn'] },
      'arn:aws:logs:us-east-1:123456789012:log-group:/soar/triage:*',
    ],
    [
      'an event bus ARN',
      { 'Fn::GetAtt': ['Bus', 'Arn'] },
      'arn:aws:events:us-east-1:123456789012:event-bus/soar-bus',
    ],
    ['an event bus name', { 'Fn::GetAtt': ['Bus', 'Name'] }, 'soar-bus'],
    [
      'a secret id',
      { 'Fn::GetAtt': ['Secret', 'Id'] },
      'arn:aws:secretsmanager:us-east-1:123456789012:secret:soar/jira',
    ],
    ['an unknown type', { 'Fn::GetAtt': ['Widget', 'Arn'] }, 'arn:aws:widget:us-east-1:123456789012:Widget'],
    [
      'an unknown attribute',
      { 'Fn::GetAtt': ['Fn', 'SnapStartResponse'] },
      'arn:aws:lambda:us-east-1:123456789012:Fn',
    ],
    [
      'a custom resource',
      { 'Fn::GetAtt': ['Custom', 'Value'] },
      'arn:aws:cloudformation:us-east-1:123456789012:Custom',
    ],
    ['Fn::Join', { 'Fn::Join': [':', ['a', { Ref: 'AWS::Region' }, 1]] }, 'a:us-east-1:1'],
    [
      'Fn::Sub with pseudo parameters',
      { 'Fn::Sub': '${AWS::Region}.${AWS::URLSuffix}' },
      'us-east-1.amazonaws.com',
    ],
    [
      'Fn::Sub with a Ref and a GetAtt',
      { 'Fn::Sub': '${Table}|${NamedFn.Arn}' },
      'soar-tickets|arn:aws:lambda:us-east-1:123456789012:function:soar-enrich',
    ],
    [
      'Fn::Sub with variables',
      { 'Fn::Sub': ['${Greeting}, ${AWS::AccountId}', { Greeting: { Ref: 'Stage' } }] },
      'prod, 123456789012',
    ],
    ['Fn::Sub with a literal', { 'Fn::Sub': '${!Literal}-${AWS::Partition}' }, '${Literal}-aws'],
    ['Fn::Select', { 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] }, 'b'],
    ['Fn::Select with a string index', { 'Fn::Select': ['0', ['x', 'y']] }, 'x'],
    ['Fn::Split', { 'Fn::Split': ['/', { 'Fn::Sub': 'a/${AWS::Region}' }] }, ['a', 'us-east-1']],
    ['Fn::If true', { 'Fn::If': ['IsProd', 'INFO', 'DEBUG'] }, 'INFO'],
    ['Fn::If false', { 'Fn::If': ['IsNotProd', 'INFO', 'DEBUG'] }, 'DEBUG'],
    ['Fn::And', { 'Fn::If': ['ProdInUsEast', 'yes', 'no'] }, 'yes'],
    ['Fn::Or', { 'Fn::If': ['AnyEurope', 'yes', 'no'] }, 'no'],
    [
      'Fn::ImportValue',
      { 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-VpcId' } },
      'imported:LocalStack-VpcId',
    ],
    ['Fn::FindInMap', { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] }, 1024],
    ['Fn::GetAZs', { 'Fn::GetAZs': '' }, ['us-east-1a', 'us-east-1b', 'us-east-1c']],
    ['Fn::Base64', { 'Fn::Base64': 'soar' }, 'c29hcg=='],
    [
      'nested objects and arrays',
      { a: [{ Ref: 'Stage' }, { b: { Ref: 'Table' } }] },
      { a: ['prod', { b: 'soar-tickets' }] },
    ],
    [
      'AWS::NoValue in objects and arrays',
      {
        keep: 1,
        drop: { Ref: 'AWS::NoValue' },
        list: ['x', { 'Fn::If': ['IsNotProd', 'y', { Ref: 'AWS::NoValue' }] }],
      },
      { keep: 1, list: ['x'] },
    ],
  ])('resolves %s', (_name, value, expected) => {
    // Act
    const resolved = resolveIntrinsics(value, context);

    // Assert
    expect(resolved).toEqual(expected);
  });

  it('uses the account, region, partition, stack name and names given', () => {
    // Arrange
    const custom: ResolveContext = {
      template,
      accountId: '111122223333',
      region: 'cn-north-1',
      partition: 'aws-cn',
      stackName: 'Soar',
      names: { Fn: 'soar-fn', Queue: 'soar-queue' },
    };

    // Act
    const resolved = resolveIntrinsics(
      [{ 'Fn::GetAtt': ['Fn', 'Arn'] }, { Ref: 'Queue' }, { Ref: 'AWS::StackName' }, { Ref: 'JoinedFn' }],
      custom,
    );

    // Assert
    expect(resolved).toEqual([
      'arn:aws-cn:lambda:cn-north-1:111122223333:function:soar-fn',
      'https://sqs.cn-north-1.amazonaws.com.cn/111122223333/soar-queue',
      'Soar',
      'soar-Soar',
    ]);
  });

  it('takes parameter values over defaults, which changes conditions', () => {
    // Act
    const resolved = resolveIntrinsics(
      { level: { 'Fn::If': ['IsProd', 'INFO', 'DEBUG'] }, stage: { Ref: 'Stage' } },
      { template, parameters: { Stage: 'dev' } },
    );

    // Assert
    expect(resolved).toEqual({ level: 'DEBUG', stage: 'dev' });
  });

  it.each<[string, unknown, string]>([
    [
      'an unknown intrinsic',
      { a: [{ 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }] },
      'Unsupported intrinsic function Fn::Cidr (at Root.a[0].Fn::Cidr)',
    ],
    [
      'a Ref to nothing',
      { Ref: 'Missing' },
      'Ref to Missing, which is neither a resource nor a parameter (at Root.Ref)',
    ],
    ['a GetAtt of nothing', { 'Fn::GetAtt': ['Missing', 'Arn'] }, 'No resource Missing in the template'],
    ['a parameter without a value', { Ref: 'NoDefault' }, 'Parameter NoDefault has no value and no Default'],
    ['an undefined condition', { 'Fn::If': ['Nope', 1, 2] }, 'Condition Nope is not defined in Conditions'],
    [
      'a Select out of range',
      { 'Fn::Select': [3, ['a']] },
      'Fn::Select index 3 is out of range for 1 item(s)',
    ],
  ])('throws a LocalRuntimeError naming the path for %s', (_name, value, message) => {
    // Act
    const act = () => resolveIntrinsics(value, context, 'Root');

    // Assert
    expect(act).toThrow(LocalRuntimeError);
    expect(act).toThrow(message);
  });

  it('resolves the DefinitionString of the synthesized workflow to JSON text', () => {
    // Arrange
    const fixture = loadTemplate('soar-workflow-stack');
    const definitionString = fixture.Resources[WORKFLOW_IDS.machine]?.Properties?.['DefinitionString'];

    // Act
    const text = resolveIntrinsics(definitionString, { template: fixture });

    // Assert
    expect(typeof text).toBe('string');
    const definition = JSON.parse(text as string) as { States: Record<string, { Resource?: string }> };
    expect(definition.States['Enrich']?.Resource).toBe('arn:aws:states:::lambda:invoke');
    expect(definition.States['NotifyOwner']?.Resource).toBe(
      `arn:aws:lambda:us-east-1:123456789012:function:${WORKFLOW_IDS.notify}`,
    );
  });
});

describe('Function: isResourceEnabled', () => {
  it.each<[string, string, Record<string, unknown>, boolean]>([
    ['a resource without a condition', 'Queue', {}, true],
    ['a resource whose condition is false', 'DevOnly', {}, false],
    ['a resource whose condition is true with a parameter', 'DevOnly', { Stage: 'dev' }, true],
    ['a logical id that is not in the template', 'Nope', {}, false],
  ])('tells for %s', (_name, logicalId, parameters, expected) => {
    // Act
    const enabled = isResourceEnabled(logicalId, { template, parameters });

    // Assert
    expect(enabled).toBe(expected);
  });
});

describe('Function: physicalNameOf', () => {
  it('prefers the names given, then the name property, then the logical id', () => {
    // Act
    const names = ['Table', 'Fn', 'NamedFn'].map((id) =>
      physicalNameOf(id, { template, names: { Table: 'given' } }),
    );

    // Assert
    expect(names).toEqual(['given', 'Fn', 'soar-enrich']);
  });
});

describe('Function: resourceArnOf', () => {
  it('gives the main ARN of a resource', () => {
    // Act
    const arns = ['Topic', 'Queue', 'Widget'].map((id) => resourceArnOf(id, context));

    // Assert
    expect(arns).toEqual([
      'arn:aws:sns:us-east-1:123456789012:soar-alerts',
      'arn:aws:sqs:us-east-1:123456789012:Queue',
      'arn:aws:widget:us-east-1:123456789012:Widget',
    ]);
  });
});
