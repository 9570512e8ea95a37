import type { SFNClient } from '@aws-sdk/client-sfn';
import { ExecutionStartError } from '../errors';
import type { ExecutionStarter } from '../ports';
import type { RuntimeConfig } from '../runtime-config';
import { sdk } from '../sdk';
import { awsClients } from './clients';

/**
 * Starts executions of the finding processor state machine of the configuration.
 *
 * @example
 * ```ts
 * const executions = awsExecutionStarter(config);
 * await executions.start({ name: executionName(key), input: state }); // { status: 'started', executionArn }
 * ```
 */
export function awsExecutionStarter(
  config: Pick<RuntimeConfig, 'stateMachineArn' | 'region'>,
  stateMachineArn = config.stateMachineArn,
): ExecutionStarter {
  return stepFunctionsStarter(awsClients.sfn(config), stateMachineArn);
}

/**
 * Starts executions of a state machine. `ExecutionAlreadyExists` (the same finding event delivered
 * again) is a `duplicate`, not an error.
 *
 * @example
 * ```ts
 * const starter = stepFunctionsStarter(new SFNClient({}), config.stateMachineArn);
 * await starter.start({ name: executionName(key), input: state }); // { status: 'started', executionArn }
 * ```
 */
export function stepFunctionsStarter(
  sfn: Pick<SFNClient, 'send'>,
  stateMachineArn: string | undefined,
): ExecutionStarter {
  return {
    async start({ name, input }) {
      if (stateMachineArn === undefined) {
        throw new ExecutionStartError(
          'stateMachineArn is not configured: only the intake function starts executions.',
        );
      }
      const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
      const { StartExecutionCommand } = await sdk.sfn();
      try {
        const started = await sfn.send(
          new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
        );
        return { status: 'started', executionArn: started.executionArn ?? executionArn };
      } catch (error) {
        if (error instanceof Error && error.name === 'ExecutionAlreadyExists') {
          return { status: 'duplicate', executionArn };
        }
        throw new ExecutionStartError(
          `Could not start ${name}: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
    },
  };
}
