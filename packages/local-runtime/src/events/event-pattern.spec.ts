import { loadEvent } from '../../tests/load-fixture';
import { InvalidEventPatternError } from '../errors';
import { matchesEventPattern, validateEventPattern } from './event-pattern';

/** The EC2 state-change event of the EventBridge documentation, with `detail` fields added per case. */
function ec2Event(detail: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': 'EC2 Instance State-change Notification',
    source: 'aws.ec2',
    account: '111122223333',
    time: '2017-12-22T18:43:48Z',
    region: 'us-west-1',
    resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
    detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated', ...detail },
  };
}

describe('Function: matchesEventPattern', () => {
  // Cases from https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html
  // and https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
  it.each<[string, unknown, Record<string, unknown>, boolean]>([
    ['exact value', { source: ['aws.ec2'] }, ec2Event(), true],
    ['exact value, other source', { source: ['aws.s3'] }, ec2Event(), false],
    ['one of several values', { detail: { state: ['running', 'terminated'] } }, ec2Event(), true],
    ['exact matching is case-sensitive', { detail: { state: ['Terminated'] } }, ec2Event(), false],
    ['a missing field', { detail: { 'c-count': [5] } }, ec2Event(), false],
    ['a number', { detail: { 'c-count': [5] } }, ec2Event({ 'c-count': 5 }), true],
    ['a number is not its string', { detail: { 'c-count': ['5'] } }, ec2Event({ 'c-count': 5 }), false],
    ['a boolean', { detail: { enabled: [true] } }, ec2Event({ enabled: true }), true],
    ['null', { detail: { responseElements: [null] } }, ec2Event({ responseElements: null }), true],
    ['null does not match a missing field', { detail: { responseElements: [null] } }, ec2Event(), false],
    ['an empty string', { detail: { eventVersion: [''] } }, ec2Event({ eventVersion: '' }), true],
    [
      'AND of two fields',
      { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] },
      ec2Event(),
      true,
    ],
    ['AND with one field failing', { source: ['aws.ec2'], region: ['eu-west-1'] }, ec2Event(), false],
    [
      'an event array that intersects',
      { resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0', 'x'] },
      ec2Event(),
      true,
    ],
    ['an event array that does not intersect', { resources: ['x', 'y'] }, ec2Event(), false],
    ['prefix', { time: [{ prefix: '2017-12-22' }] }, ec2Event(), true],
    ['prefix that does not match', { time: [{ prefix: '2017-10-02' }] }, ec2Event(), false],
    [
      'prefix with equals-ignore-case',
      { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
      ec2Event({ service: 'eventbridge' }),
      true,
    ],
    [
      'prefix is case-sensitive',
      { detail: { service: [{ prefix: 'EventB' }] } },
      ec2Event({ service: 'eventbridge' }),
      false,
    ],
    ['suffix', { detail: { FileName: [{ suffix: '.png' }] } }, ec2Event({ FileName: 'image.png' }), true],
    [
      'suffix with equals-ignore-case',
      { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
      ec2Event({ FileName: 'IMAGE.PNG' }),
      true,
    ],
    [
      'suffix that does not match',
      { detail: { FileName: [{ suffix: '.png' }] } },
      ec2Event({ FileName: 'image.jpg' }),
      false,
    ],
    [
      'equals-ignore-case',
      { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
      ec2Event(),
      true,
    ],
    ['anything-but a string', { detail: { state: [{ 'anything-but': 'initializing' }] } }, ec2Event(), true],
    [
      'anything-but the value itself',
      { detail: { state: [{ 'anything-but': 'terminated' }] } },
      ec2Event(),
      false,
    ],
    [
      'anything-but a number',
      { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
      ec2Event({ 'x-limit': 123 }),
      false,
    ],
    [
      'anything-but a list of strings',
      { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
      ec2Event(),
      true,
    ],
    [
      'anything-but a list containing the value',
      { detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } },
      ec2Event(),
      false,
    ],
    [
      'anything-but a list of numbers',
      { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
      ec2Event({ 'x-limit': 400 }),
      true,
    ],
    [
      'anything-but a prefix',
      { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
      ec2Event({ state: 'initializing' }),
      false,
    ],
    [
      'anything-but a prefix, other value',
      { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
      ec2Event(),
      true,
    ],
    [
      'anything-but a suffix',
      { detail: { FileName: [{ 'anything-but': { suffix: '.txt' } }] } },
      ec2Event({ FileName: 'notes.txt' }),
      false,
    ],
    [
      'anything-but equals-ignore-case',
      { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'TERMINATED' } }] } },
      ec2Event(),
      false,
    ],
    [
      'anything-but equals-ignore-case list',
      { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] } },
      ec2Event(),
      true,
    ],
    [
      'anything-but a wildcard',
      { detail: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] } },
      ec2Event({ FilePath: '/usr/lib/x.so' }),
      false,
    ],
    [
      'anything-but a wildcard list',
      { detail: { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] } },
      ec2Event({ FilePath: '/home/me/x' }),
      true,
    ],
    [
      'anything-but does not match a missing field',
      { detail: { nothing: [{ 'anything-but': 'x' }] } },
      ec2Event(),
      false,
    ],
    [
      'numeric ranges',
      {
        detail: {
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ numeric: ['=', 3.018e2] }],
        },
      },
      ec2Event({ 'c-count': 5, 'd-count': 7, 'x-limit': 301.8 }),
      true,
    ],
    [
      'numeric out of range',
      { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
      ec2Event({ 'c-count': 6 }),
      false,
    ],
    [
      'numeric >= lower bound',
      { detail: { 'c-count': [{ numeric: ['>=', 5] }] } },
      ec2Event({ 'c-count': 5 }),
      true,
    ],
    [
      'numeric does not match a numeric string',
      { detail: { 'c-count': [{ numeric: ['>', 0] }] } },
      ec2Event({ 'c-count': '5' }),
      false,
    ],
    [
      'cidr',
      { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
      ec2Event({ sourceIPAddress: '10.0.0.255' }),
      true,
    ],
    [
      'cidr outside the block',
      { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
      ec2Event({ sourceIPAddress: '10.0.1.1' }),
      false,
    ],
    [
      'cidr /32',
      { detail: { sourceIPAddress: [{ cidr: '192.0.2.7/32' }] } },
      ec2Event({ sourceIPAddress: '192.0.2.7' }),
      true,
    ],
    ['exists true', { detail: { state: [{ exists: true }] } }, ec2Event(), true],
    ['exists true on a missing field', { detail: { 'c-count': [{ exists: true }] } }, ec2Event(), false],
    ['exists false', { detail: { 'c-count': [{ exists: false }] } }, ec2Event(), true],
    ['exists false on a present field', { detail: { state: [{ exists: false }] } }, ec2Event(), false],
    [
      'exists false on an object (not a leaf)',
      { detail: { tags: [{ exists: false }] } },
      ec2Event({ tags: { team: 'x' } }),
      true,
    ],
    [
      'wildcard',
      { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
      { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/soar' },
      true,
    ],
    ['wildcard that does not match', { Filename: [{ wildcard: '*.png' }] }, { Filename: 'x.jpg' }, false],
    ['wildcard with an escaped star', { Filename: [{ wildcard: 'a\\*b*' }] }, { Filename: 'a*bc' }, true],
    [
      'wildcard with an escaped star, literal needed',
      { Filename: [{ wildcard: 'a\\*b*' }] },
      { Filename: 'axbc' },
      false,
    ],
    [
      '$or of fields',
      {
        detail: {
          $or: [
            { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
            { 'd-count': [{ numeric: ['<', 10] }] },
            { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
          ],
        },
      },
      ec2Event({ 'c-count': 50, 'd-count': 7 }),
      true,
    ],
    [
      '$or where no branch matches',
      {
        detail: {
          $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }],
        },
      },
      ec2Event({ 'c-count': 50, 'd-count': 70 }),
      false,
    ],
    [
      '$or at the top level with another field',
      { source: ['aws.ec2'], $or: [{ 'detail-type': ['Other'] }, { detail: { state: ['terminated'] } }] },
      ec2Event(),
      true,
    ],
    [
      'an array of objects, flattened',
      { detail: { items: { name: ['b'] } } },
      ec2Event({ items: [{ name: 'a' }, { name: 'b' }] }),
      true,
    ],
    [
      'an array of objects: two fields may match in two different elements',
      { detail: { items: { name: ['a'], size: [2] } } },
      ec2Event({
        items: [
          { name: 'a', size: 1 },
          { name: 'b', size: 2 },
        ],
      }),
      true,
    ],
    ['nested arrays', { detail: { matrix: [3] } }, ec2Event({ matrix: [[1, 2], [3]] }), true],
    ['a pattern object against a leaf', { detail: { state: { value: ['terminated'] } } }, ec2Event(), false],
  ])('%s', (_name, pattern, event, expected) => {
    // Act
    const matched = matchesEventPattern(pattern, event);

    // Assert
    expect(matched).toBe(expected);
  });

  describe('with a Security Hub "Findings - Imported" event', () => {
    const pattern = {
      source: ['aws.securityhub'],
      'detail-type': ['Security Hub Findings - Imported'],
      detail: {
        findings: {
          Severity: { Label: ['CRITICAL', 'HIGH'] },
          Workflow: { Status: ['NEW'] },
          RecordState: ['ACTIVE'],
          ProductFields: { 'aws/securityhub/ProductName': [{ 'anything-but': ['Inspector'] }] },
          Compliance: { Status: [{ 'anything-but': 'PASSED' }] },
          Resources: { Type: [{ prefix: 'AwsS3' }] },
        },
      },
    };

    it.each<[string, string, (event: Record<string, unknown>) => void, boolean]>([
      ['a new HIGH S3 finding', 'aws.securityhub/findings-imported-s3-8', () => undefined, true],
      [
        'the same finding from Inspector',
        'aws.securityhub/findings-imported-s3-8',
        (event) => {
          const [finding] = (event['detail'] as { findings: Record<string, unknown>[] }).findings;
          if (finding) finding['ProductFields'] = { 'aws/securityhub/ProductName': 'Inspector' };
        },
        false,
      ],
      [
        'a finding that passed',
        'aws.securityhub/findings-imported-s3-8',
        (event) => {
          const [finding] = (event['detail'] as { findings: Record<string, unknown>[] }).findings;
          if (finding) finding['Compliance'] = { Status: 'PASSED' };
        },
        false,
      ],
      [
        'a LOW finding',
        'aws.securityhub/findings-imported-s3-8',
        (event) => {
          const [finding] = (event['detail'] as { findings: Record<string, unknown>[] }).findings;
          if (finding) finding['Severity'] = { Label: 'LOW' };
        },
        false,
      ],
      [
        'a suppressed finding',
        'aws.securityhub/findings-imported-s3-8',
        (event) => {
          const [finding] = (event['detail'] as { findings: Record<string, unknown>[] }).findings;
          if (finding) finding['Workflow'] = { Status: 'SUPPRESSED' };
        },
        false,
      ],
    ])('matches %s: %s', (_name, fixture, change, expected) => {
      // Arrange
      const event = loadEvent(fixture);
      change(event);

      // Act
      const matched = matchesEventPattern(pattern, event);

      // Assert
      expect(matched).toBe(expected);
    });
  });

  it('throws InvalidEventPatternError for an invalid pattern', () => {
    // Act
    const act = () => matchesEventPattern({ source: 'aws.ec2' }, ec2Event());

    // Assert
    expect(act).toThrow(InvalidEventPatternError);
  });
});

describe('Function: validateEventPattern', () => {
  it.each<[string, unknown, string[]]>([
    [
      'a valid pattern',
      {
        source: ['aws.ec2'],
        detail: { n: [{ numeric: ['>', 1] }], $or: [{ a: [1] }, { b: [{ exists: false }] }] },
      },
      [],
    ],
    [
      'a value that is not in a list',
      { source: 'aws.ec2' },
      ['source: must be a list of values or a nested object, got "aws.ec2"'],
    ],
    ['an unknown operator', { detail: { n: [{ greater: 5 }] } }, ['detail.n[0]: unknown operator "greater"']],
    [
      'an operator object with two operators',
      { n: [{ prefix: 'a', suffix: 'b' }] },
      ['n[0]: an operator object has exactly one operator, got ["prefix","suffix"]'],
    ],
    ['an empty list', { source: [] }, ['source: an empty list never matches']],
    [
      'a bad numeric',
      { n: [{ numeric: ['>>', 'x'] }] },
      ['n[0]: numeric operator ">>" is not one of < <= = > >=', 'n[0]: numeric >> needs a number, got "x"'],
    ],
    [
      'an odd numeric',
      { n: [{ numeric: ['>', 1, '<'] }] },
      ['n[0]: numeric takes one or two [operator, number] pairs, e.g. [">", 0, "<=", 5]'],
    ],
    ['exists with a string', { n: [{ exists: 'yes' }] }, ['n[0]: exists takes true or false']],
    [
      'an IPv6 cidr',
      { ip: [{ cidr: '2001:db8::/32' }] },
      ['ip[0]: cidr takes an IPv4 CIDR block such as "10.0.0.0/24" (IPv6 is not supported locally)'],
    ],
    [
      'anything-but with mixed types',
      { n: [{ 'anything-but': ['a', 1] }] },
      ['n[0]: anything-but lists must be all strings or all numbers'],
    ],
    [
      'anything-but numeric',
      { n: [{ 'anything-but': { numeric: ['>', 1] } }] },
      ['n[0]: anything-but does not support "numeric"'],
    ],
    [
      'a wildcard with consecutive stars',
      { f: [{ wildcard: 'a**b' }] },
      ['f[0]: wildcard must not contain consecutive *'],
    ],
    ['a $or with one branch', { $or: [{ a: [1] }] }, ['$or: $or takes a list of at least two patterns']],
    ['a pattern that is not an object', ['aws.ec2'], ['pattern: must be an object']],
  ])('finds the problems of %s', (_name, pattern, expected) => {
    // Act
    const problems = validateEventPattern(pattern);

    // Assert
    expect(problems).toEqual(expected);
  });
});
