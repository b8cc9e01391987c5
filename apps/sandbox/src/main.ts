import { runProcess } from '@lanegate/platform';

import { SANDBOX_DOCUMENT, SandboxModule } from './sandbox.module.js';

await runProcess({ app: 'sandbox', layers: [SandboxModule], documents: [SANDBOX_DOCUMENT] });
