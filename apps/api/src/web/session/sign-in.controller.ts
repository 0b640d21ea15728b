import { Body, Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../api-parts';
import { html } from '../html';
import { csrfField, notice } from '../layout';
import { pageContext } from '../page-context';
import { WEB_DEPS, WebDeps, formFields } from '../web-deps';
import { errorPage, redirect, sendPage } from '../web-page';
import { parseCookies, serializeCookie } from './cookies';
import { demoPeople, type DemoPerson } from './demo-people';

const OIDC_COOKIE = 'vd_oidc';

/** The origin the browser used (behind the ingress, X-Forwarded-* when trustProxy is on). */
const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

/** Where a person goes after signing in: back where they were asked to, or their role's page. */
function homeOf(person: DemoPerson, next: string | undefined): string {
  if (next && /^\/pages(\/[A-Za-z0-9._:/-]*)?$/.test(next) && !next.startsWith('//')) return next;
  if (person.roles.includes('council_member')) return '/pages/council';
  if (person.roles.includes('auditor')) return '/pages/audit';
  if (person.roles.includes('council_secretary') || person.roles.includes('publisher')) return '/pages/secretariat';
  return '/pages';
}

/**
 * Sign-in. In the embedded mode a person is picked from the demo's list and the server mints
 * their token into an HttpOnly cookie; production mode turns that off (single sign-on only).
 */
@ApiTags('pages')
@Controller('pages')
export class SignInController {
  constructor(@Inject(WEB_DEPS) private readonly deps: WebDeps) {}

  @Get('sign-in')
  @Public()
  @ApiOperation({ summary: 'Page: sign in (demo people in the embedded mode)' })
  async page(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    const { t } = ctx;
    const next = (request.query as Record<string, unknown>).next;
    const auth = this.deps.auth;
    const sso = auth.oidc
      ? html`<p><a class="button" href="/pages/sign-in/oidc${typeof next === 'string' ? `?next=${encodeURIComponent(next)}` : ''}">${t('signin.sso')}</a></p>`
      : '';
    const local = auth.localSignInAllowed
      ? html`<p>${t('signin.local')}</p>
<ul class="people">
${(await demoPeople(this.deps.store, this.deps.sql)).map(
  (p) => html`<li class="card"><form method="post" action="/pages/sign-in">
  ${csrfField(ctx)}
  <input type="hidden" name="person" value="${p.id}">
  ${typeof next === 'string' ? html`<input type="hidden" name="next" value="${next}">` : ''}
  <p><strong>${p.name}</strong><br>${p.roles.map((r) => t(`role.${r}`)).join(', ')}${p.unit ? html` · <span class="mono">${p.unit}</span>` : ''}</p>
  <button type="submit" aria-label="${t('signin.as', { name: p.name })}">${t('user.signIn')}</button>
</form></li>`,
)}
</ul>`
      : auth.oidc
        ? ''
        : notice('info', t('signin.off'));
    sendPage(reply, ctx, t('signin.title'), html`${sso}${local}`);
  }

  @Post('sign-in')
  @Public()
  @ApiOperation({ summary: 'Form: sign in as a demo person (embedded mode only)' })
  async signIn(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    const form = formFields(body);
    if (!this.deps.auth.localSignInAllowed) return errorPage(reply, ctx, 403, ctx.t('signin.off'));
    if (!this.deps.auth.checkCsrf(request, form._csrf)) return errorPage(reply, ctx, 403, ctx.t('error.csrf'));
    const person = (await demoPeople(this.deps.store, this.deps.sql)).find((p) => p.id === form.person);
    if (!person) return errorPage(reply, ctx, 404, ctx.t('error.notFound'));
    reply.header('set-cookie', await this.deps.auth.signInLocal(person));
    redirect(reply, homeOf(person, form.next));
  }

  /** Single sign-on, step 1: to the provider, with state, nonce and a PKCE challenge remembered in a signed cookie. */
  @Get('sign-in/oidc')
  @Public()
  @ApiOperation({ summary: 'Redirect: sign in with the configured OpenID Connect provider' })
  async oidcStart(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    const oidc = this.deps.auth.oidc;
    if (!oidc) return errorPage(reply, ctx, 404, ctx.t('error.notFound'));
    const next = (request.query as Record<string, unknown>).next;
    const { location, pending } = await oidc.start(originOf(request), typeof next === 'string' ? next : '');
    reply.header('set-cookie', serializeCookie(OIDC_COOKIE, pending, { maxAgeSeconds: 600, secure: this.deps.auth.secureCookies }));
    redirect(reply, location);
  }

  /** Single sign-on, step 2: the provider sends the browser back with a code; the id token becomes the session. */
  @Get('sign-in/oidc/callback')
  @Public()
  @ApiOperation({ summary: 'Redirect: the OpenID Connect callback (code exchange, id token verified with jose)' })
  async oidcCallback(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    const oidc = this.deps.auth.oidc;
    if (!oidc) return errorPage(reply, ctx, 404, ctx.t('error.notFound'));
    try {
      const done = await oidc.finish(originOf(request), request.query as Record<string, unknown>, parseCookies(request.headers.cookie)[OIDC_COOKIE]);
      reply.header('set-cookie', serializeCookie(OIDC_COOKIE, '', { maxAgeSeconds: 0, secure: this.deps.auth.secureCookies }));
      reply.header('set-cookie', this.deps.auth.oidcSessionCookie(done.idToken, done.identity.expiresAt));
      redirect(reply, homeOf({ id: done.identity.id, name: done.identity.name, roles: done.identity.roles }, done.next));
    } catch (error) {
      errorPage(reply, ctx, 401, `${ctx.t('signin.title')}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  @Post('sign-out')
  @Public()
  @ApiOperation({ summary: 'Form: sign out' })
  async signOut(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await pageContext(this.deps.auth, request, reply);
    if (!this.deps.auth.checkCsrf(request, formFields(body)._csrf)) return errorPage(reply, ctx, 403, ctx.t('error.csrf'));
    reply.header('set-cookie', this.deps.auth.signOutCookie());
    redirect(reply, '/pages');
  }
}
