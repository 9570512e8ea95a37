import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { createForensicsHandOff, forensicsExecutionName } from '../src/aws';
import type { ForensicsRequest } from '../src/containment/contain';
import { guardDuty, INSTANCE_ID } from './findings';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:999988887777:function:DiskForensicsInvoke';
const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:999988887777:stateMachine:DiskForensics';
const EXECUTION_ARN = 'arn:aws:states:eu-west-1:999988887777:execution:DiskForensics:run-1';
const instance = {
  instanceId: INSTANCE_ID,
  accountId: '111122223333',
  region: 'eu-west-1',
  partition: 'aws',
};
const finding = {
  ...guardDuty('Backdoor:EC2/C&CActivity.B!DNS'),
  ProductFields: { 'aws/securityhub/ProductName': 'GuardDuty', password: 'hunter2' },
};

const lambdaRequest: ForensicsRequest = {
  finding,
  instance,
  forensics: { kind: 'lambda', functionArn: FUNCTION_ARN },
};
const machineRequest = (timeoutSeconds = 60, pollSeconds = 10): ForensicsRequest => ({
  finding,
  instance,
  forensics: { kind: 'state_machine', stateMachineArn: STATE_MACHINE_ARN, pollSeconds, timeoutSeconds },
});

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** A clock that moves only when the injected sleep is called. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    sleeps,
  };
}

describe('Adapter: createForensicsHandOff', () => {
  const lambda = mockClient(LambdaClient);
  const sfn = mockClient(SFNClient);
  beforeEach(() => {
    lambda.reset();
    sfn.reset();
  });

  describe('a Lambda function', () => {
    it('invokes it synchronously with the redacted finding and the instance', async () => {
      lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: encode({ ok: true }) as never });
      const result = await createForensicsHandOff({ lambda: new LambdaClient({}) })(lambdaRequest);
      expect(result).toMatchObject({ ok: true });
      const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
      expect(input).toMatchObject({ FunctionName: FUNCTION_ARN, InvocationType: 'RequestResponse' });
      const payload = JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array)) as {
        finding: typeof finding;
        instance: typeof instance;
      };
      expect(payload.instance).toEqual(instance);
      expect(payload.finding.Id).toBe(finding.Id);
      expect(JSON.stringify(payload)).not.toContain('hunter2');
    });

    it('reports a function error with its message', async () => {
      lambda.on(InvokeCommand).resolves({
        StatusCode: 200,
        FunctionError: 'Unhandled',
        Payload: encode({ errorMessage: 'snapshot quota exceeded' }) as never,
      });
      const result = await createForensicsHandOff({ lambda: new LambdaClient({}) })(lambdaRequest);
      expect(result).toMatchObject({
        ok: false,
        failure: 'function_error',
        detail: expect.stringContaining('snapshot quota exceeded'),
      });
    });

    it('reports a refused invocation', async () => {
      lambda
        .on(InvokeCommand)
        .rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
      const result = await createForensicsHandOff({ lambda: new LambdaClient({}) })(lambdaRequest);
      expect(result).toMatchObject({
        ok: false,
        failure: 'start_failed',
        detail: 'AccessDeniedException: not allowed',
      });
    });
  });

  describe('a state machine', () => {
    it('starts it under a name derived from the finding and waits for it to succeed', async () => {
      const time = fakeTime();
      sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date(0) });
      sfn
        .on(DescribeExecutionCommand)
        .resolvesOnce({ status: 'RUNNING' } as never)
        .resolvesOnce({ status: 'RUNNING' } as never)
        .resolves({ status: 'SUCCEEDED' } as never);

      const result = await createForensicsHandOff({ sfn: new SFNClient({}), ...time })(machineRequest());

      expect(result).toMatchObject({ ok: true, reference: EXECUTION_ARN });
      expect(time.sleeps).toEqual([10_000, 10_000]);
      expect(sfn.commandCalls(StartExecutionCommand)[0]?.args[0].input).toMatchObject({
        stateMachineArn: STATE_MACHINE_ARN,
        name: forensicsExecutionName(lambdaRequest),
      });
      expect(forensicsExecutionName(lambdaRequest)).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
    });

    it('reports a failed execution with its error and cause', async () => {
      sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date(0) });
      sfn
        .on(DescribeExecutionCommand)
        .resolves({ status: 'FAILED', error: 'States.TaskFailed', cause: 'no volumes' } as never);
      const result = await createForensicsHandOff({ sfn: new SFNClient({}), ...fakeTime() })(
        machineRequest(),
      );
      expect(result).toMatchObject({
        ok: false,
        failure: 'execution_failed',
        detail: 'the execution ended FAILED (States.TaskFailed: no volumes)',
      });
    });

    it('gives up after the timeout, bounded by the injected clock', async () => {
      const time = fakeTime();
      sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date(0) });
      sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING' } as never);
      const result = await createForensicsHandOff({ sfn: new SFNClient({}), ...time })(
        machineRequest(30, 10),
      );
      expect(result).toMatchObject({ ok: false, failure: 'timed_out', reference: EXECUTION_ARN });
      expect(time.sleeps).toEqual([10_000, 10_000, 10_000]);
    });

    it('is bounded by reads even when the clock stands still', async () => {
      sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION_ARN, startDate: new Date(0) });
      sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING' } as never);
      const result = await createForensicsHandOff({
        sfn: new SFNClient({}),
        now: () => 0,
        sleep: () => Promise.resolve(),
      })(machineRequest(30, 10));
      expect(result).toMatchObject({ ok: false, failure: 'timed_out' });
      expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(4);
    });

    it('waits for the execution of an earlier attempt when the name is taken', async () => {
      sfn
        .on(StartExecutionCommand)
        .rejects(Object.assign(new Error('exists'), { name: 'ExecutionAlreadyExists' }));
      sfn.on(DescribeExecutionCommand).resolves({ status: 'SUCCEEDED' } as never);
      const result = await createForensicsHandOff({ sfn: new SFNClient({}), ...fakeTime() })(
        machineRequest(),
      );
      const name = forensicsExecutionName(lambdaRequest);
      expect(result).toMatchObject({
        ok: true,
        reference: `arn:aws:states:eu-west-1:999988887777:execution:DiskForensics:${name}`,
      });
    });

    it('reports a refused start', async () => {
      sfn
        .on(StartExecutionCommand)
        .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
      const result = await createForensicsHandOff({ sfn: new SFNClient({}), ...fakeTime() })(
        machineRequest(),
      );
      expect(result).toMatchObject({ ok: false, failure: 'start_failed' });
    });
  });
});
