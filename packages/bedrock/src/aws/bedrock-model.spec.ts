import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseCommandOutput,
  InternalServerException,
  ModelTimeoutException,
  ResourceNotFoundException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import type { SoarLogger } from '@soar/common';
import { mockClient } from 'aws-sdk-client-mock';

import { parseBedrockConfig } from '../config';
import type { AiResult, AiUsage } from '../model';
import { createBedrockModel, type BedrockModelOptions } from './bedrock-model';

const bedrock = mockClient(BedrockRuntimeClient);
const MODEL = 'eu.anthropic.claude-sonnet-4-6';
const REQUEST = { system: 'You explain AWS security findings.', user: '# S3.8\nBlock public access is off.' };

function answer(
  text: string | undefined,
  usage = { inputTokens: 120, outputTokens: 80, totalTokens: 200 },
): ConverseCommandOutput {
  return {
    output: { message: { role: 'assistant', content: text === undefined ? [] : [{ text }] } },
    stopReason: 'end_turn',
    usage,
    metrics: { latencyMs: 900 },
    $metadata: {},
  };
}

const throttled = (): ThrottlingException =>
  new ThrottlingException({ message: 'Too many tokens, please wait', $metadata: {} });

/** Timers the test ends itself: each attempt's timeout signal, in order. */
interface Harness {
  readonly options: BedrockModelOptions;
  readonly sleeps: number[];
  readonly timeouts: AbortController[];
  readonly usage: [AiUsage, string][];
  readonly warnings: string[];
}

function harness(
  overrides: Partial<BedrockModelOptions> = {},
  config: Record<string, unknown> = {},
): Harness {
  const sleeps: number[] = [];
  const timeouts: AbortController[] = [];
  const usage: [AiUsage, string][] = [];
  const warnings: string[] = [];
  const logger: SoarLogger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (message) => warnings.push(message),
    error: (message) => warnings.push(message),
  };
  return {
    sleeps,
    timeouts,
    usage,
    warnings,
    options: {
      config: parseBedrockConfig({ modelId: MODEL, region: 'eu-west-1', ...config }, 'the test'),
      client: new BedrockRuntimeClient({ region: 'eu-west-1', maxAttempts: 1 }),
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      timeoutSignal: () => {
        const controller = new AbortController();
        timeouts.push(controller);
        return controller.signal;
      },
      onUsage: (reported, modelId) => usage.push([reported, modelId]),
      logger,
      ...overrides,
    },
  };
}

/** The input of each Converse call, in order. */
function inputs(): ConverseCommandInput[] {
  return bedrock.commandCalls(ConverseCommand).map((call) => call.args[0].input);
}

/** The abort signal handed to `client.send` on call `index`. */
function sentSignal(index: number): AbortSignal | undefined {
  // The mock types `send` with the command alone; the SDK's second argument holds the options.
  const args: readonly unknown[] = bedrock.send.getCall(index).args;
  const options = args[1] as { abortSignal?: AbortSignal } | undefined;
  return options?.abortSignal;
}

