/**
 * Draws a vega-lite chart as a PNG: vega-lite compiles it to vega, vega lays it out as SVG (no
 * browser, no canvas), resvg rasterises the SVG off the event loop. Text needs a font file: without
 * one resvg draws no text at all, so a missing font is logged (install fonts-dejavu-core).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { TopLevelSpec } from "vega-lite";
import type { Logger } from "../../platform/logger.js";
import { chartFont } from "./report-charts.js";

/** Where Debian/Ubuntu (fonts-dejavu-core), Fedora and Arch put DejaVu Sans. */
const fontFolders = [
  "/usr/share/fonts/truetype/dejavu",
  "/usr/share/fonts/dejavu-sans-fonts",
  "/usr/share/fonts/dejavu",
  "/usr/share/fonts/TTF",
];
const fontNames = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

/** The DejaVu Sans files on this machine (regular and bold), or none. */
export function chartFontFiles(folders: readonly string[] = fontFolders): string[] {
  for (const folder of folders) {
    const files = fontNames.map((name) => path.join(folder, name)).filter((file) => existsSync(file));
    if (files.length > 0) return files;
  }
  return [];
}

/** PNG files start with these 8 bytes. */
export const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The font files to draw with; logs when there are none, since the charts then carry no text. */
export function chartFontsOrWarn(logger: Logger, folders: readonly string[] = fontFolders): string[] {
  const files = chartFontFiles(folders);
  if (files.length === 0) {
    logger.warn(
      { searched: folders },
      "no DejaVu Sans font found: report charts will have no text (install fonts-dejavu-core)",
    );
  }
  return files;
}

/** The chart as a PNG at twice its size, so it stays sharp on high-density screens. */
export async function renderChartPng(spec: TopLevelSpec, fontFiles: readonly string[]): Promise<Buffer> {
  // Loaded on the first report, not at start-up: vega takes seconds to import, and most runs of
  // the app (and every test file that starts it) never draw a chart.
  const [vega, { compile }, { renderAsync }] = await Promise.all([
    import("vega"),
    import("vega-lite"),
    import("@resvg/resvg-js"),
  ]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    const svg = await view.toSVG(2);
    const image = await renderAsync(svg, {
      background: "white",
      font: { loadSystemFonts: false, fontFiles: [...fontFiles], defaultFontFamily: chartFont },
    });
    return image.asPng();
  } finally {
    view.finalize();
  }
}
