import { toAttributeValue, type Item, type StoredValue } from './attribute-values';

/**
 * Collects the placeholders of one DynamoDB request (`#a0` for names, `:v0` for values), so
 * attribute names never clash with reserved words and values are always marshalled.
 */
export class ExpressionBuilder {
  private readonly names = new Map<string, string>();
  private readonly values: Item = {};
  private valueCount = 0;

  /** The placeholder of an attribute name. */
  public name(attribute: string): string {
    const known = this.names.get(attribute);
    if (known !== undefined) return known;
    const placeholder = `#a${this.names.size}`;
    this.names.set(attribute, placeholder);
    return placeholder;
  }

  /** The placeholder of a value. */
  public value(value: StoredValue): string {
    const placeholder = `:v${this.valueCount++}`;
    this.values[placeholder] = toAttributeValue(value);
    return placeholder;
  }

  /**
   * An update expression: `SET` for every defined entry of `set`, `REMOVE` for every `undefined`
   * entry and every name in `remove`, and `+ 1` (from 0 when absent) for every `increment` attribute.
   */
  public update(changes: {
    set: Readonly<Record<string, StoredValue | undefined>>;
    remove?: readonly string[];
    increment?: readonly string[];
  }): string {
    const sets: string[] = [];
    const removes = new Set(changes.remove ?? []);
    for (const [attribute, value] of Object.entries(changes.set)) {
      if (value === undefined) removes.add(attribute);
      else sets.push(`${this.name(attribute)} = ${this.value(value)}`);
    }
    for (const attribute of changes.increment ?? []) {
      const name = this.name(attribute);
      sets.push(`${name} = if_not_exists(${name}, ${this.value(0)}) + ${this.value(1)}`);
    }
    const parts: string[] = [];
    if (sets.length > 0) parts.push(`SET ${sets.join(', ')}`);
    if (removes.size > 0)
      parts.push(`REMOVE ${[...removes].map((attribute) => this.name(attribute)).join(', ')}`);
    return parts.join(' ');
  }

  /** `ExpressionAttributeNames` and `ExpressionAttributeValues`, leaving out empty maps. */
  public attributes(): {
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Item;
  } {
    const names = Object.fromEntries(
      [...this.names].map(([attribute, placeholder]) => [placeholder, attribute]),
    );
    return {
      ...(this.names.size > 0 ? { ExpressionAttributeNames: names } : {}),
      ...(this.valueCount > 0 ? { ExpressionAttributeValues: { ...this.values } } : {}),
    };
  }
}
