// The dashboard's wiring, in the order the data flows: one stream connection to the hub, the live
// market fed by it, and the page the hash names, mounted into <main>.
import './style.css';
import { Market } from './market';
import { parseRoute, symbolHash, type Route } from './routes';
import { type ConnectionState, StreamClient } from './stream';
import { applyTheme, initialTheme, toggleTheme } from './theme';
import type { View } from './view';
import { ProvidersView } from './views/providers-view';
import { SymbolView } from './views/symbol-view';
import { TickersView } from './views/tickers-view';
import { Watchlist } from './watchlist';

const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?batch=1`;
const stream = new StreamClient(wsUrl);
const market = new Market(stream);
const watchlist = new Watchlist(localStorage);

const main = document.getElementById('view')!;
const indicator = document.getElementById('connection')!;
const themeButton = document.getElementById('theme')!;

applyTheme(initialTheme(), themeButton);
themeButton.addEventListener('click', () => toggleTheme(themeButton));

stream.listen({ state: showConnection });
market.start();
stream.start();

let view: View | null = null;

function viewFor(route: Route): View {
  switch (route.page) {
    case 'symbol':
      return new SymbolView(route.symbol, route.settings, stream, market, watchlist, (settings) =>
        // Replaces the address without a hashchange: the page stays, a reload or a link restores it.
        history.replaceState(null, '', symbolHash(route.symbol, settings)));
    case 'providers':
      return new ProvidersView();
    case 'tickers':
      return new TickersView(market, watchlist);
  }
}

function route(): void {
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

function showConnection(state: ConnectionState): void {
  indicator.dataset.status = state.status;
  indicator.textContent =
    state.status === 'open' ? 'Live'
    : state.status === 'connecting' ? 'Connecting…'
    : state.status === 'reconnecting' ? `Reconnecting${state.attempt > 0 ? ` (attempt ${state.attempt})` : ''}…`
    : 'Stopped';
  indicator.title = state.status === 'reconnecting' ? state.reason : '';
}

window.addEventListener('hashchange', route);
route();
