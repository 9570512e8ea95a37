// The HandleIncident task of the incidents workflow.
import {
  awsIncidentPortsOnFirstUse,
  handleIncidentStep,
  type HandleIncidentPorts,
  type IncidentFlowState,
} from '@soar/incidents/steps';
import { lambdaHandler } from '@soar/lambda';
import type { FlowState } from '@soar/workflow';
import { awsClients } from '@soar/workflow/aws';
import { runtimeConfigFromEnv } from '@soar/workflow/config';
import { parseFlowState } from '@soar/workflow/schemas';

type Ports = { readonly incidents: HandleIncidentPorts | Promise<HandleIncidentPorts> };

/** Classifies, filters and locally suppresses the incident; contains an EC2 instance; gathers an alarm's context. */
export const run = async (input: unknown, ports: Ports): Promise<IncidentFlowState<FlowState>> =>
  handleIncidentStep(parseFlowState(input, 'handle-incident'), await ports.incidents);

export const handler = lambdaHandler({
  serviceName: 'soar',
  run,
  dependencies: ({ logger }): Ports => {
    const config = runtimeConfigFromEnv(process.env);
    const { access, dynamodb } = awsClients;
    const aws = { access: access(config), dynamodb: dynamodb(config), tables: config.tables, logger };
    return { incidents: awsIncidentPortsOnFirstUse({ ...aws, config: config.incidents }) };
  },
});
