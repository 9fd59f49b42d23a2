// Compiles apps/, libs/, tools/ and bench/ to dist/ with SWC (decorator metadata included), one file
// per source file, and rewrites `@llmgw/<lib>` imports to relative paths so that plain `node`
// runs the output without a resolver hook. Tests never need this: Jest maps aliases itself.
import { transformFile } from '@swc/core';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// BUILD_OUT_DIR lets a second build (a benchmark, a helper) live beside dist/ without removing it.
const outDir = process.env.BUILD_OUT_DIR ? path.resolve(process.env.BUILD_OUT_DIR) : path.join(root, 'dist');
const swcrc = JSON.parse(readFileSync(path.join(root, '.swcrc'), 'utf8'));
const aliases = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths;
const isSource = (file) =>
  file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.(spec|int-spec|e2e-spec|contract|testing)\.ts$/.test(file);
// Test support never ships: the testing lib, libs' own `testing/` folders, fixtures, e2e projects.
const isTestSupport = (dir, name) =>
  ['node_modules', '__fixtures__', 'testing'].includes(name) || name.endsWith('-e2e') || dir.endsWith('libs') && name === 'testing';

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!isTestSupport(dir, entry.name)) yield* walk(full);
    } else if (isSource(full)) yield full;
  }
}

function rewriteAliases(code, outFile) {
  return code.replace(/require\("(@llmgw\/[a-z-]+)"\)/g, (match, alias) => {
    const target = aliases[alias]?.[0];
    if (!target) throw new Error(`${outFile}: unknown alias ${alias}`);
    const targetJs = path.join(outDir, target.replace(/\.ts$/, '.js'));
    let rel = path.relative(path.dirname(outFile), targetJs);
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `require(${JSON.stringify(rel)})`;
  });
}

const started = Date.now();
await rm(outDir, { recursive: true, force: true });
let count = 0;
for (const top of ['apps', 'libs', 'tools', 'bench']) {
  for await (const file of walk(path.join(root, top))) {
    const rel = path.relative(root, file);
    const outFile = path.join(outDir, rel.replace(/\.ts$/, '.js'));
    const { code, map } = await transformFile(file, { ...swcrc, swcrc: false, filename: file, sourceFileName: path.relative(path.dirname(outFile), file) });
    await mkdir(path.dirname(outFile), { recursive: true });
    await writeFile(outFile, rewriteAliases(code, outFile) + `\n//# sourceMappingURL=${path.basename(outFile)}.map\n`);
    if (map) await writeFile(`${outFile}.map`, map);
    count += 1;
  }
}
console.log(`built ${count} files into ${path.relative(root, outDir) || outDir} in ${Date.now() - started} ms`);
