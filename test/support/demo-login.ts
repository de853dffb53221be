import type { Test } from 'supertest';
import type TestAgent from 'supertest/lib/agent';

/**
 * Headers for a demo account (password `demo`), logging in once per account and reusing its token:
 * `const as = demoLogin(http)`, then `.set(await as('gatekeeper.ceis.lucca'))`.
 */
export function demoLogin(http: () => TestAgent<Test>): (username: string) => Promise<Record<string, string>> {
  const tokens = new Map<string, string>();
  return async (username) => {
    if (!tokens.has(username)) {
      const response = await http().post('/api/v1/auth/login').send({ username, password: 'demo' }).expect(200);
      tokens.set(username, response.body.accessToken as string);
    }
    return { Authorization: `Bearer ${tokens.get(username)}` };
  };
}
