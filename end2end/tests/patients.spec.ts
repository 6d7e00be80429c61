import { test, expect, signIn, hydrated } from './fixtures';

// Refused input answers 400 by design.
test.use({ allow: [/status of 400/] });

test('a CHW registers a patient, and a second record for the same person is flagged', async ({ page }) => {
  await signIn(page, 'chw@demo.test');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Patients' }).click();
  await page.getByRole('link', { name: 'New patient' }).click();
  await hydrated(page);
  await page.getByLabel('Given name').fill('Ana');
  await page.getByLabel('Family name').fill('Soto');
  await page.getByLabel('Date of birth').fill('1980-02-29');
  await page.getByLabel('Phone', { exact: true }).fill('503 555 0199');
  await page.getByLabel('No fixed address').check();
  await page.getByLabel('Where to find them').fill('Mission shelter, evenings');
  await page.getByLabel('Case manager').selectOption({ label: 'Carmen Case Manager' });
  await page.getByRole('button', { name: 'Create patient' }).click();
  await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Ana Soto' })).toBeVisible();

  await page.goto('/patients/new');
  await hydrated(page);
  await page.getByLabel('Given name').fill('ana');
  await page.getByLabel('Family name').fill('SOTO');
  await page.getByLabel('Date of birth').fill('1980-02-29');
  await page.getByRole('button', { name: 'Create patient' }).click();
  const warning = page.getByRole('alert').filter({ hasText: 'This may be someone already registered' });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('link', { name: /Ana Soto/ })).toBeVisible();
  await expect(warning.getByText('Same name and date of birth')).toBeVisible();
  await warning.getByRole('button', { name: 'Create anyway' }).click();
  await page.waitForURL(/\/patients\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'ana SOTO' })).toBeVisible();
});

test('bad input gets field errors in Spanish and keeps what was typed', async ({ page }) => {
  await page.goto('/login');
  await hydrated(page);
  await page.getByRole('button', { name: 'Español' }).click();
  await signIn(page, 'casemanager@demo.test');
  await page.goto('/patients/new');
  await hydrated(page);
  await expect(page.getByRole('heading', { name: 'Nuevo paciente' })).toBeVisible();
  await page.getByLabel('Apellidos').fill('Xu');
  await page.getByLabel('Fecha de nacimiento').fill('2999-01-01');
  await page.getByLabel('Teléfono', { exact: true }).fill('12345');
  await page.getByRole('button', { name: 'Registrar paciente' }).click();
  await expect(page.getByText('Este campo es obligatorio.')).toBeVisible();
  await expect(page.getByText('Esta fecha está en el futuro.')).toBeVisible();
  await expect(page.getByText(/Escriba un teléfono como/)).toBeVisible();
  await expect(page.getByLabel('Apellidos')).toHaveValue('Xu');
  await expect(page.getByLabel('Teléfono', { exact: true })).toHaveValue('12345');
});
