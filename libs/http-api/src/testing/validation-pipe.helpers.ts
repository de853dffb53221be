import { BadRequestException, Type, ValidationPipe } from '@nestjs/common';

/** The pipe exactly as the API runs it (see createValidationPipe), with Nest's default error body for inspection. */
const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });

export const accept = <T>(metatype: Type<T>, value: unknown): Promise<T> => pipe.transform(value, { type: 'body', metatype }) as Promise<T>;

/** The messages of the 400 the pipe answers with; fails the test if the pipe lets the value through. */
export async function rejection(metatype: Type<unknown>, value: unknown): Promise<string[]> {
  const outcome: unknown = await pipe.transform(value, { type: 'body', metatype }).then(
    () => 'accepted',
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(BadRequestException);
  const response = (outcome as BadRequestException).getResponse() as { statusCode: number; message: string[] };
  expect(response.statusCode).toBe(400);
  return response.message;
}

export const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
