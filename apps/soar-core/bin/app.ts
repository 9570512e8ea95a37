// The soar-core CDK app: `npx cdk synth` (or `nx run @soar/soar-core:synth`), offline.
// Configuration: `-c configFile=path/to/soar.config.yaml`, or `-c soar='{"eventBusName":"SOAR-events"}'`.
import { App } from 'aws-cdk-lib';
import { createSoarApp } from '../src/app';
import { loadAppConfigFile, parseAppConfig, SoarConfigError } from '../src/config';

// Only to read the context: `autoSynth` off, or this empty app would overwrite the assembly at exit.
const context = new App({ autoSynth: false }).node;
try {
  const file: unknown = context.tryGetContext('configFile');
  const inline: unknown = context.tryGetContext('soar');
  const config =
    typeof file === 'string'
      ? loadAppConfigFile(file)
      : parseAppConfig(typeof inline === 'string' ? JSON.parse(inline) : (inline ?? {}), 'context "soar"');
  createSoarApp(config).app.synth();
} catch (error) {
  if (error instanceof SoarConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
