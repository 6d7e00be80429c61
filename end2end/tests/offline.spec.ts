import { test, expect, signIn, hydrated } from './fixtures';

// With the network off, failed requests are expected console noise.
test.use({ allow: [/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR_/] });

test('the app shell loads with the network off after one visit', async ({ page, context }) => {
  await signIn(page, 'chw@demo.test');
  // The service worker has installed and precached the shell.
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
    return reg.active?.state;
  });
  await context.setOffline(true);
  await page.goto('/patients');
  await expect(page.getByRole('link', { name: 'Carelink' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByText('Offline', { exact: true })).toBeVisible();
  await expect(page.getByText('You are offline.')).toBeVisible();
  await context.setOffline(false);
});
