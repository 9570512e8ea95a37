import { Tracer } from '@aws-lambda-powertools/tracer';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { SoarLogger } from '@soar/common';
import { lambdaHandler, type LambdaTracer } from './handler';

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

  it("tells the business function how long its invocation may still run, from that invocation's context", async () => {
    // Arrange: the dependencies are built once, but each invocation has its own deadline.
    const run = jest.fn((_input: unknown, _deps: object, invocation: { remainingTimeMs(): number }) =>
      Promise.resolve(invocation.remainingTimeMs()),
    );
    const handler = lambdaHandler({ serviceName: 'soar', run, dependencies: () => ({}) });
    const withRemaining = (ms: number): Context => ({
      ...aContext('r-1'),
      getRemainingTimeInMillis: () => ms,
    });

    // Act
    const first = await handler({}, withRemaining(900_000));
    const second = await handler({}, withRemaining(5_000));

    // Assert
    expect([first, second]).toEqual([900_000, 5_000]);
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
        error: expect.objectContaining({ name: 'TicketSystemError', message: 'Jira answered 503' }),
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

describe('Function: lambdaHandler (context, correlation, errors)', () => {
  let stdout: jest.SpyInstance;
  let stderr: jest.SpyInstance;
  beforeEach(() => {
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  const state = (key: string, findingId: string) => ({ key, pad: { finding: { Id: findingId } } });

  it('writes the Lambda context and the correlation id of the finding event in every line of a step', async () => {
    // Arrange
    const handler = lambdaHandler({
      serviceName: 'soar',
      run: (_input, logger: SoarLogger) => {
        logger.info('Ticket opened', { ticketId: 'SEC-1' });
        logger.warn('Slack answered 500');
        return Promise.resolve('ok');
      },
      dependencies: ({ logger }) => logger,
    });

    // Act
    await handler(state('k-1', 'arn:finding/1'), aContext('r-1'));

    // Assert
    const lines = [...logLines(stdout), ...logLines(stderr)];
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toEqual(
        expect.objectContaining({
          correlation_id: 'k-1',
          findingId: 'arn:finding/1',
          function_request_id: 'r-1',
          function_name: 'SoarCore-Suppress',
          cold_start: expect.any(Boolean),
        }),
      );
    }
  });

  it('takes the EventBridge event id at intake, and clears the keys of one invocation before the next', async () => {
    // Arrange
    const handler = lambdaHandler({
      serviceName: 'soar',
      run: (_input, logger: SoarLogger) => {
        logger.info('Handled');
        return Promise.resolve('ok');
      },
      dependencies: ({ logger }) => logger,
    });

    // Act
    await handler(
      { id: 'ev-1', 'detail-type': 'Security Hub Findings - Imported', detail: {} },
      aContext('r-1'),
    );
    await handler({ unexpected: true }, aContext('r-2'));

    // Assert
    const [first, second] = logLines(stdout);
    expect(first).toEqual(expect.objectContaining({ eventId: 'ev-1', correlation_id: 'ev-1' }));
    expect(second).toEqual(expect.objectContaining({ function_request_id: 'r-2' }));
    expect(second).not.toHaveProperty('eventId');
    expect(second).not.toHaveProperty('correlation_id');
  });

  it('logs a failure with its name, message, stack, own fields and cause chain, redacted, with the correlation id', async () => {
    // Arrange
    class SdkError extends Error {
      public override name = 'ThrottlingException';
    }
    class RemediationError extends Error {
      public override name = 'RemediationError';
      public readonly controlId = 'S3.8';
    }
    const cause = new SdkError('Rate exceeded for token=ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    const handler = lambdaHandler({
      serviceName: 'soar',
      run: () => Promise.reject(new RemediationError('S3.8 could not be applied', { cause })),
      dependencies: () => ({}),
    });

    // Act
    await expect(handler(state('k-2', 'arn:finding/2'), aContext('r-3'))).rejects.toThrow(
      'S3.8 could not be applied',
    );

    // Assert
    const lines = [...logLines(stdout), ...logLines(stderr)];
    const failure = lines.find((line) => line['message'] === 'The function failed');
    expect(failure).toEqual(
      expect.objectContaining({
        level: 'ERROR',
        correlation_id: 'k-2',
        findingId: 'arn:finding/2',
        function_request_id: 'r-3',
        error: expect.objectContaining({
          name: 'RemediationError',
          message: 'S3.8 could not be applied',
          controlId: 'S3.8',
          stack: expect.stringContaining('RemediationError: S3.8 could not be applied'),
          cause: expect.objectContaining({
            name: 'ThrottlingException',
            stack: expect.stringContaining('ThrottlingException'),
          }),
        }),
      }),
    );
    expect(JSON.stringify(failure)).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
  });

  it('publishes the metrics an invocation added, when it ends, failed or not', async () => {
    // Arrange
    const metrics = new Metrics({ namespace: 'SOAR', serviceName: 'soar' });
    const handler = lambdaHandler({
      serviceName: 'soar',
      metrics,
      run: (_input, deps: { metrics: Metrics | undefined }) => {
        deps.metrics?.addMetric('TotalIncidents', MetricUnit.Count, 3);
        return Promise.reject(new Error('after the metric'));
      },
      dependencies: ({ metrics }) => ({ metrics }),
    });

    // Act
    await expect(handler({}, aContext('r-4'))).rejects.toThrow('after the metric');

    // Assert: one EMF document with the metric
    const emf = logLines(stdout).filter((line) => '_aws' in line);
    expect(emf).toEqual([expect.objectContaining({ TotalIncidents: 3, service: 'soar' })]);
    expect(metrics.hasStoredMetrics()).toBe(false);
  });

  it('annotates the trace with the correlation id and records an error on the handler subsegment', async () => {
    // Arrange: a tracer outside Lambda is disabled, so its calls are observed, not sent
    const tracer = new Tracer({ serviceName: 'soar', enabled: false });
    const annotate = jest.spyOn(tracer, 'putAnnotation');
    const recordError = jest.spyOn(tracer, 'addErrorAsMetadata');
    const handler = lambdaHandler({
      serviceName: 'soar',
      tracer,
      run: () => Promise.reject(new Error('ticket system down')),
      dependencies: () => ({}),
    });

    // Act
    await expect(handler(state('k-5', 'arn:finding/5'), aContext('r-5'))).rejects.toThrow();

    // Assert
    expect(annotate).toHaveBeenCalledWith('correlation_id', 'k-5');
    expect(recordError).toHaveBeenCalledWith(expect.objectContaining({ message: 'ticket system down' }));
  });

  it('loads the Powertools Tracer on the first invocation when the function is deployed with it', async () => {
    // Arrange: what `tracing: powertools` sets (bundled, the variable is defined at build time)
    process.env.SOAR_POWERTOOLS_TRACER = 'true';
    let isolatedHandler: typeof lambdaHandler | undefined;
    jest.isolateModules(() => {
      isolatedHandler = (jest.requireActual('./handler') as { lambdaHandler: typeof lambdaHandler })
        .lambdaHandler;
    });
    delete process.env.SOAR_POWERTOOLS_TRACER;
    if (isolatedHandler === undefined) throw new Error('the handler module did not load');
    const given: (LambdaTracer | undefined)[] = [];
    const handler = isolatedHandler({
      serviceName: 'soar',
      run: () => Promise.resolve('done'),
      dependencies: ({ tracer }) => void given.push(tracer),
    });

    // Act: the first invocation loads it; the second is traced by the same one
    await handler(state('k-6', 'arn:finding/6'), aContext('r-6'));
    const tracer = given[0];
    if (tracer === undefined) throw new Error('no tracer was given to the dependencies');
    const annotate = jest.spyOn(tracer, 'putAnnotation');
    await handler(state('k-7', 'arn:finding/7'), aContext('r-7'));

    // Assert
    expect(tracer.constructor.name).toBe('Tracer');
    expect(annotate).toHaveBeenCalledWith('correlation_id', 'k-7');
  });

  it('loads no tracer when the function is deployed without it', async () => {
    const seen: unknown[] = [];
    const handler = lambdaHandler({
      serviceName: 'soar',
      run: () => Promise.resolve('done'),
      dependencies: ({ tracer }) => void seen.push(tracer),
    });

    await handler(state('k-7', 'arn:finding/7'), aContext('r-7'));

    expect(seen).toEqual([undefined]);
  });
});
