import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { isServiceErrorPayload, REFERRALS_CLIENT, ServiceError } from '@app/platform';

const REQUEST_TIMEOUT_MS = 10_000;

/** Requests to the write side over the configured transport, with a deadline and typed errors. */
@Injectable()
export class WriteSideClient {
  constructor(@Inject(REFERRALS_CLIENT) private readonly client: ClientProxy) {}

  async request<Result>(pattern: string, payload: unknown): Promise<Result> {
    try {
      return await firstValueFrom(this.client.send<Result>(pattern, payload).pipe(timeout(REQUEST_TIMEOUT_MS)));
    } catch (error) {
      if (isServiceErrorPayload(error)) throw ServiceError.from(error);
      throw new ServiceError(
        'SERVICE_UNAVAILABLE',
        error instanceof TimeoutError ? 'The referrals service did not answer in time' : 'The referrals service is not reachable',
      );
    }
  }
}
