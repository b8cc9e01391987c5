import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';

import { ApiProblems, ApplicationError, AuthenticatedBy } from '@lanegate/platform';

import { ERP_AUTHENTICATION, ERP_BASE_PATH } from './erp-resource.decorator.js';
import { TokenRequestDto, TokenResponseDto } from './erp-oauth.dto.js';
import { ErpOAuthService } from './erp-oauth.service.js';
import { SandboxErpState } from './sandbox-erp-state.service.js';

const TOKEN_OPERATION = 'POST /oauth/token';

/** The sandbox ERP's OAuth2 token endpoint; it authenticates by the client credentials in the body. */
@Controller(ERP_BASE_PATH)
@ApiTags('sandbox ERP')
@AuthenticatedBy(ERP_AUTHENTICATION)
@SkipThrottle()
export class ErpOAuthController {
  constructor(
    private readonly oauth: ErpOAuthService,
    private readonly state: SandboxErpState,
  ) {}

  @Post('oauth/token')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Issue an access token',
    description: 'OAuth2 client-credentials grant, form-encoded or JSON. Not subject to the quota.',
  })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOkResponse({ description: 'A bearer access token.', type: TokenResponseDto })
  @ApiProblems(400, 401)
  token(@Body() request: TokenRequestDto): TokenResponseDto {
    const issued = this.oauth.issue(request.client_id, request.client_secret);
    if (!issued) {
      this.state.recordCall(TOKEN_OPERATION, 401);

      throw new ApplicationError({
        code: 'ERP_INVALID_CLIENT',
        status: 401,
        title: 'Invalid client',
        detail: 'Unknown client id or wrong client secret.',
      });
    }
    this.state.recordCall(TOKEN_OPERATION, 200);

    return { access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn };
  }
}
