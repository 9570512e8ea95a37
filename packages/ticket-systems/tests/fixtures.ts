export const FINDING_ID =
  'arn:aws:securityhub:eu-west-1:111122223333:security-control/EC2.2/finding/0a1b2c3d-1b2c-4d3e-8f90-a1b2c3d4e5f6';

/** Ticket ids an attacker could write into a finding: none may reach a ticket system's API. */
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
