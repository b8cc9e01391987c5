import { Controller, Get, Header, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';

import { LANEGATE_CONFIG, type LanegateConfig, Public, ResourceNotFoundError } from '@lanegate/platform';

import { type DashboardAsset, loadDashboardAssets } from './dashboard-assets.js';
import { devSignInEnabled } from './dev-sign-in.controller.js';

/**
 * The operations dashboard page at `/ops` and its assets. The page is public: it holds no data, and asks for an
 * `ops` token (or, in embedded development, offers a one-click sign-in) before it reads the experience API.
 */
@Controller('ops')
@ApiExcludeController()
@Public()
@SkipThrottle()
export class DashboardController {
  private readonly assets: Map<string, DashboardAsset> = loadDashboardAssets();
  private readonly page: string;

  constructor(@Inject(LANEGATE_CONFIG) config: LanegateConfig) {
    this.page = this.assets
      .get('ops.html')!
      .body.toString('utf8')
      .replace('__DEV_SIGN_IN__', String(devSignInEnabled(config)));
  }

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  @Header('content-security-policy', "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
  dashboard(): string {
    return this.page;
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    const asset = name === 'ops.html' ? undefined : this.assets.get(name);
    if (!asset) {
      throw new ResourceNotFoundError('dashboard asset', name);
    }
    void reply.header('content-type', asset.contentType).header('cache-control', 'no-cache').send(asset.body);
  }
}
