// The alarms-to-sechub CDK app: `npx cdk synth` (or `nx run @soar/alarms-to-sechub:synth`), offline.
// Configuration: `-c configFile=path/to/alarms.config.yaml`, or `-c alarms='{"organizationId":"o-…"}'`.
import { App } from 'aws-cdk-lib';
import { createAlarmsApp } from '../src/app';
import { AlarmsAppConfigError, configFromContext } from '../src/config';

// Only to read the context: `autoSynth` off, or this empty app would overwrite the assembly at exit.
const context = new App({ autoSynth: false }).node;
try {
  createAlarmsApp(configFromContext(context)).app.synth();
} catch (error) {
  if (error instanceof AlarmsAppConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
