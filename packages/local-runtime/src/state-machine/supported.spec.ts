import { type AslDefinition, type AslState } from './asl';
import { findUnsupportedFeatures } from './supported';

/** A definition whose first state is `first`, followed by a Succeed state `Done`. */
function machine(first: AslState, extra: Partial<AslDefinition> = {}): AslDefinition {
  return { StartAt: 'First', States: { First: first, Done: { Type: 'Succeed' } }, ...extra };
}

const task = (fields: Record<string, unknown> = {}): AslState => ({
  Type: 'Task',
  Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
  Next: 'Done',
  ...fields,
});

describe('Function: findUnsupportedFeatures', () => {
  it.each<[string, AslDefinition, RegExp]>([
    [
      'JSONata for the whole machine',
      machine(task(), { QueryLanguage: 'JSONata' }),
      /^The definition sets QueryLanguage JSONata/,
    ],
    [
      'JSONata in one state',
      machine(task({ QueryLanguage: 'JSONata' })),
      /State "First" uses QueryLanguage JSONata/,
    ],
    ['Assign in a state', machine(task({ Assign: { count: 1 } })), /State "First" uses Assign/],
    [
      'Assign in a Catch',
      machine(task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done', Assign: { e: 1 } }] })),
      /Catch\[0\] uses Assign/,
    ],
    [
      'a variable in InputPath',
      machine(task({ InputPath: '$ticket' })),
      /reads the workflow variable \$ticket in InputPath/,
    ],
    [
      'a variable in Parameters',
      machine(task({ Parameters: { nested: { 'id.$': '$ticket.id' } } })),
      /workflow variable in Parameters\.nested\.id\.\$/,
    ],
    [
      'a variable in an intrinsic function',
      machine(task({ Parameters: { 'text.$': "States.Format('{} $notAVariable', $ticket)" } })),
      /workflow variable in Parameters\.text\.\$/,
    ],
    [
      'a Distributed Map',
      machine({
        Type: 'Map',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject' },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED' },
          StartAt: 'I',
          States: { I: { Type: 'Succeed' } },
        },
        Next: 'Done',
      }),
      /Distributed Map \(ProcessorConfig\.Mode DISTRIBUTED, ItemReader\)/,
    ],
    [
      'a Map with ToleratedFailurePercentage',
      machine({
        Type: 'Map',
        ToleratedFailurePercentage: 10,
        ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } },
        Next: 'Done',
      }),
      /Distributed Map \(ToleratedFailurePercentage\)/,
    ],
    [
      'a callback task',
      machine(task({ Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' })),
      /\.waitForTaskToken callback task/,
    ],
    [
      'IsPresent false',
      machine({
        Type: 'Choice',
        Choices: [{ Variable: '$.ticket', IsPresent: false, Next: 'Done' }],
        Default: 'Done',
      }),
      /Condition\.not\(Condition\.isPresent\('\$\.ticket'\)\) instead of Condition\.isNotPresent\('\$\.ticket'\)/,
    ],
    [
      'IsNull false nested in And',
      machine({
        Type: 'Choice',
        Choices: [
          {
            And: [
              { Variable: '$.a', IsPresent: true },
              { Variable: '$.a', IsNull: false },
            ],
            Next: 'Done',
          },
        ],
        Default: 'Done',
      }),
      /Choices\[0\] › And\[1\].*Condition\.not\(Condition\.isNull\('\$\.a'\)\) instead of Condition\.isNotNull/,
    ],
    [
      'IsString false under Not',
      machine({
        Type: 'Choice',
        Choices: [{ Not: { Variable: '$.a', IsString: false }, Next: 'Done' }],
        Default: 'Done',
      }),
      /Choices\[0\] › Not.*"IsString": false/,
    ],
    [
      'a Pass with a falsy Result',
      machine({ Type: 'Pass', Result: false, Next: 'Done' }),
      /Result false: .*falsy/,
    ],
    [
      'an unsupported state inside a Parallel branch',
      machine({
        Type: 'Parallel',
        Branches: [{ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Assign: { a: 1 }, End: true } } }],
        Next: 'Done',
      }),
      /State "Inner" \(in First › Branch 0\) uses Assign/,
    ],
    [
      'an unsupported state inside a Map iterator',
      machine({
        Type: 'Map',
        Iterator: {
          StartAt: 'Inner',
          States: { Inner: { Type: 'Pass', QueryLanguage: 'JSONata', End: true } },
        },
        Next: 'Done',
      }),
      /State "Inner" \(in First › Iterator\) uses QueryLanguage JSONata/,
    ],
  ])('reports %s', (_name, definition, expected) => {
    // Act
    const problems = findUnsupportedFeatures(definition);

    // Assert
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it.each<[string, AslDefinition]>([
    [
      'JSONPath tasks with paths and context',
      machine(task({ InputPath: '$.a', Parameters: { 'x.$': '$$.Execution.Id', 'y.$': '$[0]' } })),
    ],
    [
      'IsPresent true and a Not around it',
      machine({
        Type: 'Choice',
        Choices: [{ Not: { Variable: '$.a', IsPresent: true }, Next: 'Done' }],
        Default: 'Done',
      }),
    ],
    [
      'an inline Map',
      machine({
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'I',
          States: { I: { Type: 'Succeed' } },
        },
        Next: 'Done',
      }),
    ],
    ['a .sync integration', machine(task({ Resource: 'arn:aws:states:::states:startExecution.sync:2' }))],
    ['a Pass with an object Result', machine({ Type: 'Pass', Result: {}, Next: 'Done' })],
    [
      'an intrinsic with a quoted dollar',
      machine(task({ Parameters: { 'x.$': "States.Format('cost: $5 for {}', $.item)" } })),
    ],
  ])('accepts %s', (_name, definition) => {
    // Act
    const problems = findUnsupportedFeatures(definition);

    // Assert
    expect(problems).toEqual([]);
  });

  it('lists every problem, not only the first', () => {
    // Arrange
    const definition = machine(task({ QueryLanguage: 'JSONata', Assign: { a: 1 } }), {
      QueryLanguage: 'JSONata',
    });

    // Act
    const problems = findUnsupportedFeatures(definition);

    // Assert
    expect(problems).toHaveLength(3);
  });
});
