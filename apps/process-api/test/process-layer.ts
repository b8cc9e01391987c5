import type { Type } from '@nestjs/common';

import { startTestApp, type TestApp } from '@lanegate/platform/testing';
import { SandboxModule } from '@lanegate/sandbox';
import { SystemApiModule } from '@lanegate/system-api';

import { ProcessApiModule } from '../src/process-api.module.js';

/**
 * The process layer with what it calls: the system layer and, behind it, the sandbox ERP and dispatch platform.
 * One process on a free port; the layers still reach each other over HTTP, as in the embedded gateway.
 */
export function startProcessLayer(
  options: { modules?: Type<unknown>[]; env?: Record<string, string> } = {},
): Promise<TestApp> {
  return startTestApp({
    app: 'gateway',
    layers: [SandboxModule, SystemApiModule, ProcessApiModule, ...(options.modules ?? [])],
    env: options.env,
  });
}
