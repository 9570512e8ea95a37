import { BedrockConfigError } from './errors';
import { DEFAULT_MODEL_ID, parseBedrockConfig } from './config';

describe('Function: parseBedrockConfig', () => {
  it('applies every default to an empty or missing configuration', () => {
    const expected = {
      modelId: DEFAULT_MODEL_ID,
      timeoutMs: 60_000,
      maxAttempts: 3,
      maxTokens: 4_096,
      temperature: 0.3,
    };
    expect(parseBedrockConfig({}, 'the test')).toEqual(expected);
    expect(parseBedrockConfig(undefined, 'the test')).toEqual(expected);
  });

  it('defaults to a current Claude model through the global cross-Region inference profile', () => {
    expect(DEFAULT_MODEL_ID).toBe('global.anthropic.claude-sonnet-4-6');
  });

  it('trims strings and keeps every setting given', () => {
    expect(
      parseBedrockConfig(
        {
          modelId: ' eu.anthropic.claude-sonnet-4-6 ',
          region: ' eu-central-1',
          timeoutMs: 90_000,
          maxAttempts: 1,
          maxTokens: 8_192,
          temperature: 0,
        },
        'the test',
      ),
    ).toEqual({
      modelId: 'eu.anthropic.claude-sonnet-4-6',
      region: 'eu-central-1',
      timeoutMs: 90_000,
      maxAttempts: 1,
      maxTokens: 8_192,
      temperature: 0,
    });
  });

  it.each([
    'anthropic.claude-haiku-4-5-20251001-v1:0',
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'us-gov.anthropic.claude-3-haiku-20240307-v1:0',
    'amazon.nova-pro-v1:0',
    'anthropic.claude-3-sonnet-20240229-v1:0:200k',
  ])('accepts the model id %s', (modelId) => {
    expect(parseBedrockConfig({ modelId }, 'the test').modelId).toBe(modelId);
  });

  it.each([
    ['modelId', { modelId: 'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-sonnet-4-6' }],
    ['modelId', { modelId: 'claude' }],
    ['modelId', { modelId: '' }],
    ['region', { region: 'Ireland' }],
    ['timeoutMs', { timeoutMs: 10 }],
    ['timeoutMs', { timeoutMs: 1.5e3 + 0.5 }],
    ['maxAttempts', { maxAttempts: 0 }],
    ['maxTokens', { maxTokens: -1 }],
    ['temperature', { temperature: 1.5 }],
    ['temperture', { temperture: 0.2 }],
    ['', 'global.anthropic.claude-sonnet-4-6'],
  ])('names the bad field %j', (field, input) => {
    let caught: unknown;
    try {
      parseBedrockConfig(input, 'soar.config.json at ai.bedrock');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BedrockConfigError);
    const error = caught as BedrockConfigError;
    expect(error.field).toBe(field);
    expect(error.source).toBe('soar.config.json at ai.bedrock');
    expect(error.message).toContain(`soar.config.json at ai.bedrock at ${field === '' ? '(root)' : field}`);
  });

  it('says a misspelt key is unknown rather than falling back to the default', () => {
    expect(() => parseBedrockConfig({ modelID: 'x.y' }, 'the environment')).toThrow(
      'Invalid Bedrock configuration in the environment at modelID: is not a known setting',
    );
  });
});
