import { BEDROCK_IAM_ACTIONS, bedrockResourceArns, inferenceProfileOf } from './iam';

const SCOPE = { region: 'eu-west-1', accountId: '111122223333' };

describe('Function: bedrockResourceArns', () => {
  it('grants only the action Converse is authorised by', () => {
    expect(BEDROCK_IAM_ACTIONS).toEqual(['bedrock:InvokeModel']);
  });

  it.each([
    [
      'a foundation model: that model in the function region only',
      { modelId: 'anthropic.claude-haiku-4-5-20251001-v1:0' },
      ['arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0'],
    ],
    [
      'a geographic profile: the profile, and the model in any region it routes to',
      { modelId: 'eu.anthropic.claude-sonnet-4-6' },
      [
        'arn:aws:bedrock:eu-west-1:111122223333:inference-profile/eu.anthropic.claude-sonnet-4-6',
        'arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-6',
      ],
    ],
    [
      'a US profile',
      { modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' },
      [
        'arn:aws:bedrock:eu-west-1:111122223333:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        'arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0',
      ],
    ],
    [
      'an APAC profile',
      { modelId: 'apac.anthropic.claude-sonnet-4-6' },
      [
        'arn:aws:bedrock:eu-west-1:111122223333:inference-profile/apac.anthropic.claude-sonnet-4-6',
        'arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-6',
      ],
    ],
    [
      'the global profile: also the region-less model it routes to',
      { modelId: 'global.anthropic.claude-sonnet-4-6' },
      [
        'arn:aws:bedrock:eu-west-1:111122223333:inference-profile/global.anthropic.claude-sonnet-4-6',
        'arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-6',
        'arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-6',
      ],
    ],
    [
      'a GovCloud profile in its partition',
      {
        modelId: 'us-gov.anthropic.claude-3-haiku-20240307-v1:0',
        partition: 'aws-us-gov',
        region: 'us-gov-west-1',
      },
      [
        'arn:aws-us-gov:bedrock:us-gov-west-1:111122223333:inference-profile/us-gov.anthropic.claude-3-haiku-20240307-v1:0',
        'arn:aws-us-gov:bedrock:*::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      ],
    ],
  ])('%s', (_case, scope, expected) => {
    expect(bedrockResourceArns({ ...SCOPE, ...scope })).toEqual(expected);
  });
});

describe('Function: inferenceProfileOf', () => {
  it.each([
    [
      'global.anthropic.claude-sonnet-4-6',
      { geography: 'global', foundationModelId: 'anthropic.claude-sonnet-4-6' },
    ],
    ['jp.anthropic.claude-sonnet-4-6', { geography: 'jp', foundationModelId: 'anthropic.claude-sonnet-4-6' }],
    ['anthropic.claude-sonnet-4-6', undefined],
    ['us.nova', undefined],
    ['amazon.nova-pro-v1:0', undefined],
  ])('%s', (modelId, expected) => {
    expect(inferenceProfileOf(modelId)).toEqual(expected);
  });
});
