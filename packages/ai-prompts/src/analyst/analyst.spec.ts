import type { AiModel, AiRequest, AiResult } from '@soar/bedrock';
import { createScratchpad } from '@soar/scratchpad';
import { aControlFinding, aGuardDutyFinding } from '@soar/testing';
import { createAiAnalyst } from './analyst';
import { createWeeklyProse } from './weekly-prose';
import { aiOnFirstUse, tokenUsageMetric } from './index';

/** A model that answers `answer` (or fails) and remembers every request. */
function fakeModel(answer: AiResult | ((request: AiRequest) => AiResult)) {
  const requests: AiRequest[] = [];
  const model: AiModel = {
    modelId: 'test-model',
    local: true,
    complete: (request) => {
      requests.push(request);
      return Promise.resolve(typeof answer === 'function' ? answer(request) : answer);
    },
  };
  return { model, requests };
}
const ok = (text: string): AiResult => ({
  ok: true,
  text,
  modelId: 'test-model',
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
});

describe('Function: createAiAnalyst', () => {
  const pad = createScratchpad(aControlFinding({ controlId: 'S3.8', accountId: '111122223333' }));

  it("writes the model's answer as text and HTML, with the message's own prompt", async () => {
    const { model, requests } = fakeModel(ok('<h3>What happened</h3><p>The bucket is public.</p>'));

    const section = await createAiAnalyst({ model }).analyse('ticket_opened', pad);

    expect(section.html).toBe('<h3>What happened</h3><p>The bucket is public.</p>');
    expect(section.plaintext).toContain('The bucket is public.');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.user).toContain('S3.8');
  });

  it.each([
    ['throttled', 'the model was busy (throttled)'],
    ['access_denied', 'SOAR may not call the model (access denied: is model access enabled?)'],
    ['timeout', 'the model did not answer in time'],
  ] as const)(
    'says why there is no analysis when the model fails (%s), and logs it',
    async (failure, words) => {
      const warnings: string[] = [];
      const logger = {
        debug: () => undefined,
        info: () => undefined,
        warn: (m: string) => void warnings.push(m),
        error: () => undefined,
      };
      const { model } = fakeModel({ ok: false, failure, detail: 'x', modelId: 'test-model' });

      const section = await createAiAnalyst({ model, logger }).analyse('ticket_opened', pad);

      expect(section.plaintext).toBe(`The AI analysis is not available for this message: ${words}.`);
      expect(section.html).toContain('<em>The AI analysis is not available');
      expect(warnings).toEqual(['The AI analysis is not available']);
    },
  );

  it("gives an incident its domain's prompt and the alarm's context, fenced as data", async () => {
    const { model, requests } = fakeModel(ok('<p>ok</p>'));
    const app = createScratchpad({
      ...aGuardDutyFinding({ accountId: '111122223333' }),
      ProductFields: { IncidentDomain: 'APP', 'aws/securityhub/ProductName': 'Default' },
    });

    await createAiAnalyst({ model }).analyse('incident', app, {
      text: 'Failed executions in the window (2)',
    });

    const user = requests[0]?.user ?? '';
    expect(user).toContain('Failed executions in the window (2)');
    expect(requests[0]?.system).not.toBe('');
    expect(user.indexOf('Failed executions')).toBeGreaterThan(user.indexOf('<<<SOAR-DATA-'));
  });
});

describe('Function: createWeeklyProse', () => {
  it("returns the model's HTML without table placeholders, and nothing when the model fails", async () => {
    const good = fakeModel(ok('<p>Fewer tickets.</p>[[TABLE accounts]]'));
    const bad = fakeModel({ ok: false, failure: 'throttled', detail: 'x', modelId: 'test-model' });

    const prose = await createWeeklyProse({ model: good.model })({
      id: 'overview',
      data: { openTickets: 3 },
    });
    const none = await createWeeklyProse({ model: bad.model })({ id: 'account', accountId: '1', data: {} });

    expect(prose).toBe('<p>Fewer tickets.</p>');
    expect(good.requests[0]?.user).toContain('openTickets');
    expect(none).toBeUndefined();
  });
});

describe('Function: aiOnFirstUse', () => {
  const pad = createScratchpad(aControlFinding({ controlId: 'S3.8' }));

  it('is nothing for provider none, and the labelled local model for provider local', async () => {
    const none = aiOnFirstUse({ provider: 'none', model: {}, prompts: {} });
    const local = aiOnFirstUse({ provider: 'local', model: {}, prompts: {} });

    const section = await local?.analyst.analyse('ticket_opened', pad);

    expect(none).toBeUndefined();
    expect(section?.plaintext).toContain('Local model');
  });

  it('goes on without AI, saying so, when the configuration is invalid', async () => {
    const errors: string[] = [];
    const logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (m: string) => void errors.push(m),
    };
    const ai = aiOnFirstUse(
      { provider: 'bedrock', model: { modelId: '' }, prompts: { iacFlavor: 'cdk' } },
      { logger },
    );

    const section = await ai?.analyst.analyse('ticket_opened', pad);
    const prose = await ai?.prose({ id: 'overview', data: {} });

    expect(section?.plaintext).toBe(
      'The AI analysis is not available for this message: the AI configuration is invalid.',
    );
    expect(prose).toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});

describe('Function: tokenUsageMetric', () => {
  it('writes one embedded-metric-format line per answer, by model', () => {
    const lines: string[] = [];

    tokenUsageMetric('SOAR', (line) => lines.push(line))(
      { inputTokens: 120, outputTokens: 80, totalTokens: 200 },
      'm1',
    );

    const emf = JSON.parse(lines[0] ?? '{}') as Record<string, unknown> & {
      _aws: { CloudWatchMetrics: { Namespace: string }[] };
    };
    expect(emf).toMatchObject({ Model: 'm1', AiInputTokens: 120, AiOutputTokens: 80 });
    expect(emf._aws.CloudWatchMetrics[0]?.Namespace).toBe('SOAR');
  });
});
