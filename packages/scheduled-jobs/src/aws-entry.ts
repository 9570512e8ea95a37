/**
 * `@soar/scheduled-jobs/aws`: the ports of the scheduled jobs wired to AWS: the hourly tasks' ports
 * (tickets, reminders, failures), the statistics as CloudWatch embedded metric format, and the
 * account cache refresher.
 *
 * @packageDocumentation
 */
export { awsAccountRefresher, awsHourlyPorts, emfMetricsSink, performedRemediations } from './aws';
