/**
 * Representative inputs for the prompt tests, with every id fixed (the builders number some ids in
 * the order tests run, which would make snapshots depend on test order).
 */
import { createScratchpad, type AccountInput, type Scratchpad } from '@soar/scratchpad';
import { aControlFinding, aGuardDutyFinding, TEST_ACCOUNT_ID, TEST_REGION } from '@soar/testing';

type AwsSecurityFinding = ReturnType<typeof aControlFinding>;

export const ACCOUNT: AccountInput = {
  Id: TEST_ACCOUNT_ID,
  Name: 'payments-prod',
  Email: 'aws+payments-prod@example.com',
  TeamEmail: 'payments-team@example.com',
  TeamEmailApp: 'payments-devs@example.com',
  OrganizationalUnit: 'Workloads',
  Team: 'payments',
  Environment: 'production',
};

const CONTROL_ID = `arn:aws:securityhub:${TEST_REGION}:${TEST_ACCOUNT_ID}:security-control/EC2.2/finding/0f4c2a1b-1b2c-4d3e-8f90-a1b2c3d4e5f6`;

/** EC2.2 failing on a default security group, HIGH. */
export function controlFinding(): AwsSecurityFinding {
  const finding = aControlFinding();
  const [resource] = finding.Resources;
  return {
    ...finding,
    Id: CONTROL_ID,
    Resources:
      resource === undefined
        ? []
        : [
            {
              ...resource,
              Id: `arn:aws:ec2:${TEST_REGION}:${TEST_ACCOUNT_ID}:security-group/sg-0a1b2c3d4e5f60718`,
            },
          ],
  };
}

/** A Lambda function whose environment holds a database password, failing Lambda.2. */
export function lambdaFinding(password = 'hunter2-Sup3rSecret'): AwsSecurityFinding {
  return {
    ...aControlFinding({
      controlId: 'Lambda.2',
      severity: 'MEDIUM',
      resource: {
        Type: 'AwsLambdaFunction',
        Id: `arn:aws:lambda:${TEST_REGION}:${TEST_ACCOUNT_ID}:function:orders-api`,
        Partition: 'aws',
        Region: TEST_REGION,
        Details: {
          AwsLambdaFunction: {
            FunctionName: 'orders-api',
            Runtime: 'nodejs16.x',
            Role: `arn:aws:iam::${TEST_ACCOUNT_ID}:role/orders-api`,
            Environment: { Variables: { DB_PASSWORD: password, STAGE: 'prod' } },
          },
        },
      },
    }),
    Id: CONTROL_ID.replace('EC2.2', 'Lambda.2'),
  };
}

/** GuardDuty SSH brute force against an instance, MEDIUM. */
export function guardDutyFinding(): AwsSecurityFinding {
  return {
    ...aGuardDutyFinding(),
    Id: `arn:aws:guardduty:${TEST_REGION}:${TEST_ACCOUNT_ID}:detector/a2b3c4d5e6f70819a2b3c4d5e6f70819/finding/c8c5e1f2a3b4c5d6e7f8a9b0c1d2`,
  };
}

/** GuardDuty discovery by Control Tower's execution role: SOAR's own automation. */
export function automationRoleFinding(): AwsSecurityFinding {
  const finding = guardDutyFinding();
  return {
    ...finding,
    Title: 'Unusual discovery calls by AWSControlTowerExecution',
    Types: ['TTPs/Discovery/Discovery:IAMUser-AnomalousBehavior'],
    Severity: { Label: 'LOW', Normalized: 20 },
    FindingProviderFields: {
      Severity: { Label: 'LOW' },
      Types: ['TTPs/Discovery/Discovery:IAMUser-AnomalousBehavior'],
    },
    Resources: [
      {
        Type: 'AwsIamAccessKey',
        Id: 'AWS::IAM::AccessKey:ASIAEXAMPLEEXAMPLE',
        Partition: 'aws',
        Region: TEST_REGION,
        Details: {
          AwsIamAccessKey: {
            PrincipalType: 'AssumedRole',
            PrincipalName: 'AWSControlTowerExecution',
          },
        },
      },
    ],
  };
}

