import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { createAwsAccess, type AwsAccess } from '@soar/aws-access';
import { defaultRegistry, remediate, type Registry } from '@soar/remediations';
import { channelCredentials, createSecretsProvider } from '@soar/http/secrets';
import { EmailNotifier } from '@soar/notifications';
import {
  InternalTicketSystem,
  JiraTicketSystem,
  ServiceNowTicketSystem,
  type TicketSystem,
} from '@soar/ticket-systems';
import { TicketStore } from '@soar/tickets';
import { createAccountMetadataService, parseAccountMetadataConfig } from '@soar/accounts';
import { createAwsSecurityHub } from '@soar/security-hub';
import { loadGateData } from '../aws/gate-loader';
import { ExecutionStartError } from '../errors';
import type { AccountLookup, ExecutionStarter, WorkflowPorts } from '../ports';
import type { SoarLogger } from '@soar/common';
import { isTicketOnly, type RuntimeConfig } from '../runtime-config';
import { sdk } from '../sdk';
import { createDynamoDbFailureRecorder } from './failure-store';
import { ticketingFor } from './ticketing';

/** Options of {@link createAwsPorts}: clients can be injected (tests, custom endpoints). */
export interface AwsPortsOptions {
  readonly logger?: SoarLogger;
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
 * system credentials. Each client is created on its first use, once per Lambda container, and its
 * SDK module loaded only then (see `sdk.ts`), so a function loads only the clients its step needs;
 * nothing is called until a step runs. The configuration is still checked here.
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
  const dynamodbClient = memoize(
    async () => options.dynamodb ?? new (await sdk.dynamodb()).DynamoDBClient(clientConfig),
  );
  const dynamodb = sendThrough(dynamodbClient);
  const access = options.access ?? createAwsAccess({ roleName: config.memberRoleName });
  // Validated now, so a bad configuration still fails here; the service is created on first use, as
  // it takes the Organizations and DynamoDB clients themselves.
  const accountsConfig = parseAccountMetadataConfig({
    ...config.accounts,
    tableName: config.tables.accounts,
  });
  const accountService = memoize(async () =>
    createAccountMetadataService({
      organizationsClient:
        options.organizations ?? new (await sdk.organizations()).OrganizationsClient(clientConfig),
      dynamoDbClient: await dynamodbClient(),
      config: accountsConfig,
    }),
  );
  const accounts: AccountLookup = {
    getAccount: async (accountId) => (await accountService()).getAccount(accountId),
  };
  const tickets = ticketingFor(config, {
    store: new TicketStore({ dynamodb, tableName: config.tables.tickets, sla: config.sla }),
    ticketSystem: ticketSystemOf(config),
    email: new EmailNotifier({
      from: config.email.from,
      cc: config.email.cc,
      bcc: config.email.bcc,
      sendEmail: config.email.send,
    }),
    accounts,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  const registry = options.registry ?? defaultRegistry;
  const { optOutTag, ticketOnly } = config.remediation;
  return {
    accounts,
    gates: { load: (finding) => loadGateData(finding, { dynamodb, tables: config.tables }) },
    executions: stepFunctionsStarter(
      sendThrough(memoize(async () => options.sfn ?? new (await sdk.sfn()).SFNClient(clientConfig))),
      config.stateMachineArn,
    ),
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

/**
 * `create`, called once: concurrent first calls share its promise, so they get the same client. A
 * failure is not kept; the next call tries again.
 */
function memoize<T>(create: () => Promise<T>): () => Promise<T> {
  let created: Promise<T> | undefined;
  return () => {
    created ??= create().catch((error: unknown) => {
      created = undefined;
      throw error;
    });
    return created;
  };
}

/**
 * A stand-in for an SDK client, for the adapters that take `Pick<Client, 'send'>`: each `send` waits
 * for `client()` (created on the first call) and passes the command on.
 */
function sendThrough<C extends { send(...args: never[]): unknown }>(
  client: () => Promise<C>,
): Pick<C, 'send'> {
  const send = async (...args: never[]): Promise<unknown> => (await client()).send(...args);
  // `send` passes every argument on to the client's own `send`; TypeScript cannot check one function
  // against a list of overloads. The adapters use the promise form only.
  return { send } as unknown as Pick<C, 'send'>;
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
          {
            cause: error,
          },
        );
      }
    },
  };
}
