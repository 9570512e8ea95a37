import { isTrustedUrl, securityHubFindingUrl } from './links';

describe('Function: isTrustedUrl', () => {
  it.each([
    ['https://docs.aws.amazon.com/securityhub/', true],
    ['https://aws.amazon.com/', true],
    ['https://aws.amazon.com.evil.example/', false],
    ['https://evilaws.amazon.com/', false],
    ['http://docs.aws.amazon.com/', false],
    ['javascript:alert(1)//docs.aws.amazon.com', false],
    ['https://user:pass@docs.aws.amazon.com/', false],
    ['//docs.aws.amazon.com/', false],
  ])('says %s is trusted: %s', (url, expected) => {
    expect(isTrustedUrl(url, ['aws.amazon.com'])).toBe(expected);
  });
});

describe('Function: securityHubFindingUrl', () => {
  it('searches the finding id, encoded the way the console expects', () => {
    expect(securityHubFindingUrl('https://console.aws.amazon.com/', 'eu-west-1', 'arn:aws:x/y')).toBe(
      'https://console.aws.amazon.com/securityhub/home?region=eu-west-1#/findings?search=Id%3D%255Coperator%255C%253AEQUALS%255C%253Aarn%253Aaws%253Ax%252Fy',
    );
  });

  it('leaves the region out when unknown', () => {
    expect(securityHubFindingUrl('https://console.aws.amazon.com', undefined, 'f')).toMatch(
      /^https:\/\/console\.aws\.amazon\.com\/securityhub\/home#\/findings\?search=/,
    );
  });
});
