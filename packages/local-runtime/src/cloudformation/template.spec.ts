import { loadTemplate, WORKFLOW_IDS } from '../../tests/load-fixture';
import { CloudFormationTemplateSchema, constructPathOf } from './template';

describe('Function: constructPathOf', () => {
  it.each<[string, Record<string, unknown> | undefined, string | undefined]>([
    ['an L2 resource', { 'aws:cdk:path': 'SoarStack/EnrichFunction/Resource' }, 'SoarStack/EnrichFunction'],
    ['a path without /Resource', { 'aws:cdk:path': 'SoarStack/Custom/Default' }, 'SoarStack/Custom/Default'],
    ['a nested Resource segment', { 'aws:cdk:path': 'SoarStack/Resource/Fn' }, 'SoarStack/Resource/Fn'],
    ['no path metadata', { cfn_nag: {} }, undefined],
    ['no metadata', undefined, undefined],
  ])('gives the construct path of %s', (_name, metadata, expected) => {
    // Act
    const path = constructPathOf(metadata === undefined ? {} : { Metadata: metadata });

    // Assert
    expect(path).toBe(expected);
  });
});

describe('Schema: CloudFormationTemplateSchema', () => {
  it('parses a synthesized template and keeps the sections it does not type', () => {
    // Arrange
    const template = loadTemplate('soar-workflow-stack');

    // Act
    const parsed = CloudFormationTemplateSchema.parse(template);

    // Assert
    expect(parsed.Resources[WORKFLOW_IDS.machine]?.Type).toBe('AWS::StepFunctions::StateMachine');
    expect(parsed['Rules']).toBeDefined();
    expect(constructPathOf(parsed.Resources[WORKFLOW_IDS.enrich] ?? {})).toBe(
      'SoarWorkflowStack/EnrichFunction',
    );
  });

  it('rejects a template without Resources or with a resource without a Type', () => {
    // Act
    const results = [{ Parameters: {} }, { Resources: { A: { Properties: {} } } }].map(
      (t) => CloudFormationTemplateSchema.safeParse(t).success,
    );

    // Assert
    expect(results).toEqual([false, false]);
  });
});
