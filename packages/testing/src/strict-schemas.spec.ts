import * as z from 'zod';
import { nonStrictObjects } from './strict-schemas';

describe('Function: nonStrictObjects', () => {
  it('finds no place in a schema whose objects are all strict', () => {
    const Strict = z.strictObject({
      email: z.strictObject({ from: z.string() }).prefault({ from: 'a@b.c' }),
      list: z.array(z.strictObject({ id: z.string() })).default([]),
      derived: z.strictObject({ a: z.string(), b: z.string() }).omit({ b: true }).extend({ c: z.string() }),
    });

    expect(nonStrictObjects(Strict)).toEqual([]);
  });

  it('names every object that strips or passes unknown keys, at every depth', () => {
    const Item = z.object({ id: z.string() });
    const Loose = z.object({
      email: z.object({ from: z.string() }).prefault({ from: 'a@b.c' }),
      remediation: z
        .strictObject({ optOutTag: z.looseObject({ key: z.string() }).optional(), items: z.array(Item) })
        .optional(),
      byName: z.record(z.string(), Item),
      either: z.union([z.string(), z.strictObject({ inner: Item })]),
      before: z.preprocess((value) => value, z.object({ x: z.string() })),
      tables: z.object({ a: z.string() }).refine(() => true),
    });

    expect(nonStrictObjects(Loose)).toEqual([
      '(root)',
      'email',
      'remediation.optOutTag',
      'remediation.items[]',
      'byName{}',
      'either.inner',
      'before',
      'tables',
    ]);
  });

  it('ends on a recursive schema', () => {
    interface Node {
      children: Node[];
    }
    const NodeSchema: z.ZodType<Node> = z.lazy(() => z.object({ children: z.array(NodeSchema) }));

    expect(nonStrictObjects(NodeSchema)).toEqual(['(root)']);
  });
});
