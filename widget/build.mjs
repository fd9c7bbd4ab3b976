// Builds widget/gcm-resources.min.js from widget/gcm-resources.js with terser.
// `npm run build:widget` writes the file and prints its size and its longest function;
// tests/widget/build.test.mjs checks the committed copy equals what build() returns now (so the
// source stays the single source of truth), the size budget and the 40-line limit.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { parse } from 'acorn';

export const source = fileURLToPath(new URL('./gcm-resources.js', import.meta.url));
export const output = fileURLToPath(new URL('./gcm-resources.min.js', import.meta.url));
/** The widget's budget: min+gzip (level 9), in bytes. */
export const BUDGET = 5120;

// ecma 2022 (class fields and private methods, ??, ?. and ||=); /*! banner kept; toplevel is safe:
// it is one IIFE. Private names (#items) are shortened by terser's mangler; public ones are API.
export const options = {
  ecma: 2022,
  module: false,
  toplevel: true,
  compress: { passes: 2, unsafe_arrows: true },
  mangle: true,
  format: { comments: /^!/, ascii_only: false },
};

export async function build() {
  const { code } = await minify(await readFile(source, 'utf8'), options);
  return code + '\n';
}

/** Every function and method of a script (but the IIFE that wraps it all): its first line and its
 *  length in lines, longest first. */
export function functionLengths(code) {
  const program = parse(code, { ecmaVersion: 2022, locations: true }), found = [];
  const iife = program.body.find(s => s.type === 'ExpressionStatement')?.expression.callee;
  const visit = node => {
    if (/Function/.test(node.type) && node !== iife) found.push({ line: node.loc.start.line, lines: node.loc.end.line - node.loc.start.line + 1 });
    for (const child of Object.values(node).flat()) if (typeof child?.type === 'string') visit(child);
  };
  visit(program);
  return found.sort((a, b) => b.lines - a.lines);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const code = await build();
  await writeFile(output, code);
  const gz = gzipSync(code, { level: 9 }).length, [longest] = functionLengths(await readFile(source, 'utf8'));
  console.log(`wrote ${output}: ${Buffer.byteLength(code)} bytes, ${gz} min+gzip (budget ${BUDGET}); longest function ${longest.lines} lines (line ${longest.line})`);
}
