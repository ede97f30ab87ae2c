import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

export interface RenderSize {
  width?: number;
  height?: number;
}

// Server renders have no canvas to measure text: a font that is installed (DejaVu Sans on Debian)
// keeps ECharts' width estimates and resvg's drawing in agreement.
const FONT = 'DejaVu Sans';

/** Rough advance widths of DejaVu Sans in em, so legends and labels are laid out for the font resvg draws. */
function charWidth(c: string): number {
  if (c === ' ') return 0.318;
  if (/[0-9]/.test(c)) return 0.636;
  if (/[ilj.,:;'|!]/.test(c)) return 0.28;
  if (/[-ft()[\]{}]/.test(c)) return 0.39;
  if (/[mw]/.test(c)) return 0.92;
  if (/[a-z]/.test(c)) return 0.6;
  if (/[MW]/.test(c)) return 0.95;
  if (/[A-Z]/.test(c)) return 0.72;
  return 0.7;
}

let measuring = false;
function useDejaVuMetrics(): void {
  if (measuring) return;
  measuring = true;
  echarts.setPlatformAPI({
    measureText(text: string, font?: string) {
      const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
      const bold = /bold|[6-9]00/.test(font ?? '') ? 1.08 : 1;
      let em = 0;
      for (const c of text) em += charWidth(c);
      return { width: em * size * bold };
    },
  });
}

/** Render an ECharts option to an SVG document on the server (no DOM), from the same option the page draws. */
export function renderSvg(option: Record<string, unknown>, { width = 960, height = 480 }: RenderSize = {}): string {
  useDejaVuMetrics();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const base = option.textStyle as Record<string, unknown> | undefined;
    chart.setOption({
      backgroundColor: '#ffffff',
      ...option,
      animation: false,
      textStyle: { fontFamily: FONT, ...base },
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** SVG to PNG with resvg, on a white background, at `scale` times the SVG's size. */
export function svgToPng(svg: string, scale = 1): Buffer {
  const r = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: FONT },
    background: 'white',
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
  });
  return r.render().asPng();
}

export function renderPng(option: Record<string, unknown>, size: RenderSize = {}, scale = 1): Buffer {
  return svgToPng(renderSvg(option, size), scale);
}
