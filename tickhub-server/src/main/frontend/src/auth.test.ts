import { describe, expect, it, vi } from 'vitest';
import { type Access, asksForKey, describeAccess, KEY_ITEM, type SessionStore, Session, withToken } from './auth';
import { promptHeading } from './views/key-view';

class MemoryStore implements SessionStore {
  values = new Map<string, string>();
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
  removeItem(key: string) {
    this.values.delete(key);
  }
}

const GOOD = 'thk_aaaaaaaaaaaa_' + 'g'.repeat(43);
const READER = 'thk_bbbbbbbbbbbb_' + 'r'.repeat(43);

function access(subject: string, scopes: Access['scopes'], extra: Partial<Access> = {}): Access {
  return { subject, kind: 'key', scopes, mode: 'required', limits: {}, ...extra };
}

/**
 * The hub's `GET /api/v1/auth` in `required` mode: GOOD has every scope, READER read+stream, any
 * other key is unknown, and no key is not authenticated. `revoked` makes GOOD fail from then on.
 */
function hub(options: { protectedMode?: boolean; down?: boolean } = {}) {
  const state = { revoked: false, down: options.down ?? false };
  const fetcher = vi.fn(async (_path: string, init: RequestInit) => {
    if (state.down) throw new TypeError('Failed to fetch');
    const authorization = (init.headers as Record<string, string>).Authorization;
    const token = authorization?.replace(/^Bearer /, '');
    const answer = (status: number, body: unknown) => ({ ok: status < 300, status, json: async () => body });
    if (token === undefined) {
      return options.protectedMode
        ? answer(403, { code: 'protected_mode', detail: 'Tickhub is running in protected mode: set TICKHUB_ADMIN_KEY' })
        : answer(401, { code: 'not_authenticated', detail: 'Authentication required' });
    }
    if (token === GOOD && state.revoked) return answer(401, { code: 'key_revoked', detail: 'This API key was revoked' });
    if (token === GOOD) return answer(200, access('key:aaaaaaaaaaaa', ['read', 'stream', 'jobs', 'admin']));
    if (token === READER) return answer(200, access('key:bbbbbbbbbbbb', ['read', 'stream']));
    return answer(401, { code: 'auth_failed', detail: 'Unknown API key' });
  });
  return { fetcher, state };
}

