import { appendixTables, flattenJson, MAX_APPENDIX_ROWS } from './appendix';

describe('Function: flattenJson', () => {
  it('joins keys with dots and indexes arrays', () => {
    expect(flattenJson({ a: { b: [1, 'x', null] }, c: {}, d: [] }, 'R')).toEqual([
      { key: 'R.a.b[0]', value: '1' },
      { key: 'R.a.b[1]', value: 'x' },
      { key: 'R.a.b[2]', value: 'null' },
      { key: 'R.c', value: '{}' },
      { key: 'R.d', value: '[]' },
    ]);
  });
});

describe('Function: appendixTables', () => {
  it('leaves out empty tables and counts the rows it cuts', () => {
    const productFields = Object.fromEntries(
      Array.from({ length: MAX_APPENDIX_ROWS + 5 }, (_, i) => [`k${i}`, 'v']),
    );

    const tables = appendixTables({ resources: [], productFields, account: {} });

    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ title: 'Product fields', omitted: 5 });
    expect(tables[0]?.rows).toHaveLength(MAX_APPENDIX_ROWS);
  });
});
