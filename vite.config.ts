import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./web', import.meta.url));

// The UI is served by the API server from dist/web; in development Vite proxies /api to it.
export default defineConfig({
  root,
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
  server: {
    proxy: { '/api': process.env.BAOCAO_API_URL ?? 'http://127.0.0.1:3000' },
  },
});