/** The finding alarms-to-sechub makes of one of SOAR's own alarms. */
export function ownAlarmFinding(alarmName = 'INFRA-SOAR-Incidents-SM-Failure-HIGH'): AwsSecurityFinding {
  const base = aControlFinding({ severity: 'HIGH' });
  const { Compliance: _compliance, Remediation: _remediation, ...rest } = base;
  return {
    ...rest,
    Id: `arn:aws:cloudwatch:${TEST_REGION}:${TEST_ACCOUNT_ID}:alarm:${alarmName}/2026-11-20T10:15:00.000Z`,
    ProductArn: `arn:aws:securityhub:${TEST_REGION}:${TEST_ACCOUNT_ID}:product/${TEST_ACCOUNT_ID}/default`,
    ProductName: 'Default',
    GeneratorId: alarmName,
    Types: ['Software and Configuration Checks/CloudWatch Alarms/soar-cloudwatch-alarms'],
    FindingProviderFields: {
      Severity: { Label: 'HIGH' },
      Types: ['Software and Configuration Checks/CloudWatch Alarms/soar-cloudwatch-alarms'],
    },
    Title: alarmName,
    Description: 'A SOAR incidents execution failed, timed out or was aborted: an incident was not handled.',
    ProductFields: {
      IncidentDomain: 'INFRA',
      'soar/alarm/name': alarmName,
      'soar/alarm/stateReason':
        'Threshold Crossed: 1 datapoint [1.0 (20/11/26 10:14:00)] was >= the threshold (1.0).',
    },
    Resources: [
      {
        Type: 'AwsStepFunctionStateMachine',
        Id: `arn:aws:states:${TEST_REGION}:${TEST_ACCOUNT_ID}:stateMachine:SoarCore-Incidents`,
        Partition: 'aws',
        Region: TEST_REGION,
      },
    ],
  };
}

/** The enriched context as `@soar/enrichment` renders it (Markdown). */
export const ENRICHED_CONTEXT = [
  '### Alarm context: INFRA-SOAR-Incidents-SM-Failure-HIGH',
  'Evaluation window: 2026-11-20 10:14:00 UTC to 2026-11-20 10:15:00 UTC (1 × 60 s periods, 1 breaching to alarm).',
  'Watches: state machine SoarCore-Incidents.',
  '',
  '### Failed executions in the window (1)',
  '- 7d1f3c: FAILED at 2026-11-20 10:14:41 UTC in state "HandleIncident". States.TaskFailed: AccessDenied: not authorized to perform ec2:ModifyInstanceAttribute',
  '  Log: ERROR AccessDenied: User arn:aws:sts::111122223333:assumed-role/SOAR-Member/soar is not authorized',
  '',
  '### Incident history',
  'ISOLATED_INCIDENT: first incident of this alarm in 90 days. Earlier incidents: 0 in 7 days, 0 in 30, 0 in 90, 0 in 365. Trend STABLE (0/day in the last week, 0/day before).',
].join('\n');

export function pad(finding: AwsSecurityFinding, actionsTaken?: string): Scratchpad {
  const scratchpad = createScratchpad(finding, { account: ACCOUNT });
  return actionsTaken === undefined
    ? scratchpad
    : { ...scratchpad, messages: { ...scratchpad.messages, actions_taken: actionsTaken } };
}

/** A weekly overview's figures and tables. */
export const WEEKLY_OVERVIEW = {
  data: {
    global_data: { n_accounts: 20, aws_organization_administrative_account_name: 'org-management' },
    this_week: { open_tickets: 12, overdue_tickets: 2, accounts_with_open_tickets: 5, incidents: 3 },
    last_week: { open_tickets: 9, overdue_tickets: 1, accounts_with_open_tickets: 4, incidents: 1 },
  },
  tables: [
    {
      id: 'open_tickets_by_severity',
      title: 'Open tickets by severity',
      csv: 'Severity,This week,1 week ago\nCRITICAL,0,0\nHIGH,3,2\nMEDIUM,7,5\nLOW,2,2',
    },
    {
      id: 'accounts',
      title: 'Accounts with issues',
      csv: 'Account,Env,Team,Tickets,Overdue\npayments-prod,production,payments,6,2\nsandbox-7,development,platform,3,0',
    },
  ],
};
