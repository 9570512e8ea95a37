import { App } from 'aws-cdk-lib';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { checkWithCdkNag } from '@soar/constructs';

import type { AppConfig } from './config';
import { LogProcessingStack } from './stack/log-processing-stack';

/** Options of {@link createLogProcessingApp}. */
export interface LogProcessingAppOptions {
  /** Bundle the functions with esbuild (default true; most tests skip it). */
  readonly bundle?: boolean;
  /** Run the cdk-nag AwsSolutions checks at synth (default true). */
  readonly nag?: boolean;
  readonly outdir?: string;
}

/**
 * The foundation-log-processing CDK app: one stack in the Log Archive account, checked by cdk-nag
 * (AwsSolutions) at synth.
 *
 * @example
 * ```ts
 * const { app, stack } = createLogProcessingApp(parseAppConfig({ organizationId: 'o-abcdef1234', controlTowerBucketName: 'aws-controltower-logs-111122223333-eu-west-1' }), { bundle: false });
 * app.synth();
 * ```
 */
export function createLogProcessingApp(
  config: AppConfig,
  options: LogProcessingAppOptions = {},
): { app: App; stack: LogProcessingStack } {
  const app = new App({
    // The caller synthesizes (bin/app.ts, tests): no second synth at exit.
    autoSynth: false,
    ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
    context: {
      ...CURRENTLY_RECOMMENDED_FLAGS,
      ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
    },
  });
  if (options.nag ?? true) checkWithCdkNag(app);
  const env =
    config.accountId === undefined && config.region === undefined
      ? {}
      : {
          env: {
            ...(config.accountId === undefined ? {} : { account: config.accountId }),
            ...(config.region === undefined ? {} : { region: config.region }),
          },
        };
  const stack = new LogProcessingStack(app, config.stackName, {
    config,
    description:
      'foundation-log-processing: Control Tower logs combined nightly into verified archives, sources deleted only once verified.',
    ...env,
  });
  return { app, stack };
}
