import { runProcess } from '@lanegate/platform';

import { SYSTEM_API_DOCUMENT, SystemApiModule } from './system-api.module.js';

await runProcess({ app: 'system-api', layers: [SystemApiModule], documents: [SYSTEM_API_DOCUMENT] });
