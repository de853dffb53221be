import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AUTH_CONFIG, AuthConfig } from './auth.config';
import { AuthController } from './auth.controller';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';

/**
 * Login, the current user, and the global guard that closes every other route to requests without a
 * valid token. Credentials are checked by whatever provides CREDENTIALS_VERIFIER (the directory).
 */
@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule, JwtModule.register({ secret: config.jwtSecret })],
      controllers: [AuthController],
      providers: [{ provide: AUTH_CONFIG, useValue: config }, JwtStrategy, { provide: APP_GUARD, useClass: JwtAuthGuard }],
      exports: [AUTH_CONFIG],
    };
  }
}
