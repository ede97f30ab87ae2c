/** The last few results by id (computed views the page may export later); the oldest goes first. */
export class Recent<T> {
  private readonly items = new Map<string, T>();
  private next = 1;

  constructor(
    private readonly prefix: string,
    private readonly keep = 20,
  ) {}

  add(value: T): string {
    const id = `${this.prefix}-${Date.now().toString(36)}-${(this.next++).toString(36)}`;
    this.items.set(id, value);
    if (this.items.size > this.keep) this.items.delete(this.items.keys().next().value!);
    return id;
  }

  get(id: string): T | undefined {
    return this.items.get(id);
  }
}
