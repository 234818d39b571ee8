// The one internal Starlight module the copied Search component imports (Starlight declares it in
// virtual-internal.d.ts, which it does not expose to projects).
declare module 'virtual:starlight/pagefind-config' {
  export const pagefindUserConfig: Partial<
    Extract<import('@astrojs/starlight/types').StarlightConfig['pagefind'], object>
  >;
}