/** Lets the pending promise chain run up to its next real wait. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

beforeEach(() => {
  bedrock.reset();
});

describe('Function: createBedrockModel', () => {
  it('sends the system prompt, one user message and the inference limits to the configured model', async () => {
    // Arrange
    bedrock.on(ConverseCommand).resolves(answer('<p>Turn on Block Public Access.</p>'));
    const { options, usage } = harness();

    // Act
    const result = await createBedrockModel(options).complete(REQUEST);

    // Assert
    expect(result).toEqual<AiResult>({
      ok: true,
      text: '<p>Turn on Block Public Access.</p>',
      usage: { inputTokens: 120, outputTokens: 80, totalTokens: 200 },
      modelId: MODEL,
      stopReason: 'end_turn',
    });
    expect(inputs()).toEqual<ConverseCommandInput[]>([
      {
        modelId: MODEL,
        system: [{ text: REQUEST.system }],
        messages: [{ role: 'user', content: [{ text: REQUEST.user }] }],
        inferenceConfig: { maxTokens: 4_096, temperature: 0.3 },
      },
    ]);
    expect(usage).toEqual([[{ inputTokens: 120, outputTokens: 80, totalTokens: 200 }, MODEL]]);
  });

  it("uses the request's own limits, leaves out an empty system prompt and joins the answer's text blocks", async () => {
    bedrock.on(ConverseCommand).resolves({
      ...answer('first'),
      output: {
        message: {
          role: 'assistant',
          content: [
            { text: 'first' },
            { reasoningContent: { redactedContent: new Uint8Array() } },
            { text: 'second' },
          ],
        },
      },
      stopReason: 'max_tokens',
    });
    const { options } = harness();

    const result = await createBedrockModel(options).complete({
      system: '  ',
      user: 'data',
      maxTokens: 512,
      temperature: 0,
    });

    expect(result).toMatchObject({ ok: true, text: 'first\nsecond', stopReason: 'max_tokens' });
    expect(inputs()[0]).toEqual({
      modelId: MODEL,
      messages: [{ role: 'user', content: [{ text: 'data' }] }],
      inferenceConfig: { maxTokens: 512, temperature: 0 },
    });
  });

  it('replaces secrets in the prompt before it leaves, and says so in the log', async () => {
    bedrock.on(ConverseCommand).resolves(answer('ok'));
    const { options, warnings } = harness();

    await createBedrockModel(options).complete({
      system: '',
      user: 'DATABASE_URL=postgres://app:hunter2@db:5432/orders',
    });

    expect(JSON.stringify(inputs())).not.toContain('hunter2');
    expect(warnings).toEqual(['Secrets were replaced in an AI prompt before it was sent']);
  });

  it('retries throttling with exponential backoff through the injected sleep, then answers', async () => {
    bedrock.on(ConverseCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves(answer('fine'));
    const { options, sleeps } = harness();

    const result = await createBedrockModel(options).complete(REQUEST);

    expect(result).toMatchObject({ ok: true, text: 'fine' });
    expect(inputs()).toHaveLength(3);
    // random() = 0.5: half the exponential delay plus half of the other half.
    expect(sleeps).toEqual([750, 1_500]);
  });

  it.each([
    ['ServiceUnavailableException', new ServiceUnavailableException({ message: 'busy', $metadata: {} })],
    ['InternalServerException', new InternalServerException({ message: 'oops', $metadata: {} })],
  ])('retries %s', async (_name, error) => {
    bedrock.on(ConverseCommand).rejectsOnce(error).resolves(answer('fine'));
    const { options, sleeps } = harness();

    await expect(createBedrockModel(options).complete(REQUEST)).resolves.toMatchObject({ ok: true });
    expect(sleeps).toEqual([750]);
  });

  it('reports throttled once every attempt was throttled', async () => {
    bedrock.on(ConverseCommand).rejects(throttled());
    const { options, sleeps } = harness({}, { maxAttempts: 3 });

    const result = await createBedrockModel(options).complete(REQUEST);

    expect(result).toEqual<AiResult>({
      ok: false,
      failure: 'throttled',
      detail: 'ThrottlingException: Too many tokens, please wait (after 3 attempts)',
      modelId: MODEL,
    });
    expect(inputs()).toHaveLength(3);
    expect(sleeps).toEqual([750, 1_500]);
  });

  it('gives up on an attempt that does not answer in time, aborting its request, and does not retry it', async () => {
    bedrock.on(ConverseCommand).callsFake(() => never());
    const { options, timeouts } = harness({}, { timeoutMs: 60_000 });

    const pending = createBedrockModel(options).complete(REQUEST);
    await settle();
    timeouts[0]?.abort(new DOMException('The operation timed out', 'TimeoutError'));
    const result = await pending;

    expect(result).toEqual<AiResult>({
      ok: false,
      failure: 'timeout',
      detail: `No answer from ${MODEL} within 60000 ms`,
      modelId: MODEL,
    });
    expect(sentSignal(0)?.aborted).toBe(true);
    expect(inputs()).toHaveLength(1);
  });

  it.each([
    ['no content block', { message: { role: 'assistant' as const, content: [] } }],
    ['only blank text', { message: { role: 'assistant' as const, content: [{ text: '   ' }] } }],
    ['no message at all', undefined],
  ])('reports malformed_output for an answer with %s, and still reports its usage', async (_case, output) => {
    bedrock.on(ConverseCommand).resolves({ ...answer(undefined), output });
    const { options, usage } = harness();

    const result = await createBedrockModel(options).complete(REQUEST);

    expect(result).toEqual<AiResult>({
      ok: false,
      failure: 'malformed_output',
      detail: 'The model answered without text (stop reason end_turn)',
      modelId: MODEL,
    });
    expect(usage).toHaveLength(1);
  });

  it.each([
    [
      'access_denied',
      new AccessDeniedException({ message: "You don't have access to the model", $metadata: {} }),
    ],
    ['model_not_found', new ResourceNotFoundException({ message: 'Model not found', $metadata: {} })],
    [
      'validation',
      new ValidationException({ message: 'The provided model identifier is invalid.', $metadata: {} }),
    ],
    ['timeout', new ModelTimeoutException({ message: 'Model took too long', $metadata: {} })],
    ['error', new Error('socket hang up')],
  ])('reports %s at once, without retrying', async (failure, error) => {
    bedrock.on(ConverseCommand).rejects(error);
    const { options, sleeps } = harness();

    const result = await createBedrockModel(options).complete(REQUEST);

    expect(result).toMatchObject({ ok: false, failure, modelId: MODEL });
    expect(result.ok ? '' : result.detail).toContain(error.message);
    expect(inputs()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('stops when the caller aborts during a request, aborting the request', async () => {
    bedrock.on(ConverseCommand).callsFake(() => never());
    const { options } = harness();
    const caller = new AbortController();

    const pending = createBedrockModel(options).complete(REQUEST, { signal: caller.signal });
    await settle();
    caller.abort();
    const result = await pending;

    expect(result).toEqual<AiResult>({
      ok: false,
      failure: 'error',
      detail: 'Cancelled by the caller before an answer came',
      modelId: MODEL,
    });
    expect(sentSignal(0)?.aborted).toBe(true);
  });

  it('stops when the caller aborts while waiting to retry, and reads a deadline as a timeout', async () => {
    bedrock.on(ConverseCommand).rejects(throttled());
    const caller = new AbortController();
    const { options } = harness({ sleep: () => never() });

    const pending = createBedrockModel(options).complete(REQUEST, { signal: caller.signal });
    await settle();
    caller.abort(new DOMException('The operation timed out', 'TimeoutError'));
    const result = await pending;

    expect(result).toMatchObject({
      ok: false,
      failure: 'timeout',
      detail: "The caller's deadline passed before an answer came",
    });
    expect(inputs()).toHaveLength(1);
  });

  it('sends nothing when the caller has already given up', async () => {
    const caller = new AbortController();
    caller.abort();
    const { options } = harness();

    const result = await createBedrockModel(options).complete(REQUEST, { signal: caller.signal });

    expect(result).toMatchObject({ ok: false, failure: 'error' });
    expect(inputs()).toHaveLength(0);
  });

  it('refuses an empty user prompt without calling Bedrock, naming the field', async () => {
    const { options } = harness();

    const result = await createBedrockModel(options).complete({ system: 'x', user: ' ' });

    expect(result).toMatchObject({
      ok: false,
      failure: 'validation',
      detail: expect.stringContaining('user') as unknown,
    });
    expect(inputs()).toHaveLength(0);
  });

  it('refuses out-of-range limits, naming the field', async () => {
    const { options } = harness();
    const model = createBedrockModel(options);

    await expect(model.complete({ ...REQUEST, temperature: 2 })).resolves.toMatchObject({
      failure: 'validation',
      detail: expect.stringContaining('temperature') as unknown,
    });
    await expect(model.complete({ ...REQUEST, maxTokens: 0.5 })).resolves.toMatchObject({
      failure: 'validation',
      detail: expect.stringContaining('maxTokens') as unknown,
    });
  });

  it('keeps the answer when the usage listener throws, and logs why', async () => {
    bedrock.on(ConverseCommand).resolves(answer('kept'));
    const { options, warnings } = harness({
      onUsage: () => {
        throw new Error('metrics buffer full');
      },
    });

    await expect(createBedrockModel(options).complete(REQUEST)).resolves.toMatchObject({
      ok: true,
      text: 'kept',
    });
    expect(warnings).toEqual(['The AI usage listener failed; the answer is kept']);
  });

  it('fills in a missing total from the input and output tokens', async () => {
    bedrock
      .on(ConverseCommand)
      .resolves(
        answer('x', { inputTokens: 3, outputTokens: 4, totalTokens: undefined as unknown as number }),
      );
    const { options, usage } = harness();

    await createBedrockModel(options).complete(REQUEST);

    expect(usage[0]?.[0]).toEqual({ inputTokens: 3, outputTokens: 4, totalTokens: 7 });
  });

  it('builds its own client with the SDK retries off when none is given', async () => {
    bedrock.on(ConverseCommand).resolves(answer('own client'));
    const { options } = harness({ client: undefined });

    const model = createBedrockModel({ ...options, client: undefined });

    await expect(model.complete(REQUEST)).resolves.toMatchObject({ ok: true, text: 'own client' });
    const client = bedrock.send.getCall(0).thisValue as BedrockRuntimeClient;
    await expect(client.config.maxAttempts()).resolves.toBe(1);
    await expect(client.config.region()).resolves.toBe('eu-west-1');
  });
});
