import { accountIdsFromOrganizationsEvent } from './organizations-event';

const A = '111122223333';

function cloudTrail(eventName: string, requestParameters: unknown): unknown {
  return {
    version: '0',
    source: 'aws.organizations',
    'detail-type': 'AWS API Call via CloudTrail',
    region: 'us-east-1',
    detail: { eventSource: 'organizations.amazonaws.com', eventName, requestParameters },
  };
}

describe('accountIdsFromOrganizationsEvent', () => {
  it.each<[string, unknown, string[]]>([
    ['TagResource of an account', cloudTrail('TagResource', { resourceId: A, tags: [] }), [A]],
    ['UntagResource of an account', cloudTrail('UntagResource', { resourceId: A, tagKeys: [] }), [A]],
    [
      'MoveAccount',
      cloudTrail('MoveAccount', { accountId: A, sourceParentId: 'r-1', destinationParentId: 'ou-1' }),
      [A],
    ],
    ['CloseAccount', cloudTrail('CloseAccount', { accountId: A }), [A]],
    ['RemoveAccountFromOrganization', cloudTrail('RemoveAccountFromOrganization', { accountId: A }), [A]],
    ['TagResource of an OU', cloudTrail('TagResource', { resourceId: 'ou-ab12-cd34ef56' }), []],
    ['another API call', cloudTrail('CreateOrganizationalUnit', { name: 'x' }), []],
    ['missing requestParameters', cloudTrail('TagResource', null), []],
    ['another source', { source: 'aws.securityhub', detail: { eventName: 'TagResource' } }, []],
    ['not an object', 'TagResource', []],
    ['undefined', undefined, []],
  ])('%s', (_name, event, expected) => {
    expect(accountIdsFromOrganizationsEvent(event)).toEqual(expected);
  });
});
