import { Body, Controller, Get, HttpCode, Inject, UnauthorizedException, Post } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AUTH_CONFIG, AuthConfig } from './auth.config';
import { AuthenticatedUser, CREDENTIALS_VERIFIER, CredentialsVerifier } from './authenticated-user';
import { CurrentUser } from './current-user.decorator';
import { AccessTokenDto, LoginDto } from './login.dto';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    @Inject(CREDENTIALS_VERIFIER) private readonly credentials: CredentialsVerifier,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly jwt: JwtService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiUnauthorizedResponse({ description: 'Unknown user or wrong password (the answer does not say which)' })
  async login(@Body() body: LoginDto): Promise<AccessTokenDto> {
    const user = await this.credentials.verifyCredentials(body.username, body.password);
    if (!user) throw new UnauthorizedException('Invalid username or password');
    const accessToken = await this.jwt.signAsync(
      { sub: user.userId, username: user.username, agency: user.agencyId, roles: user.roles },
      { expiresIn: this.config.tokenLifetimeSeconds, issuer: this.config.issuer, algorithm: 'HS256' },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.tokenLifetimeSeconds };
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }
}
