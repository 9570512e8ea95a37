import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Runs the cdk-nag AwsSolutions checks on every stack of the app at synth: an unacknowledged finding
 * fails the synth.
 *
 * @example
 * ```ts
 * const app = new App();
 * checkWithCdkNag(app);
 * ```
 */
export function checkWithCdkNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}

/**
 * Acknowledges one cdk-nag (AwsSolutions) finding on purpose, with the reason an auditor reads.
 *
 * @example
 * ```ts
 * acknowledge(queue, 'SQS3', 'This queue is itself a dead-letter queue; its depth raises an alarm.');
 * ```
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${id}`, reason });
}
