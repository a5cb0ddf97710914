// The key prompt: shown instead of the page when the hub wants a key (docs/dashboard.md, "Keys").
// It says why, in the hub's own words, and tries a typed key before keeping it.
import type { AuthState, Session } from '../auth';
import { h, setText } from '../dom';
import type { View } from '../view';

/** The prompt's heading for a refusal code: what happened, before the hub's own message. */
export function promptHeading(code: string): string {
  switch (code) {
    case 'auth_failed':
      return 'The hub refused this key';
    case 'token_expired':
      return 'The key has expired';
    case 'key_revoked':
      return 'The key was revoked';
    case 'forbidden':
      return 'The key may no longer do this';
    case 'protected_mode':
      return 'This hub answers only its own machine';
    case 'unreachable':
      return 'The hub did not answer';
    default:
      return 'This hub needs a key';
  }
}

export class KeyView implements View {
  readonly title = 'Key needed';
  private heading!: HTMLElement;
  private message!: HTMLElement;
  private input!: HTMLInputElement;
  private button!: HTMLButtonElement;

  constructor(private readonly session: Session) {}

  mount(root: HTMLElement): void {
    this.heading = h('h1', { id: 'key-title' });
    this.message = h('p', { id: 'key-message', class: 'key-message', role: 'alert' });
    this.input = h('input', {
      id: 'key-input', name: 'key', type: 'password', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'thk_…', 'aria-describedby': 'key-message key-help',
    });
    this.button = h('button', { type: 'submit', class: 'primary' }, 'Use key');
    root.append(h('section', { class: 'key-prompt', 'aria-labelledby': 'key-title' },
      this.heading,
      this.message,
      h('form', { id: 'key-form', class: 'key-form', novalidate: true, onsubmit: (e: Event) => void this.submit(e) },
        h('label', { for: 'key-input' }, 'API key or JWT'), this.input, this.button),
      h('p', { id: 'key-help', class: 'muted' },
        'The key is sent with every request of this tab and kept only until the tab is closed (sessionStorage) ',
        'or until you choose Forget key. The hub\'s operator creates keys with ', h('code', {}, 'bin/tickhub keys create'), '.')));
    this.input.focus();
  }

  unmount(): void {}

  /** Shows why a key is needed; keeps what was typed so a typo can be fixed. */
  show(state: Extract<AuthState, { status: 'needed' }>): void {
    setText(this.heading, promptHeading(state.code));
    setText(this.message, state.message);
    this.message.dataset.code = state.code;
    this.input.setAttribute('aria-invalid', String(state.code === 'auth_failed' || state.code === 'token_expired'));
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.button.disabled = true;
    setText(this.button, 'Checking…');
    try {
      await this.session.signIn(this.input.value);
    } finally {
      this.button.disabled = false;
      setText(this.button, 'Use key');
    }
  }
}
