import { existsSync } from 'node:fs';

/** Where Debian installs Chromium; DARKFIGURE_CHROMIUM overrides it. */
export function chromiumPath(): string | undefined {
  const p = process.env.DARKFIGURE_CHROMIUM ?? '/usr/bin/chromium';
  return existsSync(p) ? p : undefined;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Print an HTML document to PDF through headless Chromium (playwright-core drives the system browser;
 * nothing is downloaded). The document must be self-contained: requests off the page are blocked.
 */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const exe = chromiumPath();
  if (!exe) throw new Error('PDF export needs Chromium (apt-get install chromium, or set DARKFIGURE_CHROMIUM)');
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
  } finally {
    await browser.close();
  }
}
