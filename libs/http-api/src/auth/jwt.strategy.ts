import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { USER_ROLES, UserRole } from '@app/domain';
import { AuthenticatedUser } from './authenticated-user';
import { AUTH_CONFIG, AuthConfig } from './auth.config';

interface TokenClaims {
  sub: string;
  username: string;
  agency: string;
  roles: string[];
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(AUTH_CONFIG) config: AuthConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      issuer: config.issuer,
      algorithms: ['HS256'],
    });
  }

  validate(claims: TokenClaims): AuthenticatedUser {
    return {
      userId: claims.sub,
      username: claims.username,
      agencyId: claims.agency,
      roles: claims.roles.filter((role): role is UserRole => (USER_ROLES as readonly string[]).includes(role)),
    };
  }
}
