import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SoarLogger } from '@soar/common';
import type { FailureRecord } from '../ports';
import { createDynamoDbFailureRecorder, FAILURE_RECORDED_LOG_MESSAGE } from './failures';

const FAILURE: FailureRecord = {
  key: 'k-1',
  findingId: 'arn:aws:securityhub:eu-west-1:111122223333:finding/1',
  step: 'ticket',
  error: 'TicketSystemError',
  cause: 'TicketSystemError: Jira answered 503',
  at: '2026-11-20T12:00:00.000Z',
};

/** A logger that keeps every line it is given. */
function aCollectingLogger(): SoarLogger & {
  lines: { level: string; message: string; attributes: unknown }[];
} {
  const lines: { level: string; message: string; attributes: unknown }[] = [];
  const at =
    (level: string) =>
    (message: string, ...attributes: unknown[]): void => {
      lines.push({ level, message, attributes: Object.assign({}, ...attributes) });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('Function: createDynamoDbFailureRecorder', () => {
  it('logs "Failure recorded" with the step and the error once the row is written', async () => {
    // Arrange
    const send = jest.fn(() => Promise.resolve({}));
    const logger = aCollectingLogger();
    const failures = createDynamoDbFailureRecorder({
      dynamodb: { send } as unknown as Pick<DynamoDBClient, 'send'>,
      tableName: 'soar-failures',
      logger,
    });

    // Act
    await failures.record(FAILURE);

    // Assert
    expect(send).toHaveBeenCalledTimes(1);
    expect(FAILURE_RECORDED_LOG_MESSAGE).toBe('Failure recorded');
    expect(logger.lines).toEqual([
      {
        level: 'error',
        message: FAILURE_RECORDED_LOG_MESSAGE,
        attributes: { step: 'ticket', error: 'TicketSystemError', key: 'k-1', findingId: FAILURE.findingId },
      },
    ]);
  });

  it('logs nothing when the row could not be written (the step fails instead)', async () => {
    // Arrange
    const logger = aCollectingLogger();
    const failures = createDynamoDbFailureRecorder({
      dynamodb: { send: () => Promise.reject(new Error('throttled')) } as unknown as Pick<
        DynamoDBClient,
        'send'
      >,
      tableName: 'soar-failures',
      logger,
    });

    // Act
    const recording = failures.record(FAILURE);

    // Assert
    await expect(recording).rejects.toThrow('throttled');
    expect(logger.lines).toEqual([]);
  });
});
