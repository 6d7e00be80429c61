import { test as base, expect, Page } from '@playwright/test';

export const PASSWORD = 'e2e-password-2026';

/// Every page is watched: a console error, an uncaught exception or a CSP
/// violation fails the test. `allow` lists expected messages (for example
/// failed requests while the test has switched the network off).
export const test = base.extend<{ problems: string[]; allow: RegExp[] }>({
  allow: [[], { option: true }],
  problems: async ({ page, allow }, use) => {
    const problems: string[] = [];
    const ok = (text: string) => allow.some((re) => re.test(text));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !ok(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await use(problems);
    expect(problems, 'console errors, page errors or CSP violations').toEqual([]);
  },
});

export { expect };

/// Waits until the WASM app has hydrated (the header's network indicator
/// is wired up only then).
export async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as any).__carelinkHydrated === true);
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel(/Email|Correo/).fill(email);
  await page.getByLabel(/Password|Contraseña/).fill(password);
  await page.getByRole('button', { name: /Sign in|Iniciar sesión/ }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await hydrated(page);
}
