import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { type TaskBinding } from '../state-machine/extract';
import { type TaskHandler } from '../state-machine/local-state-machine';

type Send = (client: DynamoDBClient, request: never) => Promise<{ readonly $metadata: unknown }>;

const COMMANDS: Readonly<Record<string, Send>> = {
  'dynamodb:getItem': (client, request) => client.send(new GetItemCommand(request)),
  'dynamodb:putItem': (client, request) => client.send(new PutItemCommand(request)),
  'dynamodb:updateItem': (client, request) => client.send(new UpdateItemCommand(request)),
  'dynamodb:deleteItem': (client, request) => client.send(new DeleteItemCommand(request)),
};

/**
 * A handler that runs the optimized DynamoDB integrations (`dynamodb:getItem`, `putItem`,
 * `updateItem`, `deleteItem`) against `client` (e.g. the embedded DynamoDB), or `undefined` for
 * any other task. The state gets the API response (without `$metadata`); DynamoDB errors surface as
 * Step Functions names them, e.g. `DynamoDB.ConditionalCheckFailedException`.
 *
 * @example
 * ```ts
 * const ddb = db.client();
 * new LocalStateMachine(workflow, { handlers: (task) => mine(task) ?? dynamoDbTaskHandler(task, ddb) });
 * ```
 */
export function dynamoDbTaskHandler(binding: TaskBinding, client: DynamoDBClient): TaskHandler | undefined {
  const send = binding.integration === undefined ? undefined : COMMANDS[binding.integration];
  if (send === undefined) return undefined;
  return async (payload) => {
    try {
      const { $metadata: _metadata, ...response } = await send(client, payload as never);
      return response;
    } catch (error) {
      if (error instanceof Error && !error.name.startsWith('DynamoDB.'))
        error.name = `DynamoDB.${error.name}`;
      throw error;
    }
  };
}