describe('Session', () => {
  it('asks for a key when the hub answers 401, with the hub\'s message', async () => {
    const storage = new MemoryStore();
    const session = new Session(storage, hub().fetcher);
    expect(session.current()).toEqual({ status: 'checking' });

    expect(await session.check()).toEqual({ status: 'needed', code: 'not_authenticated', message: 'Authentication required' });
    expect(session.token()).toBeNull();
  });

  it('shows the protected-mode text on 403 protected_mode', async () => {
    const session = new Session(new MemoryStore(), hub({ protectedMode: true }).fetcher);
    const state = await session.check();
    expect(state).toMatchObject({ status: 'needed', code: 'protected_mode' });
    expect(state.status === 'needed' && state.message).toContain('TICKHUB_ADMIN_KEY');
    expect(promptHeading('protected_mode')).toBe('This hub answers only its own machine');
  });

  it('keeps nothing of a wrong key and says why', async () => {
    const storage = new MemoryStore();
    const session = new Session(storage, hub().fetcher);
    await session.check();

    expect(await session.signIn('thk_wrong')).toEqual({ status: 'needed', code: 'auth_failed', message: 'Unknown API key' });
    expect(storage.values.size).toBe(0);
    expect(promptHeading('auth_failed')).toBe('The hub refused this key');
  });

  it('does not ask the hub about an empty key', async () => {
    const { fetcher } = hub();
    const session = new Session(new MemoryStore(), fetcher);
    expect(await session.signIn('   ')).toMatchObject({ status: 'needed', message: 'Type an API key or a JWT.' });
    expect(fetcher).not.toHaveBeenCalled();
  });

  it('keeps an accepted key in the session store, sends it as a Bearer token, and a reload finds it', async () => {
    const storage = new MemoryStore();
    const { fetcher } = hub();
    const session = new Session(storage, fetcher);
    await session.check();

    const state = await session.signIn(`  ${GOOD}\n`);
    expect(state).toMatchObject({ status: 'granted', key: true, access: { subject: 'key:aaaaaaaaaaaa' } });
    expect(storage.getItem(KEY_ITEM)).toBe(GOOD);
    expect(fetcher.mock.calls.at(-1)![1].headers).toMatchObject({ Authorization: `Bearer ${GOOD}` });

    const reloaded = new Session(storage, fetcher); // a reload of the tab: the same sessionStorage
    expect(await reloaded.check()).toMatchObject({ status: 'granted', key: true });
    expect(reloaded.can('jobs')).toBe(true);
  });

  it('knows what the key may do', async () => {
    const session = new Session(new MemoryStore(), hub().fetcher);
    await session.signIn(READER);
    expect(['read', 'stream', 'jobs', 'admin'].filter((s) => session.can(s as never))).toEqual(['read', 'stream']);
  });

  it('on a 401 later (key revoked) drops the key and asks again with the hub\'s message', async () => {
    const storage = new MemoryStore();
    const { fetcher, state: hubState } = hub();
    const session = new Session(storage, fetcher);
    await session.signIn(GOOD);
    const states: string[] = [];
    session.listen((s) => states.push(s.status));

    hubState.revoked = true;
    session.refused({ status: 401, code: 'key_revoked', message: 'This API key was revoked' });

    expect(session.current()).toEqual({ status: 'needed', code: 'key_revoked', message: 'This API key was revoked' });
    expect(storage.getItem(KEY_ITEM)).toBeNull();
    expect(states).toEqual(['granted', 'needed']);
    expect(session.can('read')).toBe(false);
  });

  it('a stored key the hub no longer takes is dropped at the next check', async () => {
    const storage = new MemoryStore();
    storage.setItem(KEY_ITEM, GOOD);
    const { fetcher, state: hubState } = hub();
    hubState.revoked = true;
    const session = new Session(storage, fetcher);
    expect(await session.check()).toMatchObject({ status: 'needed', code: 'key_revoked' });
    expect(storage.getItem(KEY_ITEM)).toBeNull();
  });

  it('a 403 forbidden (a scope the key lacks) does not ask for another key', async () => {
    const storage = new MemoryStore();
    const session = new Session(storage, hub().fetcher);
    await session.signIn(READER);
    session.refused({ status: 403, code: 'forbidden', message: 'lacks the jobs scope' });
    expect(session.current()).toMatchObject({ status: 'granted' });
    expect(storage.getItem(KEY_ITEM)).toBe(READER);
    expect(asksForKey({ status: 403, code: 'forbidden' })).toBe(false);
    expect(asksForKey({ status: 403, code: 'protected_mode' })).toBe(true);
    expect(asksForKey({ status: 401, code: 'token_expired' })).toBe(true);
  });

  it('forget key signs out: the key is gone and the hub is asked again', async () => {
    const storage = new MemoryStore();
    const session = new Session(storage, hub().fetcher);
    await session.signIn(GOOD);
    expect(await session.forget()).toMatchObject({ status: 'needed', code: 'not_authenticated' });
    expect(storage.values.size).toBe(0);
  });

  it('on the hub\'s own machine needs no key', async () => {
    const local = { subject: 'local', kind: 'local', scopes: ['read', 'stream', 'jobs', 'admin'], mode: 'protected', limits: {} };
    const fetcher = vi.fn(async () => ({ ok: true, status: 200, json: async () => local }));
    const session = new Session(new MemoryStore(), fetcher);
    expect(await session.check()).toEqual({ status: 'granted', access: local, key: false });
    expect((fetcher.mock.calls[0] as unknown[])[1]).toMatchObject({ headers: { Accept: 'application/json' } });
    expect(JSON.stringify(fetcher.mock.calls[0])).not.toContain('Authorization');
  });

  it('a hub that does not answer leaves a granted tab as it was, and says so before any grant', async () => {
    const { fetcher, state: hubState } = hub();
    const session = new Session(new MemoryStore(), fetcher);
    await session.signIn(GOOD);
    hubState.down = true;
    expect(await session.check()).toMatchObject({ status: 'granted' });

    const fresh = new Session(new MemoryStore(), hub({ down: true }).fetcher);
    expect(await fresh.check()).toMatchObject({ status: 'unreachable', message: 'Could not reach the hub: Failed to fetch' });
  });
});

describe('describeAccess', () => {
  const now = Date.parse('2026-12-05T12:00:00Z');

  it('names who, what and until when', () => {
    expect(describeAccess(access('key:k3xq7m2pa9dz', ['read', 'stream']), now))
      .toEqual({ who: 'key:k3xq7m2pa9dz', scopes: 'read, stream', expires: 'does not expire' });
    expect(describeAccess(access('jwt:ana', ['read'], { kind: 'jwt', expires_at: '2026-12-05T12:20:00Z' }), now).expires)
      .toBe('expires in 20 min');
    expect(describeAccess(access('jwt:ana', ['read'], { kind: 'jwt', expires_at: '2026-12-05T17:00:00Z' }), now).expires)
      .toBe('expires in 5 h');
    expect(describeAccess(access('jwt:ana', ['read'], { kind: 'jwt', expires_at: '2027-01-01T00:00:00Z' }), now).expires)
      .toBe('expires 2027-01-01');
    expect(describeAccess(access('jwt:ana', [], { kind: 'jwt', expires_at: '2026-12-05T11:00:00Z' }), now))
      .toMatchObject({ scopes: 'nothing', expires: 'expired' });
    expect(describeAccess(access('local', ['read'], { kind: 'local' }), now).who).toBe('this machine (no key needed)');
    expect(describeAccess(access('admin-bootstrap', ['admin'], { kind: 'bootstrap' }), now).who).toBe('admin key');
  });
});

describe('withToken', () => {
  it('adds the key as ?token= to the stream address, encoded, and nothing without one', () => {
    expect(withToken('ws://hub:8080/ws?batch=1', null)).toBe('ws://hub:8080/ws?batch=1');
    expect(withToken('ws://hub:8080/ws?batch=1', 'a.b+c/d=')).toBe('ws://hub:8080/ws?batch=1&token=a.b%2Bc%2Fd%3D');
  });
});
