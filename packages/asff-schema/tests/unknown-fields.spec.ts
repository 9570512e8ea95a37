import { parseAlarmStateChangeEvent, parseFinding, parseFindingsEvent } from '../src';
import { edit, type JsonPath, read } from './helpers/edit';
import { loadEvent, loadFinding } from './helpers/load-event';

/** A value a future AWS release could add: nested, with every JSON type. */
const NEW_FIELD = { Enabled: true, Score: 0.5, Labels: ['a', 'b'], Nested: { Deep: null } };

describe('Schemas: unknown fields', () => {
  const FINDING = ['detail', 'findings', 0] as const;

  it.each<[string, JsonPath]>([
    ['the event envelope', ['XNewEnvelopeField']],
    ['the event detail', ['detail', 'XNewDetailField']],
    ['the finding', [...FINDING, 'XNewTopLevelAttribute']],
    ['the severity', [...FINDING, 'Severity', 'XNewSeverityField']],
    ['the compliance', [...FINDING, 'Compliance', 'XNewComplianceField']],
    ['a resource', [...FINDING, 'Resources', 0, 'XNewResourceField']],
    ['the details', [...FINDING, 'Resources', 0, 'Details', 'AwsNewServiceThing']],
    [
      'a typed details object',
      [...FINDING, 'Resources', 0, 'Details', 'AwsEc2SecurityGroup', 'XNewGroupField'],
    ],
    [
      'a nested object of a typed details object',
      [
        ...FINDING,
        'Resources',
        0,
        'Details',
        'AwsEc2SecurityGroup',
        'IpPermissions',
        1,
        'IpRanges',
        0,
        'Description',
      ],
    ],
    ['the workflow', [...FINDING, 'Workflow', 'XNewWorkflowField']],
    ['the finding provider fields', [...FINDING, 'FindingProviderFields', 'Severity', 'XNew']],
  ])('keeps a new field in %s', (_name, path) => {
    // Arrange
    const input = loadEvent('aws.securityhub', 'imported-control-ec2-2');
    edit(input, path, NEW_FIELD);

    // Act
    const event = parseFindingsEvent(input);

    // Assert
    expect(read(event, path)).toStrictEqual(NEW_FIELD);
    expect(JSON.parse(JSON.stringify(event))).toStrictEqual(input);
  });

  it('keeps details of resource types that are not typed here, as they are', () => {
    // Arrange
    const input = loadFinding('imported-inspector-finding');
    const details = read(input, ['Resources', 0, 'Details']);

    // Act
    const finding = parseFinding(input);

    // Assert
    expect(finding.Resources[0]?.Details).toStrictEqual(details);
  });

  it('keeps new fields in alarm events', () => {
    // Arrange
    const input = loadEvent('aws.cloudwatch', 'alarm-state-change-composite');
    edit(input, ['detail', 'state', 'evaluationState'], 'PARTIAL_DATA');
    edit(input, ['detail', 'configuration', 'XNewConfigurationField'], NEW_FIELD);

    // Act
    const event = parseAlarmStateChangeEvent(input);

    // Assert
    expect(JSON.parse(JSON.stringify(event))).toStrictEqual(input);
  });

  it('drops only __proto__ keys, which could pollute prototypes', () => {
    // Arrange
    const input = loadFinding('imported-control-ec2-2');
    const withProto = JSON.parse(
      JSON.stringify(input).replace('{', '{"__proto__":{"polluted":true},'),
    ) as Record<string, unknown>;

    // Act
    const finding = parseFinding(withProto);

    // Assert
    expect(Object.getPrototypeOf(finding)).toBe(Object.prototype);
    expect(Object.keys(finding)).not.toContain('__proto__');
    expect(finding).toStrictEqual(input);
  });
});
