import type { FastifyReply, FastifyRequest } from 'fastify';
import { EN } from './messages.en';
import { VI, type MessageKey } from './messages.vi';

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type { MessageKey };

const CATALOGS: Record<Lang, Record<MessageKey, string>> = { vi: VI, en: EN };
export const LANG_COOKIE = 'vd_lang';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const catalog = CATALOGS[lang];
  return (key, params) => catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

const isLang = (value: unknown): value is Lang => typeof value === 'string' && (LANGS as readonly string[]).includes(value);

/**
 * ?lang=en (or vi) wins and is remembered in a cookie; then the cookie; then Vietnamese.
 * The Accept-Language header is ignored on purpose: the default is Vietnamese for everyone.
 */
export function resolveLang(request: FastifyRequest, reply: FastifyReply, cookies: Record<string, string>): Lang {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLang(asked)) {
    if (cookies[LANG_COOKIE] !== asked) reply.header('set-cookie', `${LANG_COOKIE}=${asked}; Path=/pages; Max-Age=31536000; SameSite=Lax`);
    return asked;
  }
  return isLang(cookies[LANG_COOKIE]) ? cookies[LANG_COOKIE] : 'vi';
}

/** Dates as people read them: Vietnamese dd/mm/yyyy, English ISO date; times in Vietnam's zone. */
export function formatDate(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [y, m, d] = iso.split('-');
    return lang === 'vi' ? `${d}/${m}/${y}` : iso;
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Ho_Chi_Minh' }).format(date);
}

const STATUS_KEYS = new Set(Object.keys(VI).filter((k) => k.startsWith('status.')));

/** A dossier status or progress stage in words; an unknown code is shown as it is. */
export function statusText(t: Translate, code: string): string {
  const key = `status.${code}`;
  return STATUS_KEYS.has(key) ? t(key as MessageKey) : code;
}
