// How a report is laid out on paper; printing it (a browser) is the server's and the CLI's business
// (src/analyses/pdf-render.ts).

/** Page settings for printing a report to PDF (Chromium's page.pdf options). */
export const PDF_PAGE = {
  format: 'A4',
  printBackground: true,
  margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
} as const;
