import { SessionPolicyError, SessionPolicyTooLargeError } from './errors';
import { buildSessionPolicy, buildStatementsPolicy, SESSION_POLICY_MAX_LENGTH } from './session-policy';

describe('buildSessionPolicy', () => {
  it('builds the exact packed policy JSON, actions sorted and de-duplicated', () => {
    expect(
      buildSessionPolicy([
        'ec2:RevokeSecurityGroupIngress',
        'ec2:DescribeSecurityGroups',
        'ec2:RevokeSecurityGroupIngress',
      ]),
    ).toBe(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",' +
        '"Action":["ec2:DescribeSecurityGroups","ec2:RevokeSecurityGroupIngress"],"Resource":"*"}]}',
    );
  });

  it('limits the actions to the given resources', () => {
    const policy = JSON.parse(
      buildSessionPolicy(['s3:PutBucketPublicAccessBlock'], ['arn:aws:s3:::b', 'arn:aws:s3:::a']),
    ) as unknown;
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:PutBucketPublicAccessBlock'],
          Resource: ['arn:aws:s3:::a', 'arn:aws:s3:::b'],
        },
      ],
    });
  });

  it('yields the same string for the same permission set in any order', () => {
    expect(buildSessionPolicy(['b:B', 'a:A'])).toBe(buildSessionPolicy(['a:A', 'b:B', 'a:A']));
  });

  it('accepts hyphenated service prefixes', () => {
    expect(buildSessionPolicy(['access-analyzer:ListAnalyzers'])).toContain('access-analyzer:ListAnalyzers');
  });

  it.each(['*', 'ec2:*', 'ec2:Describe*', 's3:Get?bject'])(
    'rejects the wildcard action %j unless allowWildcards',
    (action) => {
      expect(() => buildSessionPolicy(['ec2:DescribeVpcs', action])).toThrow(
        expect.objectContaining({ name: 'SessionPolicyError', field: 'actions[1]', value: action }),
      );
      expect(buildSessionPolicy([action], undefined, { allowWildcards: true })).toContain(`"${action}"`);
    },
  );

  it.each(['ec2', 'ec2:', ':Describe', 'EC2:DescribeVpcs', 'ec2:Describe Vpcs', 'ec2:Describe:Vpcs', ''])(
    'rejects the malformed action %j, naming the element',
    (action) => {
      expect(() => buildSessionPolicy([action])).toThrow(SessionPolicyError);
      expect(() => buildSessionPolicy([action])).toThrow(expect.objectContaining({ field: 'actions[0]' }));
    },
  );

  it('rejects an empty action list', () => {
    expect(() => buildSessionPolicy([])).toThrow(expect.objectContaining({ field: 'actions' }));
  });

  it.each([[[]], [['vpc-1']], [['arn:aws:s3:::a b']]])('rejects the resources %j', (resources) => {
    expect(() => buildSessionPolicy(['s3:GetObject'], resources)).toThrow(SessionPolicyError);
    expect(() => buildSessionPolicy(['s3:GetObject'], resources)).toThrow(
      expect.objectContaining({ field: expect.stringMatching(/^resources/) as unknown }),
    );
  });

  it(`rejects a policy longer than ${SESSION_POLICY_MAX_LENGTH} characters with its size`, () => {
    const actions = Array.from(
      { length: 80 },
      (_, i) => `ec2:DescribeSomething${String(i).padStart(3, '0')}`,
    );
    let thrown: unknown;
    try {
      buildSessionPolicy(actions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SessionPolicyTooLargeError);
    expect(thrown).toBeInstanceOf(SessionPolicyError);
    const { size, limit } = thrown as SessionPolicyTooLargeError;
    expect(limit).toBe(2048);
    expect(size).toBeGreaterThan(2048);
    expect((thrown as Error).message).toContain(`${size} characters`);
  });

  it('accepts a policy of exactly the maximum length', () => {
    const base = buildSessionPolicy(['a:A']).length; // one action of 3 characters
    const action = `a:${'A'.repeat(SESSION_POLICY_MAX_LENGTH - base + 1)}`;
    expect(buildSessionPolicy([action])).toHaveLength(SESSION_POLICY_MAX_LENGTH);
    expect(() => buildSessionPolicy([`${action}B`])).toThrow(SessionPolicyTooLargeError);
  });
});

describe('buildStatementsPolicy', () => {
  const role = 'arn:aws:iam::111122223333:role/soar-vpc-flow-logs-eu-west-1';
  const passRole = {
    actions: ['iam:PassRole'],
    resources: [role],
    conditions: { StringEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } },
  };

  it('builds one Allow statement per entry, in order, with its resources and conditions', () => {
    const policy = JSON.parse(
      buildStatementsPolicy([
        { actions: ['ec2:DescribeVpcs', 'ec2:DescribeFlowLogs'], resources: ['*'] },
        passRole,
      ]),
    ) as unknown;
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['ec2:DescribeFlowLogs', 'ec2:DescribeVpcs'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: [role],
          Condition: { StringEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } },
        },
      ],
    });
  });

  it.each([
    ['statements', []],
    ['statements[0]', [null]],
    ['statements[0].actions', [{ resources: ['*'] }]],
    ['statements[0].resources', [{ actions: ['iam:PassRole'] }]],
    ['statements[0].actions[0]', [{ actions: ['iam:*'], resources: ['*'] }]],
    ['statements[0].resources[0]', [{ actions: ['iam:PassRole'], resources: ['role/x'] }]],
    ['statements[0].conditions', [{ ...passRole, conditions: {} }]],
    [
      'statements[0].conditions.Equals;',
      [{ ...passRole, conditions: { 'Equals;': { 'iam:PassedToService': 'x' } } }],
    ],
    [
      'statements[0].conditions.StringEquals.PassedToService',
      [{ ...passRole, conditions: { StringEquals: { PassedToService: 'x' } } }],
    ],
    [
      'statements[0].conditions.StringEquals.iam:PassedToService',
      [{ ...passRole, conditions: { StringEquals: { 'iam:PassedToService': [] } } }],
    ],
  ])('rejects a bad %s, naming it', (field, statements) => {
    expect(() => buildStatementsPolicy(statements as never)).toThrow(expect.objectContaining({ field }));
    expect(() => buildStatementsPolicy(statements as never)).toThrow(SessionPolicyError);
  });

  it(`rejects statements longer than ${SESSION_POLICY_MAX_LENGTH} characters together`, () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      actions: ['ec2:RevokeSecurityGroupIngress'],
      resources: [`arn:aws:ec2:eu-west-1:111122223333:security-group/sg-${String(i).padStart(17, '0')}`],
    }));
    expect(() => buildStatementsPolicy(many)).toThrow(SessionPolicyTooLargeError);
  });
});
