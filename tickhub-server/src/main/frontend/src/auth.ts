// Who the dashboard acts as (docs/security.md). The hub answers `GET /api/v1/auth` with the grant of
// the request: on its own machine in protected mode that needs no key (kind `local`); elsewhere, or
// in `required` mode, the user types a key. The key is kept for this browser tab only
// (sessionStorage: gone when the tab closes, never sent by the browser on its own as a cookie
// would be), sent as `Authorization: Bearer` on REST and `?token=` on the stream, and dropped as
// soon as the hub refuses it (revoked, expired), so the prompt comes back instead of a page of errors.

export type Scope = 'read' | 'stream' | 'jobs' | 'admin';

/** The hub's answer to `GET /api/v1/auth`. */
export interface Access {
  subject: string;
  kind: 'key' | 'jwt' | 'bootstrap' | 'local' | 'anonymous';
  scopes: Scope[];
  expires_at?: string;
  mode: 'protected' | 'required' | 'open';
  limits?: Record<string, number | null>;
}

export type AuthState =
  | { status: 'checking' }
  /** The hub accepts this tab; `key` says whether a typed key is in use (else the hub's own grant). */
  | { status: 'granted'; access: Access; key: boolean }
  /** A key is needed; `message` is the hub's reason (protected mode, revoked key, wrong key…). */
  | { status: 'needed'; code: string; message: string }
  /** The hub did not answer; the dashboard retries on its own. */
  | { status: 'unreachable'; message: string };

export type SessionStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const KEY_ITEM = 'tickhub.key';

/** What `fetch` resolves to, as far as this module reads it. */
type Fetch = (path: string, init: RequestInit) => Promise<Pick<Response, 'ok' | 'status' | 'json'>>;

/** The refusal of a request, from its status and problem+json body. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

export function refusalOf(status: number, body: unknown): Refusal {
  const b = (body ?? {}) as { code?: unknown; detail?: unknown };
  return {
    status,
    code: typeof b.code === 'string' ? b.code : status === 401 ? 'not_authenticated' : 'forbidden',
    message: typeof b.detail === 'string' ? b.detail : `HTTP ${status}`,
  };
}

/** Refusals that mean "this tab needs (another) key", as opposed to a scope this key lacks. */
export function asksForKey(refusal: Pick<Refusal, 'status' | 'code'>): boolean {
  return refusal.status === 401 || (refusal.status === 403 && refusal.code === 'protected_mode');
}

export class Session {
  private state: AuthState = { status: 'checking' };
  private readonly listeners = new Set<(state: AuthState) => void>();

  constructor(
    private readonly storage: SessionStore,
    private readonly fetcher: Fetch = (path, init) => fetch(path, init),
  ) {}

  /** The key to send, or null when the tab has none (the hub's own grant, if any, applies). */
  token(): string | null {
    return this.storage.getItem(KEY_ITEM);
  }

  current(): AuthState {
    return this.state;
  }

  /** Called now with the current state and on every change, until the returned function is called. */
  listen(listener: (state: AuthState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  can(scope: Scope): boolean {
    return this.state.status === 'granted' && this.state.access.scopes.includes(scope);
  }

  /** Asks the hub who this tab is, with the stored key if any. */
  async check(): Promise<AuthState> {
    const answer = await this.whoAmI(this.token());
    if (answer.status === 'refused') {
      // A stored key the hub refuses (revoked, expired) is of no use any more.
      if (asksForKey(answer.refusal)) this.storage.removeItem(KEY_ITEM);
      this.set(needed(answer.refusal));
    } else if (answer.status === 'unreachable') {
      // A hub restarting under an open page: the grant it gave still stands until it says otherwise.
      if (this.state.status !== 'granted') this.set({ status: 'unreachable', message: answer.message });
    } else {
      this.set({ status: 'granted', access: answer.access, key: this.token() !== null });
    }
    return this.state;
  }

  /**
   * Tries a typed key. Kept only if the hub accepts it; otherwise the state stays `needed` with the
   * hub's message (e.g. "Unknown API key"), so the form can show why.
   */
  async signIn(key: string): Promise<AuthState> {
    const typed = key.trim();
    if (typed === '') {
      this.set({ status: 'needed', code: 'not_authenticated', message: 'Type an API key or a JWT.' });
      return this.state;
    }
    const answer = await this.whoAmI(typed);
    if (answer.status === 'granted') {
      this.storage.setItem(KEY_ITEM, typed);
      this.set({ status: 'granted', access: answer.access, key: true });
    } else if (answer.status === 'refused') {
      this.set(needed(answer.refusal));
    } else {
      this.set({ status: 'needed', code: 'unreachable', message: answer.message });
    }
    return this.state;
  }

  /** Forgets the key (sign out) and asks the hub again: on its own machine the tab may need none. */
  async forget(): Promise<AuthState> {
    this.storage.removeItem(KEY_ITEM);
    return this.check();
  }

  /**
   * A call was refused with 401 (or protected mode): the key was revoked or expired while the page
   * was open. The key is dropped and the prompt shown with the hub's message. A 403 `forbidden`
   * (a scope this key lacks) is not a reason to ask for another key; the caller shows it in place.
   */
  refused(refusal: Refusal): void {
    if (!asksForKey(refusal)) return;
    this.storage.removeItem(KEY_ITEM);
    this.set(needed(refusal));
  }

  private async whoAmI(token: string | null): Promise<
    | { status: 'granted'; access: Access }
    | { status: 'refused'; refusal: Refusal }
    | { status: 'unreachable'; message: string }
  > {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    let response;
    try {
      response = await this.fetcher('/api/v1/auth', { headers, cache: 'no-store' });
    } catch (e) {
      return { status: 'unreachable', message: `Could not reach the hub: ${(e as Error).message}` };
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return { status: 'granted', access: body as Access };
    if (response.status === 401 || response.status === 403) return { status: 'refused', refusal: refusalOf(response.status, body) };
    return { status: 'unreachable', message: `The hub answered HTTP ${response.status}` };
  }

  private set(state: AuthState): void {
    this.state = state;
    this.listeners.forEach((l) => l(state));
  }
}

function needed(refusal: Refusal): AuthState {
  return { status: 'needed', code: refusal.code, message: refusal.message };
}

/** The header's line about the grant: who, what it may do, until when. */
export function describeAccess(access: Access, now: number = Date.now()): { who: string; scopes: string; expires: string } {
  const who = access.kind === 'local' ? 'this machine (no key needed)'
    : access.kind === 'anonymous' ? 'anyone (open mode)'
    : access.kind === 'bootstrap' ? 'admin key'
    : access.subject;
  const scopes = access.scopes.length > 0 ? access.scopes.join(', ') : 'nothing';
  return { who, scopes, expires: expiry(access.expires_at, now) };
}

function expiry(expiresAt: string | undefined, now: number): string {
  if (!expiresAt) return 'does not expire';
  const left = Date.parse(expiresAt) - now;
  if (!Number.isFinite(left)) return `expires ${expiresAt}`;
  if (left <= 0) return 'expired';
  const minutes = Math.round(left / 60_000);
  return minutes < 60 ? `expires in ${Math.max(1, minutes)} min`
    : minutes < 48 * 60 ? `expires in ${Math.round(minutes / 60)} h`
    : `expires ${expiresAt.slice(0, 10)}`;
}

/** Adds `?token=` to a stream address, for browsers cannot set headers on WebSocket or EventSource. */
export function withToken(url: string, token: string | null): string {
  if (token === null) return url;
  const u = new URL(url);
  u.searchParams.set('token', token);
  return u.toString();
}
