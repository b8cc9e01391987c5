import { runProcess } from '@lanegate/platform';

import { EXPERIENCE_API_DOCUMENT, ExperienceApiModule } from './experience-api.module.js';

await runProcess({ app: 'experience-api', layers: [ExperienceApiModule], documents: [EXPERIENCE_API_DOCUMENT] });
