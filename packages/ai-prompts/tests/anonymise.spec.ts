/** Anonymisation: each switch on its own, stable numbering, and the round trip through an answer. */
import * as fc from 'fast-check';

import { answerToAiText, renderFindingPrompt, restoreAnonymised } from '../src';
import { anonymise } from '../src/anonymise';
import { lambdaFinding, pad } from './fixtures';

const ALL = { accountIds: true, arns: true, emails: true, hexIds: true };
const NONE = { accountIds: false, arns: false, emails: false, hexIds: false };

describe('Function: anonymise', () => {
  it.each([
    [
      'accountIds',
      'Account 111122223333 and 111122223333 again',
      'Account [account-1] and [account-1] again',
    ],
    ['arns', 'Role arn:aws:iam::111122223333:role/orders-api, bucket', 'Role [arn-1], bucket'],
    ['emails', 'Owner alice@example.com.', 'Owner [email-1].'],
    [
      'hexIds',
      'Group sg-0a1b2c3d4e5f60718 and 0f4c2a1b-1b2c-4d3e-8f90-a1b2c3d4e5f6',
      'Group sg-[id-1] and [id-2]',
    ],
  ] as const)('replaces %s only when switched on', (name, text, expected) => {
    expect(anonymise([text], { ...NONE, [name]: true }).texts).toEqual([expected]);
    expect(anonymise([text], NONE).texts).toEqual([text]);
  });

  it('keeps words that only look hexadecimal', () => {
    expect(anonymise(['deadbeef accessed decade'], ALL).texts).toEqual(['deadbeef accessed decade']);
  });

  it('numbers by first appearance across every text, the same value always the same', () => {
    const { texts } = anonymise(['a@example.com b@example.com', 'b@example.com'], ALL);
    expect(texts).toEqual(['[email-1] [email-2]', '[email-2]']);
  });

  it('avoids placeholders that the data already contains', () => {
    const { texts, anonymisation } = anonymise(['[account-1] is 111122223333'], ALL);
    expect(texts).toEqual(['[account-1] is [account2-1]']);
    expect(restoreAnonymised(texts[0] ?? '', anonymisation)).toBe('[account-1] is 111122223333');
  });
});

describe('Round trip: prompt, answer, restored', () => {
  it('puts account ids, ARNs and emails back into the answer', () => {
    const prompt = renderFindingPrompt(
      'ticket_opened',
      { scratchpad: pad(lambdaFinding()) },
      { anonymise: ALL },
    );
    expect(prompt.user).not.toMatch(/111122223333|aws\+payments-prod@example\.com/);
    const arn = prompt.anonymisation.replacements.find((r) => r.original.startsWith('arn:aws:lambda'));
    const account = prompt.anonymisation.replacements.find((r) => r.original === '111122223333');
    expect(arn).toBeDefined();
    expect(account).toBeDefined();
    const answer = `<h3>Exposed function</h3><p>${arn?.placeholder} in account ${account?.placeholder}.</p>`;
    expect(answerToAiText(answer, prompt.anonymisation).html).toBe(
      '<h3>Exposed function</h3><p>arn:aws:lambda:eu-west-1:111122223333:function:orders-api in account 111122223333.</p>',
    );
  });

  it('restores any text it anonymised', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(
              '111122223333',
              'arn:aws:s3:::my-bucket',
              'ops@example.org',
              'i-0abc1234def567890',
              ' ',
              '\n',
            ),
            fc.string({ maxLength: 20 }),
          ),
          { maxLength: 20 },
        ),
        (pieces) => {
          const text = pieces.join(' ');
          const { texts, anonymisation } = anonymise([text], ALL);
          expect(restoreAnonymised(texts[0] ?? '', anonymisation)).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the bad field of a damaged anonymisation', () => {
    expect(() => restoreAnonymised('x', { replacements: [{ placeholder: '', original: 'a' }] })).toThrow(
      expect.objectContaining({ field: 'replacements.0.placeholder' }),
    );
  });
});
