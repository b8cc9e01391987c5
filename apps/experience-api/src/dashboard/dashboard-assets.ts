import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DashboardAsset {
  contentType: string;
  body: Buffer;
}

/** The dashboard's own files, beside the app's source (and copied beside its build by `npm run build`). */
const ASSETS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets');

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

/** Where each asset the page may load comes from: the page's own files, and Chart.js's browser build. */
function assetPaths(): Record<string, string> {
  const chartJs = dirname(createRequire(import.meta.url).resolve('chart.js'));

  return {
    'ops.html': join(ASSETS_DIR, 'ops.html'),
    'ops.js': join(ASSETS_DIR, 'ops.js'),
    'ops.css': join(ASSETS_DIR, 'ops.css'),
    'chart.umd.min.js': join(chartJs, 'chart.umd.min.js'),
  };
}

/** Reads every asset once, at start: the page is served from memory and never from a caller-chosen path. */
export function loadDashboardAssets(): Map<string, DashboardAsset> {
  return new Map(
    Object.entries(assetPaths()).map(([name, path]) => [
      name,
      {
        contentType: CONTENT_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
        body: readFileSync(path),
      },
    ]),
  );
}
