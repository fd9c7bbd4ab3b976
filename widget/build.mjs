// Builds widget/gcm-resources.min.js from widget/gcm-resources.js with terser.
// `npm run build:widget` writes the file; tests/widget/build.test.mjs checks the committed copy
// equals what build() returns now, so the source stays the single source of truth.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

export const source = fileURLToPath(new URL('./gcm-resources.js', import.meta.url));
export const output = fileURLToPath(new URL('./gcm-resources.min.js', import.meta.url));

// ecma 2021 (the widget uses ??, ?. and ||=); /*! banner kept; toplevel is safe: it is one IIFE.
export const options = {
  ecma: 2021,
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const code = await build();
  await writeFile(output, code);
  console.log(`wrote ${output} (${Buffer.byteLength(code)} bytes)`);
}
