/**
 * Prompt versioning: every record's digest is pinned next to its version. Change a record's text and
 * this fails until its version goes up by one and the digest below is updated with it.
 */
import { createHash } from 'node:crypto';

import { FINDING_PROMPTS, SYSTEM_PROMPT, WEEKLY_PROMPTS, type PromptRecord } from '../src';

const PINNED: Record<string, { version: number; digest: string }> = {
  system: { version: 1, digest: '65aee5279c72790e' },
  ticket_opened: { version: 1, digest: 'b5a2a98ca13661d6' },
  ticket_closed: { version: 1, digest: '99120452d2b19d38' },
  remediation_done: { version: 1, digest: 'abc442c8692d5b7f' },
  remediation_failed: { version: 1, digest: '72775ed9960c1f83' },
  incident_infra: { version: 1, digest: 'ff7d5325fd273bf1' },
  incident_app: { version: 1, digest: 'b6a7a4037efb7dd3' },
  weekly_overview: { version: 1, digest: '190781673dc90ec5' },
  weekly_account: { version: 1, digest: '847f7784f301389f' },
  weekly_recommendations: { version: 1, digest: 'b12367641e7834de' },
};

function digest(record: PromptRecord<string>): string {
  const { version: _version, ...content } = record;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

const RECORDS: PromptRecord<string>[] = [
  SYSTEM_PROMPT,
  ...Object.values(FINDING_PROMPTS),
  ...Object.values(WEEKLY_PROMPTS),
];

describe('Data: prompt versions', () => {
  it.each(RECORDS.map((record) => [record.id, record] as const))('pins %s to its version', (id, record) => {
    expect({ id, version: record.version, digest: digest(record) }).toEqual({ id, ...PINNED[id] });
  });

  it('keys every record by its own id and starts versions at 1', () => {
    for (const [key, record] of Object.entries({ ...FINDING_PROMPTS, ...WEEKLY_PROMPTS }))
      expect(record.id).toBe(key);
    for (const record of RECORDS) expect(record.version).toBeGreaterThanOrEqual(1);
  });
});
