// Request guards of the local server: the per-start bearer token, the DNS-rebinding guard on `Host`, and the
// same-origin check on `Origin`. The server binds 127.0.0.1 only; these stop other local users' browsers
// and rebinding web pages from driving the engine.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 32 random bytes, base64url (43 chars). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time check of `Authorization: Bearer <token>`; the scheme name is case-insensitive (RFC 7235 §2.1). */
export function hasToken(req: IncomingMessage, token: string): boolean {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^bearer +(.*)$/i.exec(h) : null;
  if (!m) return false;
  const given = Buffer.from(m[1]!.trim(), 'utf8');
  const want = Buffer.from(token, 'utf8');
  // timingSafeEqual needs equal lengths; a length mismatch is already a refusal (the length is not secret).
  return given.length === want.length && timingSafeEqual(given, want);
}

/** Host names a browser may use to reach us; anything else is a rebinding attempt or a misdirected request. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && allowedHosts(port).includes(host.toLowerCase());
}

/** `Origin`, when present, must be this server's own origin (as addressed by the request's Host). */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = (req.headers.host ?? '').toLowerCase();
  return allowedHosts(port).includes(host) && origin.toLowerCase() === `http://${host}`;
}

/** The only hosts `startServer` may bind. */
export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost';
}
