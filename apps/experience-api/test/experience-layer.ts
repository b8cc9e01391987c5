import { ExperienceApiModule } from '@lanegate/experience-api';
import { startTestApp, type TestApp } from '@lanegate/platform/testing';
import { ProcessApiModule } from '@lanegate/process-api';
import { SandboxModule } from '@lanegate/sandbox';
import { SystemApiModule } from '@lanegate/system-api';

/**
 * The experience layer with every layer behind it: the process and system layers and the sandbox ERP and dispatch
 * platform. One process on a free port; the layers still reach each other over HTTP, as in the embedded gateway.
 */
export function startExperienceLayer(options: { env?: Record<string, string> } = {}): Promise<TestApp> {
  return startTestApp({
    app: 'gateway',
    layers: [SandboxModule, SystemApiModule, ProcessApiModule, ExperienceApiModule],
    env: options.env,
  });
}
