import { CloudFormationTemplateSchema, type CloudFormationTemplate } from '@soar/local-runtime';
import { createSoarApp } from './app';
import { parseAppConfig, type SoarAppConfigInput } from './config';

/**
 * Synthesizes the soar-core stack in this process, without bundling the functions (the local runtime
 * runs the handler modules themselves) and without cdk-nag (the stack tests and `nx run
 * @soar/soar-core:synth` run it), and returns its CloudFormation template.
 *
 * @example
 * ```ts
 * const template = synthTemplate(simulationAppConfig(world));
 * ```
 */
export function synthTemplate(config: SoarAppConfigInput): CloudFormationTemplate {
  const { app, stack } = createSoarApp(parseAppConfig(config), {
    bundle: false,
    nag: false,
    pathMetadata: true,
  });
  return CloudFormationTemplateSchema.parse(app.synth().getStackByName(stack.stackName).template);
}
