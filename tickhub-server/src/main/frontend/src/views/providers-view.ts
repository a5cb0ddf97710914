// Providers and polling jobs: each provider's state and rate limit, the jobs with their
// per-symbol progress, and a form to create a job that shows the hub's validation messages.
import { api, ApiError, type JobView, type ProviderView } from '../api';
import { h, setText } from '../dom';
import * as fmt from '../format';
import type { View } from '../view';

export const REFRESH_MS = 5_000;

export class ProvidersView implements View {
  readonly title = 'Providers & jobs';

  /** @param manageJobs whether the tab's key has the `jobs` scope: without it the form and Delete are not shown */
  constructor(private readonly manageJobs = true) {}

  private timer: ReturnType<typeof setInterval> | undefined;
  private providersBody!: HTMLTableSectionElement;
  private jobsBody!: HTMLTableSectionElement;
  private providerSelect!: HTMLSelectElement;
  private errors!: HTMLElement;
  private notice!: HTMLElement;
  private form!: HTMLFormElement;
  private loadError!: HTMLElement;

  mount(root: HTMLElement): void {
    this.providersBody = h('tbody');
    this.jobsBody = h('tbody');
    this.providerSelect = h('select', { id: 'job-provider', name: 'provider' }, h('option', { value: '' }, 'Default'));
    this.errors = h('ul', { class: 'errors', id: 'job-errors', role: 'alert', hidden: true });
    this.notice = h('p', { class: 'notice', role: 'status', 'aria-live': 'polite' });
    this.loadError = h('p', { class: 'errors', role: 'alert', hidden: true });
    this.form = h('form', { class: 'job-form', id: 'job-form', novalidate: true, onsubmit: (e: Event) => this.submit(e) },
      h('label', { for: 'job-symbols' }, 'Symbols',
        h('input', { id: 'job-symbols', name: 'symbols', placeholder: 'AAPL, MSFT', autocomplete: 'off', 'aria-describedby': 'job-errors' })),
      h('label', { for: 'job-interval' }, 'Every (seconds)',
        h('input', { id: 'job-interval', name: 'interval', type: 'number', min: 1, value: 60, 'aria-describedby': 'job-errors' })),
      h('label', { for: 'job-provider' }, 'Provider', this.providerSelect),
      h('button', { type: 'submit', class: 'primary' }, 'Create job'));
    this.form.hidden = !this.manageJobs;
    const readOnly = this.manageJobs ? null
      : h('p', { class: 'muted', id: 'jobs-read-only' }, 'This key may not create or delete polling jobs: that needs the jobs scope.');

    root.append(
      h('h1', {}, 'Providers & jobs'),
      this.loadError,
      h('section', { 'aria-labelledby': 'providers-title' },
        h('h2', { id: 'providers-title' }, 'Providers'),
        h('div', { class: 'table-wrap' },
          h('table', { id: 'providers' },
            h('thead', {}, h('tr', {}, ...['Provider', 'Kind', 'State', 'Last success', 'Quotes', 'Rate limit', 'Message']
              .map((c) => h('th', { scope: 'col' }, c)))),
            this.providersBody))),
      h('section', { 'aria-labelledby': 'jobs-title' },
        h('h2', { id: 'jobs-title' }, 'Polling jobs'),
        readOnly, this.form, this.errors, this.notice,
        h('div', { class: 'table-wrap' },
          h('table', { id: 'jobs' },
            h('thead', {}, h('tr', {}, ...['Job', 'Symbols', 'Provider', 'Every', 'State', 'Progress', '']
              .map((c) => h('th', { scope: 'col' }, c)))),
            this.jobsBody))),
    );
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  unmount(): void {
    clearInterval(this.timer);
  }

  private async refresh(): Promise<void> {
    try {
      const [providers, jobs] = await Promise.all([api.providers(), api.jobs()]);
      this.loadError.hidden = true;
      this.showProviders(providers);
      this.showJobs(jobs);
    } catch (e) {
      this.loadError.hidden = false;
      // A scope this key lacks is the hub's answer, not an outage.
      setText(this.loadError, e instanceof ApiError && e.status === 403 ? (e as Error).message : `Could not reach the hub: ${(e as Error).message}`);
    }
  }

  private showProviders(providers: ProviderView[]): void {
    const now = Date.now();
    this.providersBody.replaceChildren(...providers.map((p) => h('tr', { 'data-provider': p.name },
      h('th', { scope: 'row' }, p.name),
      h('td', {}, p.kind),
      h('td', {}, h('span', { class: `badge state-${p.state}` }, p.state.replace('_', ' '))),
      h('td', {}, fmt.ago(p.lastSuccess, now)),
      h('td', { class: 'num' }, String(p.quotes)),
      h('td', {}, rateLimit(p, now)),
      h('td', { class: 'muted' }, p.lastError ?? p.message ?? ''))));
    const choices = providers.filter((p) => p.enabled && p.kind !== 'source').map((p) => p.name);
    const current = [...this.providerSelect.options].slice(1).map((o) => o.value);
    if (choices.join() !== current.join()) {
      const selected = this.providerSelect.value;
      this.providerSelect.replaceChildren(h('option', { value: '' }, 'Default'), ...choices.map((c) => h('option', { value: c }, c)));
      this.providerSelect.value = choices.includes(selected) ? selected : '';
    }
  }

  private showJobs(jobs: JobView[]): void {
    if (jobs.length === 0) {
      this.jobsBody.replaceChildren(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, this.manageJobs ? 'No jobs. Create one above.' : 'No jobs.')));
      return;
    }
    this.jobsBody.replaceChildren(...jobs.map((job) => h('tr', { 'data-job': job.id },
      h('th', { scope: 'row' }, h('code', {}, job.id)),
      h('td', {}, job.symbols.join(', ')),
      h('td', {}, job.provider),
      h('td', { class: 'num' }, `${job.interval}s`),
      h('td', {}, h('span', { class: `badge state-${job.state}` }, job.state), job.reason ? h('span', { class: 'muted' }, ` ${job.reason}`) : null),
      h('td', {}, h('ul', { class: 'progress' }, ...job.progress.map((p) => h('li', {},
        h('strong', {}, p.symbol), ` ${p.polls} polls`,
        p.lastPrice !== null ? `, ${fmt.price(p.lastPrice)}` : '',
        p.lastError ? h('span', { class: 'error-text' }, ` ${p.lastError}`) : null)))),
      h('td', {}, this.manageJobs ? h('button', {
        type: 'button', class: 'danger', 'aria-label': `Delete job ${job.id}`,
        onclick: () => void this.remove(job.id),
      }, 'Delete') : null))));
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(this.form);
    const symbols = String(data.get('symbols') ?? '').split(/[\s,]+/).filter(Boolean).map((s) => s.toUpperCase());
    const interval = Number(data.get('interval'));
    const provider = String(data.get('provider') ?? '');
    this.showErrors([]);
    try {
      // The hub validates everything; the form sends what was typed and shows its answer.
      const job = await api.createJob({ symbols, interval: Number.isFinite(interval) ? interval : 0, ...(provider ? { provider } : {}) });
      this.form.reset();
      setText(this.notice, `Created ${job.id}: ${job.symbols.join(', ')} every ${job.interval}s on ${job.provider}.`);
      await this.refresh();
    } catch (e) {
      this.showErrors(e instanceof ApiError && e.messages.length > 0 ? e.messages : [(e as Error).message]);
    }
  }

  private async remove(id: string): Promise<void> {
    try {
      await api.deleteJob(id);
      setText(this.notice, `Deleted ${id}.`);
    } catch (e) {
      setText(this.notice, `Could not delete ${id}: ${(e as Error).message}`);
    }
    await this.refresh();
  }

  private showErrors(messages: string[]): void {
    this.errors.hidden = messages.length === 0;
    this.errors.replaceChildren(...messages.map((m) => h('li', {}, m)));
    for (const name of ['symbols', 'interval', 'provider']) {
      const field = this.form.elements.namedItem(name) as HTMLElement | null;
      const invalid = messages.some((m) => m.startsWith(`${name}`) || m.includes(`.${name}`));
      if (invalid) field?.setAttribute('aria-invalid', 'true');
      else field?.removeAttribute('aria-invalid');
    }
    if (messages.length === 0) setText(this.notice, '');
  }
}

function rateLimit(p: ProviderView, now: number): string {
  const r = p.rateLimit;
  if (r.limited && r.until) return `resting, ${Math.max(0, Math.round((Date.parse(r.until) - now) / 1000))}s left`;
  if (r.permits === null) return '–';
  return `${r.available ?? '?'} of ${r.permits} per ${(r.period ?? '').replace(/^PT/, '').toLowerCase()}`;
}
