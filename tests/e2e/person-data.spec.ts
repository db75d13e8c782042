/**
 * Issue 17 item 7 in the browser: an admin looks up a phone a family shares, sees the candidate
 * records (kind, day, initials; no names or contacts), ticks one person's and erases only those,
 * by keyboard on a 320 px screen; the other person's record remains. axe checks the page.
 * A server of its own: the admin account is created with `npm run admin` against its data.
 */
import { execFileSync } from 'node:child_process';
import { Secret, TOTP } from 'otpauth';
import { expect, test } from './fixtures.ts';
import { axeViolations } from './axe.ts';
import { E2E_CLOCK_START } from './env.ts';
import { referralFor } from '../support/referral.ts';

const ADMIN = 'e2e.admin@example.invalid';
const ADMIN_PASSWORD = 'Kolme vihreää kissaa juoksee pihalla 2027';
const PHONE = '040 777 8899';

test('a shared phone lists its records; the admin erases one person’s only, by keyboard at 320 px', async ({
  page,
  ownServer,
}) => {
  const server = await ownServer({ clockStart: E2E_CLOCK_START });
  await server.stop();
  const created = execFileSync(
    process.execPath,
    ['server/cli/admin.ts', 'create-admin', '--email', ADMIN, '--name', 'E2E Admin', '--languages', 'en'],
    {
      env: {
        ...process.env,
        DATA_DIR: server.dataDir,
        ADMIN_PASSWORD,
        NODE_ENV: 'development',
        DEMO_CONTENT: 'no',
        CLOCK_START: server.now().toISOString(),
      },
      encoding: 'utf8',
    },
  );
  const secret = /secret=([A-Z2-7]+)/.exec(created)![1]!;
  await server.start();
  await page.clock.setSystemTime(server.now());

  const refs: Record<string, string> = {};
  for (const name of ['Leila Perhe', 'Omar Perhe']) {
    const res = await page.request.post(`${server.base}/api/requests/referral`, {
      data: referralFor(name, { phone: PHONE }),
    });
    expect(res.status()).toBe(201);
    refs[name] = (await res.json()).reference;
  }

  await page.setViewportSize({ width: 320, height: 900 });
  await page.goto(`${server.base}/workspace/en/`);
  await page.locator('#login-email').fill(ADMIN);
  await page.locator('#login-password').fill(ADMIN_PASSWORD);
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  await page.locator('#login-totp').fill(totp.generate({ timestamp: server.now().getTime() }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/workspace\/en\/bookings\/$/);
  await page.goto(`${server.base}/workspace/en/admin/`);

  const contact = page.getByLabel('Email or phone number');
  await contact.fill(PHONE);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Find records' })).toBeFocused();
  await page.keyboard.press('Enter');
  const list = page.getByRole('group', { name: /Records with this contact/ });
  await expect(list.getByRole('checkbox')).toHaveCount(2);
  await expect(list).not.toContainText('Leila');
  await expect(list).not.toContainText('8899');
  expect(await axeViolations(page), 'candidates').toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  // Keyboard only: tick Leila's ("L. P."), confirm, erase the picked.
  await list.getByRole('checkbox', { name: /L\. P\./ }).focus();
  await page.keyboard.press('Space');
  await expect(list.getByRole('checkbox', { name: /L\. P\./ })).toBeChecked();
  await page.getByRole('checkbox', { name: /deleted for good/ }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Erase the picked' }).focus();
  await page.keyboard.press('Enter');
  const status = page.locator('ihl-staff-person [role=status]');
  await expect(status).toContainText('Erased: 0 bookings, 0 enrolments, 1 referrals or requests');
  await expect(list.getByRole('checkbox')).toHaveCount(1);
  await expect(list.getByRole('checkbox', { name: /O\. P\./ })).not.toBeChecked();
  await expect(list).toContainText(refs['Omar Perhe']!);
  await expect(list).not.toContainText(refs['Leila Perhe']!);
});
