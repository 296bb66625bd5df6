// The staff portal's typed client of /api/v1/staff and /api/v1/admin: sends the session cookie, adds
// the CSRF token on writes, parses every answer with the protocol's schema and turns refusals into
// AdminApiError with the server's stable code (translated for people by errorKey).
import { ERROR_CODES, STAFF_CSRF_HEADER, type ErrorCode } from '@petakom/protocol';

const KNOWN = new Set<string>(ERROR_CODES);

/** One row-level problem a server reports with a refusal (imports, batteries). */
export interface ProblemDetail {
  line?: number;
  code?: string;
  field?: string;
  message: string;
}

export class AdminApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly problems: ProblemDetail[] = [],
    readonly locked = false,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }

  /** What a page shows for a failed call: the API's own error, or INTERNAL for anything else thrown. */
  static from(e: unknown): AdminApiError {
    return e instanceof AdminApiError ? e : new AdminApiError('INTERNAL', String(e), 0);
  }
}

/** The i18n key of an error code's message for people. */
export function errorKey(code: ErrorCode): string {
  return `admin.errors.${code}`;
}

type Fetch = typeof fetch;

/** What the client needs of a protocol schema (zod's safeParse), so the web needs no zod types. */
export interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

function asProblems(value: unknown): ProblemDetail[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((p: unknown) => {
    if (typeof p !== 'object' || p === null) return [];
    const r = p as Record<string, unknown>;
    const message = typeof r['message'] === 'string' ? r['message'] : String(r['code'] ?? '');
    return [
      {
        message,
        ...(typeof r['line'] === 'number' ? { line: r['line'] } : {}),
        ...(typeof r['code'] === 'string' ? { code: r['code'] } : {}),
        ...(typeof r['field'] === 'string' ? { field: r['field'] } : {}),
      },
    ];
  });
}

async function failureOf(res: Response): Promise<AdminApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): fall back on the status.
  }
  const error = (body as { error?: Record<string, unknown> } | null)?.error ?? {};
  const raw = error['code'];
  const code: ErrorCode =
    typeof raw === 'string' && KNOWN.has(raw)
      ? (raw as ErrorCode)
      : res.status === 401
        ? 'UNAUTHENTICATED'
        : res.status === 403
          ? 'FORBIDDEN'
          : res.status === 404
            ? 'NOT_FOUND'
            : res.status === 429
              ? 'RATE_LIMITED'
              : res.status >= 500
                ? 'UNAVAILABLE'
                : 'VALIDATION';
  const message = typeof error['message'] === 'string' ? error['message'] : res.statusText;
  return new AdminApiError(
    code,
    message,
    res.status,
    asProblems(error['problems']),
    error['locked'] === true,
  );
}

export interface Download {
  blob: Blob;
  filename: string;
}

export class AdminApi {
  /** Bound to the staff session; set from login and /me. */
  csrfToken: string | null = null;
  /** Told when the server says the session is gone, so the portal shows the login again. */
  onUnauthenticated: (() => void) | null = null;

  constructor(private readonly fetchImpl: Fetch = (input, init) => fetch(input, init)) {}

  private async call(
    method: string,
    path: string,
    init: { body?: BodyInit; json?: boolean } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET' && this.csrfToken) headers[STAFF_CSRF_HEADER] = this.csrfToken;
    if (init.json) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchImpl(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: init.body ?? null,
      });
    } catch {
      throw new AdminApiError('UNAVAILABLE', 'network', 0);
    }
    if (!res.ok) {
      const failure = await failureOf(res);
      if (failure.code === 'UNAUTHENTICATED' && !path.endsWith('/staff/session')) this.onUnauthenticated?.();
      throw failure;
    }
    return res;
  }

  private async parse<T>(res: Response, schema: Schema<T>): Promise<T> {
    const parsed = schema.safeParse(await res.json());
    if (!parsed.success) throw new AdminApiError('INTERNAL', 'unexpected answer from the server', res.status);
    return parsed.data;
  }

  async get<T>(path: string, schema: Schema<T>): Promise<T> {
    return this.parse(await this.call('GET', path), schema);
  }

  async send<T>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    schema: Schema<T>,
  ): Promise<T> {
    const res = await this.call(
      method,
      path,
      body === undefined ? {} : { body: JSON.stringify(body), json: true },
    );
    return this.parse(res, schema);
  }

  /** One file as multipart/form-data under the field `file`, as every import expects. */
  async upload<T>(path: string, file: Blob, filename: string, schema: Schema<T>): Promise<T> {
    const form = new FormData();
    form.append('file', file, filename);
    return this.parse(await this.call('POST', path, { body: form }), schema);
  }

  /** A binary export (XLSX, PDF, zip) with the file name the server proposes. */
  async download(path: string, fallbackName: string): Promise<Download> {
    const res = await this.call('GET', path);
    const disposition = res.headers.get('content-disposition') ?? '';
    const match = /filename="?([^";]+)"?/.exec(disposition);
    return { blob: await res.blob(), filename: match?.[1] ?? fallbackName };
  }
}

/** Hands a downloaded file to the browser's save dialog. */
export function saveDownload({ blob, filename }: Download): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
