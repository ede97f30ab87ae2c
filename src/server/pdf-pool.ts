import type { Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, printOn } from '../analyses/index.ts';
import { PoolBusyError } from './task-pool.ts';

/**
 * PDF reports printed by ONE shared headless Chromium with at most `pages` pages at once; up to
 * `maxWaiting` more wait their turn and the rest are refused (PoolBusyError, a 429). The browser starts
 * on the first PDF and is closed after `idleMs` without one, so an idle server holds no Chromium.
 */
export class PdfPool {
  private browser: Promise<Browser> | undefined;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Browsers launched so far (for tests: one shared browser, not one per PDF). */
  launches = 0;

  constructor(private readonly opts: { pages?: number; maxWaiting?: number; idleMs?: number } = {}) {}

  private get pages(): number {
    return this.opts.pages ?? 2;
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const exe = chromiumPath();
      if (!exe)
        return Promise.reject(
          new Error('PDF export needs Chromium (apt-get install chromium, or set DARKFIGURE_CHROMIUM)'),
        );
      this.launches++;
      this.browser = import('playwright-core').then(async ({ chromium }) => {
        const b = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, headless: true });
        // A crashed browser is started again on the next PDF.
        b.on('disconnected', () => (this.browser = undefined));
        return b;
      });
      this.browser.catch(() => (this.browser = undefined));
    }
    return this.browser;
  }

  private async acquire(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.active < this.pages) {
      this.active++;
      return;
    }
    if (this.waiting.length >= (this.opts.maxWaiting ?? 8)) throw new PoolBusyError(10);
    await new Promise<void>((r) => this.waiting.push(r));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) return next(); // the slot passes on
    this.active--;
    if (this.active === 0) {
      this.idleTimer = setTimeout(() => void this.close(), this.opts.idleMs ?? 60_000);
      this.idleTimer.unref();
    }
  }

  /** Prints a self-contained HTML document; requests off the page are blocked. */
  async print(html: string): Promise<Buffer> {
    await this.acquire();
    try {
      const browser = await this.launch();
      return await printOn(browser, html);
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const b = this.browser;
    this.browser = undefined;
    if (b) await (await b.catch(() => undefined))?.close();
  }
}
