import { runProcess } from '@lanegate/platform';

import { PROCESS_API_DOCUMENT, ProcessApiModule } from './process-api.module.js';

await runProcess({ app: 'process-api', layers: [ProcessApiModule], documents: [PROCESS_API_DOCUMENT] });
