import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';

/** The few routes open without a token; everything else is closed by the global guard. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
