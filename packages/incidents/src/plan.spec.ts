import type { AwsSecurityFinding, SeverityLabel } from '@soar/asff-schema';
import { TEST_ACCOUNT_ID } from '@soar/testing';
import { alarmFinding, anAccount, guardDuty, INSTANCE_ID, productFinding } from '../tests/findings';
import { IncidentsConfigSchema, parseIncidentsConfig, type IncidentsConfigInput } from './config';
import { IncidentConfigError } from './errors';
import { planIncident, severityRules } from './plan';

const SEVERITIES: readonly SeverityLabel[] = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const config = (input: IncidentsConfigInput = {}) => IncidentsConfigSchema.parse(input);
const account = anAccount();

const findingOfKind: Record<string, (severity: SeverityLabel) => AwsSecurityFinding> = {
  ec2: (severity) => guardDuty('Backdoor:EC2/C&CActivity.B!DNS', severity),
  iam_user: (severity) =>
    guardDuty('Policy:IAMUser/RootCredentialUsage', severity, [{ Type: 'AwsIamAccessKey', Id: 'AKIA1' }]),
  s3: (severity) =>
    guardDuty('Discovery:S3/AnomalousBehavior', severity, [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b' }]),
  eks: (severity) =>
    guardDuty('Discovery:Kubernetes/SuccessfulAnonymousAccess', severity, [
      { Type: 'AwsEksCluster', Id: 'c' },
    ]),
  generic: (severity) => alarmFinding('INFRA', severity),
};

describe('Function: severityRules', () => {
  // The original's defaults: every severity notified; SOC tickets from LOW; EC2 terminated from MEDIUM
  // (here: containment on, at MEDIUM and above, to compare).
  const original = config({ containment: { enabled: true, severities: ['MEDIUM', 'HIGH', 'CRITICAL'] } });
  const narrowed = config({
    notificationSeverities: {
      ec2: 'HIGH, CRITICAL',
      iamUser: ['MEDIUM', 'HIGH', 'CRITICAL'],
      s3: [],
      eks: ['critical'],
      generic: ' low , HIGH ',
    },
    socTicketSeverities: ['HIGH', 'CRITICAL'],
    containment: { enabled: true, severities: ['CRITICAL'] },
  });

  it.each(
    (['ec2', 'iam_user', 's3', 'eks', 'generic'] as const).flatMap((kind) =>
      SEVERITIES.map((severity) => [kind, severity] as const),
    ),
  )('%s at %s with the original settings', (kind, severity) => {
    const contain = kind === 'ec2' && ['MEDIUM', 'HIGH', 'CRITICAL'].includes(severity);
    expect(severityRules(kind, severity, original)).toEqual({
      notify: true,
      ticket: severity !== 'INFORMATIONAL',
      contain,
    });
  });

  it.each([
    // kind, severity, notify, ticket, contain
    ['ec2', 'MEDIUM', false, false, false],
    ['ec2', 'HIGH', true, true, false],
    ['ec2', 'CRITICAL', true, true, true],
    ['iam_user', 'LOW', false, false, false],
    ['iam_user', 'MEDIUM', true, false, false],
    ['iam_user', 'HIGH', true, true, false],
    ['s3', 'CRITICAL', false, false, false],
    ['eks', 'HIGH', false, false, false],
    ['eks', 'CRITICAL', true, true, false],
    ['generic', 'LOW', true, false, false],
    ['generic', 'MEDIUM', false, false, false],
    ['generic', 'HIGH', true, true, false],
  ] as const)(
    '%s at %s with narrowed settings: notify %p, ticket %p, contain %p',
    (kind, severity, notify, ticket, contain) => {
      expect(severityRules(kind, severity, narrowed)).toEqual({ notify, ticket, contain });
    },
  );

  it('never contains when containment is off (the default)', () => {
    expect(severityRules('ec2', 'CRITICAL', config())).toEqual({
      notify: true,
      ticket: true,
      contain: false,
    });
  });
});

describe('Function: parseIncidentsConfig', () => {
  it('trims lists, reads any case and comma-separated text', () => {
    const parsed = parseIncidentsConfig({
      socTicketSeverities: 'LOW, medium ,HIGH',
      ignoredProducts: [' Inspector '],
      containment: { excludedEnvironments: [' prod', 'Live '] },
    });
    expect(parsed.socTicketSeverities).toEqual(['LOW', 'MEDIUM', 'HIGH']);
    expect(parsed.ignoredProducts).toEqual(['Inspector']);
    expect(parsed.containment.excludedEnvironments).toEqual(['PROD', 'LIVE']);
  });

  it('has the documented defaults', () => {
    const parsed = parseIncidentsConfig({});
    expect(parsed).toMatchObject({
      ignoredProducts: ['Inspector', 'Systems Manager Patch Manager', 'cis-alarms'],
      socTicketSeverities: ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'],
      routing: { socProject: 'SOC', incidentsToSoc: 'INFRA' },
      containment: {
        enabled: false,
        severities: ['HIGH', 'CRITICAL'],
        protectTag: 'soar:protect',
        excludedEnvironments: [],
        forensics: { kind: 'none' },
      },
    });
  });

  it.each([
    [{ socTicketSeverities: ['LOW', 'URGENT'] }, 'socTicketSeverities.1'],
    [{ socTicketSeverities: 'LOW,,HIGH' }, 'socTicketSeverities.1'],
    [{ notificationSeverities: { ec2: ['HIGH'], lambda: ['HIGH'] } }, 'notificationSeverities'],
    [{ containment: { enabeld: true } }, 'containment'],
    [
      { containment: { forensics: { kind: 'lambda', functionArn: 'DiskForensicsInvoke' } } },
      'containment.forensics.functionArn',
    ],
    [{ ignoredProducts: ['Inspector', ' '] }, 'ignoredProducts.1'],
  ])('refuses %j naming %s', (input, field) => {
    expect(() => parseIncidentsConfig(input, 'INCIDENTS_CONFIG')).toThrow(IncidentConfigError);
    expect(() => parseIncidentsConfig(input, 'INCIDENTS_CONFIG')).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('INCIDENTS_CONFIG: invalid incident configuration'),
        fields: expect.arrayContaining([field]),
      }),
    );
  });

  it('suggests the key that was meant', () => {
    expect(() => parseIncidentsConfig({ containment: { enabeld: true } })).toThrow(/did you mean "enabled"/);
  });
});

