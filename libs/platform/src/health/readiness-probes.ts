import { Injectable } from '@nestjs/common';

/** A dependency the process needs before it can serve: resolves when reachable, throws when not. */
export type ReadinessProbe = () => Promise<unknown>;

/** Dependencies registered by the modules of this process (databases, NATS, Redis), checked by `/health/ready`. */
@Injectable()
export class ReadinessProbes {
  private readonly probes = new Map<string, ReadinessProbe>();

  register(name: string, probe: ReadinessProbe): void {
    this.probes.set(name, probe);
  }

  entries(): [string, ReadinessProbe][] {
    return [...this.probes.entries()];
  }
}
