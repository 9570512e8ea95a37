import { channelApplies, ChannelsConfigSchema, selectedChannels } from './channels';

describe('Function: channelApplies', () => {
  it.each([
    ['no `when`: every account', undefined, { environment: 'DEV', team: 'payments' }, true],
    ['environment matches, case-insensitively', { environments: ['PROD'] }, { environment: 'prod' }, true],
    ['environment differs', { environments: ['PROD'] }, { environment: 'DEV' }, false],
    ['team matches', { teams: ['payments'] }, { environment: 'DEV', team: 'Payments' }, true],
    ['team differs', { teams: ['identity'] }, { team: 'payments' }, false],
    [
      'both lists must match',
      { environments: ['PROD'], teams: ['payments'] },
      { environment: 'DEV', team: 'payments' },
      false,
    ],
    [
      'both match',
      { environments: ['PROD'], teams: ['payments'] },
      { environment: 'PROD', team: 'payments' },
      true,
    ],
    ['an account without a team matches only *', { teams: ['payments'] }, { environment: 'PROD' }, false],
    ['* matches every value, none too', { teams: ['*'] }, {}, true],
  ] as const)('%s', (_name, when, target, expected) => {
    expect(channelApplies(when, target)).toBe(expected);
  });
});

describe('Function: selectedChannels', () => {
  it('lists the configured channels an account gets, in a fixed order', () => {
    const channels = ChannelsConfigSchema.parse({
      sentinel: {},
      slack: { when: { teams: ['payments'] } },
      teams: { when: { environments: ['PROD'] } },
    });

    expect(selectedChannels(channels, { environment: 'PROD', team: 'payments' })).toEqual([
      'slack',
      'teams',
      'sentinel',
    ]);
    expect(selectedChannels(channels, { environment: 'DEV', team: 'identity' })).toEqual(['sentinel']);
    expect(selectedChannels(ChannelsConfigSchema.parse({}), { environment: 'PROD' })).toEqual([]);
  });
});

describe('Schema: ChannelsConfigSchema', () => {
  it('checks the Sentinel DCR id and stream it may override', () => {
    expect(
      ChannelsConfigSchema.safeParse({ sentinel: { dcrImmutableId: 'dcr-1', streamName: 'Custom-X_CL' } })
        .success,
    ).toBe(false);
  });
});
