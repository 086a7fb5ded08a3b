/**
 * Typed reads of untrusted ARM JSON. Every failure names the resource and the field, so a user holding a
 * malformed or truncated `az ... show` output knows what to look at.
 */

export class ArmMappingError extends Error {
  constructor(
    /** Resource id, or a description such as "item 3 of value" when the id itself is missing. */
    readonly resource: string,
    /** Dotted path of the offending field, e.g. `properties.sku.capacity`. */
    readonly field: string,
    problem: string,
  ) {
    super(`${resource}: ${field} ${problem}`);
    this.name = 'ArmMappingError';
  }
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value).slice(0, 60)}` : `a ${typeof value}`;
}

/** A JSON object read on behalf of one resource; `path` is where the object sits inside that resource. */
export class ArmObject {
  constructor(
    readonly json: JsonObject,
    readonly resource: string,
    private readonly path = '',
  ) {}

  static of(value: unknown, resource: string, path = ''): ArmObject {
    if (!isJsonObject(value)) throw new ArmMappingError(resource, path || 'document', `must be a JSON object, got ${describe(value)}`);
    return new ArmObject(value, resource, path);
  }

  private at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  private fail(key: string, problem: string): never {
    throw new ArmMappingError(this.resource, this.at(key), problem);
  }

  private present(key: string): unknown {
    const value = this.json[key];
    return value === null ? undefined : value;
  }

  string(key: string): string {
    const value = this.optionalString(key);
    return value === undefined || value === '' ? this.fail(key, 'is missing') : value;
  }

  optionalString(key: string): string | undefined {
    const value = this.present(key);
    if (value === undefined || typeof value === 'string') return value;
    return this.fail(key, `must be a string, got ${describe(value)}`);
  }

  number(key: string): number {
    const value = this.optionalNumber(key);
    return value === undefined ? this.fail(key, 'is missing') : value;
  }

  optionalNumber(key: string): number | undefined {
    const value = this.present(key);
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    return this.fail(key, `must be a number, got ${describe(value)}`);
  }

  optionalBoolean(key: string): boolean | undefined {
    const value = this.present(key);
    if (value === undefined || typeof value === 'boolean') return value;
    return this.fail(key, `must be true or false, got ${describe(value)}`);
  }

  object(key: string): ArmObject {
    return this.optionalObject(key) ?? this.fail(key, 'is missing');
  }

  optionalObject(key: string): ArmObject | undefined {
    const value = this.present(key);
    if (value === undefined) return undefined;
    if (isJsonObject(value)) return new ArmObject(value, this.resource, this.at(key));
    return this.fail(key, `must be an object, got ${describe(value)}`);
  }

  /** Array of objects; absent reads as empty. */
  objects(key: string): ArmObject[] {
    return this.array(key).map((item, i) => ArmObject.of(item, this.resource, `${this.at(key)}[${i}]`));
  }

  /** Array of strings; absent reads as empty. */
  strings(key: string): string[] {
    return this.array(key).map((item, i) =>
      typeof item === 'string' ? item : this.fail(`${key}[${i}]`, `must be a string, got ${describe(item)}`),
    );
  }

  /** String values of a string map such as `tags` or `redisConfiguration`; absent reads as empty. */
  stringMap(key: string): Record<string, string> {
    const map = this.optionalObject(key);
    const result: Record<string, string> = {};
    for (const [name, value] of Object.entries(map?.json ?? {})) {
      if (typeof value === 'string') result[name] = value;
      else if (value !== null) this.fail(`${key}.${name}`, `must be a string, got ${describe(value)}`);
    }
    return result;
  }

  private array(key: string): unknown[] {
    const value = this.present(key);
    if (value === undefined) return [];
    return Array.isArray(value) ? value : this.fail(key, `must be an array, got ${describe(value)}`);
  }
}
