import type { Account } from '@soar/scratchpad';

import type { RenderedMessage } from '../src/rendered';

/** A complete rendered message, as the renderers would produce it. */
export function aRenderedMessage(overrides: Partial<RenderedMessage> = {}): RenderedMessage {
  return {
    subject: 'HIGH: EC2.2 default security group allows traffic',
    text: 'The default security group of vpc-0123 allows inbound traffic.\n\nPlease fix it.',
    html: '<!doctype html><html><body><h1>EC2.2</h1></body></html>',
    jira: {
      summary: 'HIGH: EC2.2 default security group allows traffic',
      description: {
        version: 1,
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: 'The default security group allows traffic.' }],
          },
        ],
      },
    },
    serviceNow: {
      shortDescription: 'HIGH: EC2.2 default security group allows traffic',
      description: 'The default security group of vpc-0123 allows inbound traffic.',
    },
    slack: {
      text: 'HIGH: EC2.2 default security group allows traffic',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*EC2.2* default security group' } }],
    },
    teams: {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            type: 'AdaptiveCard',
            version: '1.4',
            body: [{ type: 'TextBlock', text: 'EC2.2 default security group', wrap: true }],
          },
        },
      ],
    },
    ...overrides,
  };
}

/** An account block as `get_account_data` writes it into the scratchpad. */
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

export const FINDING_ID =
  'arn:aws:securityhub:eu-west-1:111122223333:security-control/EC2.2/finding/0a1b2c3d-1b2c-4d3e-8f90-a1b2c3d4e5f6';

/** Ticket ids an attacker could write into a finding (S1). */
export const MALICIOUS_TICKET_IDS: readonly string[] = [
  '../../admin',
  'ABC-1/../../x',
  'https://evil.example/ABC-1',
  'ABC-1?x=',
  'ABC-1#frag',
  'ABC-1\r\nX-Injected: 1',
  'ABC-1\n',
  'ABC-1 ',
  ' ABC-1',
  'abc-1',
  'ABC-0',
  'ABC-01',
  'ABC-1%2F..',
  'ABC-1,https://evil.example/api/now/table/incident/1',
  '',
  'A'.repeat(40) + '-1',
  'ABC-12345678901',
];
