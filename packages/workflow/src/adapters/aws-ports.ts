import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { createAwsAccess, type AwsAccess } from '@soar/aws-access';
import { defaultRegistry, remediate, type Registry } from '@soar/remediations';
import {
  channelCredentials,
  createSecretsProvider,
  createTicketingService,
  EmailNotifier,
  InternalTicketSystem,
  JiraTicketSystem,
  ServiceNowTicketSystem,
  TicketStore,
  type TicketSystem,
} from '@soar/ticketing';
import { createAccountMetadataService, createAwsSecurityHub, loadGateData } from '@soar/triage';
import { ExecutionStartError } from '../errors';
import type { ExecutionStarter, WorkflowLogger, WorkflowPorts } from '../ports';
import { isTicketOnly, type RuntimeConfig } from '../runtime-config';
import { createDynamoDbFailureRecorder } from './failure-store';

/** Options of {@link createAwsPorts}: clients can be injected (tests, custom endpoints). */
export interface AwsPortsOptions {
  readonly logger?: WorkflowLogger;
  readonly access?: AwsAccess;
  readonly dynamodb?: DynamoDBClient;
  readonly sfn?: SFNClient;
  readonly organizations?: OrganizationsClient;
  readonly registry?: Registry;
}

/**
 * Wires every port to AWS: DynamoDB for SOAR's tables, Organizations for account metadata, Security
 * Hub and the remediations in member accounts through `@soar/aws-access` (least-privilege session per
 * purpose), Step Functions for the finding processor, SES v2 for email, Secrets Manager for ticket
 * system credentials. Clients are created here, once per Lambda container; nothing is called until a
 * step runs.
 *
 * @example
 * ```ts
 * const ports = createAwsPorts(runtimeConfigFromEnv(process.env), { logger });
 * await intake(event, { ...ports, config: config.decide });
 * ```
 */
export function createAwsPorts(config: RuntimeConfig, options: AwsPortsOptions = {}): WorkflowPorts {
  const region = config.region;
  const clientConfig = { ...(region === undefined ? {} : { region }), retryMode: 'adaptive', maxAttempts: 5 };
  const dynamodb = options.dynamodb ?? new DynamoDBClient(clientConfig);
  const access = options.access ?? createAwsAccess({ roleName: config.memberRoleName });
  const accounts = createAccountMetadataService({
    organizationsClient: options.organizations ?? new OrganizationsClient(clientConfig),
    dynamoDbClient: dynamodb,
    config: { ...config.accounts, tableName: config.tables.accounts },
  });
  const tickets = createTicketingService({
    store: new TicketStore({ dynamodb, tableName: config.tables.tickets, sla: config.sla }),
    ticketSystem: ticketSystemOf(config),
    email: new EmailNotifier({
      from: config.email.from,
      cc: config.email.cc,
      bcc: config.email.bcc,
      sendEmail: config.email.send,
    }),
    routing: config.routing,
    sla: config.sla,
    render: {
      productName: config.productName,
      ...(config.consoleBaseUrl === undefined ? {} : { consoleBaseUrl: config.consoleBaseUrl }),
    },
    teamEmailOf: async (accountId) => {
      const account = await accounts.getAccount(accountId);
      return { teamEmail: account.TeamEmail, teamEmailApp: account.TeamEmailApp };
    },
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  const registry = options.registry ?? defaultRegistry;
  const { optOutTag, ticketOnly } = config.remediation;
  return {
    accounts,
    gates: { load: (finding) => loadGateData(finding, { dynamodb, tables: config.tables }) },
    executions: stepFunctionsStarter(options.sfn ?? new SFNClient(clientConfig), config.stateMachineArn),
    failures: createDynamoDbFailureRecorder({ dynamodb, tableName: config.tables.failures }),
    securityHub: createAwsSecurityHub({ access }),
    tickets,
    remediator: {
      async remediate(pad) {
        const done = await remediate(pad, {
          access,
          registry,
          optOutTag,
          ticketOnly: (control, account) => isTicketOnly(ticketOnly, control, account?.Environment),
        });
        return { ...done, simulated: false };
      },
    },
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  };
}

function ticketSystemOf(config: RuntimeConfig): TicketSystem {
  const { ticketing } = config;
  switch (ticketing.system) {
    case 'internal':
      return new InternalTicketSystem();
    case 'jira':
      return new JiraTicketSystem({
        credentials: channelCredentials(createSecretsProvider(), { jira: ticketing.secretId }).jira,
        issueType: ticketing.issueType,
        initialTransitions: ticketing.initialTransitions,
        finalTransitions: ticketing.finalTransitions,
      });
    case 'servicenow':
      return new ServiceNowTicketSystem({
        credentials: channelCredentials(createSecretsProvider(), { serviceNow: ticketing.secretId })
          .serviceNow,
        table: ticketing.table,
        ...(ticketing.location === undefined ? {} : { location: ticketing.location }),
      });
  }
}

/**
 * Starts executions of the finding processor. `ExecutionAlreadyExists` (the same finding event
 * delivered again) is a `duplicate`, not an error.
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
          {
            cause: error,
          },
        );
      }
    },
  };
}
