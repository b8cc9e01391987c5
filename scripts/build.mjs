#!/usr/bin/env node
// Compiles every app and library into dist/ (tsc, then tsc-alias to turn `@lanegate/*` imports into relative
// ones). With --if-stale it does nothing when dist/ is newer than every source file, so `npm start` stays fast.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const STAMP = join('dist', '.build-stamp');
const SOURCES = ['apps', 'libs', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];
const args = new Set(process.argv.slice(2));

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }

  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

if (args.has('--if-stale') && existsSync(STAMP)) {
  const sources = Math.max(...SOURCES.filter((path) => existsSync(path)).map(newestMtime));
  if (statSync(STAMP).mtimeMs >= sources) {
    process.exit(0);
  }
}

const quiet = args.has('--quiet');
if (!quiet) {
  console.log('Building Lanegate (tsc)...');
}
const started = Date.now();
const bin = (name) => join('node_modules', '.bin', name);
execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(bin('tsc-alias'), ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// The dashboard's page, script and styles are served from beside the compiled experience layer.
cpSync(join('apps', 'experience-api', 'assets'), join('dist', 'apps', 'experience-api', 'assets'), { recursive: true });
writeFileSync(STAMP, new Date().toISOString());
if (!quiet) {
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
