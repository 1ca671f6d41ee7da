import { defineConfig } from 'vite';

// The analyst UI: built to dist/web and served by `vigil serve`. JSX is compiled by Vite's own
// transform (automatic runtime); no inline script is emitted, so the CSP can forbid it.
export default defineConfig({
  root: 'src/web',
  base: '/',
  build: { outDir: '../../dist/web', emptyOutDir: true, modulePreload: { polyfill: false } },
  esbuild: { jsx: 'automatic' },
});
