import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';

import { listActiveAccountIds } from './organization-accounts';

describe('Function: listActiveAccountIds', () => {
  const organizations = mockClient(OrganizationsClient);
  beforeEach(() => organizations.reset());

  it('lists the active accounts of every page, without suspended ones or repeats', async () => {
    // Arrange
    organizations
      .on(ListAccountsCommand, { NextToken: undefined })
      .resolves({
        Accounts: [
          { Id: '111122223333', State: 'ACTIVE' },
          { Id: '222233334444', State: 'SUSPENDED' },
        ],
        NextToken: 'page-2',
      })
      .on(ListAccountsCommand, { NextToken: 'page-2' })
      .resolves({
        Accounts: [
          { Id: '444455556666', Status: 'ACTIVE' },
          { Id: '111122223333', State: 'ACTIVE' },
          { Id: '555566667777', State: 'PENDING_CLOSURE' },
        ],
      });

    // Act
    const ids = await listActiveAccountIds(new OrganizationsClient({ region: 'us-east-1' }));

    // Assert
    expect(ids).toEqual(['111122223333', '444455556666']);
    expect(organizations).toHaveReceivedCommandTimes(ListAccountsCommand, 2);
  });

  it('stops on a repeated page token instead of looping', async () => {
    organizations
      .on(ListAccountsCommand)
      .resolves({ Accounts: [{ Id: '111122223333', State: 'ACTIVE' }], NextToken: 'again' });

    const ids = await listActiveAccountIds(new OrganizationsClient({ region: 'us-east-1' }));

    expect(ids).toEqual(['111122223333']);
    expect(organizations).toHaveReceivedCommandTimes(ListAccountsCommand, 2);
  });
});
