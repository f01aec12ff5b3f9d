/** Injected time, so tests can move it. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** Minimal logger the core writes to; pino satisfies it. */
export interface CoreLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): CoreLogger;
}

/** Counters the core reports; the HTTP layer's Prometheus registry implements them. */
export interface CoreMetrics {
  orderTransition(state: string): void;
}

export const noMetrics: CoreMetrics = { orderTransition: () => {} };
