import { escapeCardMarkdown } from './teams';

describe('Function: escapeCardMarkdown', () => {
  it.each([
    ['[click](https://evil.example)', '\\[click\\]\\(https://evil.example\\)'],
    ['**bold** _it_ `code` ~x~', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~x\\~'],
    ['# head', '\\# head'],
    ['- item', '\\- item'],
    ['1. item', '\\1. item'],
    ['{{DATE(2017-02-14T06:08:39Z, SHORT)}}', '\\{\\{DATE\\(2017-02-14T06:08:39Z, SHORT\\)\\}\\}'],
    ['a\\b', 'a\\\\b'],
    ['arn:aws:s3:::my-bucket.logs', 'arn:aws:s3:::my-bucket.logs'],
  ])('escapes %j', (input, expected) => {
    expect(escapeCardMarkdown(input)).toBe(expected);
  });
});
