import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { SoarMonitoring, SoarTables, ticketingRuntime, ticketSystemSecret } from '../src';

function stack(): Stack {
  return new Stack(new App(), 'SoarCore', { env: { account: '111122223333', region: 'eu-west-1' } });
}

describe('SoarTables', () => {
  it('names each table by the key of the runtime configuration', () => {
    // Arrange
    const tables = new SoarTables(stack(), 'Tables', { retainData: true });

    // Act / Assert
    expect(Object.keys(tables.names)).toEqual(Object.keys(tables.tables));
    expect(tables.names.tickets).toBe(tables.tables.tickets.tableName);
  });
});

describe('Ticket system secret', () => {
  it.each([
    ['internal tickets: no secret', { system: 'internal' as const }, undefined],
    [
      'a secret named in the configuration is imported',
      { system: 'jira' as const, secretId: 'soar/jira' },
      false,
    ],
    ['without one, a secret to fill in is created', { system: 'servicenow' as const }, true],
  ])('%s', (_case, ticketing, created) => {
    // Arrange
    const scope = stack();

    // Act
    const secret = ticketSystemSecret(scope, ticketing as Parameters<typeof ticketSystemSecret>[1]);

    // Assert
    expect(secret === undefined).toBe(created === undefined);
    if (created !== undefined) expect(secret instanceof secretsmanager.Secret).toBe(created);
  });

  it('the functions see the secret by its ARN, and internal tickets as internal', () => {
    // Arrange
    const scope = stack();
    const secret = secretsmanager.Secret.fromSecretNameV2(scope, 'S', 'soar/jira');

    // Act / Assert
    expect(ticketingRuntime({ system: 'internal' }, undefined)).toEqual({ system: 'internal' });
    expect(
      ticketingRuntime(
        { system: 'jira', secretId: 'soar/jira' } as Parameters<typeof ticketingRuntime>[0],
        secret,
      ),
    ).toMatchObject({ system: 'jira', secretId: secret.secretArn });
  });
});

describe('SoarMonitoring', () => {
  it('makes the security status dashboard, then the execution one, named after the stack and region', () => {
    // Arrange
    const scope = stack();

    // Act
    new SoarMonitoring(scope, 'Monitoring', {
      alarms: {},
      dashboards: { enabled: true },
      metricNamespace: 'SOAR',
    });

    // Assert
    const names = Object.values(Template.fromStack(scope).findResources('AWS::CloudWatch::Dashboard')).map(
      (dashboard) => (dashboard as { Properties: { DashboardName: string } }).Properties.DashboardName,
    );
    expect(names).toEqual(['SoarCore-Security-Status-eu-west-1', 'SoarCore-Execution-eu-west-1']);
  });

  it('makes no dashboard when they are off', () => {
    // Arrange
    const scope = stack();

    // Act
    const monitoring = new SoarMonitoring(scope, 'Monitoring', {
      alarms: {},
      dashboards: { enabled: false },
      metricNamespace: 'SOAR',
    });

    // Assert
    expect(monitoring.executionDashboard).toBeUndefined();
    expect(monitoring.securityStatusDashboard).toBeUndefined();
    expect(scope.node.findAll().filter((node) => node instanceof cloudwatch.Dashboard)).toEqual([]);
  });
});
