import { test as base, expect } from '@playwright/test';

/** Every test fails if a page it visits reports a Content-Security-Policy violation or
 * an uncaught script error (in the test's own browser context). */
export const test = base.extend<{ strictPages: void }>({
  strictPages: [
    async ({ context }, use) => {
      const problems: string[] = [];
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`),
        );
      });
      context.on('console', (message) => {
        const text = message.text();
        if (message.type() === 'error' && /Content Security Policy|CSP violation|Refused to/.test(text)) {
          problems.push(`${message.page()?.url()}: ${text}`);
        }
      });
      context.on('weberror', (error) => problems.push(`uncaught: ${error.error().message}`));
      await use();
      expect(problems, 'no Content-Security-Policy violation and no script error').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
