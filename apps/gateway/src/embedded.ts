import { EXPERIENCE_API_DOCUMENT, ExperienceApiModule } from '@lanegate/experience-api';
import { PROCESS_API_DOCUMENT, ProcessApiModule } from '@lanegate/process-api';
import { SANDBOX_DOCUMENT, SandboxModule } from '@lanegate/sandbox';
import { SYSTEM_API_DOCUMENT, SystemApiModule } from '@lanegate/system-api';

import { DemoTrafficModule } from './demo/demo-traffic.module.js';

/**
 * The embedded gateway hosts every layer and the sandbox in one process, and drives the sandbox with demonstration
 * traffic. The layers still reach each other only over HTTP (to this same process), so their contracts stay honest.
 */
export const EMBEDDED_LAYERS = [
  SystemApiModule,
  ProcessApiModule,
  ExperienceApiModule,
  SandboxModule,
  DemoTrafficModule,
];

/** Published documents first; the sandbox's is served for convenience but never committed. */
export const PUBLISHED_DOCUMENTS = [SYSTEM_API_DOCUMENT, PROCESS_API_DOCUMENT, EXPERIENCE_API_DOCUMENT];
export const EMBEDDED_DOCUMENTS = [...PUBLISHED_DOCUMENTS, SANDBOX_DOCUMENT];
