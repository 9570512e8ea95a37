/** Size budgets: the result fits, the cut is deterministic, the least useful parts go first, and the cut is said. */
import * as fc from 'fast-check';

import { PromptBudgetError, renderFindingPrompt, renderWeeklyPrompt, type FindingPromptInput } from '../src';
import { assemble } from '../src/assemble';
import { parseAiPromptOptions } from '../src/options';
import { ENRICHED_CONTEXT, lambdaFinding, pad, WEEKLY_OVERVIEW } from './fixtures';

/** Many keys of up to 1,000 characters each: ASFF caps single values, not their number. */
function filler(prefix: string, chars: number, maxKeys: number): Record<string, string> {
  const keys = Math.min(maxKeys, Math.ceil(chars / 1_000));
  return Object.fromEntries(
    Array.from({ length: keys }, (_, i) => [
      `${prefix}${i}`,
      `${prefix} ${'x'.repeat(Math.min(chars, 1_000) - prefix.length - 1)}`,
    ]),
  );
}

function bigInput(repeat: number): FindingPromptInput {
  const finding = lambdaFinding();
  return {
    scratchpad: pad({
      ...finding,
      Description: `The function is old. ${'It runs on a deprecated runtime. '.repeat(Math.min(repeat, 28))}`,
      ProductFields: { ...finding.ProductFields, ...filler('note', repeat * 40, 40) },
      Resources: finding.Resources.map((resource) => ({
        ...resource,
        Details: { ...resource.Details, Other: filler('layer', repeat * 60, 50) },
      })),
    }),
    enrichedContext: `${ENRICHED_CONTEXT}\n${'- an error line\n'.repeat(repeat * 10)}`,
  };
}

describe('Size budgets', () => {
  it('fits every size into maxPromptChars, and cuts the same way every time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 8_000, max: 30_000 }),
        (repeat, max) => {
          const first = renderFindingPrompt('incident_app', bigInput(repeat), { maxPromptChars: max });
          expect(first.system.length + first.user.length).toBeLessThanOrEqual(max);
          expect(renderFindingPrompt('incident_app', bigInput(repeat), { maxPromptChars: max })).toEqual(
            first,
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('cuts the product fields first, then the resource details, then the context, and says so', () => {
    const prompt = renderFindingPrompt('incident_app', bigInput(300), { maxPromptChars: 12_000 });
    const parts = prompt.truncated.map((t) => t.part);
    expect(parts).toContain('product_fields');
    expect(prompt.user).toContain('Title: Lambda.2 test control title');
    expect(prompt.user).toMatch(/To fit the prompt's size, SOAR cut: .*the product fields/);
    const byName = Object.fromEntries(prompt.truncated.map((t) => [t.part, t]));
    // The finding's summary is the most useful: it keeps the most of itself.
    expect(byName['finding']?.keptChars ?? Infinity).toBeGreaterThan(
      byName['product_fields']?.keptChars ?? 0,
    );
  });

  it('keeps per-part budgets before fitting the whole', () => {
    const cut = renderFindingPrompt('incident_app', bigInput(5), { budgets: { productFields: 100 } });
    expect(cut.truncated).toEqual([
      { part: 'product_fields', originalChars: expect.any(Number) as number, keptChars: 100 },
    ]);
    expect(cut.user).toMatch(/the product fields \(kept 100 of \d+ characters\)/);
    expect(cut.user).toMatch(/more characters cut to fit the prompt's size\]\n/);
    const left = renderFindingPrompt('incident_app', bigInput(5), { budgets: { productFields: 10 } });
    expect(left.truncated).toEqual([
      { part: 'product_fields', originalChars: expect.any(Number) as number, keptChars: 0 },
    ]);
    expect(left.user).toContain('the product fields (left out)');
    expect(left.user).not.toContain('=== Product fields');
  });

  it('cuts the tables of a weekly section before its figures', () => {
    const input = {
      ...WEEKLY_OVERVIEW,
      tables: WEEKLY_OVERVIEW.tables.map((t) => ({ ...t, csv: `${t.csv}\n${'x,1,2\n'.repeat(3_000)}` })),
    };
    const prompt = renderWeeklyPrompt('weekly_overview', input, { maxPromptChars: 10_000 });
    expect(prompt.system.length + prompt.user.length).toBeLessThanOrEqual(10_000);
    expect(prompt.truncated.map((t) => t.part)).not.toContain('figures');
    expect(prompt.user).toContain('"open_tickets":12');
  });

  it('refuses a budget the instructions alone exceed, saying what they need', () => {
    const options = { ...parseAiPromptOptions({}), maxPromptChars: 500 };
    const framing = { intro: 'Data between <<<{fence} and {fence}>>>.', describe: (part: string) => part };
    const parts = [{ name: 'finding', title: 'Finding', text: 'x'.repeat(1_000), budget: 1_000 }];
    expect(
      assemble('ticket_opened', 's'.repeat(300), framing, parts, options).user.length,
    ).toBeLessThanOrEqual(200);
    expect(() => assemble('ticket_opened', 's'.repeat(600), framing, parts, options)).toThrow(
      expect.objectContaining({ name: 'PromptBudgetError', maxPromptChars: 500 }) as Error,
    );
  });

  it('accepts no maxPromptChars below 8,000, naming the field', () => {
    expect(() => renderWeeklyPrompt('weekly_overview', WEEKLY_OVERVIEW, { maxPromptChars: 500 })).toThrow(
      expect.objectContaining({ field: 'maxPromptChars' }) as Error,
    );
    expect(PromptBudgetError.name).toBe('PromptBudgetError');
  });
});
