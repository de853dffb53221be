import { ClientProxy, CustomTransportStrategy, ReadPacket, Server, WritePacket } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';

type Handler = (data: unknown) => Promise<unknown>;

/**
 * Links the in-process client and server of the embedded deployment: message handlers registered by
 * the server, looked up by the client by pattern. Requests go through the same Nest pipeline as over
 * NATS (pattern routing, serialisable payloads), only without the network.
 */
export class InProcessBroker {
  private readonly handlers = new Map<string, Handler>();

  register(pattern: string, handler: Handler): void {
    this.handlers.set(pattern, handler);
  }

  clear(): void {
    this.handlers.clear();
  }

  async request(pattern: string, data: unknown): Promise<unknown> {
    const handler = this.handlers.get(pattern);
    if (!handler) throw new Error(`No in-process handler for pattern ${pattern}`);
    // A JSON round trip keeps the embedded mode honest: only what NATS could carry gets through.
    return handler(JSON.parse(JSON.stringify(data ?? null)));
  }
}

export class InProcessServer extends Server implements CustomTransportStrategy {
  constructor(private readonly broker: InProcessBroker) {
    super();
  }

  listen(callback: () => void): void {
    for (const [pattern, handler] of this.messageHandlers) {
      this.broker.register(pattern, async (data) => {
        const result: unknown = await handler(data, undefined);
        return isObservable(result) ? lastValueFrom(result) : result;
      });
    }
    callback();
  }

  close(): void {
    this.broker.clear();
  }

  on(): void {
    // The in-process transport has no connection events.
  }

  unwrap<T>(): T {
    return this.broker as T;
  }
}

export class InProcessClient extends ClientProxy {
  constructor(private readonly broker: InProcessBroker) {
    super();
  }

  async connect(): Promise<void> {}

  close(): void {}

  unwrap<T>(): T {
    return this.broker as T;
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const pattern = this.normalizePattern(packet.pattern as string);
    this.broker.request(pattern, packet.data).then(
      (response) => callback({ response, isDisposed: true }),
      (err: unknown) => callback({ err: serialiseError(err), isDisposed: true }),
    );
    return () => undefined;
  }

  protected async dispatchEvent<T>(packet: ReadPacket): Promise<T> {
    return (await this.broker.request(this.normalizePattern(packet.pattern as string), packet.data)) as T;
  }
}

function serialiseError(err: unknown): unknown {
  if (err instanceof Error) return { message: err.message, name: err.name, ...(err as object) };
  return err;
}
