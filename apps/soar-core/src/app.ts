import { App, Stage } from 'aws-cdk-lib';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { checkWithCdkNag } from '@soar/constructs';
import type { SoarAppConfig } from './config';
import { SoarMemberRoleStack, tagMemberAccessRoles } from '@soar/soar-core-infra';
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
): { app: App; stack: SoarCoreStack; memberRoleStack: SoarMemberRoleStack } {
  const app = new App({
    // The caller synthesizes (bin/app.ts, tests, the local runtime): no second synth at exit.
    autoSynth: false,
    ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
    context: {
      // The flags cdk.json sets for the CLI, so that tests, the simulation and a deployment synthesize
      // the same template (cdk.json is checked against this list).
      ...CURRENTLY_RECOMMENDED_FLAGS,
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
  tagMemberAccessRoles(stack);
  // A stage of its own: `cdk deploy` deploys SoarCore alone; the member role template is for a
  // StackSet (`cdk.out/assembly-MemberAccounts/`, see the README).
  const memberRoleStack = new SoarMemberRoleStack(new Stage(app, 'MemberAccounts'), 'SoarMemberRole', {
    memberRoleName: config.memberRoleName,
    soarStackName: config.stackName,
    soarAccountId: config.account,
  });
  return { app, stack, memberRoleStack };
}
