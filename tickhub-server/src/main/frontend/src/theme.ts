// Light and dark themes: the user's choice is kept in the browser; without one, the system's.

export type Theme = 'light' | 'dark';
const KEY = 'tickhub.theme';

export function initialTheme(): Theme {
  const saved = localStorage.getItem(KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme, button: HTMLElement): void {
  document.documentElement.dataset.theme = theme;
  const other = theme === 'dark' ? 'light' : 'dark';
  button.setAttribute('aria-label', `Switch to ${other} theme`);
  button.title = `Switch to ${other} theme`;
  window.dispatchEvent(new Event('themechange'));
}

export function toggleTheme(button: HTMLElement): void {
  const next: Theme = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  localStorage.setItem(KEY, next);
  applyTheme(next, button);
}
