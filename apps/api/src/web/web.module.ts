import { Inject, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { errorCodes } from 'fastify';
import { parse as parseQuery } from 'node:querystring';
import { ensureLedgerSchema } from '@vinhdanh/ledger';
import type { ApiModuleOptions } from '../app.module';
import { systemClock } from '../commands/clock';
import { AssetsController } from './assets/assets.controller';
import { AuditorPagesController } from './audit/auditor-pages.controller';
import { CouncilPagesController } from './council/council-pages.controller';
import { PublicPagesController } from './public/public-pages.controller';
import { SecretariatPagesController } from './clerk/secretariat-pages.controller';
import { SignInController } from './session/sign-in.controller';
import { OidcClient } from './session/oidc-client';
import { loadOidcConfig } from './session/oidc-config';
import { WebAuth } from './session/web-auth';
import { WEB_DEPS, WebDeps } from './web-deps';

/** Only the pages' forms are read as application/x-www-form-urlencoded; the JSON API stays JSON-only. */
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;.*)?$/i;
const PAGE_FORM_PATH = /^\/pages\//;

class FormParser implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly host: HttpAdapterHost) {}

  /**
   * A RegExp-keyed parser: bootstrapApi removes the string-keyed form parser after init so the
   * commands answer 415 to forms; this one answers the same 415 everywhere but under /pages/.
   */
  onModuleInit(): void {
    const fastify = this.host.httpAdapter.getInstance<FastifyInstance>();
    fastify.addContentTypeParser(FORM_TYPE, { parseAs: 'string' }, (request, body, done) => {
      if (!PAGE_FORM_PATH.test(request.url)) {
        done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(String(request.headers['content-type'])), undefined);
        return;
      }
      const parsed = parseQuery(String(body));
      // parse() returns a null-prototype object, so "__proto__" is an ordinary key: drop it.
      delete (parsed as Record<string, unknown>).__proto__;
      done(null, { ...parsed });
    });
  }
}

/**
 * The web pages (public honour list, council member, auditor, secretariat), served by the API
 * over the same stores, clock and command bus. Register it inside the API's module.
 */
@Module({})
export class WebModule {
  /** Single sign-on is read from OIDC_* in the process environment (see session/oidc-config.ts). */
  static register(options: Pick<ApiModuleOptions, 'store' | 'sql' | 'config' | 'jwtKeys' | 'clock'>): DynamicModule {
    const oidc = loadOidcConfig(process.env);
    const auth = new WebAuth(options.config, options.jwtKeys, oidc ? new OidcClient(oidc) : null);
    const deps = new WebDeps(options.store, options.sql, options.clock ?? systemClock, auth);
    return {
      module: WebModule,
      controllers: [AssetsController, PublicPagesController, SignInController, CouncilPagesController, AuditorPagesController, SecretariatPagesController],
      providers: [
        { provide: WEB_DEPS, useValue: deps },
        FormParser,
        {
          provide: 'WEB_LEDGER_SCHEMA',
          // Proof reads need the ledger's tables even before the checkpointer's first batch.
          useFactory: async () => ensureLedgerSchema(options.sql),
        },
      ],
    };
  }
}
