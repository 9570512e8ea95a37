import type { Context } from 'aws-lambda';
import type { SoarLogger } from '@soar/common';
import { lambdaHandler } from './handler';

function aContext(requestId: string): Context {
  return {
    awsRequestId: requestId,
    functionName: 'SoarCore-Suppress',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:SoarCore-Suppress',
    memoryLimitInMB: '512',
    logGroupName: '/aws/lambda/SoarCore-Suppress',
    logStreamName: '2026/12/06/[$LATEST]abc',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The JSON log lines the Powertools logger wrote. */
function logLines(spy: jest.SpyInstance): Record<string, unknown>[] {
  return spy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
}

describe('Function: lambdaHandler', () => {
  let stdout: jest.SpyInstance;
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  it('builds the dependencies once per container and calls the business function with them', async () => {
    // Arrange
    const dependencies = jest.fn(() => ({ value: 42 }));
    const run = jest.fn((input: unknown, deps: { value: number }) =>
      Promise.resolve({ input, seen: deps.value }),
    );
    const handler = lambdaHandler({ serviceName: 'soar', run, dependencies });

    // Act
    const first = await handler({ n: 1 }, aContext('r-1'));
    const second = await handler({ n: 2 }, aContext('r-2'));

    // Assert
    expect(first).toEqual({ input: { n: 1 }, seen: 42 });
    expect(second).toEqual({ input: { n: 2 }, seen: 42 });
    expect(dependencies).toHaveBeenCalledTimes(1);
  });

  it('rethrows an error as it is (Step Functions retries by its name) and logs it with the request id, never the event', async () => {
    // Arrange
    class TicketSystemError extends Error {
      public override name = 'TicketSystemError';
    }
    const handler = lambdaHandler({
      serviceName: 'soar',
      run: () => Promise.reject(new TicketSystemError('Jira answered 503')),
      dependencies: () => ({}),
    });

    // Act
    const failure = handler({ secret: 'hunter2' }, aContext('r-9'));

    // Assert
    await expect(failure).rejects.toBeInstanceOf(TicketSystemError);
    const lines = [...logLines(stdout), ...logLines(stderr)];
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        error: 'TicketSystemError: Jira answered 503',
        function_request_id: 'r-9',
        service: 'soar',
      }),
    );
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });

  it('writes no secret a library logs: resource details, connection strings, error messages', async () => {
    // Arrange: a step that logs what it read about a finding, as a careless library would
    const handler = lambdaHandler({
      serviceName: 'soar',
      run: (_input, logger: SoarLogger) => {
        logger.info('Read the task definition', {
          taskDefinition: {
            ContainerDefinitions: [
              { Name: 'api', Environment: [{ Name: 'DB_PASSWORD', Value: 'Pg7xQ2vLmN9rT4wZ' }] },
            ],
          },
        });
        logger.warn(
          'Ticket system answered 401 for Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
        );
        logger.error('Connection failed', {
          error: new Error('cannot reach postgres://app:Hx3mR8pQ@db:5432/orders'),
        });
        return Promise.reject(new Error('login refused: password=Wq2vN7xL'));
      },
      dependencies: ({ logger }) => logger,
    });

    // Act
    const failure = handler({}, aContext('r-7'));

    // Assert
    await expect(failure).rejects.toThrow('login refused');
    const lines = [...logLines(stdout), ...logLines(stderr)];
    const written = JSON.stringify(lines);
    for (const secret of ['Pg7xQ2vLmN9rT4wZ', 'eyJzdWIiOiIxIn0', 'Hx3mR8pQ', 'Wq2vN7xL']) {
      expect({ secret, written: written.includes(secret) }).toEqual({ secret, written: false });
    }
    expect(lines).toContainEqual(
      expect.objectContaining({
        message: 'Read the task definition',
        function_request_id: 'r-7',
        redacted_values: 1,
        taskDefinition: {
          ContainerDefinitions: [
            { Name: 'api', Environment: [{ Name: 'DB_PASSWORD', Value: '[redacted]' }] },
          ],
        },
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        message: 'Connection failed',
        error: expect.objectContaining({
          name: 'Error',
          message: 'cannot reach postgres://app:[redacted]@db:5432/orders',
        }),
      }),
    );
  });

  it('reports a bad configuration on the invocation, and tries again on the next one', async () => {
    // Arrange
    let attempts = 0;
    const handler = lambdaHandler({
      serviceName: 'soar',
      run: () => Promise.resolve('ok'),
      dependencies: () => {
        attempts += 1;
        if (attempts === 1) throw new Error('SOAR_CONFIG is not set');
        return {};
      },
    });

    // Act / Assert
    await expect(handler({}, aContext('r-1'))).rejects.toThrow('SOAR_CONFIG is not set');
    await expect(handler({}, aContext('r-2'))).resolves.toBe('ok');
  });
});
