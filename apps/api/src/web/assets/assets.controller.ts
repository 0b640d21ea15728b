import { Controller, Get, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { Public } from '../api-parts';
import { buildClientScript } from './client-script';
import { STYLES } from './styles';

interface Asset {
  body: string;
  type: string;
  etag: string;
}

const asset = (body: string, type: string): Asset => ({ body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` });

/** The stylesheet and the client script, served by the app itself: nothing comes from a CDN. */
@ApiTags('pages')
// Static and cheap: a page view must not cost three requests of the anonymous budget.
@SkipThrottle({ public: true })
@Controller('pages/assets')
export class AssetsController {
  private readonly script = asset(buildClientScript(), 'text/javascript; charset=utf-8');
  private readonly styles = asset(STYLES, 'text/css; charset=utf-8');

  @Get('app.js')
  @Public()
  @ApiOperation({ summary: 'The pages\' client script (the browser-side entry verifier)' })
  script_(@Res() reply: FastifyReply): void {
    this.send(reply, this.script);
  }

  @Get('app.css')
  @Public()
  @ApiOperation({ summary: 'The pages\' stylesheet (screen and print)' })
  css(@Res() reply: FastifyReply): void {
    this.send(reply, this.styles);
  }

  private send(reply: FastifyReply, a: Asset): void {
    reply.header('content-type', a.type).header('etag', a.etag).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(a.body);
  }
}
