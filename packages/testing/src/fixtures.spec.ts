import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureError, fixtureLoader, loadJsonFixture } from './fixtures';

describe('Function: loadJsonFixture', () => {
  const dir = mkdtempSync(join(tmpdir(), 'soar-fixtures-'));
  writeFileSync(join(dir, 'event.json'), JSON.stringify({ detail: { findings: [{ Id: 'f-1' }] } }));
  writeFileSync(join(dir, 'broken.json'), '{ "detail": ');

  it('returns a fresh deep copy on every call', () => {
    const first = loadJsonFixture<{ detail: { findings: Array<{ Id: string }> } }>('event.json', dir);
    first.detail.findings[0]!.Id = 'mutated';

    const second = fixtureLoader(dir)<{ detail: { findings: Array<{ Id: string }> } }>('event.json');

    expect(second.detail.findings[0]?.Id).toBe('f-1');
  });

  it('names the file when it is missing or not JSON', () => {
    expect(() => loadJsonFixture('missing.json', dir)).toThrow(FixtureError);
    expect(() => loadJsonFixture('missing.json', dir)).toThrow(/missing\.json/);
    expect(() => loadJsonFixture('broken.json', dir)).toThrow(/not valid JSON: .*broken\.json/);
  });
});
