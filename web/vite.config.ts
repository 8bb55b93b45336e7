/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath, URL } from 'node:url';

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' } },
  build: {
    // exceljs (~940 kB, loaded only on export) is the largest chunk.
    chunkSizeWarningLimit: 1000,
    rollupOptions: {
      output: {
        // Vendor code changes less often than ours: separate chunks cache better.
        manualChunks(id) {
          if (id.includes('node_modules/element-plus') || id.includes('@element-plus')) return 'element-plus';
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          // Loaded only when someone exports a spreadsheet (dynamic import in src/lib/xlsx.ts).
          if (id.includes('node_modules/exceljs')) return 'exceljs';
          if (id.includes('node_modules/')) return 'vendor';
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    server: { deps: { inline: ['element-plus'] } },
  },
});
