// Builds the web page into dist/ui, with relative addresses so it works under /_emulator/ui/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)),
    emptyOutDir: true,
    // Cytoscape alone is about 400 KB; one bundle for a page served locally is fine.
    chunkSizeWarningLimit: 1000,
  },
});
