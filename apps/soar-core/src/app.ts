import { App } from 'aws-cdk-lib';
import { checkWithCdkNag } from '@soar/constructs';
import type { SoarAppConfig } from './config';
import { SoarCoreStack } from './stack/soar-core-stack';

/** Options of {@link createSoarApp}. */
export interface SoarAppOptions {
  /** Bundle the Lambda functions with esbuild (default true; the local runtime and most tests skip it). */
  readonly bundle?: boolean;
  /** Run the cdk-nag AwsSolutions checks at synth (default true). */
  readonly nag?: boolean;
  /** Record construct paths in the template (the local runtime binds tasks by them). Default true. */
  readonly pathMetadata?: boolean;
  readonly outdir?: string;
}

/**
 * The soar-core CDK app: one stack, checked by cdk-nag (AwsSolutions) at synth.
 *
 * @example
 * ```ts
 * const { app, stack } = createSoarApp(parseAppConfig({ organizationId: 'o-abcdefghij' }), { bundle: false });
 * const template = app.synth().getStackByName(stack.stackName).template;
 * ```
 */
export function createSoarApp(
  config: SoarAppConfig,
  options: SoarAppOptions = {},
): { app: App; stack: SoarCoreStack } {
  const app = new App({
    // The caller synthesizes (bin/app.ts, tests, the local runtime): no second synth at exit.
    autoSynth: false,
    ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
    context: {
      ...(options.bundle === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
      'aws:cdk:enable-path-metadata': options.pathMetadata ?? true,
    },
  });
  if (options.nag ?? true) checkWithCdkNag(app);
  const stack = new SoarCoreStack(app, config.stackName, {
    config,
    ...(config.account === undefined && config.region === undefined
      ? {}
      : { env: { account: config.account, region: config.region } }),
    description:
      'SOAR for AWS Organizations: every Security Hub control finding suppressed, remediated or ticketed.',
  });
  return { app, stack };
}
