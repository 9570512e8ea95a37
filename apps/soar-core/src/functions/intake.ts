// The Intake function: every Security Hub "Findings - Imported" event the stack's rules deliver.
import { lambdaHandler } from '@soar/lambda';
import { intake, type IntakePorts, type IntakeResult } from '@soar/workflow';
import {
  awsAccountLookup,
  awsControlsSync,
  awsExecutionStarter,
  awsFailureRecorder,
  awsGateLoader,
  awsSecurityHubPort,
  awsWatermarks,
} from '@soar/workflow/aws';
import { runtimeConfigFromEnv } from '@soar/workflow/config';

/** Decides each finding of the event and starts the finding processor for those that need work. */
export const run = (event: unknown, ports: IntakePorts): Promise<IntakeResult[]> => intake(event, ports);

export const handler = lambdaHandler({
  serviceName: 'soar',
  run,
  dependencies: ({ logger }): IntakePorts => {
    const config = runtimeConfigFromEnv(process.env);
    return {
      accounts: awsAccountLookup(config),
      gates: awsGateLoader(config),
      executions: awsExecutionStarter(config),
      failures: awsFailureRecorder(config),
      watermarks: awsWatermarks(config),
      // An account never synced is synced before its control finding is decided.
      controls: awsControlsSync(config),
      // Findings of the security account about a member's resource go to that account; Health
      // notifications are lowered to INFORMATIONAL.
      preprocess: { securityHub: awsSecurityHubPort(config), config: config.preprocessing },
      decide: config.decide,
      logger,
    };
  },
});
