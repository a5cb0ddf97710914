// The dashboard's wiring, in the order the data flows: who the tab acts as (the key session), one
// stream connection to the hub, the live market fed by it, and the page the hash names, mounted
// into <main> (or the key prompt, while the hub wants a key).
import './style.css';
import { useCredentials } from './api';
import { type Access, type AuthState, describeAccess, Session } from './auth';
import { Market } from './market';
import { parseRoute, symbolHash, type Route } from './routes';
import { type ConnectionState, StreamClient } from './stream';
import { applyTheme, initialTheme, toggleTheme } from './theme';
import type { View } from './view';
import { KeyView } from './views/key-view';
import { ProvidersView } from './views/providers-view';
import { SymbolView } from './views/symbol-view';
import { TickersView } from './views/tickers-view';
import { Watchlist } from './watchlist';

/** How long to wait before asking a hub that did not answer who this tab is, again. */
const RECHECK_MS = 3_000;

const session = new Session(sessionStorage);
useCredentials(session);
const stream = new StreamClient({
  token: () => session.token() ?? undefined,
  // A key refused at the upgrade looks like a network error to a browser: ask the hub over REST.
  authorized: async () => (await session.check()).status !== 'needed',
});
const market = new Market(stream);
const watchlist = new Watchlist(localStorage);

const main = document.getElementById('view')!;
const indicator = document.getElementById('connection')!;
const themeButton = document.getElementById('theme')!;
const accessLine = document.getElementById('access')!;
const forgetButton = document.getElementById('forget-key')!;

applyTheme(initialTheme(), themeButton);
themeButton.addEventListener('click', () => toggleTheme(themeButton));
forgetButton.addEventListener('click', () => void session.forget());

let view: View | null = null;
let keyView: KeyView | null = null;
/** What the mounted page was built for: a new key or other scopes rebuild it. */
let grantedAs: string | null = null;
let connection: ConnectionState = { status: 'connecting', attempt: 1 };

stream.listen({
  state: (state) => {
    connection = state;
    if (state.status === 'refused') {
      session.refused({ status: 401, code: state.code === 4002 ? 'token_expired' : state.code === 4003 ? 'forbidden' : 'auth_failed',
        message: `The hub closed the live stream: ${state.reason}.` });
    }
    showConnection();
  },
});
session.listen(applyAuth);
window.addEventListener('hashchange', route);
void session.check();

function applyAuth(state: AuthState): void {
  showAccess(state);
  switch (state.status) {
    case 'checking':
      break;
    case 'unreachable':
      if (view === null) showPrompt({ status: 'needed', code: 'unreachable', message: `${state.message}. Trying again…` });
      setTimeout(() => void session.check(), RECHECK_MS);
      break;
    case 'needed':
      grantedAs = null;
      stream.stop();
      market.stop();
      showPrompt(state);
      break;
    case 'granted': {
      const as = JSON.stringify([state.access.subject, state.access.scopes, session.token()]);
      if (as === grantedAs) break; // the same grant confirmed again (the stream's check)
      grantedAs = as;
      stream.stop(); // its address carries the key: a new key needs a new connection
      if (session.can('stream')) stream.start();
      market.start();
      keyView = null;
      route();
      break;
    }
  }
  showConnection();
}

function showPrompt(state: Extract<AuthState, { status: 'needed' }>): void {
  if (keyView === null) {
    view?.unmount();
    view = null;
    main.replaceChildren();
    keyView = new KeyView(session);
    keyView.mount(main);
    document.title = `${keyView.title} · Tickhub`;
  }
  keyView.show(state);
}

function viewFor(route: Route): View {
  switch (route.page) {
    case 'symbol':
      return new SymbolView(route.symbol, route.settings, stream, market, watchlist, (settings) =>
        // Replaces the address without a hashchange: the page stays, a reload or a link restores it.
        history.replaceState(null, '', symbolHash(route.symbol, settings)));
    case 'providers':
      return new ProvidersView(session.can('jobs'));
    case 'tickers':
      return new TickersView(market, watchlist);
  }
}

function route(): void {
  if (session.current().status !== 'granted') return; // the prompt stays until a key is accepted
  const next = parseRoute(location.hash);
  view?.unmount();
  main.replaceChildren();
  view = viewFor(next);
  view.mount(main);
  document.title = `${view.title} · Tickhub`;
  for (const link of document.querySelectorAll<HTMLElement>('[data-nav]')) {
    if (link.dataset.nav === next.page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  main.focus({ preventScroll: true });
}

function showAccess(state: AuthState): void {
  forgetButton.hidden = !(state.status === 'granted' && state.key);
  accessLine.hidden = state.status !== 'granted';
  if (state.status !== 'granted') return;
  const line = describeAccess(state.access);
  accessLine.dataset.scopes = state.access.scopes.join(' ');
  accessLine.replaceChildren(
    spanOf('access-who', line.who), ' · ', spanOf('access-scopes', line.scopes), ' · ', spanOf('access-expiry', line.expires));
  accessLine.title = accessTitle(state.access);
}

function spanOf(id: string, text: string): HTMLElement {
  const span = document.createElement('span');
  span.id = id;
  span.textContent = text;
  return span;
}

function accessTitle(access: Access): string {
  return `Acting as ${access.subject} (${access.kind}); may ${access.scopes.join(', ') || 'nothing'}`
    + (access.expires_at ? `; until ${access.expires_at}` : '') + `. Hub mode: ${access.mode}.`;
}

function showConnection(): void {
  const auth = session.current();
  const state = connection;
  if (auth.status === 'needed') {
    indicator.dataset.status = 'stopped';
    indicator.textContent = 'Key needed';
    indicator.title = auth.message;
    return;
  }
  if (auth.status === 'granted' && !session.can('stream')) {
    indicator.dataset.status = 'stopped';
    indicator.textContent = 'No live stream';
    indicator.title = 'This key lacks the stream scope';
    return;
  }
  indicator.dataset.status = state.status === 'refused' ? 'stopped' : state.status;
  indicator.textContent =
    state.status === 'open' ? 'Live'
    : state.status === 'connecting' ? 'Connecting…'
    : state.status === 'reconnecting' ? `Reconnecting${state.attempt > 0 ? ` (attempt ${state.attempt})` : ''}…`
    : state.status === 'refused' ? 'Key refused'
    : auth.status === 'granted' ? 'Stopped' : 'Connecting…';
  indicator.title = state.status === 'reconnecting' || state.status === 'refused' ? state.reason : '';
}
