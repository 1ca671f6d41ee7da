import { randomBytes } from 'node:crypto';
import { hashPassword } from '../shared/credentials.js';
import type { Store } from '../store/store.js';

/**
 * The first start creates an `admin` user. Its password comes from VIGIL_ADMIN_PASSWORD, or is
 * generated and returned so the caller can show it once; it is never stored in clear or logged.
 */
export async function ensureAdmin(
  store: Store,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ created: boolean; generatedPassword: string | null }> {
  if ((await store.users.count()) > 0) return { created: false, generatedPassword: null };
  const given = env.VIGIL_ADMIN_PASSWORD;
  const password = given && given.length > 0 ? given : randomBytes(12).toString('base64url');
  await store.users.create('admin', 'admin', await hashPassword(password), {
    actor: 'system',
    details: { password: given ? 'from VIGIL_ADMIN_PASSWORD' : 'generated' },
  });
  return { created: true, generatedPassword: given ? null : password };
}
