import type { Account } from '@soar/scratchpad';

/** An account block as SOAR derives it into the scratchpad. */
export function anAccount(overrides: Partial<Account> = {}): Account {
  return {
    Id: '111122223333',
    Name: 'payments-prod',
    Email: 'aws+payments-prod@example.com',
    TeamEmail: 'payments-team@example.com',
    TeamEmailApp: 'payments-devs@example.com',
    OrganizationalUnit: 'Workloads',
    OrganizationalUnitPath: ['Root', 'Workloads'],
    Client: 'Unspecified',
    ProjectName: 'payments',
    Team: 'payments',
    Environment: 'production',
    ProjectId: 'PAY',
    ProjectIdApp: 'PAYAPP',
    Tags: { 'soar:team': 'payments' },
    AccountNew: false,
    ...overrides,
  };
}
