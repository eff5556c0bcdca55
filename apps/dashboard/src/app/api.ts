/** An error answer of the API (RFC 9457 problem details), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(status: number, title: string, detail?: string) {
    super(detail ?? title);
    this.status = status;
    this.title = title;
  }
}

let csrfToken: string | null = null;

/** Sets the CSRF token state-changing requests carry (from the session). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on any 401 (the session ended): the app goes back to sign-in. */
let onUnauthenticated: () => void = () => undefined;

/** Registers what a 401 does. */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

/** Calls the API with the session cookie; parses JSON, throws {@link ApiError} on an error answer. */
export async function request<T>(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  options?: { quiet401?: boolean },
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new ApiError(0, 'Network error', `the server did not answer (${(error as Error).message})`);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: any;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    if (response.status === 401 && !options?.quiet401) onUnauthenticated();
    throw new ApiError(response.status, parsed?.title ?? response.statusText ?? 'Error', parsed?.detail);
  }
  return parsed as T;
}

/** `GET path` with query parameters (undefined ones left out). */
export function get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const qs = params.toString();
  return request<T>('GET', qs ? `${path}?${qs}` : path);
}

/** `POST path` with a JSON body (CSRF header added). */
export function post<T>(path: string, body: unknown = {}): Promise<T> {
  return request<T>('POST', path, body);
}

/** URL path segment, escaped. */
export const seg = (value: string): string => encodeURIComponent(value);
