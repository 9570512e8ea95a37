import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { type AlarmsConfig, Monitoring } from '@soar/constructs/monitoring';
import {
  BREAKDOWN_DIMENSIONS,
  breakdownMetric,
  TOTAL_METRICS,
  type BreakdownBy,
  type BreakdownPopulation,
  type TotalMetric,
} from '@soar/scheduled-jobs/metric-names';
import type { Construct } from 'constructs';

/** The two dashboards of soar-core (`dashboards` of the app configuration). */
export interface SoarDashboards {
  readonly enabled: boolean;
  /** Default `<stackName>-Security-Status-<region>` (dashboard names are global in an account). */
  readonly securityStatusName?: string | undefined;
  /** Default `<stackName>-Execution-<region>`. */
  readonly executionName?: string | undefined;
}

/** Props of {@link SoarMonitoring}. */
export interface SoarMonitoringProps {
  readonly alarms: AlarmsConfig;
  readonly dashboards: SoarDashboards;
  /** The namespace of the statistics (`metricNamespace` of the configuration). */
  readonly metricNamespace: string;
}

const SINGLE_VALUE_PERIOD = Duration.hours(1);

/**
 * SOAR watching itself: the shared `Monitoring` of `@soar/constructs/monitoring` (an alarm per
 * workflow, the Errors and Throttles of every SOAR function, queue depths, the optional SNS action,
 * the execution dashboard) with the security status dashboard first: open and overdue tickets,
 * auto-remediations and incidents, each by severity, environment, account and team.
 *
 * @example
 * ```ts
 * const monitoring = new SoarMonitoring(this, 'Monitoring', config);
 * monitoring.watchStateMachine(sync.stateMachine, 'Sync-Enabled-Controls-Table', 'LOW');
 * ```
 */
export class SoarMonitoring extends Monitoring {
  public readonly securityStatusDashboard: cloudwatch.Dashboard | undefined;

  public constructor(scope: Construct, id: string, props: SoarMonitoringProps) {
    super(scope, id, { alarms: props.alarms, system: 'SOAR' });
    if (!props.dashboards.enabled) return;
    const { stackName, region } = Stack.of(this);
    this.securityStatusDashboard = new cloudwatch.Dashboard(this, 'SecurityStatus', {
      dashboardName: props.dashboards.securityStatusName ?? `${stackName}-Security-Status-${region}`,
      defaultInterval: Duration.days(28),
    });
    this.addSecurityStatusWidgets(this.securityStatusDashboard, props.metricNamespace);
    this.addExecutionDashboard(props.dashboards.executionName ?? `${stackName}-Execution-${region}`);
  }

  /** Spec: open, overdue, auto-remediations and incidents, then each by severity, environment, account and team. */
  private addSecurityStatusWidgets(dashboard: cloudwatch.Dashboard, namespace: string): void {
    const total = (which: TotalMetric, label: string) => {
      const { metricName, dimension, value } = TOTAL_METRICS[which];
      return new cloudwatch.Metric({
        namespace,
        metricName,
        dimensionsMap: { [dimension]: value },
        statistic: 'Maximum',
        period: SINGLE_VALUE_PERIOD,
        label,
      });
    };
    dashboard.addWidgets(
      new cloudwatch.SingleValueWidget({
        title: 'Now',
        width: 24,
        metrics: [
          total('openTickets', 'Open tickets'),
          total('overdueTickets', 'Overdue tickets'),
          total('autoRemediations', 'Auto-remediations (28 days)'),
          total('incidents', 'Incidents (28 days)'),
        ],
      }),
    );
    const populations: readonly [BreakdownPopulation, string][] = [
      ['openTickets', 'Open tickets'],
      ['overdueTickets', 'Overdue tickets'],
      ['autoRemediations', 'Auto-remediations'],
      ['incidents', 'Incidents'],
    ];
    for (const [population, title] of populations) {
      dashboard.addWidgets(
        ...(Object.keys(BREAKDOWN_DIMENSIONS) as BreakdownBy[]).map((by) => {
          const { metricName, dimension } = breakdownMetric(population, by);
          return new cloudwatch.GraphWidget({
            title: `${title} by ${by.toLowerCase()}`,
            width: 6,
            view: cloudwatch.GraphWidgetView.PIE,
            left: [
              new cloudwatch.MathExpression({
                // Metrics Insights: the latest hour's value of each dimension value.
                expression: `SELECT MAX(${metricName}) FROM SCHEMA("${namespace}", ${dimension}) GROUP BY ${dimension}`,
                label: title,
                period: SINGLE_VALUE_PERIOD,
              }),
            ],
          });
        }),
      );
    }
  }
}
