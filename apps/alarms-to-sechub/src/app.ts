import { App, Validations } from 'aws-cdk-lib';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';

import type { AlarmsAppConfig } from './config';
import { AlarmForwarderStack } from './stack/forwarder-stack';
import { AlarmsToSecHubStack } from './stack/security-stack';

/** Options of {@link createAlarmsApp}. */
export interface AlarmsAppOptions {
  /** Bundle the function with esbuild (default true; most tests skip it). */
  readonly bundle?: boolean;
  /** Run the cdk-nag AwsSolutions checks at synth (default true). */
  readonly nag?: boolean;
  readonly outdir?: string;
}

/** The stacks of the app. */
export interface AlarmsApp {
  readonly app: App;
  /** The security-account stacks: one per configured region, or one environment-agnostic stack. */
  readonly securityStacks: readonly AlarmsToSecHubStack[];
  /** The member-account forwarder (its template is what the StackSet deploys). */
  readonly forwarderStack: AlarmForwarderStack;
}

/**
 * The alarms-to-sechub CDK app: a security-account stack per region (every region alarms are raised
 * in: the original ran in the main region only and lost the others) and the StackSet-ready
 * forwarder, all checked by cdk-nag (AwsSolutions) at synth.
 *
 * @example
 * ```ts
 * const { app, securityStacks } = createAlarmsApp(parseAppConfig({ organizationId: 'o-abcdefghij', regions: ['eu-west-1', 'eu-north-1'] }), { bundle: false });
 * securityStacks.map((stack) => stack.stackName); // ['AlarmsToSecHub-eu-west-1', 'AlarmsToSecHub-eu-north-1']
 * ```
 */
export function createAlarmsApp(config: AlarmsAppConfig, options: AlarmsAppOptions = {}): AlarmsApp {
  const app = new App({
    // The caller synthesizes (bin/app.ts, tests): no second synth at exit.
    autoSynth: false,
    ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
    // The flags cdk.json sets for the CLI, so that tests and a deployment synthesize the same templates.
    context: {
      ...CURRENTLY_RECOMMENDED_FLAGS,
      ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
    },
  });
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  const description =
    'alarms-to-sechub: CloudWatch alarms entering ALARM become Security Hub findings in their own account.';
  const securityStacks =
    config.regions.length === 0
      ? [
          new AlarmsToSecHubStack(app, config.stackName, {
            config,
            description,
            ...(config.securityAccountId === undefined ? {} : { env: { account: config.securityAccountId } }),
          }),
        ]
      : config.regions.map(
          (region) =>
            new AlarmsToSecHubStack(app, `${config.stackName}-${region}`, {
              config,
              description,
              env: {
                region,
                ...(config.securityAccountId === undefined ? {} : { account: config.securityAccountId }),
              },
            }),
        );
  const forwarderStack = new AlarmForwarderStack(app, config.forwarderStackName, { config });
  return { app, securityStacks, forwarderStack };
}
