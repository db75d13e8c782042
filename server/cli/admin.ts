/**
 * `npm run admin -- create-admin --email a@b.fi --name "Name"`: creates the first admin account.
 * The password is read from standard input (or ADMIN_PASSWORD, for automation); the TOTP secret
 * is printed once as an otpauth:// URI for an authenticator app. Like every database command it
 * needs the embedded database to itself: stop the portal first.
 */
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { migrate } from '../db/migrate.ts';
import { createStaffUser, newTotpSecret, totpFor } from '../services/auth.ts';
import { audit } from '../services/audit.ts';
import { withDatabase } from './run.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, name: { type: 'string' }, languages: { type: 'string', default: 'fi,sv,en' } },
});

if (positionals[0] !== 'create-admin' || !values.email || !values.name) {
  process.stderr.write(
    'Usage: npm run admin -- create-admin --email ADDRESS --name "FULL NAME" [--languages fi,sv,en]\n',
  );
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question('Password (at least 12 characters): ');
  rl.close();
  return answer;
}

await withDatabase(async (db, config, now) => {
  await migrate(db, now());
  const password = await readPassword();
  const secret = newTotpSecret();
  try {
    const user = await createStaffUser(
      db,
      {
        email: values.email!,
        displayName: values.name!,
        role: 'admin',
        languages: values.languages!.split(','),
        password,
        totpSecret: secret,
      },
      now(),
    );
    await audit(db, now(), null, 'create', 'staff_user', user.id, { via: 'cli' });
    console.log(`Admin ${user.email} created${config.production ? '' : ' (not production)'}.`);
    console.log('Add this to an authenticator app now; it is not shown again:');
    console.log(totpFor(secret, user.email).toString());
  } catch (err) {
    const details = (err as { details?: { problem?: string } }).details;
    process.stderr.write(
      details?.problem
        ? `The password is not accepted: ${details.problem.replace('_', ' ')}.\n`
        : `${(err as Error).message}\n`,
    );
    process.exitCode = 1;
  }
});
