import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// The screenshots in docs/screenshots/, taken by scripts/screenshots with the same server
// set-up as the end-to-end tests (its own folder, so the normal suite never runs it).
export default defineConfig({
  ...base,
  testDir: './screenshots',
  fullyParallel: false,
  workers: 1,
});
