// The foundation-log-processing CDK app: `npx cdk synth` (or `nx run @soar/foundation-log-processing:synth`), offline.
// Configuration: `-c configFile=path/to/foundation-log-processing.config.yaml`, or
// `-c logProcessing='{"organizationId":"o-…","controlTowerBucketName":"aws-controltower-logs-…"}'`.
import { App } from 'aws-cdk-lib';
import { createLogProcessingApp } from '../src/app';
import { configFromContext } from '../src/config';
import { LogProcessingConfigError } from '../src/errors';

// Only to read the context: `autoSynth` off, or this empty app would overwrite the assembly at exit.
const context = new App({ autoSynth: false }).node;
try {
  createLogProcessingApp(configFromContext(context)).app.synth();
} catch (error) {
  if (error instanceof LogProcessingConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
