import { createLocalModel, LOCAL_MODEL_ID, LOCAL_MODEL_LABEL } from './local';
import type { AiUsage } from './model';

const REQUEST = {
  system: 'You explain AWS security findings.',
  user: '\n## GuardDuty: <script>alert(1)</script> port probe on i-0abc\nThe instance answered.',
};

describe('Function: createLocalModel', () => {
  it('answers with a labelled, escaped digest of the request and says it is local', async () => {
    const model = createLocalModel();

    const result = await model.complete(REQUEST);

    expect(model).toMatchObject({ local: true, modelId: LOCAL_MODEL_ID });
    expect(result).toEqual({
      ok: true,
      text: [
        LOCAL_MODEL_LABEL,
        '<p>It was asked about: <em>GuardDuty: alert(1) port probe on i-0abc</em></p>',
        '<p>Prompt size: 84 characters of data, 34 of instructions.</p>',
      ].join('\n'),
      usage: { inputTokens: 30, outputTokens: 52, totalTokens: 82 },
      modelId: LOCAL_MODEL_ID,
      stopReason: 'end_turn',
    });
    expect(
      result.ok &&
        result.text.startsWith('<p><strong>Local model (simulation): no AI was called.</strong></p>'),
    ).toBe(true);
  });

  it('escapes HTML left in the heading', async () => {
    const result = await createLocalModel().complete({ system: '', user: 'a < b & "c"' });

    expect(result.ok && result.text).toContain('<em>a &lt; b &amp; &quot;c&quot;</em>');
  });

  it('gives the same answer to the same request', async () => {
    const first = await createLocalModel().complete(REQUEST);
    const second = await createLocalModel().complete(REQUEST);

    expect(second).toEqual(first);
  });

  it('reports its usage to the listener', async () => {
    const usage: [AiUsage, string][] = [];

    await createLocalModel({ onUsage: (reported, modelId) => usage.push([reported, modelId]) }).complete(
      REQUEST,
    );

    expect(usage).toEqual([[{ inputTokens: 30, outputTokens: 52, totalTokens: 82 }, LOCAL_MODEL_ID]]);
  });

  it('refuses what Bedrock would refuse, and never throws', async () => {
    const model = createLocalModel({
      onUsage: () => {
        throw new Error('listener broken');
      },
    });

    await expect(model.complete({ system: 'x', user: '' })).resolves.toMatchObject({
      ok: false,
      failure: 'validation',
    });
    await expect(model.complete(REQUEST)).resolves.toMatchObject({ ok: true });
  });

  it('stops when the caller has given up', async () => {
    const caller = new AbortController();
    caller.abort();

    await expect(createLocalModel().complete(REQUEST, { signal: caller.signal })).resolves.toMatchObject({
      ok: false,
      failure: 'error',
    });
  });
});
