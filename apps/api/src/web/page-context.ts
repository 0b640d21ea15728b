import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatDate, resolveLang, translator, type Lang, type Translate } from './i18n/i18n';
import { parseCookies } from './session/cookies';
import type { WebAuth, WebUser } from './session/web-auth';

/** What every page render needs: language, the signed-in person, the form token. */
export interface PageContext {
  lang: Lang;
  t: Translate;
  date: (iso: string | null | undefined) => string;
  user: WebUser | null;
  csrf: string;
  /** Path and query as requested, for the language switch. */
  url: string;
}

export async function pageContext(auth: WebAuth, request: FastifyRequest, reply: FastifyReply): Promise<PageContext> {
  const cookies = parseCookies(request.headers.cookie);
  const lang = resolveLang(request, reply, cookies);
  const user = await auth.user(request);
  const csrf = auth.csrfCookieFor(request);
  if (csrf.setCookie) reply.header('set-cookie', csrf.setCookie);
  return {
    lang,
    t: translator(lang),
    date: (iso) => formatDate(lang, iso),
    user,
    csrf: auth.csrfToken(csrf.value, request),
    url: request.url,
  };
}

/** The same URL with ?lang=<other>, other parameters kept. */
export function switchLangUrl(url: string, lang: Lang): string {
  const parsed = new URL(url, 'http://local');
  parsed.searchParams.set('lang', lang);
  return `${parsed.pathname}${parsed.search}`;
}
