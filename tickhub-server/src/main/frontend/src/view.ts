// What the router mounts: each page builds its DOM into the main element and undoes its
// subscriptions and timers when it is left.
export interface View {
  readonly title: string;
  mount(root: HTMLElement): void;
  unmount(): void;
}
