/**
 * The Content-Security-Policy the dashboard works under: its own scripts, styles and API only,
 * no inline script or style element, no framing. As helmet's `contentSecurityPolicy.directives`
 * (camelCase keys); {@link formatContentSecurityPolicy} gives the header value.
 */
export const dashboardContentSecurityPolicy: Readonly<Record<string, readonly string[]>> = Object.freeze({
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
});

/** `defaultSrc: ["'self'"]` → `default-src 'self'`, directives joined by `; `. */
export function formatContentSecurityPolicy(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
    .join('; ');
}