describe('Function: planIncident', () => {
  it('filters a finding that fails the trust checks', () => {
    const foreign = productFinding('acme/scanner', 'Scanner');
    expect(planIncident(foreign, { account }, config())).toMatchObject({
      action: 'filter',
      reason: 'untrusted_source',
    });
    expect(planIncident(foreign, { account }, config({ trustedProducts: ['acme/*'] })).action).toBe('handle');
  });

  it('filters a control finding', () => {
    const control = productFinding('aws/securityhub', 'Security Hub', {
      GeneratorId: 'security-control/EC2.2',
      Compliance: { SecurityControlId: 'EC2.2' },
    });
    expect(planIncident(control, { account }, config())).toMatchObject({
      action: 'filter',
      reason: 'control_finding',
    });
  });

  it('filters a finding whose severity is not notified', () => {
    const plan = planIncident(
      findingOfKind['s3']?.('LOW') ?? alarmFinding('INFRA'),
      { account },
      config({ notificationSeverities: { s3: ['HIGH'] } }),
    );
    expect(plan).toMatchObject({ action: 'filter', reason: 'severity_not_notified' });
  });

  it('handles a GuardDuty EC2 finding: team ticket, SOC copy, containment intent, penalty', () => {
    const finding = guardDuty('Backdoor:EC2/C&CActivity.B!DNS', 'HIGH');
    const plan = planIncident(
      finding,
      { account: anAccount({ Environment: 'PROD' }) },
      config({ containment: { enabled: true } }),
    );
    expect(plan).toEqual({
      action: 'handle',
      kind: 'ec2',
      domain: 'INFRA',
      severity: 'HIGH',
      classification: expect.objectContaining({ incidentType: finding.Types[0] }),
      teamEmail: 'infra@example.com',
      ticket: { open: true, project: 'PAY', alsoToSoc: true, socProject: 'SOC' },
      contain: {
        instance: {
          instanceId: INSTANCE_ID,
          accountId: TEST_ACCOUNT_ID,
          region: 'eu-west-1',
          partition: 'aws',
        },
        forensics: 'none',
      },
      penalty: expect.closeTo(16.9, 5),
      notes: [],
    });
  });

  it.each([
    // domain, project, team email, also to SOC (incidentsToSoc INFRA)
    ['APP', 'PAYAPP', 'devs@example.com', false],
    ['INFRA', 'PAY', 'infra@example.com', true],
  ] as const)(
    'routes an alarm finding of domain %s to %s (%s), SOC copy %p',
    (domain, project, teamEmail, alsoToSoc) => {
      const plan = planIncident(alarmFinding(domain, 'HIGH'), { account }, config());
      expect(plan).toMatchObject({
        action: 'handle',
        kind: 'generic',
        domain,
        teamEmail,
        ticket: { open: true, project, alsoToSoc },
      });
    },
  );

  it('opens no ticket below the SOC ticket severities', () => {
    const plan = planIncident(alarmFinding('APP', 'INFORMATIONAL'), { account }, config());
    expect(plan).toMatchObject({ action: 'handle', ticket: { open: false } });
  });

  it('plans without account data, and says what is missing', () => {
    const plan = planIncident(alarmFinding('APP', 'HIGH'), {}, config());
    expect(plan).toMatchObject({
      action: 'handle',
      ticket: { open: true, alsoToSoc: false },
      penalty: expect.closeTo(1.69, 5),
    });
    expect(plan.action === 'handle' ? plan.notes : []).toEqual([expect.stringContaining('No account data')]);
  });

  describe('local incident suppressions (the triage rule language)', () => {
    const finding = guardDuty('Backdoor:EC2/C&CActivity.B!DNS', 'HIGH');

    it.each([
      ['environment = DEV', 'suppress'],
      ['environment != DEV', 'handle'],
      ['team = payments AND environment =~ d*', 'suppress'],
      ['organizational_unit = ROOT, SANDBOXES\nregion = eu-west-1', 'suppress'],
      ['', 'handle'],
      ['   ', 'handle'],
    ])('rule %j: %s', (rule, action) => {
      expect(planIncident(finding, { account, localSuppressionRule: rule }, config()).action).toBe(action);
    });

    it('names the incident type and the line that matched', () => {
      const plan = planIncident(
        finding,
        { account, localSuppressionRule: 'team = other\nenvironment = DEV' },
        config(),
      );
      expect(plan).toMatchObject({ action: 'suppress', rule: { incidentType: finding.Types[0], line: 2 } });
    });

    it('does not suppress on an invalid rule, and says so', () => {
      const plan = planIncident(finding, { account, localSuppressionRule: 'enviroment = DEV' }, config());
      expect(plan.action).toBe('handle');
      expect(plan.action === 'handle' ? plan.notes : []).toEqual([
        expect.stringContaining('did you mean "environment"'),
      ]);
    });

    it('is not consulted for a finding filtered before', () => {
      const plan = planIncident(
        productFinding('aws/inspector', 'Inspector'),
        { account, localSuppressionRule: 'environment = DEV' },
        config(),
      );
      expect(plan).toMatchObject({ action: 'filter', reason: 'ignored_product' });
    });
  });

  it.each([
    ['DEV', 'MEDIUM', 1],
    ['staging', 'MEDIUM', 2],
    [' Production ', 'HIGH', 16.9],
    ['Unspecified', 'CRITICAL', 2.25],
  ] as const)('weighs a %s %s incident %d', (environment, severity, penalty) => {
    const plan = planIncident(
      alarmFinding('INFRA', severity),
      { account: anAccount({ Environment: environment }) },
      config(),
    );
    expect(plan.action === 'handle' ? plan.penalty : NaN).toBeCloseTo(penalty, 5);
  });
});
