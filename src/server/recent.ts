import { randomUUID } from 'node:crypto';

/** The last few results by id (computed views the page may export later); the oldest goes first. */
export class Recent<T> {
  private readonly items = new Map<string, T>();

  constructor(
    private readonly prefix: string,
    private readonly keep = 20,
  ) {}

  /** Keeps a result under a random id (122 bits): only whoever got the id can read it back. */
  add(value: T): string {
    const id = `${this.prefix}-${randomUUID()}`;
    this.items.set(id, value);
    if (this.items.size > this.keep) this.items.delete(this.items.keys().next().value!);
    return id;
  }

  get(id: string): T | undefined {
    return this.items.get(id);
  }
}
