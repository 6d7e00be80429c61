import { test, expect, signIn, hydrated, PASSWORD } from './fixtures';

test('sign in and out in English, moving through the shell', async ({ page, problems }) => {
  await signIn(page, 'chw@demo.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Chris Health Worker');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeVisible();
  await expect(page.getByText('Online', { exact: true })).toBeVisible();

  await nav.getByRole('link', { name: 'Patients' }).click();
  await expect(page.getByRole('heading', { name: 'My patients' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Rosa Delgado/ })).toBeVisible();
  // Team B's patients are not on this caseload.
  await expect(page.getByText('Omar Haddad')).toHaveCount(0);
  await page.getByRole('link', { name: /Rosa Delgado/ }).click();
  await expect(page.getByRole('heading', { name: 'Rosa Delgado' })).toBeVisible();

  await nav.getByRole('link', { name: 'Account' }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
  await expect(page.getByRole('heading', { name: 'Sign in to Carelink' })).toBeVisible();

  // Signed out for real: protected pages send you back to sign in.
  await page.goto('/patients');
  await page.waitForURL('**/login');
  expect(problems).toEqual([]);
});

test('sign in and out in Spanish, and the choice is remembered', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en Carelink' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en Carelink' })).toBeVisible();

  await signIn(page, 'casemanager@demo.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hola, Carmen Case Manager');
  const nav = page.getByRole('navigation', { name: 'Principal' });
  await nav.getByRole('link', { name: 'Pacientes' }).click();
  await expect(page.getByRole('heading', { name: 'Mis pacientes' })).toBeVisible();
  await nav.getByRole('link', { name: 'Cuenta' }).click();
  await expect(page.getByRole('heading', { name: 'Su cuenta' })).toBeVisible();
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await page.waitForURL('**/login');
  await expect(page.getByRole('heading', { name: 'Iniciar sesión en Carelink' })).toBeVisible();
  // Back to English for the other tests' sake (the cookie is per context anyway).
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Carelink' })).toBeVisible();
});

test.describe('wrong password', () => {
  test.use({ allow: [/status of 401/] });
  test('shows a clear error and keeps the email typed', async ({ page }) => {
    await page.goto('/login');
    await hydrated(page);
    await page.getByLabel('Email').fill('navigator@demo.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('That email and password do not match an active account.');
    await expect(page.getByLabel('Email')).toHaveValue('navigator@demo.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello, Nia Navigator');
  });
});

test('phone layout: no horizontal scroll at 360 px and 44 px targets', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'admin@demo.test');
  for (const path of ['/', '/patients', '/admin/users', '/admin/teams', '/account', '/login']) {
    await page.goto(path);
    await hydrated(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
  }
  await page.goto('/');
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  for (const box of await links.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()))) {
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
  }
});

test.describe('unknown pages', () => {
  test.use({ allow: [/status of 404/] });
  test('show a not-found page with a way home', async ({ page }) => {
    const res = await page.goto('/no/such/page');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to home' })).toBeVisible();
  });
});

test('an admin creates a team and a user, who can then sign in', async ({ page, browser }) => {
  await signIn(page, 'admin@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('link', { name: 'Teams' }).click();
  await page.getByLabel('Team name').fill('Team C — Northside');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Team C — Northside')).toBeVisible();
  // A team with members cannot be disabled: the reason is shown on its row.
  const teamB = page.getByRole('listitem').filter({ hasText: 'Team B — Riverside' });
  await teamB.getByRole('button', { name: 'Disable' }).click();
  await expect(teamB.getByText("Move or disable this team's active members first.")).toBeVisible();

  await page.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'New user' }).click();
  await page.getByLabel('Email').fill('new.worker@demo.test');
  await page.getByLabel('Name').fill('Noor Worker');
  await page.getByLabel('Role').selectOption('case_manager');
  await page.getByLabel('Team').selectOption({ label: 'Team C — Northside' });
  await page.getByLabel('Initial password').fill('short');
  await page.getByRole('button', { name: 'Save' }).click();
  // Field-level error; everything typed is still there.
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue('new.worker@demo.test');
  await page.getByLabel('Initial password').fill('a-long-enough-password');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('new.worker@demo.test')).toBeVisible();

  const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const p2 = await other.newPage();
  await signIn(p2, 'new.worker@demo.test', 'a-long-enough-password');
  await expect(p2.getByRole('heading', { level: 1 })).toHaveText('Hello, Noor Worker');
  await other.close();
});
