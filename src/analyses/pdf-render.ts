// Printing reports to PDF in headless Chromium: shared by the CLI (one browser per report) and the
// server (one shared browser, server/pdf-pool.ts), so it lives below both.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { PDF_PAGE } from '../report/index.ts';

/** Where Debian installs Chromium; DARKFIGURE_CHROMIUM overrides it. */
export function chromiumPath(): string | undefined {
  const p = process.env.DARKFIGURE_CHROMIUM ?? '/usr/bin/chromium';
  return existsSync(p) ? p : undefined;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless system Chromium through playwright-core (nothing is downloaded). */
export async function launchChromium(): Promise<Browser> {
  const exe = chromiumPath();
  if (!exe) throw new Error('PDF export needs Chromium (apt-get install chromium, or set DARKFIGURE_CHROMIUM)');
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS, headless: true });
}

/** Print a self-contained HTML document on a browser's new page; requests off the page are blocked. */
export async function printOn(browser: Browser, html: string): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf(PDF_PAGE);
  } finally {
    await page.context().close();
  }
}

/** Print one HTML document to PDF on a browser of its own (the CLI; the server shares one, server/pdf-pool.ts). */
export async function htmlToPdf(html: string): Promise<Buffer> {
  const browser = await launchChromium();
  try {
    return await printOn(browser, html);
  } finally {
    await browser.close();
  }
}
